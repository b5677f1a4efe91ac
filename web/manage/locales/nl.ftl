# PDE — het scherm „Wie ziet wat?” (beheermodule, geladen wanneer nodig).
who-sees = Ziet:
who-not = Ziet niet:
who-server = De server van PDE
who-server-sees = dat een documentenmap bestaat, wanneer hij gemaakt is, hoeveel documenten en hun grootte, wanneer ze toegevoegd of geopend worden, wanneer uw links geopend worden.
who-server-not = uw documenten, hun namen, uw notities, uw geheim, uw herstelsleutel.
who-operator = Het team dat de server laat werken
who-operator-sees = wat de server ziet. Ook: of een documentenmap verborgen delen heeft, en hoeveel.
who-operator-not = uw documenten en hun namen: het kan ze niet openen.
who-worker = Een maatschappelijk werker met uw link
who-worker-sees = alleen de documenten die u koos, tot het gekozen uur. Hij kan er een kopie van houden.
who-worker-not = uw andere documenten, uw verborgen delen.
who-computer = Iemand aan dezelfde computer
who-computer-sees = wat op het scherm staat terwijl het open is. Een besmette computer kan ook uw geheim zien.
who-computer-not = uw documenten, zodra de documentenmap gesloten is, behalve wat u downloadde of afdrukte.
who-secret = Iemand die uw geheim kent
who-secret-sees = uw gewone documenten. Hij kan ook de hele documentenmap wissen, verborgen delen inbegrepen.
who-secret-not = uw verborgen delen, zonder hun eigen geheim.
who-backups = De reservekopieën van de server
who-backups-sees = wat de server ziet, versleuteld voor het team, gedurende { $days } dagen.
who-backups-not = uw documenten en hun namen. Een gewiste documentenmap komt niet terug: als een kopie wordt teruggezet, wordt hij opnieuw gewist.
who-kept = Als u uw documentenmap niet meer opent, wordt hij bewaard tot minstens { $date }. Daarna kan hij gewist worden.
who-partner = Deze server noteert welke partner (een dagcentrum, een dienst) het uitnodigingsbriefje gaf waarmee uw documentenmap gemaakt werd. Het team ziet alleen totalen per partner, en de datums van uw documentenmap worden alleen per week bewaard.
who-transparency = Wat PDE bewaart, in detail

# The security screen (moved from the page's catalogue: only this module shows them).
security-lead = Wat u kunt doen als iemand uw documentenmap heeft kunnen zien of gebruiken.
security-sessions-title = Een computer ergens anders open laten staan?
security-sessions-text = Sluit de documentenmap op alle andere computers en telefoons. Hier blijft hij open.
security-end-others = Overal elders sluiten
security-end-others-done = Klaar: de documentenmap is overal elders gesloten.
security-secret-title = Mijn geheim veranderen
security-secret-text = Kent iemand misschien uw geheim? Kies een nieuw. De andere computers worden gesloten. Uw herstelsleutel blijft geldig.
security-secret-current = Uw huidige geheim
security-secret-new = Nieuw geheim
security-secret-hint = Een zin van minstens 8 tekens, of een pincode van minstens 4 cijfers.
security-secret-end-links = Ook al mijn links stoppen (gedeelde links en documenten ontvangen)
security-secret-submit = Mijn geheim veranderen
security-secret-working = Bezig…
security-secret-done = Klaar: uw nieuwe geheim is ingesteld. De andere computers zijn gesloten.
security-secret-links-ended = Uw links zijn gestopt.
security-sheet-title = Een nieuw herstelblad
security-sheet-text = Blad kwijt, of door iemand gezien? Maak een nieuw. Met uw huidige blad werkt het nieuwe meteen. Zonder werkt het nieuwe over 7 dagen; tot dan werkt het oude nog.
security-sheet-current = De sleutel van uw huidige blad (als u het hebt)
security-sheet-submit = Een nieuw blad maken
security-sheet-now = Uw nieuwe blad werkt meteen. Het oude werkt niet meer.
security-sheet-later = Uw nieuwe blad werkt vanaf { $date }. Tot dan werkt het oude nog.
security-sheet-cancel-title = Het nieuwe blad annuleren
security-sheet-cancel-text = Op { $made } werd een nieuw blad gemaakt. Was u dat niet? Typ de sleutel van het oude blad: het nieuwe zal nooit werken.
security-sheet-cancel = Het nieuwe blad annuleren
security-sheet-cancelled = Klaar: het nieuwe blad is geannuleerd. Uw blad blijft hetzelfde.
security-erase-title = Mijn documentenmap voorgoed sluiten
security-erase-text = Alles wordt van de server gewist: de documenten, de links, het nummer. Dit kan niet ongedaan gemaakt worden.
security-erase-start = Alles wissen…
security-erase-confirm = Laatste controle: alles wordt voorgoed gewist. Typ uw geheim om te bevestigen.
security-erase-understood = Ik begrijp het: dit kan niet ongedaan gemaakt worden.
security-erase-yes = Ja, alles wissen
security-erase-no = Nee, houden
security-take-title = Mijn documenten meenemen
security-take-text = Een kopie van al uw documenten: op deze computer, of op een USB-stick om later in een nieuwe documentenmap terug te zetten.
security-export = Mijn documenten meenemen
security-import = Een archief hier terugzetten

