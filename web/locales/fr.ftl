# PDE — français (langue de référence). Phrases courtes et simples.
language-name = Français
language-direction = ltr

app-name = PDE
app-title = PDE – Porte-documents électronique
skip-to-content = Aller au contenu
language-label = Langue
choose-language-title = Choisissez votre langue
back = Retour
back-to-wallet = Retour au porte-documents
continue = Continuer
print = Imprimer
lock = Verrouiller
feedback = Votre avis
locked-notice = Le porte-documents est verrouillé.
session-ended = Votre session est terminée. Ouvrez à nouveau votre porte-documents : ce que vous faisiez est gardé.
save = Enregistrer
saved = C'est enregistré.
download = Télécharger
delete = Supprimer
size-mb = { $size } Mo

start-title = Porte-documents électronique
start-lead = Gardez une copie de vos papiers. Vous seul pouvez les ouvrir.
start-transparency = Ce que PDE garde
announcement-from = Message de l’équipe de PDE :
announcement-never = PDE ne vous demande jamais votre secret ni votre clé de secours.
start-create = Créer un porte-documents
start-open = Ouvrir mon porte-documents

create-title = Créer un porte-documents
create-name-legend = Comment vous reconnaître ?
create-name-number = Seulement un numéro
create-name-number-hint = Anonyme. Nous vous donnons un numéro.
create-name-pseudonym = Un pseudo
create-name-pseudonym-hint = Un nom inventé, facile à retenir. Pas votre vrai nom.
create-pseudonym-label = Votre pseudo
create-secret-legend = Votre secret
create-secret-passphrase = Une phrase à retenir
create-secret-passphrase-hint = Au moins 8 signes. Plus sûr.
create-secret-pin = Un code PIN
create-secret-pin-hint = Au moins 4 chiffres. Plus rapide.
create-pin-warning = Un code PIN est plus facile à deviner. Après quelques essais faux, il faut attendre. Une phrase protège mieux.
create-pin-digits-only = Un code PIN contient seulement des chiffres.
create-secret-label = Votre secret
create-secret-repeat-label = Encore une fois, pour vérifier
create-secret-mismatch = Les deux secrets ne sont pas pareils.
create-invite-label = Code d'invitation
create-submit = Créer
create-working = Création… quelques secondes

secret-pin-too-short = Le code PIN doit avoir au moins 4 chiffres.
secret-passphrase-too-short = La phrase doit avoir au moins 8 signes.
secret-common-pin = Ce code PIN est trop connu. Choisissez-en un autre.
secret-common-passphrase = Cette phrase est trop connue. Choisissez-en une autre.
secret-too-long = Ce secret est trop long (128 signes au plus).

created-title = Votre porte-documents est prêt
created-number-label = Numéro du porte-documents
created-pseudonym-label = Pseudo
created-keep-card = Notez ce numéro ou imprimez cette carte. Gardez-la avec vos papiers.
created-print-card = Imprimer la carte
created-print-sheet = Imprimer la clé de secours
my-card-title = Ma carte
recovery-title = Votre clé de secours
recovery-explain = Si vous oubliez votre secret, cette clé ouvre votre porte-documents.
recovery-secret-warning = Qui a cette clé peut tout ouvrir. Cachez-la. Ne la gardez pas avec votre numéro.
recovery-qr-label = Code QR de la clé de secours
recovery-kept = J'ai noté ou imprimé ma clé de secours.

unlock-title = Ouvrir mon porte-documents
unlock-login-label = Numéro ou pseudo
unlock-login-hint = Par exemple : ABCD-EFGH-JKLM
unlock-offer-number = Remettre mon numéro
unlock-secret-label = Votre secret
unlock-submit = Ouvrir
unlock-working = Ouverture…

wallet-title = Mes documents
wallet-count = { $count ->
    [0] Aucun document
    [one] { $count } document
   *[other] { $count } documents
}
wallet-quota = { $used } utilisés sur { $quota }
filter-label = Montrer seulement
filter-all = Tout

add-title = Ajouter des documents
add-category-label = C'est quel papier ?
add-choose-files = Choisir des fichiers
add-take-photo = Prendre une photo
add-drop-hint = Vous pouvez aussi glisser des fichiers ici.
add-working = Mise sous clé et envoi…
add-done = Ajouté.
add-done-pdf-kept = Ajouté tel quel : ce PDF est signé ou protégé. Ses propriétés peuvent contenir le nom de son auteur.
add-too-large = Ce fichier est trop grand. Maximum : { $max }.

