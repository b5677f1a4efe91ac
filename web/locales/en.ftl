# PDE — English. Short, plain sentences.
language-name = English
language-direction = ltr

app-name = PDE
app-title = PDE – Electronic document wallet
skip-to-content = Skip to content
language-label = Language
choose-language-title = Choose your language
back = Back
back-to-wallet = Back to the wallet
continue = Continue
print = Print
lock = Lock
feedback = Your opinion
locked-notice = The wallet is locked.
session-ended = Your session has ended. Open your wallet again: what you were doing is kept.
save = Save
saved = Saved.
download = Download
delete = Delete
size-mb = { $size } MB

start-title = Electronic document wallet
start-lead = Keep a copy of your papers. Only you can open them.
start-transparency = What PDE keeps
announcement-from = Message from the PDE team:
announcement-never = PDE never asks for your secret or your recovery key.
start-create = Create a wallet
start-open = Open my wallet

create-title = Create a wallet
create-name-legend = How do we know you?
create-name-number = Only a number
create-name-number-hint = Anonymous. We give you a number.
create-name-pseudonym = A nickname
create-name-pseudonym-hint = A made-up name, easy to remember. Not your real name.
create-pseudonym-label = Your nickname
create-secret-legend = Your secret
create-secret-passphrase = A sentence to remember
create-secret-passphrase-hint = At least 8 characters. Safer.
create-secret-pin = A PIN code
create-secret-pin-hint = At least 4 digits. Quicker.
create-pin-warning = A PIN is easier to guess. After a few wrong tries, you must wait. A sentence protects better.
create-pin-digits-only = A PIN has only digits.
create-secret-label = Your secret
create-secret-repeat-label = Once more, to check
create-secret-mismatch = The two secrets are not the same.
create-invite-label = Invitation code
create-submit = Create
create-working = Creating… a few seconds

secret-pin-too-short = The PIN needs at least 4 digits.
secret-passphrase-too-short = The sentence needs at least 8 characters.
secret-common-pin = This PIN is too common. Choose another one.
secret-common-passphrase = This sentence is too common. Choose another one.
secret-too-long = This secret is too long (at most 128 characters).

created-title = Your wallet is ready
created-number-label = Wallet number
created-pseudonym-label = Nickname
created-keep-card = Write this number down or print this card. Keep it with your papers.
created-print-card = Print the card
created-print-sheet = Print the recovery key
my-card-title = My card
recovery-title = Your recovery key
recovery-explain = If you forget your secret, this key opens your wallet.
recovery-secret-warning = Anyone with this key can open everything. Hide it. Do not keep it with your number.
recovery-qr-label = QR code of the recovery key
recovery-kept = I have written down or printed my recovery key.

unlock-title = Open my wallet
unlock-login-label = Number or nickname
unlock-login-hint = For example: ABCD-EFGH-JKLM
unlock-offer-number = Put my number back
unlock-secret-label = Your secret
unlock-submit = Open
unlock-working = Opening…

wallet-title = My documents
wallet-count = { $count ->
    [0] No documents
    [one] { $count } document
   *[other] { $count } documents
}
wallet-quota = { $used } used of { $quota }
filter-label = Show only
filter-all = All

add-title = Add documents
add-category-label = Which paper is it?
add-choose-files = Choose files
add-take-photo = Take a photo
add-drop-hint = You can also drag files here.
add-working = Locking and sending…
add-done = Added.
add-done-pdf-kept = Added as it is: this PDF is signed or protected. Its properties may hold its author's name.
add-too-large = This file is too large. Maximum: { $max }.

document-opening = Opening the document…
document-download-only = This file cannot be shown here. You can download it.
document-damaged = Damaged document
document-edit-title = Name, dates and note
document-name-label = Name
document-category-label = Which paper is it?
document-note-label = Note (only for you)
document-issued-label = Issued on
document-expires-label = Valid until
document-dates-hint = If the paper has an end date, PDE warns you two months before.
document-expired = Expired
document-expires-in = { $days ->
    [0] Ends today
    [1] Ends tomorrow
   *[other] Ends in { $days } days
}
expiry-banner-title = Papers to renew soon:
expiry-banner-ok = Seen
add-cancel = Don't add
delete-confirm = Delete this document? It cannot come back.
delete-yes = Yes, delete
delete-no = No, keep it

category-identity = Identity
category-residence = Residence and asylum
category-medical = Health
category-social-aid = CPAS and social aid
category-income = Income and work
category-housing = Housing
category-legal = Justice
category-family = Family and personal
category-other = Other

