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
feedback = Uw mening
locked-notice = De documentenmap is vergrendeld.
session-ended = Uw sessie is afgelopen. Open uw documentenmap opnieuw: wat u aan het doen was, blijft bewaard.
save = Bewaren
saved = Bewaard.
download = Downloaden
delete = Verwijderen
size-mb = { $size } MB

start-title = Elektronische documentenmap
start-lead = Bewaar een kopie van uw papieren. Alleen u kunt ze openen.
start-transparency = Wat PDE bewaart
announcement-from = Bericht van het PDE-team:
announcement-never = PDE vraagt u nooit naar uw geheim of uw herstelsleutel.
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
create-secret-passphrase = Een zin om te onthouden
create-secret-passphrase-hint = Minstens 8 tekens. Veiliger.
create-secret-pin = Een pincode
create-secret-pin-hint = Minstens 4 cijfers. Sneller.
create-pin-warning = Een pincode is makkelijker te raden. Na een paar foute pogingen moet u wachten. Een zin beschermt beter.
create-pin-digits-only = Een pincode heeft alleen cijfers.
create-secret-label = Uw geheim
create-secret-repeat-label = Nog een keer, ter controle
create-secret-mismatch = De twee geheimen zijn niet gelijk.
create-invite-label = Uitnodigingscode
create-submit = Maken
create-working = Bezig… enkele seconden

secret-pin-too-short = De pincode heeft minstens 4 cijfers nodig.
secret-passphrase-too-short = De zin heeft minstens 8 tekens nodig.
secret-common-pin = Deze pincode is te bekend. Kies een andere.
secret-common-passphrase = Deze zin is te bekend. Kies een andere.
secret-too-long = Dit geheim is te lang (hoogstens 128 tekens).

created-title = Uw documentenmap is klaar
created-number-label = Nummer van de documentenmap
created-pseudonym-label = Schuilnaam
created-keep-card = Schrijf dit nummer op of druk deze kaart af. Bewaar ze bij uw papieren.
created-print-card = De kaart afdrukken
created-print-sheet = De herstelsleutel afdrukken
my-card-title = Mijn kaart
recovery-title = Uw herstelsleutel
recovery-explain = Als u uw geheim vergeet, opent deze sleutel uw documentenmap.
recovery-secret-warning = Wie deze sleutel heeft, kan alles openen. Verberg hem. Bewaar hem niet bij uw nummer.
recovery-qr-label = QR-code van de herstelsleutel
recovery-kept = Ik heb mijn herstelsleutel opgeschreven of afgedrukt.

unlock-title = Mijn documentenmap openen
unlock-login-label = Nummer of schuilnaam
unlock-login-hint = Bijvoorbeeld: ABCD-EFGH-JKLM
unlock-offer-number = Mijn nummer terugzetten
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
filter-label = Alleen tonen
filter-all = Alles

add-title = Documenten toevoegen
add-category-label = Welk papier is het?
add-choose-files = Bestanden kiezen
add-take-photo = Een foto nemen
add-drop-hint = U kunt ook bestanden hierheen slepen.
add-working = Op slot doen en versturen…
add-done = Toegevoegd.
add-done-pdf-kept = Toegevoegd zoals het is: deze pdf is ondertekend of beveiligd. De eigenschappen kunnen de naam van de maker bevatten.
add-too-large = Dit bestand is te groot. Maximum: { $max }.

document-opening = Document wordt geopend…
document-download-only = Dit bestand kan hier niet getoond worden. U kunt het downloaden.
document-damaged = Beschadigd document
document-edit-title = Naam, data en notitie
document-name-label = Naam
document-category-label = Welk papier is het?
document-note-label = Notitie (alleen voor u)
document-issued-label = Afgegeven op
document-expires-label = Geldig tot
document-dates-hint = Als het papier een einddatum heeft, waarschuwt PDE u twee maanden vooraf.
document-expired = Verlopen
document-expires-in = { $days ->
    [0] Verloopt vandaag
    [1] Verloopt morgen
   *[other] Verloopt over { $days } dagen
}
expiry-banner-title = Papieren die u binnenkort moet vernieuwen:
expiry-banner-ok = Gezien
add-cancel = Niet toevoegen
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
error-language-unavailable = Deze taal kon niet worden geladen. Controleer de verbinding en probeer opnieuw.
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
error-deposit-busy = Er worden nog documenten via deze link verstuurd. Stuur dit document wanneer ze aangekomen zijn.
error-creation-busy = Er zijn dit uur veel documentenmappen aangemaakt. Probeer opnieuw over { $minutes } minuten.
error-proof-of-work-required = De server is erg druk. Probeer het zo meteen opnieuw.
error-test-wallets-disabled = Deze server aanvaardt geen testmappen.
error-too-many-attempts = { $minutes ->
    [one] Te veel pogingen. Wacht 1 minuut en probeer dan opnieuw.
   *[other] Te veel pogingen. Wacht { $minutes } minuten en probeer dan opnieuw.
}
error-upload-incomplete = Het versturen is niet volledig. Probeer opnieuw.

