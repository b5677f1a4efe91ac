slip-title = Elektronische documentenmap
slip-lead = Bewaar een kopie van uw papieren. Alleen u kunt ze openen.
slip-code = Uitnodigingscode
slip-step-scan = Scan de code met een telefoon, of ga naar { $address }.
slip-step-language = Kies uw taal.
slip-step-create = "Een documentenmap maken": kies een geheim dat u onthoudt.
slip-step-sheet = Druk de herstelsleutel af of schrijf hem op, en bewaar hem.
slip-never = PDE vraagt nooit naar uw geheim of uw herstelsleutel.
