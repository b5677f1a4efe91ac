# PDE — het formulier "Uw mening" (documentenmap en pagina van een link). Nederlands.
feedback-lead = Zeg ons of PDE u helpt. Het team van Paradigm, dat PDE uittest, leest elke mening.
feedback-faces = Hoe ging het?
feedback-unhappy = Niet goed
feedback-neutral = Gaat wel
feedback-happy = Goed
feedback-comment = Nog iets kwijt? (niet verplicht)
feedback-hint = Schrijf geen naam, geen nummer van een documentenmap, geen telefoonnummer.
feedback-private = Verstuurd zonder cookie en zonder nummer: niemand kan weten dat deze mening van u komt. Alleen de dag wordt bewaard, en de mening wordt na { $months } maanden gewist.
feedback-send = Mijn mening versturen
feedback-sending = Versturen…
feedback-pick-face = Kies eerst een gezicht.
feedback-refused-name = Deze tekst lijkt een naam te geven. Haal die weg: de mening blijft anoniem.
feedback-refused-number = Deze tekst bevat een nummer (documentenmap, telefoon, kaart?). Haal het weg: de mening blijft anoniem.
feedback-refused-email = Deze tekst bevat een e-mailadres. Haal het weg: de mening blijft anoniem.
feedback-refused-long = Deze tekst is te lang: hoogstens { $max } tekens.
feedback-thanks = Bedankt! Uw mening is verstuurd.
error-feedback-busy = Er zijn dit uur veel meningen binnengekomen. Probeer opnieuw over { $minutes } minuten.