unlock-forgot = Ik ben mijn geheim vergeten
error-bad-recovery-key = Deze herstelsleutel is onvolledig of bevat een fout. Controleer elk teken.
error-grant-burned = Te veel foute pincodes. Deze link werkt niet meer: vraag een nieuwe.
error-grant-expired = Deze link is verlopen. Vraag een nieuwe.
error-grant-incomplete = Deze link is nog niet klaar. Probeer het zo opnieuw.
error-grant-revoked = Deze link werd stopgezet door wie hem deelde.
error-grant-used-up = Deze link werd zo vaak geopend als toegestaan.
error-wrong-pin = Foute pincode. Probeer opnieuw.
error-wrong-pin-left = { $tries ->
    [one] Verkeerde pincode. Nog 1 poging, daarna wordt de link geblokkeerd.
   *[other] Verkeerde pincode. Nog { $tries } pogingen.
}
error-bad-link = Deze link is niet volledig. Open hem opnieuw vanuit het bericht of de QR-code, helemaal.

left-minutes = { $count ->
    [one] 1 minuut
   *[other] { $count } minuten
}
left-hours = { $count } uur
left-days = { $count } dagen

wallet-share = Documenten delen
share-title = Documenten delen
share-lead = Kies wat de persoon mag zien, en hoe lang. Hij of zij ziet niets anders.
share-documents-legend = Welke documenten?
share-no-documents = Voeg eerst documenten toe.
share-none-chosen = Kies minstens één document.
share-too-many = Hoogstens { $max } documenten per link.
share-expiry-legend = Hoe lang?
share-expiry-hour = 1 uur
share-expiry-day = 1 dag
share-expiry-week = 1 week
share-expiry-days = Een aantal dagen
share-days-label = Aantal dagen (1 tot { $max })
share-days-invalid = Kies tussen 1 en { $max } dagen.
share-pin-option = Een pincode toevoegen
share-pin-hint = 4 tot 8 cijfers. U zegt hem hardop. Hij staat nooit in de link.
share-pin-label = Pincode
share-pin-invalid = Een pincode heeft 4 tot 8 cijfers.
share-openings-option = Het aantal keer openen beperken
share-openings-label = Aantal keer openen
share-openings-invalid = Kies tussen 1 en { $max } keer.
share-label-label = Voor wie? (alleen voor u)
share-label-hint = Bijvoorbeeld: OCMW Anderlecht
share-submit = De link maken
share-working = De link wordt klaargemaakt…
share-ready-title = De link is klaar
share-pin-tell = Zeg deze pincode hardop:
share-link-label = De link
share-copy = De link kopiëren
share-copied = De link is gekopieerd.
share-print-slip = Het briefje afdrukken
share-slip-title = Documenten gedeeld met PDE
share-qr-label = QR-code van de link
share-valid-until = Beschikbaar tot { $time }
share-slip-pin = Vraag de pincode aan de persoon.

grants-title = Mijn gedeelde links
grants-new = Nieuwe link
grants-loading = Laden…
grants-empty = U hebt nog niets gedeeld.
grants-no-label = Link zonder naam

shared-title = Documenten met u gedeeld
shared-lead = Iemand toont u deze documenten. U ziet alleen wat die persoon koos.
shared-reading = De link wordt gelezen…
shared-pin-label = Pincode (de persoon zegt hem)
shared-open = De documenten bekijken
shared-counted = Elke keer openen wordt geteld.
shared-view = Bekijken
shared-problem-title = Deze link werkt niet
shared-not-found = Deze link bestaat niet of is niet volledig.
error-deposit-expired = Deze afgiftelink is verlopen. Vraag een nieuwe.
error-deposit-revoked = Deze afgiftelink werd door de persoon gestopt.
error-deposit-full = Deze link heeft zoveel documenten ontvangen als toegelaten.
document-received = Ontvangen
document-photo-not-cleaned = PDE kon deze foto niet opschonen (HEIC-formaat). Ze kan nog tonen waar en wanneer ze genomen werd. Maak liever een schermafbeelding of een JPEG-foto voor u ze deelt.
document-received-explain = Dit document werd afgegeven met uw afgiftelink “{ $label }”. PDE kan niet nagaan wie het stuurde.
document-received-pdf = Deze pdf komt van iemand anders. PDE kan niet nagaan wat erin zit. Open hem alleen als u hem verwachtte.
document-received-pdf-show = De pdf tonen