# Hidden documents, the meeting, export and import (moved from the page's catalogue: only this module shows them).
meeting-lead = Deel eerst wat u wilt tonen. Sluit dan de documentenmap tot na de afspraak: niemand kan hem voor dat uur openen, zelfs u niet, zelfs niet met de herstelsleutel. Uw deellinks blijven werken.
meeting-share-first = Eerst documenten delen
meeting-hours-label = Hoelang sluiten?
meeting-hours = { $count ->
    [one] { $count } uur
   *[other] { $count } uur
}
meeting-until = Gesloten tot { $time }
meeting-secret-label = Uw geheim, om te bevestigen
meeting-lock = Sluiten tot dat uur
meeting-confirm = Laatste controle: u kunt uw documentenmap niet openen voor { $time }. Dit kan niet ongedaan worden.
meeting-understood = Ik begrijp het: ik kan hem niet openen voor dat uur.
meeting-lock-yes = Ja, sluiten
meeting-lock-no = Nee, terug
hidden-lead = U kunt documenten bewaren in een verborgen deel van uw documentenmap. Het opent met een ander geheim: typ het in plaats van uw gewone geheim. Met het gewone geheim kan niemand zien dat er verborgen documenten zijn.
hidden-warning = Kies een ander geheim dan uw gewone. Er is geen herstelblad voor verborgen documenten: als u dit geheim vergeet, zijn ze verloren.
hidden-secret-label = Het geheim voor verborgen documenten
hidden-secret-repeat = Hetzelfde geheim, nog een keer
hidden-submit = Verborgen documenten maken
hidden-done = Klaar. Om ze te openen: vergrendel de documentenmap en open hem met dit nieuwe geheim.
export-title = Mijn documenten meenemen
export-zip = De documenten zoals ze zijn (ZIP)
export-zip-hint = Wie het bestand heeft, kan ze lezen.
export-locked = Een gesloten archief, voor een USB-stick
export-locked-hint = Het opent met zijn zin. PDE kan het terugzetten in een nieuwe documentenmap.
export-own = Ik kies mijn zin (lang)
export-key-title = Zin van het archief
export-key-text = Bewaar dit blad ver van de USB-stick. Zonder dit blad opent het archief niet.
export-key-noted = Ik heb deze zin afgedrukt of opgeschreven
export-own-label = Uw zin voor het archief
export-own-hint = Minstens 20 tekens en 4 woorden. Nooit een pincode.
export-own-weak = Deze zin is te kort of te eenvoudig voor een archief.
export-start = Beginnen
export-preparing = Voorbereiden…
export-progress = { $done } van { $total }
export-save = { $count ->
    [one] Het bestand bewaren
   *[other] Deel { $number } van { $count } bewaren
}
export-done = Klaar: uw documenten zijn gekopieerd.
export-ready = Klaar: bewaar het nu.
export-damaged = Beschadigde documenten, niet gekopieerd: { $count }
export-index-title = Uw documenten, gekopieerd uit PDE op { $date }
export-index-part = Deel { $number } van { $count }
export-index-added = toegevoegd op { $date }
export-index-server = Wat de server over deze documentenmap bewaart (op slot, behalve de data en de groottes):
export-index-created = Aangemaakt op { $date }
export-index-link = Link "{ $label }": gemaakt op { $made }, tot { $until }
export-index-opened = geopend op { $time }
export-index-deposit = Ontvangstlink "{ $label }": gemaakt op { $made }, ontvangen documenten: { $count }
import-title = Een archief terugzetten
import-lead = Kies het bestand op uw USB-stick en typ dan zijn zin.
import-file = Het bestand van het archief
import-passphrase = De zin van het archief
import-start = De documenten terugzetten
import-done = { $count ->
    [one] Klaar: 1 document teruggezet in deze documentenmap.
   *[other] Klaar: { $count } documenten teruggezet in deze documentenmap.
}
import-wrong = Deze zin opent dit archief niet.
import-not-archive = Dit bestand is geen archief van PDE, of het is beschadigd.
import-received = Ontvangen via een link, afzender niet gecontroleerd: { $label }

