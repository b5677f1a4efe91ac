slip-title = Porte-documents électronique
slip-lead = Gardez une copie de vos papiers. Vous seul pouvez les ouvrir.
slip-code = Code d'invitation
slip-step-scan = Scannez le code avec un téléphone, ou allez sur { $address }.
slip-step-language = Choisissez votre langue.
slip-step-create = « Créer un porte-documents » : choisissez un secret que vous retenez.
slip-step-sheet = Imprimez ou notez la clé de secours et gardez-la.
slip-never = PDE ne demande jamais votre secret ni votre clé de secours.
