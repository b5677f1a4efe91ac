# PDE — l'écran « Qui voit quoi ? » (module de gestion, chargé à la demande). Français : la référence.
who-sees = Voit :
who-not = Ne voit pas :
who-server = Le serveur de PDE
who-server-sees = qu'un porte-documents existe, sa date de création, combien de documents et leur taille, quand ils sont ajoutés ou ouverts, quand vos liens sont ouverts.
who-server-not = vos documents, leurs noms, vos notes, votre secret, votre clé de secours.
who-operator = L'équipe qui fait marcher le serveur
who-operator-sees = ce que voit le serveur. Aussi : si un porte-documents a des parties cachées, et combien.
who-operator-not = vos documents et leurs noms : elle ne peut pas les ouvrir.
who-worker = Un travailleur social avec votre lien
who-worker-sees = seulement les documents que vous avez choisis, jusqu'à l'heure choisie. Il peut en garder une copie.
who-worker-not = vos autres documents, vos parties cachées.
who-computer = Quelqu'un au même ordinateur
who-computer-sees = ce qui est à l'écran pendant que c'est ouvert. Un ordinateur piégé peut aussi voir votre secret.
who-computer-not = vos documents, une fois le porte-documents fermé, sauf ce que vous avez téléchargé ou imprimé.
who-secret = Quelqu'un qui connaît votre secret
who-secret-sees = vos documents de tous les jours. Il peut aussi effacer tout le porte-documents, parties cachées comprises.
who-secret-not = vos parties cachées, sans leur propre secret.
who-backups = Les copies de sauvegarde du serveur
who-backups-sees = ce que voit le serveur, chiffré pour l'équipe, pendant { $days } jours.
who-backups-not = vos documents et leurs noms. Un porte-documents effacé ne revient pas : si une copie est remise, il est effacé à nouveau.
who-kept = Si vous n'ouvrez plus votre porte-documents, il est gardé au moins jusqu'au { $date }. Après, il peut être effacé.
who-partner = Ce serveur note quel partenaire (un centre de jour, un service) a donné la fiche d'invitation qui a créé votre porte-documents. L'équipe ne voit que des totaux par partenaire, et les dates de votre porte-documents ne sont gardées qu'à la semaine.
who-transparency = Ce que PDE garde, en détail