document-opening = Ouverture du document…
document-download-only = Ce fichier ne peut pas être montré ici. Vous pouvez le télécharger.
document-damaged = Document abîmé
document-edit-title = Nom, dates et note
document-name-label = Nom
document-category-label = C'est quel papier ?
document-note-label = Note (seulement pour vous)
document-issued-label = Délivré le
document-expires-label = Valable jusqu'au
document-dates-hint = Si le papier a une fin, PDE vous prévient deux mois avant.
document-expired = Périmé
document-expires-in = { $days ->
    [0] Fin aujourd'hui
    [1] Fin demain
   *[other] Fin dans { $days } jours
}
expiry-banner-title = Papiers à renouveler bientôt :
expiry-banner-ok = J'ai vu
add-cancel = Ne pas ajouter
delete-confirm = Supprimer ce document ? Il ne pourra pas revenir.
delete-yes = Oui, supprimer
delete-no = Non, garder

category-identity = Identité
category-residence = Séjour et asile
category-medical = Santé
category-social-aid = CPAS et aide sociale
category-income = Revenus et travail
category-housing = Logement
category-legal = Justice
category-family = Famille et personnel
category-other = Autre

error-network = Pas de connexion. Rien n'a été perdu. Réessayez.
error-unexpected = Quelque chose n'a pas marché. Rien n'a été perdu. Réessayez.
error-language-unavailable = Cette langue n'a pas pu être chargée. Vérifiez la connexion et réessayez.
error-tampered = Ce document a été modifié ou remplacé. Il n'est pas ouvert.
error-bad-image = Cette image ne peut pas être lue.
error-body-interrupted = L'envoi a été coupé. Réessayez.
error-body-too-large = C'est trop grand.
error-document-exists = Ce document existe déjà.
error-document-too-large = Ce fichier est trop grand.
error-empty-upload = Ce fichier est vide.
error-expected-json = La demande n'est pas valable.
error-internal-error = Problème sur le serveur. Rien n'a changé. Réessayez.
error-invalid-fields = La demande n'est pas valable.
error-invalid-login-message = La demande n'est pas valable. Réessayez.
error-invalid-recipient = La demande n'est pas valable.
error-invalid-registration-message = La demande n'est pas valable. Réessayez.
error-invalid-tag = La demande n'est pas valable.
error-invalid-wrapped-keys = La demande n'est pas valable.
error-invitation-required = Il faut un code d'invitation valable.
error-login-failed = Numéro ou secret faux. Vérifiez et réessayez.
error-malformed-json = La demande n'est pas valable.
error-malformed-request = La demande n'est pas valable.
error-metadata-empty = La demande n'est pas valable.
error-metadata-too-large = Le nom ou la note est trop long.
error-method-not-allowed = Cette action n'est pas possible ici.
error-no-such-route = Cette adresse n'existe pas.
error-not-found = Introuvable. Le document a peut-être été supprimé.
error-not-signed-in = Votre session est terminée. Ouvrez à nouveau votre porte-documents.
error-number-taken = Un problème rare. Recommencez.
error-part-out-of-range = L'envoi a échoué. Réessayez.
error-part-too-large = L'envoi a échoué. Réessayez.
error-part-wrong-size = L'envoi a échoué. Réessayez.
error-pseudonym-invalid = Ce pseudo n'est pas possible.
error-pseudonym-invalid-character = Ce pseudo contient un signe interdit. Lettres, chiffres, espace et - _ . ' seulement.
error-pseudonym-looks-like-number = Ce pseudo ressemble à un numéro. Choisissez un autre.
error-pseudonym-no-letter = Un pseudo contient au moins une lettre.
error-pseudonym-taken = Ce pseudo est déjà pris. Choisissez-en un autre.
error-pseudonym-too-long = Ce pseudo est trop long (32 signes au plus).
error-pseudonym-too-short = Ce pseudo est trop court (3 signes au moins).
error-quota-exceeded = Votre porte-documents est plein. Supprimez des documents pour faire de la place.
error-registration-expired = Trop de temps a passé. Recommencez.
error-server-full = Le serveur est plein. Demandez de l'aide à l'équipe.
error-deposit-busy = Des documents sont encore en cours d'envoi par ce lien. Envoyez celui-ci quand ils sont arrivés.
error-creation-busy = Beaucoup de porte-documents ont été créés cette heure-ci. Réessayez dans { $minutes } minutes.
error-proof-of-work-required = Le serveur est très occupé. Réessayez dans un moment.
error-test-wallets-disabled = Ce serveur n'accepte pas les porte-documents de test.
error-too-many-attempts = { $minutes ->
    [one] Trop d'essais. Attendez 1 minute, puis réessayez.
   *[other] Trop d'essais. Attendez { $minutes } minutes, puis réessayez.
}
error-upload-incomplete = L'envoi n'est pas complet. Réessayez.

