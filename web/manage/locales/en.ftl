# PDE — the "Who sees what?" screen (management module, loaded on demand).
who-sees = Sees:
who-not = Does not see:
who-server = PDE's server
who-server-sees = that a wallet exists, when it was made, how many documents and their size, when they are added or opened, when your links are opened.
who-server-not = your documents, their names, your notes, your secret, your recovery key.
who-operator = The team that runs the server
who-operator-sees = what the server sees. Also: whether a wallet has hidden parts, and how many.
who-operator-not = your documents and their names: it cannot open them.
who-worker = A social worker with your link
who-worker-sees = only the documents you chose, until the time you chose. They can keep a copy.
who-worker-not = your other documents, your hidden parts.
who-computer = Someone at the same computer
who-computer-sees = what is on the screen while it is open. A rigged computer can also see your secret.
who-computer-not = your documents, once the wallet is closed, except what you downloaded or printed.
who-secret = Someone who knows your secret
who-secret-sees = your everyday documents. They can also erase the whole wallet, hidden parts included.
who-secret-not = your hidden parts, without their own secret.
who-backups = The server's backup copies
who-backups-sees = what the server sees, encrypted for the team, for { $days } days.
who-backups-not = your documents and their names. An erased wallet does not come back: if a copy is put back, it is erased again.
who-kept = If you stop opening your wallet, it is kept at least until { $date }. After that, it can be erased.
who-partner = This server notes which partner (a day centre, a service) gave the invitation slip that made your wallet. The team sees only counts per partner, and your wallet's dates are kept to the week only.
who-transparency = What PDE keeps, in detail

# The security screen (moved from the page's catalogue: only this module shows them).
security-lead = What you can do if someone may have seen or used your wallet.
security-sessions-title = A computer left open somewhere else?
security-sessions-text = Close the wallet on every other computer and phone. Here it stays open.
security-end-others = Close everywhere else
security-end-others-done = Done: the wallet is closed everywhere else.
security-secret-title = Change my secret
security-secret-text = Someone may know your secret? Choose a new one. The other computers will be closed. Your recovery key stays valid.
security-secret-current = Your current secret
security-secret-new = New secret
security-secret-hint = A phrase of at least 8 characters, or a PIN of at least 4 digits.
security-secret-end-links = Also stop all my links (shares and receiving documents)
security-secret-submit = Change my secret
security-secret-working = Changing…
security-secret-done = Done: your new secret is in place. The other computers are closed.
security-secret-links-ended = Your links are stopped.
security-sheet-title = A new recovery sheet
security-sheet-text = Sheet lost, or seen by someone? Make a new one. With your current sheet, the new one works at once. Without it, the new one works in 7 days; until then the old one still works.
security-sheet-current = The key on your current sheet (if you have it)
security-sheet-submit = Make a new sheet
security-sheet-now = Your new sheet works now. The old one no longer does.
security-sheet-later = Your new sheet will work on { $date }. Until then the old one still works.
security-sheet-cancel-title = Cancel the new sheet
security-sheet-cancel-text = A new sheet was made on { $made }. Wasn't it you? Type the key on the old sheet: the new one will never work.
security-sheet-cancel = Cancel the new sheet
security-sheet-cancelled = Done: the new sheet is cancelled. Your sheet stays the same.
security-erase-title = Close my wallet for good
security-erase-text = Everything is erased from the server: the documents, the links, the number. It can't be undone.
security-erase-start = Erase everything…
security-erase-confirm = Last check: everything will be erased for good. Type your secret to confirm.
security-erase-understood = I understand: it can't be undone.
security-erase-yes = Yes, erase everything
security-erase-no = No, keep it
security-take-title = Take my documents with me
security-take-text = A copy of all your documents: on this computer, or on a USB stick to put back later into a new wallet.
security-export = Take my documents with me
security-import = Put an archive back here