# The security screen (moved from the page's catalogue: only this module shows them).
security-lead = Ce que vous pouvez faire si quelqu'un a pu voir ou utiliser votre porte-documents.
security-sessions-title = Un ordinateur resté ouvert ailleurs ?
security-sessions-text = Fermez le porte-documents sur tous les autres ordinateurs et téléphones. Ici, il reste ouvert.
security-end-others = Fermer partout ailleurs
security-end-others-done = C'est fait : le porte-documents est fermé partout ailleurs.
security-secret-title = Changer mon secret
security-secret-text = Quelqu'un connaît peut-être votre secret ? Choisissez-en un nouveau. Les autres ordinateurs seront fermés. Votre clé de secours reste valable.
security-secret-current = Votre secret actuel
security-secret-new = Nouveau secret
security-secret-hint = Une phrase d'au moins 8 signes, ou un code PIN d'au moins 4 chiffres.
security-secret-end-links = Arrêter aussi tous mes liens (partages et réception de documents)
security-secret-submit = Changer mon secret
security-secret-working = Changement…
security-secret-done = C'est fait : votre nouveau secret est en place. Les autres ordinateurs sont fermés.
security-secret-links-ended = Vos liens sont arrêtés.
security-sheet-title = Une nouvelle feuille de secours
security-sheet-text = Feuille perdue, ou vue par quelqu'un ? Faites-en une nouvelle. Avec votre feuille actuelle, la nouvelle marche tout de suite. Sans elle, la nouvelle marche dans 7 jours ; jusque-là, l'ancienne marche encore.
security-sheet-current = La clé de votre feuille actuelle (si vous l'avez)
security-sheet-submit = Faire une nouvelle feuille
security-sheet-now = Votre nouvelle feuille marche dès maintenant. L'ancienne ne marche plus.
security-sheet-later = Votre nouvelle feuille marchera le { $date }. Jusque-là, l'ancienne marche encore.
security-sheet-cancel-title = Annuler la nouvelle feuille
security-sheet-cancel-text = Une nouvelle feuille a été faite le { $made }. Ce n'était pas vous ? Tapez la clé de l'ancienne feuille : la nouvelle ne marchera jamais.
security-sheet-cancel = Annuler la nouvelle feuille
security-sheet-cancelled = C'est fait : la nouvelle feuille est annulée. Votre feuille reste la même.
security-erase-title = Fermer mon porte-documents pour toujours
security-erase-text = Tout est effacé du serveur : les documents, les liens, le numéro. On ne peut pas revenir en arrière.
security-erase-start = Tout effacer…
security-erase-confirm = Dernière vérification : tout sera effacé pour toujours. Tapez votre secret pour confirmer.
security-erase-understood = J'ai compris : on ne peut pas revenir en arrière.
security-erase-yes = Oui, tout effacer
security-erase-no = Non, garder
security-take-title = Emporter mes documents
security-take-text = Une copie de tous vos documents : sur cet ordinateur, ou sur une clé USB à remettre plus tard dans un nouveau porte-documents.
security-export = Emporter mes documents
security-import = Remettre une archive ici

# Hidden documents, the meeting, export and import (moved from the page's catalogue: only this module shows them).
meeting-lead = Partagez d'abord ce que vous voulez montrer. Puis fermez le porte-documents jusqu'après le rendez-vous : personne ne pourra l'ouvrir avant l'heure, pas même vous, pas même avec la clé de secours. Vos liens de partage marchent toujours.
meeting-share-first = D'abord partager des documents
meeting-hours-label = Fermer pour combien de temps ?
meeting-hours = { $count ->
    [one] { $count } heure
   *[other] { $count } heures
}
meeting-until = Fermé jusqu'au { $time }
meeting-secret-label = Votre secret, pour confirmer
meeting-lock = Fermer jusqu'à cette heure
meeting-confirm = Dernière vérification : vous ne pourrez pas ouvrir votre porte-documents avant le { $time }. On ne peut pas annuler.
meeting-understood = J'ai compris : je ne pourrai pas l'ouvrir avant cette heure.
meeting-lock-yes = Oui, fermer
meeting-lock-no = Non, revenir
hidden-lead = Vous pouvez garder des documents dans une partie cachée du porte-documents. Elle s'ouvre avec un autre secret : tapez-le à la place de votre secret habituel. Avec le secret habituel, personne ne peut voir que des documents cachés existent.
hidden-warning = Choisissez un secret différent de l'habituel. Il n'y a pas de feuille de secours pour les documents cachés : si vous oubliez ce secret, ils sont perdus.
hidden-secret-label = Le secret des documents cachés
hidden-secret-repeat = Le même secret, encore une fois
hidden-submit = Créer les documents cachés
hidden-done = C'est fait. Pour les ouvrir : fermez le porte-documents, puis ouvrez-le avec ce nouveau secret.
export-title = Emporter mes documents
export-zip = Les documents tels quels (ZIP)
export-zip-hint = Qui a le fichier peut les lire.
export-locked = Une archive fermée, pour une clé USB
export-locked-hint = Elle s'ouvre avec sa phrase. PDE peut la remettre dans un nouveau porte-documents.
export-own = Je choisis ma phrase (longue)
export-key-title = Phrase de l'archive
export-key-text = Gardez cette feuille loin de la clé USB. Sans elle, l'archive ne s'ouvre pas.
export-key-noted = J'ai imprimé ou noté cette phrase
export-own-label = Votre phrase pour l'archive
export-own-hint = Au moins 20 signes et 4 mots. Jamais un code PIN.
export-own-weak = Cette phrase est trop courte ou trop simple pour une archive.
export-start = Commencer
export-preparing = Préparation…
export-progress = { $done } sur { $total }
export-save = { $count ->
    [one] Enregistrer le fichier
   *[other] Enregistrer la partie { $number } sur { $count }
}
export-done = C'est fait : vos documents sont copiés.
export-ready = Prêt : enregistrez maintenant.
export-damaged = Documents abîmés, pas copiés : { $count }
export-index-title = Vos documents, copiés de PDE le { $date }
export-index-part = Partie { $number } sur { $count }
export-index-added = ajouté le { $date }
export-index-server = Ce que le serveur garde sur ce porte-documents (sous clé, sauf les dates et les tailles) :
export-index-created = Créé le { $date }
export-index-link = Lien « { $label } » : fait le { $made }, jusqu'au { $until }
export-index-opened = ouvert le { $time }
export-index-deposit = Lien de réception « { $label } » : fait le { $made }, documents reçus : { $count }
import-title = Remettre une archive
import-lead = Choisissez le fichier de votre clé USB, puis tapez sa phrase.
import-file = Le fichier de l'archive
import-passphrase = La phrase de l'archive
import-start = Remettre les documents
import-done = { $count ->
    [one] C'est fait : 1 document remis dans ce porte-documents.
   *[other] C'est fait : { $count } documents remis dans ce porte-documents.
}
import-wrong = Cette phrase n'ouvre pas cette archive.
import-not-archive = Ce fichier n'est pas une archive de PDE, ou il est abîmé.
import-received = Reçu par un lien, expéditeur non vérifié : { $label }

# Recovery, deposit and grant links, the end of a wallet (moved from the page's catalogue: only this module shows them).
recover-title = Ouvrir avec la clé de secours
recover-lead = Tapez votre numéro et la clé de secours de votre feuille. Puis choisissez un nouveau secret.
recover-key-label = Clé de secours
recover-key-hint = 28 signes, par exemple : 7K2M-QX9D-… Les tirets et les espaces ne comptent pas.
recover-scan = Lire le code QR de la feuille
recover-scan-hint = Montrez le code QR de votre feuille à la caméra.
recover-scan-stop = Arrêter la caméra
recover-scan-read = Clé lue. Choisissez maintenant un nouveau secret.
recover-scan-not-key = Ce code QR n'est pas une clé de secours.
recover-scan-unavailable = Pas de caméra disponible. Tapez la clé.
recover-new-secret-label = Nouveau secret
recover-submit = Ouvrir et changer le secret
grant-state-active = Actif
grant-state-incomplete = Pas terminé
grant-state-expired = Expiré
grant-state-revoked = Arrêté
grant-state-used-up = Toutes les ouvertures utilisées
grant-state-burned = Bloqué : trop de codes PIN faux
grant-time-left = encore { $left }
grant-created = Créé le { $time }
grant-until = jusqu'au { $time }
grant-has-pin = avec code PIN
grant-opened = { $count ->
    [0] Jamais ouvert
    [one] Ouvert 1 fois
   *[other] Ouvert { $count } fois
}
grant-opened-of = Ouvert { $count } fois sur { $max }
grant-log = Quand a-t-il été ouvert ?
grant-revoke = Arrêter ce partage
grant-revoke-confirm = Arrêter ce partage ? Le lien ne marchera plus, tout de suite.
grant-revoke-yes = Oui, arrêter
deposit-lead = Faites un lien pour qu'une personne (CPAS, médecin…) dépose des documents dans votre porte-documents. Elle ne pourra rien y lire.
deposit-files-label = Nombre de documents au plus (1 à { $max })
deposit-files-invalid = Choisissez entre 1 et { $max } documents.
deposit-links-title = Mes liens de dépôt
deposit-state-full = Complet
deposit-received-count = { $count } reçu(s) sur { $max }
deposit-ready-explain = Donnez ce lien à la personne. Avec lui, elle peut vous envoyer des documents, mais pas voir les vôtres.
deposit-slip-title = Déposer des documents avec PDE
erased-title = Votre porte-documents est effacé
erased-text = Il n'est plus sur le serveur. Ce numéro n'ouvre plus rien.
erased-start = Retour à l'accueil