unlock-forgot = J'ai oublié mon secret
error-bad-recovery-key = Cette clé de secours n'est pas complète ou contient une faute. Vérifiez chaque signe.
error-grant-burned = Trop de codes PIN faux. Ce lien ne marche plus : demandez-en un nouveau.
error-grant-expired = Ce lien a expiré. Demandez-en un nouveau.
error-grant-incomplete = Ce lien n'est pas encore prêt. Réessayez dans un moment.
error-grant-revoked = Ce lien a été arrêté par la personne qui l'a partagé.
error-grant-used-up = Ce lien a été ouvert autant de fois que permis.
error-wrong-pin = Code PIN faux. Réessayez.
error-wrong-pin-left = { $tries ->
    [one] Code PIN faux. Encore 1 essai, puis le lien sera bloqué.
   *[other] Code PIN faux. Encore { $tries } essais.
}
error-bad-link = Ce lien n'est pas complet. Ouvrez-le à nouveau depuis le message ou le code QR, en entier.

left-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
left-hours = { $count } heures
left-days = { $count } jours

wallet-share = Partager des documents
share-title = Partager des documents
share-lead = Choisissez ce que la personne peut voir, et pour combien de temps. Elle ne verra rien d'autre.
share-documents-legend = Quels documents ?
share-no-documents = Ajoutez d'abord des documents.
share-none-chosen = Choisissez au moins un document.
share-too-many = { $max } documents au plus par lien.
share-expiry-legend = Pendant combien de temps ?
share-expiry-hour = 1 heure
share-expiry-day = 1 jour
share-expiry-week = 1 semaine
share-expiry-days = Un nombre de jours
share-days-label = Nombre de jours (1 à { $max })
share-days-invalid = Choisissez entre 1 et { $max } jours.
share-pin-option = Ajouter un code PIN
share-pin-hint = 4 à 8 chiffres. Vous le direz à voix haute. Il n'est jamais dans le lien.
share-pin-label = Code PIN
share-pin-invalid = Un code PIN a de 4 à 8 chiffres.
share-openings-option = Limiter le nombre d'ouvertures
share-openings-label = Nombre d'ouvertures
share-openings-invalid = Choisissez entre 1 et { $max } ouvertures.
share-label-label = Pour qui ? (seulement pour vous)
share-label-hint = Par exemple : CPAS Anderlecht
share-submit = Créer le lien
share-working = Préparation du lien…
share-ready-title = Le lien est prêt
share-pin-tell = Dites ce code PIN à voix haute :
share-link-label = Le lien
share-copy = Copier le lien
share-copied = Le lien est copié.
share-print-slip = Imprimer la fiche
share-slip-title = Documents partagés avec PDE
share-qr-label = Code QR du lien
share-valid-until = Disponible jusqu'au { $time }
share-slip-pin = Demandez le code PIN à la personne.

grants-title = Mes partages
grants-new = Nouveau partage
grants-loading = Chargement…
grants-empty = Vous n'avez encore rien partagé.
grants-no-label = Partage sans nom

shared-title = Documents partagés avec vous
shared-lead = Une personne vous montre ces documents. Vous ne voyez que ce qu'elle a choisi.
shared-reading = Lecture du lien…
shared-pin-label = Code PIN (la personne vous le dit)
shared-open = Voir les documents
shared-counted = Chaque ouverture est comptée.
shared-view = Voir
shared-problem-title = Ce lien ne marche pas
shared-not-found = Ce lien n'existe pas ou n'est pas complet.
error-deposit-expired = Ce lien pour recevoir des documents a expiré. Demandez-en un nouveau.
error-deposit-revoked = Ce lien pour recevoir des documents a été arrêté par la personne.
error-deposit-full = Ce lien a reçu autant de documents que permis.
document-received = Reçu
document-photo-not-cleaned = PDE n'a pas pu nettoyer cette photo (format HEIC). Elle peut encore montrer où et quand elle a été prise. Avant de la partager, faites plutôt une capture d'écran ou une photo en JPEG.
document-received-explain = Ce document a été déposé avec votre lien pour recevoir « { $label } ». PDE ne peut pas vérifier qui l'a envoyé.
document-received-pdf = Ce PDF vient de quelqu'un d'autre. PDE ne peut pas vérifier ce qu'il contient. Ouvrez-le seulement si vous l'attendiez.
document-received-pdf-show = Afficher le PDF

