slip-title = Electronic document wallet
slip-lead = Keep a copy of your papers. Only you can open them.
slip-code = Invitation code
slip-step-scan = Scan the code with a phone, or go to { $address }.
slip-step-language = Choose your language.
slip-step-create = "Create a wallet": choose a secret you will remember.
slip-step-sheet = Print or write down the recovery key, and keep it.
slip-never = PDE never asks for your secret or your recovery key.