error-network = No connection. Nothing was lost. Try again.
error-unexpected = Something did not work. Nothing was lost. Try again.
error-language-unavailable = This language could not be loaded. Check the connection and try again.
error-tampered = This document was changed or replaced. It was not opened.
error-bad-image = This picture cannot be read.
error-body-interrupted = The sending was cut. Try again.
error-body-too-large = This is too large.
error-document-exists = This document already exists.
error-document-too-large = This file is too large.
error-empty-upload = This file is empty.
error-expected-json = The request is not valid.
error-internal-error = A problem on the server. Nothing changed. Try again.
error-invalid-fields = The request is not valid.
error-invalid-login-message = The request is not valid. Try again.
error-invalid-recipient = The request is not valid.
error-invalid-registration-message = The request is not valid. Try again.
error-invalid-tag = The request is not valid.
error-invalid-wrapped-keys = The request is not valid.
error-invitation-required = You need a valid invitation code.
error-login-failed = Wrong number or secret. Check and try again.
error-malformed-json = The request is not valid.
error-malformed-request = The request is not valid.
error-metadata-empty = The request is not valid.
error-metadata-too-large = The name or note is too long.
error-method-not-allowed = This action is not possible here.
error-no-such-route = This address does not exist.
error-not-found = Not found. The document may have been deleted.
error-not-signed-in = Your session has ended. Open your wallet again.
error-number-taken = A rare problem. Start again.
error-part-out-of-range = Sending failed. Try again.
error-part-too-large = Sending failed. Try again.
error-part-wrong-size = Sending failed. Try again.
error-pseudonym-invalid = This nickname is not possible.
error-pseudonym-invalid-character = This nickname has a sign that is not allowed. Only letters, digits, space and - _ . '
error-pseudonym-looks-like-number = This nickname looks like a number. Choose another one.
error-pseudonym-no-letter = A nickname has at least one letter.
error-pseudonym-taken = This nickname is already taken. Choose another one.
error-pseudonym-too-long = This nickname is too long (at most 32 characters).
error-pseudonym-too-short = This nickname is too short (at least 3 characters).
error-quota-exceeded = Your wallet is full. Delete documents to make room.
error-registration-expired = Too much time passed. Start again.
error-server-full = The server is full. Ask the team for help.
error-deposit-busy = Other documents are still being sent through this link. Send this one once they have arrived.
error-creation-busy = Many wallets were made here in the last hour. Try again in { $minutes } minutes.
error-proof-of-work-required = The server is very busy. Try again in a moment.
error-test-wallets-disabled = This server does not accept test wallets.
error-too-many-attempts = { $minutes ->
    [one] Too many tries. Wait 1 minute, then try again.
   *[other] Too many tries. Wait { $minutes } minutes, then try again.
}
error-upload-incomplete = The sending is not complete. Try again.

unlock-forgot = I forgot my secret
error-bad-recovery-key = This recovery key is incomplete or has a mistake. Check each character.
error-grant-burned = Too many wrong PINs. This link no longer works: ask for a new one.
error-grant-expired = This link has expired. Ask for a new one.
error-grant-incomplete = This link is not ready yet. Try again in a moment.
error-grant-revoked = This link was stopped by the person who shared it.
error-grant-used-up = This link has been opened as many times as allowed.
error-wrong-pin = Wrong PIN. Try again.
error-wrong-pin-left = { $tries ->
    [one] Wrong PIN. 1 try left, then the link will be blocked.
   *[other] Wrong PIN. { $tries } tries left.
}
error-bad-link = This link is not complete. Open it again from the message or the QR code, in full.

left-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
left-hours = { $count } hours
left-days = { $count } days

wallet-share = Share documents
share-title = Share documents
share-lead = Choose what the person can see, and for how long. They will see nothing else.
share-documents-legend = Which documents?
share-no-documents = Add documents first.
share-none-chosen = Choose at least one document.
share-too-many = At most { $max } documents per link.
share-expiry-legend = For how long?
share-expiry-hour = 1 hour
share-expiry-day = 1 day
share-expiry-week = 1 week
share-expiry-days = A number of days
share-days-label = Number of days (1 to { $max })
share-days-invalid = Choose between 1 and { $max } days.
share-pin-option = Add a PIN
share-pin-hint = 4 to 8 digits. You say it aloud. It is never in the link.
share-pin-label = PIN
share-pin-invalid = A PIN has 4 to 8 digits.
share-openings-option = Limit how many times it opens
share-openings-label = Number of openings
share-openings-invalid = Choose between 1 and { $max } openings.
share-label-label = For whom? (only for you)
share-label-hint = For example: CPAS Anderlecht
share-submit = Make the link
share-working = Preparing the link…
share-ready-title = The link is ready
share-pin-tell = Say this PIN aloud:
share-link-label = The link
share-copy = Copy the link
share-copied = The link is copied.
share-print-slip = Print the slip
share-slip-title = Documents shared with PDE
share-qr-label = QR code of the link
share-valid-until = Available until { $time }
share-slip-pin = Ask the person for the PIN.