deposit-title = Recevoir des documents
drop-title = Déposer des documents
drop-lead = Choisissez les documents à envoyer. Ils sont mis sous clé ici, pour la personne seulement.
drop-files-left = { $count ->
    [one] encore 1 document possible
   *[other] encore { $count } documents possibles
}
drop-sent = Envoyé.
drop-privacy = Après l'envoi, vous ne pouvez plus voir ni ouvrir ces documents. Seule la personne le peut.
share-notes-option = Partager aussi mes notes et les petites images
share-notes-hint = Sinon, la personne voit seulement le nom et le document.

## Mode kiosque (ordinateur public)
kiosk-badge = Ordinateur public
kiosk-countdown = { $seconds ->
    [one] Le porte-documents se ferme dans { $seconds } seconde. Touchez l'écran pour rester.
   *[other] Le porte-documents se ferme dans { $seconds } secondes. Touchez l'écran pour rester.
}
kiosk-stay = Je suis là
kiosk-switch = Je suis sur un ordinateur public
kiosk-switch-hint = Rien ne reste sur l'ordinateur. Le porte-documents se ferme seul si vous ne faites rien.
kiosk-is-on = Mode ordinateur public : rien ne reste ici, le porte-documents se ferme seul. Échap deux fois le ferme tout de suite.
kiosk-downloads-on = Permettre de télécharger
kiosk-downloads-warning = Un fichier téléchargé reste sur cet ordinateur. La personne suivante pourrait le trouver. Faites-le seulement sur un ordinateur de confiance.
kiosk-downloads-yes = Oui, permettre
kiosk-print-warning = L'imprimante est peut-être partagée : quelqu'un d'autre pourrait prendre vos pages. Allez tout de suite à l'imprimante.

## Préparer mon rendez-vous (verrou jusqu'à une heure)
meeting-title = Préparer mon rendez-vous
time-locked-title = Votre porte-documents est fermé
time-locked-until = Personne ne peut ouvrir ce porte-documents avant le { $time }, pas même vous.
time-locked-links = Les liens que vous avez partagés marchent toujours.
time-locked-done = Terminé

## Fin de session sur un ordinateur public
ended-title = Session terminée
ended-keys = Les clés de votre porte-documents sont effacées de la mémoire de cet ordinateur.
ended-documents = Les documents ouverts sont fermés. Rien n'est gardé dans ce navigateur.
ended-server = La connexion à votre porte-documents est fermée.
ended-advice = Vous pouvez quitter l'ordinateur. Vos documents restent protégés dans votre porte-documents.
ended-again = Recommencer

error-wallet-time-locked = Ce porte-documents est fermé jusqu'à l'heure choisie. Personne ne peut l'ouvrir avant.
error-time-lock-invalid = Choisissez une heure à venir, au plus dans 72 heures.

## Documents cachés
hidden-title = Documents cachés
error-hidden-unavailable = Ce secret ne peut pas servir pour des documents cachés. Choisissez-en un autre.
error-secret-change-unavailable = Le secret des documents cachés ne peut pas être changé ici.
error-recovery-sheet-unavailable = Les documents cachés n'ont pas de feuille de secours.
error-recovery-key-wrong = Cette clé de secours n'est pas celle de votre feuille actuelle.

## Sécurité
security-title = Sécurité
secret-in-use = Ce secret ne peut pas être utilisé. Choisissez-en un autre.
sheet-pending = Une nouvelle feuille de secours a été faite le { $made }. L'ancienne s'arrête le { $until }. Ce n'était pas vous ? Avec l'ancienne feuille, annulez-la dans Sécurité.
restored-notice = Le serveur a été remis comme il était le { $date }. Les liens de partage sont arrêtés. Vous avez changé votre secret ou votre feuille de secours après ce jour ? Refaites-le dans Sécurité.
who-title = Qui voit quoi ?
worker-rules-title = À savoir
worker-rules-optional = PDE n'est jamais obligatoire, ni aucun document qu'il contient : la personne choisit ce qu'elle montre.
worker-rules-purpose = Ces documents vous sont montrés pour ce que vous avez convenu avec elle. Ne les transférez à personne.
worker-rules-delete = Si vous en téléchargez, effacez-les dès que vous n'en avez plus besoin.
slip-rules = PDE n'est jamais obligatoire. Ne transférez pas ces documents ; effacez-les après usage.
neutral-title = Nouvel onglet
neutral-start = Commencer
