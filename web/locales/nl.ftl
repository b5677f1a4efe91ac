# PDE — Nederlands. Korte, eenvoudige zinnen.
language-name = Nederlands
language-direction = ltr

app-name = PDE
app-title = PDE – Elektronische documentenmap
skip-to-content = Naar de inhoud
language-label = Taal
choose-language-title = Kies uw taal
back = Terug
back-to-wallet = Terug naar de documentenmap
continue = Verder
print = Afdrukken
lock = Vergrendelen
locked-notice = De documentenmap is vergrendeld.
session-ended = Uw sessie is afgelopen. Open uw documentenmap opnieuw: wat u aan het doen was, blijft bewaard.
save = Bewaren
saved = Bewaard.
download = Downloaden
delete = Verwijderen
size-mb = { $size } MB

start-title = Elektronische documentenmap
start-lead = Bewaar een kopie van uw papieren. Alleen u kunt ze openen.
start-create = Een documentenmap maken
start-open = Mijn documentenmap openen

create-title = Een documentenmap maken
create-name-legend = Hoe herkennen we u?
create-name-number = Alleen een nummer
create-name-number-hint = Anoniem. U krijgt een nummer.
create-name-pseudonym = Een schuilnaam
create-name-pseudonym-hint = Een verzonnen naam, makkelijk te onthouden. Niet uw echte naam.
create-pseudonym-label = Uw schuilnaam
create-secret-legend = Uw geheim
create-secret-passphrase = Een wachtzin
create-secret-passphrase-hint = Minstens 8 tekens. Veiliger.
create-secret-pin = Een pincode
create-secret-pin-hint = Minstens 4 cijfers. Sneller.
create-pin-warning = Een pincode is makkelijker te raden. Na een paar foute pogingen moet u wachten. Een wachtzin beschermt beter.
create-pin-digits-only = Een pincode heeft alleen cijfers.
create-secret-label = Uw geheim
create-secret-repeat-label = Nog een keer, ter controle
create-secret-mismatch = De twee geheimen zijn niet gelijk.
create-invite-label = Uitnodigingscode
create-submit = Maken
create-working = Bezig… enkele seconden

secret-pin-too-short = De pincode heeft minstens 4 cijfers nodig.
secret-passphrase-too-short = De wachtzin heeft minstens 8 tekens nodig.
secret-common-pin = Deze pincode is te bekend. Kies een andere.
secret-common-passphrase = Deze wachtzin is te bekend. Kies een andere.
secret-too-long = Dit geheim is te lang (hoogstens 128 tekens).

created-title = Uw documentenmap is klaar
created-number-label = Nummer van de documentenmap
created-pseudonym-label = Schuilnaam
created-keep-card = Schrijf dit nummer op of druk deze kaart af. Bewaar ze bij uw papieren.
recovery-title = Uw herstelsleutel
recovery-explain = Als u uw geheim vergeet, opent deze sleutel uw documentenmap.
recovery-secret-warning = Wie deze sleutel heeft, kan alles openen. Verberg hem. Bewaar hem niet bij uw nummer.
recovery-qr-label = QR-code van de herstelsleutel
recovery-kept = Ik heb mijn herstelsleutel opgeschreven of afgedrukt.

unlock-title = Mijn documentenmap openen
unlock-login-label = Nummer of schuilnaam
unlock-login-hint = Bijvoorbeeld: ABCD-EFGH-JKLM
unlock-secret-label = Uw geheim
unlock-submit = Openen
unlock-working = Bezig met openen…

wallet-title = Mijn documenten
wallet-count = { $count ->
    [0] Geen documenten
    [one] { $count } document
   *[other] { $count } documenten
}
wallet-quota = { $used } gebruikt van { $quota }
filter-label = Sorteren per soort document
filter-all = Alles

add-title = Documenten toevoegen
add-category-label = Soort document
add-choose-files = Bestanden kiezen
add-take-photo = Een foto nemen
add-drop-hint = U kunt ook bestanden hierheen slepen.
add-working = Versleutelen en versturen…
add-done = Toegevoegd.
add-too-large = Dit bestand is te groot. Maximum: { $max }.

document-opening = Document wordt geopend…
document-download-only = Dit bestand kan hier niet getoond worden. U kunt het downloaden.
document-damaged = Beschadigd document
document-edit-title = Naam, soort en notitie
document-name-label = Naam
document-category-label = Soort document
document-note-label = Notitie (alleen voor u)
delete-confirm = Dit document verwijderen? Het komt niet terug.
delete-yes = Ja, verwijderen
delete-no = Nee, houden