grants-title = My shares
grants-new = New share
grants-loading = Loading…
grants-empty = You have not shared anything yet.
grants-no-label = Share without a name

shared-title = Documents shared with you
shared-lead = Someone is showing you these documents. You only see what they chose.
shared-reading = Reading the link…
shared-pin-label = PIN (the person tells you)
shared-open = See the documents
shared-counted = Every opening is counted.
shared-view = View
shared-problem-title = This link does not work
shared-not-found = This link does not exist or is not complete.
error-deposit-expired = This drop-off link has expired. Ask for a new one.
error-deposit-revoked = This drop-off link was stopped by the person.
error-deposit-full = This link has received as many documents as allowed.
document-received = Received
document-photo-not-cleaned = PDE could not clean this photo (HEIC format). It may still show where and when it was taken. Before sharing it, take a screenshot or a JPEG photo instead.
document-received-explain = This document was dropped off with your drop-off link “{ $label }”. PDE cannot check who sent it.
document-received-pdf = This PDF comes from someone else. PDE cannot check what is inside. Open it only if you were expecting it.
document-received-pdf-show = Show the PDF

deposit-title = Receive documents
drop-title = Drop off documents
drop-lead = Choose the documents to send. They are locked here, for the person only.
drop-files-left = { $count ->
    [one] 1 more document possible
   *[other] { $count } more documents possible
}
drop-sent = Sent.
drop-privacy = Once sent, you can no longer see or open these documents. Only the person can.
share-notes-option = Also share my notes and the small pictures
share-notes-hint = Otherwise the person sees only the name and the document.

## Kiosk mode (public computer)
kiosk-badge = Public computer
kiosk-countdown = { $seconds ->
    [one] The wallet closes in { $seconds } second. Touch the screen to stay.
   *[other] The wallet closes in { $seconds } seconds. Touch the screen to stay.
}
kiosk-stay = I am here
kiosk-switch = I am on a public computer
kiosk-switch-hint = Nothing stays on the computer. The wallet closes by itself if you do nothing.
kiosk-is-on = Public computer mode: nothing stays here, the wallet closes by itself. Press Escape twice to close it at once.
kiosk-downloads-on = Allow downloads
kiosk-downloads-warning = A downloaded file stays on this computer. The next person could find it. Only do this on a computer you trust.
kiosk-downloads-yes = Yes, allow
kiosk-print-warning = The printer may be shared: someone else could take your pages. Go to the printer right away.

## Prepare my meeting (lock until a time)
meeting-title = Prepare my meeting
time-locked-title = Your wallet is closed
time-locked-until = Nobody can open this wallet before { $time }, not even you.
time-locked-links = The links you shared still work.
time-locked-done = Done

## End of a session on a public computer
ended-title = Session ended
ended-keys = The keys of your wallet were erased from this computer's memory.
ended-documents = The open documents were closed. Nothing is kept in this browser.
ended-server = The connection to your wallet is closed.
ended-advice = You can leave the computer. Your documents stay protected in your wallet.
ended-again = Start again

error-wallet-time-locked = This wallet is closed until the time that was chosen. Nobody can open it before then.
error-time-lock-invalid = Choose a time to come, at most 72 hours from now.

## Hidden documents
hidden-title = Hidden documents
error-hidden-unavailable = This secret can't be used for hidden documents. Choose another one.
error-secret-change-unavailable = The secret of hidden documents can't be changed here.
error-recovery-sheet-unavailable = Hidden documents have no recovery sheet.
error-recovery-key-wrong = This recovery key is not the one on your current sheet.

## Security
security-title = Security
secret-in-use = This secret can't be used. Choose another one.
sheet-pending = A new recovery sheet was made on { $made }. The old one stops on { $until }. Wasn't it you? Cancel it with the old sheet in Security.
restored-notice = The server was put back as it was on { $date }. Sharing links are stopped. Did you change your secret or recovery sheet after that day? Do it again in Security.
who-title = Who sees what?
worker-rules-title = Good to know
worker-rules-optional = PDE is never mandatory, nor is any document in it: the person chooses what they show.
worker-rules-purpose = These documents are shown to you for what you agreed with them. Do not forward them to anyone.
worker-rules-delete = If you download them, delete them as soon as you no longer need them.
slip-rules = PDE is never mandatory. Do not forward these documents; delete them after use.
neutral-title = New tab
neutral-start = Start
