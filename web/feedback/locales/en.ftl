# PDE — the "Your opinion" form (wallet and a link's page). English.
feedback-lead = Tell us whether PDE helps you. The Paradigm team, which is testing PDE, reads every opinion.
feedback-faces = How did it go?
feedback-unhappy = Not well
feedback-neutral = So-so
feedback-happy = Well
feedback-comment = Anything to add? (optional)
feedback-hint = Do not write a name, a wallet number or a phone number.
feedback-private = Sent without cookies and without a number: nobody can tell this opinion comes from you. Only the day is kept, and the opinion is erased after { $months } months.
feedback-send = Send my opinion
feedback-sending = Sending…
feedback-pick-face = Choose a face first.
feedback-refused-name = This text seems to give a name. Take it out: opinions stay anonymous.
feedback-refused-number = This text holds a number (wallet, phone, card?). Take it out: opinions stay anonymous.
feedback-refused-email = This text holds an e-mail address. Take it out: opinions stay anonymous.
feedback-refused-long = This text is too long: { $max } characters at most.
feedback-thanks = Thank you! Your opinion was sent.
error-feedback-busy = Many opinions arrived in the last hour. Try again in { $minutes } minutes.