# Recovery, deposit and grant links, the end of a wallet (moved from the page's catalogue: only this module shows them).
recover-title = Openen met de herstelsleutel
recover-lead = Typ uw nummer en de herstelsleutel van uw blad. Kies daarna een nieuw geheim.
recover-key-label = Herstelsleutel
recover-key-hint = 28 tekens, bijvoorbeeld: 7K2M-QX9D-… Streepjes en spaties tellen niet.
recover-scan = De QR-code van het blad lezen
recover-scan-hint = Houd de QR-code van uw blad voor de camera.
recover-scan-stop = Camera stoppen
recover-scan-read = Sleutel gelezen. Kies nu een nieuw geheim.
recover-scan-not-key = Deze QR-code is geen herstelsleutel.
recover-scan-unavailable = Geen camera beschikbaar. Typ de sleutel.
recover-new-secret-label = Nieuw geheim
recover-submit = Openen en geheim wijzigen
grant-state-active = Actief
grant-state-incomplete = Niet klaar
grant-state-expired = Verlopen
grant-state-revoked = Gestopt
grant-state-used-up = Alle keren gebruikt
grant-state-burned = Geblokkeerd: te veel verkeerde pincodes
grant-time-left = nog { $left }
grant-created = Gemaakt op { $time }
grant-until = tot { $time }
grant-has-pin = met pincode
grant-opened = { $count ->
    [0] Nooit geopend
    [one] 1 keer geopend
   *[other] { $count } keer geopend
}
grant-opened-of = { $count } van de { $max } keer geopend
grant-log = Wanneer werd hij geopend?
grant-revoke = Deze link stoppen
grant-revoke-confirm = Deze link stoppen? Hij werkt meteen niet meer.
grant-revoke-yes = Ja, stoppen
deposit-lead = Maak een link zodat iemand (OCMW, dokter…) documenten in uw documentenmap kan afgeven. Die persoon kan er niets in lezen.
deposit-files-label = Hoogstens aantal documenten (1 tot { $max })
deposit-files-invalid = Kies tussen 1 en { $max } documenten.
deposit-links-title = Mijn afgiftelinks
deposit-state-full = Vol
deposit-received-count = { $count } van { $max } ontvangen
deposit-ready-explain = Geef deze link aan de persoon. Daarmee kan die u documenten sturen, maar de uwe niet zien.
deposit-slip-title = Documenten afgeven met PDE
erased-title = Uw documentenmap is gewist
erased-text = Hij staat niet meer op de server. Dit nummer opent niets meer.
erased-start = Terug naar het begin