deposit-title = Documenten ontvangen
drop-title = Documenten afgeven
drop-lead = Kies de documenten om te sturen. Ze gaan hier op slot, alleen voor de persoon.
drop-files-left = { $count ->
    [one] nog 1 document mogelijk
   *[other] nog { $count } documenten mogelijk
}
drop-sent = Verstuurd.
drop-privacy = Na het versturen kunt u deze documenten niet meer zien of openen. Alleen de persoon kan dat.
share-notes-option = Ook mijn notities en de kleine afbeeldingen delen
share-notes-hint = Anders ziet de persoon alleen de naam en het document.

## Kioskmodus (openbare computer)
kiosk-badge = Openbare computer
kiosk-countdown = { $seconds ->
    [one] De documentenmap sluit over { $seconds } seconde. Raak het scherm aan om te blijven.
   *[other] De documentenmap sluit over { $seconds } seconden. Raak het scherm aan om te blijven.
}
kiosk-stay = Ik ben hier
kiosk-switch = Ik zit aan een openbare computer
kiosk-switch-hint = Er blijft niets op de computer. De documentenmap sluit vanzelf als u niets doet.
kiosk-is-on = Modus openbare computer: er blijft hier niets, de documentenmap sluit vanzelf. Twee keer Escape sluit hem meteen.
kiosk-downloads-on = Downloaden toestaan
kiosk-downloads-warning = Een gedownload bestand blijft op deze computer. De volgende persoon kan het vinden. Doe dit alleen op een computer die u vertrouwt.
kiosk-downloads-yes = Ja, toestaan
kiosk-print-warning = De printer is misschien gedeeld: iemand anders kan uw pagina's meenemen. Ga meteen naar de printer.

## Mijn afspraak voorbereiden (slot tot een tijdstip)
meeting-title = Mijn afspraak voorbereiden
time-locked-title = Uw documentenmap is gesloten
time-locked-until = Niemand kan deze documentenmap openen voor { $time }, zelfs u niet.
time-locked-links = De links die u deelde, werken nog.
time-locked-done = Klaar

## Einde van een sessie op een openbare computer
ended-title = Sessie beëindigd
ended-keys = De sleutels van uw documentenmap zijn gewist uit het geheugen van deze computer.
ended-documents = De open documenten zijn gesloten. Er blijft niets in deze browser.
ended-server = De verbinding met uw documentenmap is gesloten.
ended-advice = U kunt de computer verlaten. Uw documenten blijven beschermd in uw documentenmap.
ended-again = Opnieuw beginnen

error-wallet-time-locked = Deze documentenmap is gesloten tot het gekozen uur. Niemand kan hem eerder openen.
error-time-lock-invalid = Kies een uur in de toekomst, hoogstens 72 uur van nu.

## Verborgen documenten
hidden-title = Verborgen documenten
error-hidden-unavailable = Dit geheim kan niet dienen voor verborgen documenten. Kies een ander.
error-secret-change-unavailable = Het geheim van verborgen documenten kan hier niet veranderd worden.
error-recovery-sheet-unavailable = Verborgen documenten hebben geen herstelblad.
error-recovery-key-wrong = Deze herstelsleutel is niet die van uw huidige blad.

## Veiligheid
security-title = Veiligheid
secret-in-use = Dit geheim kan niet gebruikt worden. Kies een ander.
sheet-pending = Op { $made } werd een nieuw herstelblad gemaakt. Het oude stopt op { $until }. Was u dat niet? Annuleer het met het oude blad in Veiligheid.
restored-notice = De server werd teruggezet zoals hij was op { $date }. De deellinks zijn gestopt. Hebt u na die dag uw geheim of herstelblad veranderd? Doe het opnieuw in Veiligheid.
who-title = Wie ziet wat?
worker-rules-title = Goed om te weten
worker-rules-optional = PDE is nooit verplicht, en geen enkel document erin: de persoon kiest wat hij toont.
worker-rules-purpose = Deze documenten worden u getoond voor wat u met hem afsprak. Stuur ze aan niemand door.
worker-rules-delete = Als u ze downloadt, wis ze zodra u ze niet meer nodig hebt.
slip-rules = PDE is nooit verplicht. Stuur deze documenten niet door; wis ze na gebruik.
neutral-title = Nieuw tabblad
neutral-start = Beginnen
