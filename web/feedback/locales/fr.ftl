# PDE — le formulaire « Votre avis » (porte-documents et page d’un lien). Français : la référence.
feedback-lead = Dites-nous si PDE vous aide. L’équipe de Paradigm, qui fait l’essai de PDE, lit chaque avis.
feedback-faces = Comment ça s’est passé ?
feedback-unhappy = Pas bien
feedback-neutral = Moyen
feedback-happy = Bien
feedback-comment = Un mot de plus ? (pas obligatoire)
feedback-hint = N’écrivez aucun nom, aucun numéro de porte-documents, aucun numéro de téléphone.
feedback-private = Envoyé sans cookie et sans numéro : personne ne peut savoir que cet avis vient de vous. Seul le jour est gardé, et l’avis est effacé après { $months } mois.
feedback-send = Envoyer mon avis
feedback-sending = Envoi…
feedback-pick-face = Choisissez d’abord un visage.
feedback-refused-name = Ce texte semble donner un nom. Enlevez-le : l’avis reste anonyme.
feedback-refused-number = Ce texte contient un numéro (porte-documents, téléphone, carte ?). Enlevez-le : l’avis reste anonyme.
feedback-refused-email = Ce texte contient une adresse e-mail. Enlevez-la : l’avis reste anonyme.
feedback-refused-long = Ce texte est trop long : { $max } caractères au plus.
feedback-thanks = Merci ! Votre avis est envoyé.
error-feedback-busy = Beaucoup d’avis sont arrivés cette heure-ci. Réessayez dans { $minutes } minutes.