# Hidden documents, the meeting, export and import (moved from the page's catalogue: only this module shows them).
meeting-lead = First share what you want to show. Then close the wallet until after the meeting: nobody can open it before that time, not even you, not even with the recovery key. Your share links keep working.
meeting-share-first = Share documents first
meeting-hours-label = Close for how long?
meeting-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
meeting-until = Closed until { $time }
meeting-secret-label = Your secret, to confirm
meeting-lock = Close until that time
meeting-confirm = Last check: you will not be able to open your wallet before { $time }. This cannot be undone.
meeting-understood = I understand: I will not be able to open it before that time.
meeting-lock-yes = Yes, close it
meeting-lock-no = No, go back
hidden-lead = You can keep documents in a hidden part of your wallet. It opens with a different secret: type it instead of your usual secret. With the usual secret, nobody can see that hidden documents exist.
hidden-warning = Choose a secret different from your usual one. There is no recovery sheet for hidden documents: if you forget this secret, they are lost.
hidden-secret-label = The secret for hidden documents
hidden-secret-repeat = The same secret, once more
hidden-submit = Create hidden documents
hidden-done = Done. To open them: lock the wallet, then open it with this new secret.
export-title = Take my documents with me
export-zip = The documents as they are (ZIP)
export-zip-hint = Whoever has the file can read them.
export-locked = A locked archive, for a USB stick
export-locked-hint = It opens with its phrase. PDE can put it back into a new wallet.
export-own = I choose my phrase (long)
export-key-title = The archive's phrase
export-key-text = Keep this sheet away from the USB stick. Without it, the archive does not open.
export-key-noted = I printed or wrote down this phrase
export-own-label = Your phrase for the archive
export-own-hint = At least 20 characters and 4 words. Never a PIN.
export-own-weak = This phrase is too short or too simple for an archive.
export-start = Start
export-preparing = Preparing…
export-progress = { $done } of { $total }
export-save = { $count ->
    [one] Save the file
   *[other] Save part { $number } of { $count }
}
export-done = Done: your documents are copied.
export-ready = Ready: save it now.
export-damaged = Damaged documents, not copied: { $count }
export-index-title = Your documents, copied from PDE on { $date }
export-index-part = Part { $number } of { $count }
export-index-added = added on { $date }
export-index-server = What the server keeps about this wallet (locked, except the dates and sizes):
export-index-created = Created on { $date }
export-index-link = Link "{ $label }": made on { $made }, until { $until }
export-index-opened = opened on { $time }
export-index-deposit = Receiving link "{ $label }": made on { $made }, documents received: { $count }
import-title = Put an archive back
import-lead = Choose the file on your USB stick, then type its phrase.
import-file = The archive's file
import-passphrase = The archive's phrase
import-start = Put the documents back
import-done = { $count ->
    [one] Done: 1 document put back into this wallet.
   *[other] Done: { $count } documents put back into this wallet.
}
import-wrong = This phrase does not open this archive.
import-not-archive = This file is not a PDE archive, or it is damaged.
import-received = Received through a link, sender not verified: { $label }

# Recovery, deposit and grant links, the end of a wallet (moved from the page's catalogue: only this module shows them).
recover-title = Open with the recovery key
recover-lead = Type your number and the recovery key from your sheet. Then choose a new secret.
recover-key-label = Recovery key
recover-key-hint = 28 characters, for example: 7K2M-QX9D-… Dashes and spaces do not count.
recover-scan = Read the sheet's QR code
recover-scan-hint = Show the QR code of your sheet to the camera.
recover-scan-stop = Stop the camera
recover-scan-read = Key read. Now choose a new secret.
recover-scan-not-key = This QR code is not a recovery key.
recover-scan-unavailable = No camera available. Type the key.
recover-new-secret-label = New secret
recover-submit = Open and change the secret
grant-state-active = Active
grant-state-incomplete = Not finished
grant-state-expired = Expired
grant-state-revoked = Stopped
grant-state-used-up = All openings used
grant-state-burned = Blocked: too many wrong PINs
grant-time-left = { $left } left
grant-created = Made on { $time }
grant-until = until { $time }
grant-has-pin = with a PIN
grant-opened = { $count ->
    [0] Never opened
    [one] Opened once
   *[other] Opened { $count } times
}
grant-opened-of = Opened { $count } of { $max } times
grant-log = When was it opened?
grant-revoke = Stop this share
grant-revoke-confirm = Stop this share? The link stops working at once.
grant-revoke-yes = Yes, stop it
deposit-lead = Make a link so that someone (CPAS, doctor…) can drop documents into your wallet. They cannot read anything in it.
deposit-files-label = Most documents (1 to { $max })
deposit-files-invalid = Choose between 1 and { $max } documents.
deposit-links-title = My drop-off links
deposit-state-full = Full
deposit-received-count = { $count } of { $max } received
deposit-ready-explain = Give this link to the person. With it, they can send you documents, but not see yours.
deposit-slip-title = Drop off documents with PDE
erased-title = Your wallet is erased
erased-text = It is no longer on the server. This number opens nothing any more.
erased-start = Back to the start