category-identity = Identiteit
category-residence = Verblijf en asiel
category-medical = Gezondheid
category-social-aid = OCMW en sociale hulp
category-income = Inkomen en werk
category-housing = Wonen
category-legal = Justitie
category-family = Familie en persoonlijk
category-other = Andere

error-network = Geen verbinding. Er is niets verloren. Probeer opnieuw.
error-unexpected = Er ging iets mis. Er is niets verloren. Probeer opnieuw.
error-tampered = Dit document werd gewijzigd of vervangen. Het werd niet geopend.
error-bad-image = Deze afbeelding kan niet gelezen worden.
error-body-interrupted = Het versturen werd onderbroken. Probeer opnieuw.
error-body-too-large = Dit is te groot.
error-document-exists = Dit document bestaat al.
error-document-too-large = Dit bestand is te groot.
error-empty-upload = Dit bestand is leeg.
error-expected-json = De aanvraag is niet geldig.
error-internal-error = Een probleem op de server. Er is niets veranderd. Probeer opnieuw.
error-invalid-fields = De aanvraag is niet geldig.
error-invalid-login-message = De aanvraag is niet geldig. Probeer opnieuw.
error-invalid-recipient = De aanvraag is niet geldig.
error-invalid-registration-message = De aanvraag is niet geldig. Probeer opnieuw.
error-invalid-tag = De aanvraag is niet geldig.
error-invalid-wrapped-keys = De aanvraag is niet geldig.
error-invitation-required = U hebt een geldige uitnodigingscode nodig.
error-login-failed = Verkeerd nummer of geheim. Controleer en probeer opnieuw.
error-malformed-json = De aanvraag is niet geldig.
error-malformed-request = De aanvraag is niet geldig.
error-metadata-empty = De aanvraag is niet geldig.
error-metadata-too-large = De naam of de notitie is te lang.
error-method-not-allowed = Deze actie kan hier niet.
error-no-such-route = Dit adres bestaat niet.
error-not-found = Niet gevonden. Het document is misschien verwijderd.
error-not-signed-in = Uw sessie is afgelopen. Open uw documentenmap opnieuw.
error-number-taken = Een zeldzaam probleem. Begin opnieuw.
error-part-out-of-range = Versturen mislukt. Probeer opnieuw.
error-part-too-large = Versturen mislukt. Probeer opnieuw.
error-part-wrong-size = Versturen mislukt. Probeer opnieuw.
error-pseudonym-invalid = Deze schuilnaam kan niet.
error-pseudonym-invalid-character = Deze schuilnaam heeft een teken dat niet mag. Alleen letters, cijfers, spatie en - _ . '
error-pseudonym-looks-like-number = Deze schuilnaam lijkt op een nummer. Kies een andere.
error-pseudonym-no-letter = Een schuilnaam heeft minstens één letter.
error-pseudonym-taken = Deze schuilnaam is al bezet. Kies een andere.
error-pseudonym-too-long = Deze schuilnaam is te lang (hoogstens 32 tekens).
error-pseudonym-too-short = Deze schuilnaam is te kort (minstens 3 tekens).
error-quota-exceeded = Uw documentenmap is vol. Verwijder documenten om plaats te maken.
error-registration-expired = Er is te veel tijd voorbij. Begin opnieuw.
error-server-full = De server is vol. Vraag het team om hulp.
error-test-wallets-disabled = Deze server aanvaardt geen testmappen.
error-too-many-attempts = { $minutes ->
    [one] Te veel pogingen. Wacht 1 minuut en probeer dan opnieuw.
   *[other] Te veel pogingen. Wacht { $minutes } minuten en probeer dan opnieuw.
}
error-upload-incomplete = Het versturen is niet volledig. Probeer opnieuw.

unlock-forgot = Ik ben mijn geheim vergeten
recover-title = Openen met de herstelsleutel
recover-lead = Typ uw nummer en de herstelsleutel van uw blad. Kies daarna een nieuw geheim.
recover-key-label = Herstelsleutel
recover-key-hint = 28 tekens, bijvoorbeeld: 7K2M-QX9D-… Streepjes en spaties tellen niet.
recover-new-secret-label = Nieuw geheim
recover-submit = Openen en geheim wijzigen
error-bad-recovery-key = Deze herstelsleutel is onvolledig of bevat een fout. Controleer elk teken.
error-grant-burned = Te veel foute pincodes. Deze link werkt niet meer: vraag een nieuwe.
error-grant-expired = Deze link is verlopen. Vraag een nieuwe.
error-grant-incomplete = Deze link is nog niet klaar. Probeer het zo opnieuw.
error-grant-revoked = Deze link werd stopgezet door wie hem deelde.
error-grant-used-up = Deze link werd zo vaak geopend als toegestaan.
error-wrong-pin = Foute pincode. Probeer opnieuw.
