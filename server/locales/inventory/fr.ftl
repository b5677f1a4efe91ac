# Les détails de l'inventaire (server/inventory.toml) en français. Chaque message garde sa source anglaise (.source) : un test échoue si l'anglais change sans la traduction.

## wallets
table-wallets-purpose = Une partie de porte-documents (un porte-documents de tous les jours, ou une de ses parties cachées) : comment son titulaire se connecte, sa clé publique, la place qu'elle utilise.
    .source = A wallet part (an everyday wallet, or one of its hidden parts): how its holder logs in, its public key, the space it uses.
table-wallets-retention = Jusqu'à ce que le titulaire ferme le porte-documents, ou que la limite de conservation le ferme après --retention-months sans ouverture.
    .source = Until the holder ends the wallet, or retention ends it after --retention-months without an unlock.
table-wallets-readers = Le serveur ; l'équipe qui fait marcher le serveur (aucun contenu : le fichier de connexion et les clés ne servent à rien sans le secret).
    .source = The server; the operator (no content: the login file and keys are useless without the secret).
column-wallets-id = Identifiant interne aléatoire.
    .source = Random internal id.
column-wallets-number = Le numéro du porte-documents, généré (une partie cachée garde une valeur de remplacement).
    .source = The wallet number, generated (a hidden part holds a placeholder).
column-wallets-pseudonym = Le pseudo choisi par le titulaire à la place du numéro, s'il y en a un.
    .source = The pseudonym the holder chose instead of the number, if any.
column-wallets-recipient = La clé publique du porte-documents (age) : les documents sont mis sous clé pour elle.
    .source = The wallet's public key (age): documents are sealed to it.
column-wallets-password_file = L'enregistrement d'inscription OPAQUE : il permet au serveur de vérifier une connexion sans jamais connaître le secret.
    .source = The OPAQUE registration record: lets the server check a login without ever learning the secret.
column-wallets-ksf = Paramètres de l'étirement de clé du secret (Argon2id).
    .source = Parameters of the secret's key stretching (Argon2id).
column-wallets-used_bytes = Octets de données chiffrées utilisés par le porte-documents (pour son quota).
    .source = Bytes of ciphertext the wallet uses (for its quota).
column-wallets-created_at = Quand il a été créé (à la semaine ISO près avec --keep-partner-on-wallet).
    .source = When it was made (to the ISO week with --keep-partner-on-wallet).
column-wallets-recovery_verifier = Empreinte SHA-256 du jeton de la feuille de secours (vérifie une récupération ; la clé de la feuille reste sur papier).
    .source = SHA-256 of the recovery sheet's token (checks a recovery; the sheet's key stays on paper).
column-wallets-locked_until = Jusqu'à quand le titulaire a fermé le porte-documents (« Préparer mon rendez-vous »).
    .source = Until when the holder time-locked the wallet (prepare my meeting).
column-wallets-hidden_of = Pour une partie cachée : son porte-documents de tous les jours.
    .source = For a hidden part: its everyday wallet.
column-wallets-hidden_slot = Pour une partie cachée : l'emplacement dérivé de son secret (pas le secret).
    .source = For a hidden part: the slot its secret derives (not the secret).
column-wallets-slot_ksf = Paramètres de l'étirement de clé de l'emplacement caché.
    .source = Parameters of the hidden slot's key stretching.
column-wallets-restored_from = Après une restauration depuis une sauvegarde : le jour auquel le serveur est revenu, dit une fois au titulaire.
    .source = After a restore from a backup: the day the server went back to, told once to the holder.
column-wallets-active_week = Si la limite de conservation est activée : la semaine de la dernière ouverture (approximative), pour fermer les porte-documents abandonnés.
    .source = With retention on: the week of the last unlock (coarse), to end abandoned wallets.
column-wallets-partner_id = Le partenaire dont la fiche a créé le porte-documents : seulement avec --keep-partner-on-wallet.
    .source = The partner whose slip made the wallet: only with --keep-partner-on-wallet.
column-wallets-stat_week = Début de la dernière semaine ISO où le porte-documents a été compté comme actif dans les statistiques.
    .source = Start of the last ISO week the wallet was counted active in the statistics.
column-wallets-stat_month = Début du dernier mois où le porte-documents a été compté comme actif dans les statistiques.
    .source = Start of the last month the wallet was counted active in the statistics.

## wrapped_keys
table-wrapped_keys-purpose = La clé du porte-documents, mise sous clé : une fois avec le secret (la clé d'export d'OPAQUE), une fois avec la clé de la feuille de secours.
    .source = The wallet key, sealed: once under the secret (OPAQUE's export key), once under the recovery sheet's key.
table-wrapped_keys-retention = Avec son porte-documents ; remplacée quand le secret ou la feuille change.
    .source = With its wallet; replaced when the secret or the sheet changes.
table-wrapped_keys-readers = Le serveur la donne à un titulaire connecté ; personne ne peut l'ouvrir sans le secret ou la feuille.
    .source = The server hands it to a holder who has logged in; nobody can open it without the secret or the sheet.
column-wrapped_keys-wallet_id = Sa partie de porte-documents.
    .source = Its wallet part.
column-wrapped_keys-method = passphrase ou recovery.
    .source = passphrase or recovery.
column-wrapped_keys-key_id = Quelle version de la clé.
    .source = Which key version.
column-wrapped_keys-wrapped = La clé du porte-documents, mise sous clé.
    .source = The sealed wallet key.
column-wrapped_keys-created_at = Quand elle a été mise sous clé.
    .source = When it was sealed.

## pending_registrations
table-pending_registrations-purpose = Un porte-documents en cours de création, entre les deux messages de son inscription.
    .source = A wallet being made, between the two messages of its registration.
table-pending_registrations-retention = Quelques minutes : retirée quand l'inscription se termine, ou effacée une fois expirée.
    .source = Minutes: taken when the registration ends, or swept once expired.
table-pending_registrations-readers = Le serveur.
    .source = The server.
column-pending_registrations-id = Identifiant aléatoire de l'inscription.
    .source = Random id of the registration.
column-pending_registrations-wallet_id = L'identifiant qu'aura le nouveau porte-documents.
    .source = The id the new wallet will have.
column-pending_registrations-number = Le numéro qu'il aura.
    .source = The number it will have.
column-pending_registrations-pseudonym = Le pseudo demandé, s'il y en a un.
    .source = The pseudonym asked for, if any.
column-pending_registrations-ksf = Paramètres de l'étirement de clé.
    .source = Key-stretching parameters.
column-pending_registrations-invite_hash = Empreinte SHA-256 du code d'invitation utilisé, s'il y en a un.
    .source = SHA-256 of the invitation code used, if any.
column-pending_registrations-expires_at = Quand la ligne est effacée.
    .source = When it is dropped.

## pending_recoveries
table-pending_recoveries-purpose = Une récupération avec la feuille (ou un changement de secret), entre ses deux messages.
    .source = A recovery with the sheet (or a change of secret), between its two messages.
table-pending_recoveries-retention = Quelques minutes.
    .source = Minutes.
table-pending_recoveries-readers = Le serveur.
    .source = The server.
column-pending_recoveries-id = Identifiant aléatoire.
    .source = Random id.
column-pending_recoveries-wallet_id = La partie de porte-documents.
    .source = The wallet part.
column-pending_recoveries-ksf = Paramètres de l'étirement de clé.
    .source = Key-stretching parameters.
column-pending_recoveries-expires_at = Quand la ligne est effacée.
    .source = When it is dropped.
column-pending_recoveries-purpose = Récupération ou changement de secret.
    .source = Recovery or change of secret.

## pending_sheets
table-pending_sheets-purpose = Une nouvelle feuille de secours qui attend son heure (faite sans l'ancienne feuille : elle marche après 7 jours, sauf si l'ancienne feuille l'annule).
    .source = A new recovery sheet waiting for its time (made without the old sheet: it takes effect after 7 days unless the old sheet cancels it).
table-pending_sheets-retention = Jusqu'à ce qu'elle commence à marcher ou soit annulée.
    .source = Until it takes effect or is cancelled.
table-pending_sheets-readers = Le serveur.
    .source = The server.
column-pending_sheets-wallet_id = Le porte-documents.
    .source = The wallet.
column-pending_sheets-verifier = Empreinte SHA-256 du jeton de la nouvelle feuille.
    .source = SHA-256 of the new sheet's token.
column-pending_sheets-key_id = La nouvelle version de la clé.
    .source = The new key version.
column-pending_sheets-wrapped = La clé du porte-documents, mise sous clé avec la nouvelle feuille.
    .source = The wallet key sealed under the new sheet.
column-pending_sheets-made_at = Quand elle a été demandée.
    .source = When it was asked for.
column-pending_sheets-effective_at = Quand elle commence à marcher.
    .source = When it takes effect.

## pending_hidden
table-pending_hidden-purpose = Une partie cachée en cours de création, entre ses deux messages.
    .source = A hidden part being set up, between its two messages.
table-pending_hidden-retention = Quelques minutes.
    .source = Minutes.
table-pending_hidden-readers = Le serveur.
    .source = The server.
column-pending_hidden-id = Identifiant aléatoire.
    .source = Random id.
column-pending_hidden-wallet_id = L'identifiant qu'aura la partie.
    .source = The id the part will have.
column-pending_hidden-parent_id = Son porte-documents de tous les jours.
    .source = Its everyday wallet.
column-pending_hidden-slot = L'emplacement dérivé de son secret.
    .source = The slot its secret derives.
column-pending_hidden-ksf = Paramètres de l'étirement de clé.
    .source = Key-stretching parameters.
column-pending_hidden-expires_at = Quand la ligne est effacée.
    .source = When it is dropped.

## login_states
table-login_states-purpose = Une connexion entre ses deux messages (l'état OPAQUE du serveur).
    .source = A login between its two messages (OPAQUE's server state).
table-login_states-retention = Quelques minutes.
    .source = Minutes.
table-login_states-readers = Le serveur.
    .source = The server.
column-login_states-id = Identifiant aléatoire.
    .source = Random id.
column-login_states-wallet_id = La partie de porte-documents qui se connecte.
    .source = The wallet part logging in.
column-login_states-state = L'état OPAQUE pour le second message, mis sous clé avec une clé dérivée de la configuration du serveur.
    .source = OPAQUE's state for the second message, sealed under a key derived from the server setup.
column-login_states-throttle_key = Empreinte à clé du nom tapé, pour compter les échecs (pas le nom).
    .source = Keyed hash of the name typed, for counting failures (not the name).
column-login_states-bucket = La tranche de temps du compte global.
    .source = The time bucket of the global count.
column-login_states-expires_at = Quand la ligne est effacée.
    .source = When it is dropped.
column-login_states-give_back_key = Le compteur du nom auquel rendre un échec si la connexion réussit.
    .source = The name's counter to give a failure back to when the login succeeds.
column-login_states-give_back_bucket = La tranche à laquelle le rendre.
    .source = The bucket to give it back to.

## login_throttle
table-login_throttle-purpose = Les connexions ratées par nom tapé, pour ralentir qui essaie de deviner.
    .source = Failed logins per name typed, to slow down guessing.
table-login_throttle-retention = Remis à zéro après une connexion réussie ; les lignes périmées sont effacées.
    .source = Cleared after a successful login; stale rows swept.
table-login_throttle-readers = Le serveur.
    .source = The server.
column-login_throttle-key = Empreinte à clé du nom tapé (un numéro, un pseudo, ou n'importe quoi de tapé).
    .source = Keyed hash of the name typed (a number, a pseudonym, or anything typed).
column-login_throttle-failures = Combien d'échecs à la suite.
    .source = How many failed in a row.
column-login_throttle-blocked_until = Jusqu'à quand ce nom doit attendre.
    .source = Until when this name must wait.
column-login_throttle-updated_at = Dernier changement.
    .source = Last change.

## login_global
table-login_global-purpose = Les connexions non terminées sur tout le serveur, par tranche de temps (un plafond pour qui essaie de deviner en masse).
    .source = Unfinished logins over the whole server, per time bucket (a ceiling on guessing at scale).
table-login_global-retention = Les anciennes tranches sont effacées.
    .source = Old buckets swept.
table-login_global-readers = Le serveur.
    .source = The server.
column-login_global-bucket = Une tranche de temps.
    .source = A time bucket.
column-login_global-failures = Les connexions non terminées dans cette tranche.
    .source = Unfinished logins in it.

## login_proofs_spent
table-login_proofs_spent-purpose = Les preuves de travail déjà utilisées (chacune sert une fois).
    .source = Proofs of work already used (each works once).
table-login_proofs_spent-retention = Jusqu'à l'heure où la preuve aurait expiré.
    .source = Until the proof would have expired.
table-login_proofs_spent-readers = Le serveur.
    .source = The server.
column-login_proofs_spent-id = Empreinte de la preuve.
    .source = Hash of the proof.
column-login_proofs_spent-expires_at = Quand la ligne est effacée.
    .source = When it is dropped.

## hidden_attempts
table-hidden_attempts-purpose = Un essai compté sur une partie cachée, utilisé une fois.
    .source = A counted try at a hidden part, used once.
table-hidden_attempts-retention = Quelques minutes.
    .source = Minutes.
table-hidden_attempts-readers = Le serveur.
    .source = The server.
column-hidden_attempts-id = Identifiant aléatoire.
    .source = Random id.
column-hidden_attempts-wallet_id = Le porte-documents de tous les jours.
    .source = The everyday wallet.
column-hidden_attempts-throttle_key = Empreinte à clé du nom tapé.
    .source = Keyed hash of the name typed.
column-hidden_attempts-bucket = Tranche de temps.
    .source = Time bucket.
column-hidden_attempts-expires_at = Quand la ligne est effacée.
    .source = When it is dropped.

## sessions
table-sessions-purpose = Les navigateurs connectés.
    .source = Logged-in browsers.
table-sessions-retention = Fin après le délai d'inactivité ou le délai maximal, à la déconnexion, ou quand le titulaire les ferme.
    .source = Ends after the idle or absolute time, at log-out, or when the holder ends them.
table-sessions-readers = Le serveur.
    .source = The server.
column-sessions-token_hash = Empreinte SHA-256 du cookie de session (le cookie lui-même est seulement dans le navigateur).
    .source = SHA-256 of the session cookie (the cookie itself is only in the browser).
column-sessions-wallet_id = La partie de porte-documents.
    .source = The wallet part.
column-sessions-created_at = Quand elle a commencé.
    .source = When it started.
column-sessions-last_seen_at = Dernière requête (pour la fin après inactivité).
    .source = Last request (for the idle time-out).

## invites
table-invites-purpose = Les codes d'invitation, sous forme d'empreintes.
    .source = Invitation codes, as hashes.
table-invites-retention = Jusqu'à leur expiration (gardés ensuite comme codes épuisés).
    .source = Until they expire (kept as spent codes after).
table-invites-readers = Le serveur ; les administrateurs voient des totaux par lot.
    .source = The server; administrators see counts per batch.
column-invites-code_hash = Empreinte SHA-256 du code (le code est seulement sur sa fiche).
    .source = SHA-256 of the code (the code is only on its slip).
column-invites-remaining_uses = Les porte-documents qu'il peut encore créer.
    .source = Wallets it may still make.
column-invites-expires_at = Quand il ne marche plus.
    .source = When it stops working.
column-invites-created_at = Quand il a été créé.
    .source = When it was made.
column-invites-batch_id = Son lot (aucun pour un code créé en ligne de commande). Aucun porte-documents n'est lié à un code.
    .source = Its batch (none for a code from the command line). No wallet is linked to a code.

## creation_global
table-creation_global-purpose = Les porte-documents créés par tranche de temps (un plafond sur les créations).
    .source = Wallets made per time bucket (a ceiling on creations).
table-creation_global-retention = Les anciennes tranches sont effacées.
    .source = Old buckets swept.
table-creation_global-readers = Le serveur.
    .source = The server.
column-creation_global-bucket = Une tranche de temps.
    .source = A time bucket.
column-creation_global-created = Les porte-documents créés dans cette tranche.
    .source = Wallets made in it.

## uploads
table-uploads-purpose = Un document en cours d'envoi, en plusieurs parties, avant d'être validé.
    .source = A document being sent, in parts, before it is committed.
table-uploads-retention = Jusqu'à sa validation, son abandon ou son expiration.
    .source = Until committed, abandoned, or expired.
table-uploads-readers = Le serveur.
    .source = The server.
column-uploads-id = Identifiant aléatoire.
    .source = Random id.
column-uploads-wallet_id = La partie de porte-documents.
    .source = The wallet part.
column-uploads-document_id = L'identifiant aléatoire du document.
    .source = The document's random id.
column-uploads-ciphertext_len = Sa taille une fois sous clé.
    .source = Its size, sealed.
column-uploads-part_size = Taille de chaque partie.
    .source = Size of each part.
column-uploads-part_count = Combien de parties.
    .source = How many parts.
column-uploads-created_at = Quand il a commencé.
    .source = When it started.
column-uploads-expires_at = Quand la ligne est effacée si l'envoi n'est pas fini.
    .source = When it is dropped if unfinished.

## upload_parts
table-upload_parts-purpose = Les parties d'un envoi reçues jusqu'ici.
    .source = Parts of an upload received so far.
table-upload_parts-retention = Avec l'envoi.
    .source = With the upload.
table-upload_parts-readers = Le serveur.
    .source = The server.
column-upload_parts-upload_id = L'envoi.
    .source = The upload.
column-upload_parts-part = Son numéro.
    .source = Its number.
column-upload_parts-len = Sa taille.
    .source = Its size.

## documents
table-documents-purpose = Les documents du titulaire : un contenu sous clé (dans le stockage des fichiers) et des informations sous clé (nom, type, dates, note).
    .source = The holder's documents: sealed content (in the blob store) and a sealed record (name, kind, dates, note).
table-documents-retention = Jusqu'à ce que le titulaire le supprime ou ferme le porte-documents.
    .source = Until the holder deletes it or ends the wallet.
table-documents-readers = Seul le titulaire peut les ouvrir ; le serveur voit les tailles et les heures.
    .source = Only the holder can open them; the server sees sizes and times.
column-documents-wallet_id = La partie de porte-documents.
    .source = The wallet part.
column-documents-id = Identifiant aléatoire.
    .source = Random id.
column-documents-blob_key = Nom de son fichier sous clé dans le stockage des fichiers.
    .source = Name of its sealed file in the blob store.
column-documents-size = Sa taille une fois sous clé, avec bourrage.
    .source = Its size, sealed and padded.
column-documents-metadata = Ses informations, mises sous clé pour la clé du porte-documents (nom, type, dates, note).
    .source = Its record, sealed to the wallet key (name, kind, dates, note).
column-documents-tag = Une étiquette d'authentification qui lie les informations au contenu.
    .source = An authentication tag binding the record to the content.
column-documents-created_at = Quand il a été ajouté (à la semaine ISO près avec --keep-partner-on-wallet).
    .source = When it was added (to the ISO week with --keep-partner-on-wallet).
column-documents-updated_at = Quand ses informations ont changé pour la dernière fois.
    .source = When its record last changed.

## global_usage
table-global_usage-purpose = Les totaux du serveur : octets stockés et porte-documents, par rapport à ses plafonds.
    .source = The server's totals: bytes stored and wallets, against its caps.
table-global_usage-retention = Une seule ligne, toujours.
    .source = One row, always.
table-global_usage-readers = Le serveur ; l'équipe qui fait marcher le serveur.
    .source = The server; the operator.
column-global_usage-id = Toujours 1.
    .source = Always 1.
column-global_usage-used_bytes = Octets stockés et réservés.
    .source = Bytes stored and reserved.
column-global_usage-wallets = Porte-documents.
    .source = Wallets.

## grants
table-grants-purpose = Les liens de partage : ce qu'un travailleur social peut ouvrir, jusqu'à quand, combien de fois.
    .source = Sharing links: what a worker may open, until when, how often.
table-grants-retention = Leurs copies sont effacées quand ils expirent, sont arrêtés ou épuisés ; la ligne reste avec le porte-documents pour son journal des ouvertures.
    .source = Their copies are purged when they expire, are revoked or used up; the row stays with the wallet for its access log.
table-grants-readers = Le serveur ; le titulaire les voit, et quand ils ont été ouverts.
    .source = The server; the holder sees them and when they were opened.
column-grants-id = Identifiant aléatoire.
    .source = Random id.
column-grants-wallet_id = La partie de porte-documents qui l'a créé.
    .source = The wallet part that made it.
column-grants-access_hash = Empreinte du jeton d'accès du lien (le secret du lien reste dans son #fragment).
    .source = Hash of the link's access token (the link's secret stays in its #fragment).
column-grants-pin_hash = Empreinte SHA-256 d'un jeton que le navigateur dérive du code PIN et du secret du lien, si un code PIN a été choisi (le code PIN seul n'est jamais envoyé).
    .source = SHA-256 of a token the browser derives from the PIN and the link's secret, if a PIN was set (the PIN alone is never sent).
column-grants-pin_failures = Codes PIN faux jusqu'ici.
    .source = Wrong PINs so far.
column-grants-wrapped_key = La clé du lien, mise sous clé avec le secret du lien.
    .source = The link's key sealed under the link's secret.
column-grants-label = Un nom tapé par le titulaire, sous clé.
    .source = A label the holder typed, sealed.
column-grants-document_count = Combien de documents.
    .source = How many documents.
column-grants-reserved_bytes = La place réservée pour ses copies.
    .source = Space reserved for its copies.
column-grants-max_openings = Combien d'ouvertures sont permises.
    .source = How many openings are allowed.
column-grants-openings = Combien ont eu lieu.
    .source = How many happened.
column-grants-created_at = Quand il a été créé (à la semaine ISO près avec --keep-partner-on-wallet).
    .source = When it was made (to the ISO week with --keep-partner-on-wallet).
column-grants-expires_at = Quand il ne marche plus.
    .source = When it stops working.
column-grants-revoked_at = Quand le titulaire l'a arrêté.
    .source = When the holder revoked it.
column-grants-purged_at = Quand ses copies ont été effacées.
    .source = When its copies were deleted.

## grant_documents
table-grant_documents-purpose = Les copies qu'un lien de partage ouvre, mises sous clé avec la clé du lien.
    .source = The copies a sharing link opens, sealed under the link's key.
table-grant_documents-retention = Jusqu'à ce que les copies du lien soient effacées.
    .source = Until the link is purged.
table-grant_documents-readers = Quiconque a le lien (et le code PIN) ; le serveur voit les tailles.
    .source = Whoever has the link (and the PIN); the server sees sizes.
column-grant_documents-grant_id = Le lien.
    .source = The link.
column-grant_documents-position = Sa place dans la liste.
    .source = Its place in the list.
column-grant_documents-blob_key = Nom de son fichier sous clé.
    .source = Name of its sealed file.
column-grant_documents-size = Sa taille.
    .source = Its size.
column-grant_documents-metadata = Ses informations, mises sous clé avec la clé du lien.
    .source = Its record, sealed under the link's key.
column-grant_documents-stored_at = Quand sa copie est arrivée.
    .source = When its copy arrived.

## grant_openings
table-grant_openings-purpose = Quand un lien a été ouvert (le journal des ouvertures du titulaire) et le jeton de l'ouverture.
    .source = When a link was opened (the holder's access log) and the opening's token.
table-grant_openings-retention = Avec le lien.
    .source = With the link.
table-grant_openings-readers = Le serveur ; le titulaire voit les heures.
    .source = The server; the holder sees the times.
column-grant_openings-token_hash = Empreinte SHA-256 du jeton de l'ouverture.
    .source = SHA-256 of the opening's token.
column-grant_openings-grant_id = Le lien.
    .source = The link.
column-grant_openings-opened_at = Quand.
    .source = When.
column-grant_openings-expires_at = Quand le jeton ne marche plus.
    .source = When the token stops working.

## deposits
table-deposits-purpose = Les liens de dépôt : un travailleur social dépose des documents dans le porte-documents, mis sous clé pour la clé propre du lien.
    .source = Deposit links: a worker drops documents into the wallet, sealed to the link's own key.
table-deposits-retention = Avec le porte-documents ; ils ne marchent plus à leur fin, quand ils sont arrêtés ou complets.
    .source = With the wallet; stop working at their end, when revoked or full.
table-deposits-readers = Le serveur ; le titulaire.
    .source = The server; the holder.
column-deposits-id = Identifiant aléatoire.
    .source = Random id.
column-deposits-wallet_id = La partie de porte-documents.
    .source = The wallet part.
column-deposits-access_hash = Empreinte du jeton d'accès du lien.
    .source = Hash of the link's access token.
column-deposits-recipient_check = Une vérification que le navigateur du travailleur social met sous clé pour la bonne clé.
    .source = A check that the worker's browser seals to the right key.
column-deposits-label = Un nom tapé par le titulaire, sous clé.
    .source = A label the holder typed, sealed.
column-deposits-max_files = Combien de documents il accepte.
    .source = How many documents it takes.
column-deposits-files_received = Combien sont arrivés.
    .source = How many came.
column-deposits-created_at = Quand il a été créé (à la semaine ISO près avec --keep-partner-on-wallet).
    .source = When it was made (to the ISO week with --keep-partner-on-wallet).
column-deposits-expires_at = Quand il s'arrête.
    .source = When it stops.
column-deposits-revoked_at = Quand le titulaire l'a arrêté.
    .source = When the holder stopped it.
column-deposits-sending = Les documents en cours d'envoi.
    .source = Documents on their way now.
column-deposits-recipient = La clé publique du lien (age).
    .source = The link's public key (age).
column-deposits-key_id = Identifiant aléatoire de la paire de clés du lien (sa moitié privée est sous clé dans le porte-documents).
    .source = Random id of the link's key pair (its private half is sealed in the wallet).

## deposit_uploads
table-deposit_uploads-purpose = Quel envoi passe par quel lien de dépôt.
    .source = Which upload goes through which deposit link.
table-deposit_uploads-retention = Jusqu'à la fin de l'envoi.
    .source = Until the upload ends.
table-deposit_uploads-readers = Le serveur.
    .source = The server.
column-deposit_uploads-upload_id = L'envoi.
    .source = The upload.
column-deposit_uploads-deposit_id = Le lien.
    .source = The link.

## received_documents
table-received_documents-purpose = Les documents arrivés par un lien de dépôt (pour dire au titulaire qui les a faits).
    .source = Documents that arrived through a deposit link (so the holder is told who made them).
table-received_documents-retention = Avec le document.
    .source = With the document.
table-received_documents-readers = Le serveur ; le titulaire.
    .source = The server; the holder.
column-received_documents-wallet_id = La partie de porte-documents.
    .source = The wallet part.
column-received_documents-document_id = Le document.
    .source = The document.
column-received_documents-deposit_id = Le lien par lequel il est arrivé.
    .source = The link it came through.
column-received_documents-received_at = Quand.
    .source = When.

## blob_tombstones
table-blob_tombstones-purpose = Les fichiers sous clé dont la ligne a disparu, gardés pendant un délai de grâce pour qu'une sauvegarde les trouve encore.
    .source = Sealed files whose rows are gone, kept for a grace period so a backup still finds them.
table-blob_tombstones-retention = Le délai de grâce ; ensuite le fichier et cette ligne sont effacés.
    .source = The grace period, then the file and this row are deleted.
table-blob_tombstones-readers = Le serveur.
    .source = The server.
column-blob_tombstones-blob_key = Le nom du fichier.
    .source = The file's name.
column-blob_tombstones-deleted_at = Quand sa ligne a disparu.
    .source = When its row went.

## server_setup
table-server_setup-purpose = Une empreinte de la configuration OPAQUE du serveur (la graine elle-même est hors de la base de données).
    .source = A fingerprint of the server's OPAQUE setup (the seed itself is outside the database).
table-server_setup-retention = Toujours.
    .source = Always.
table-server_setup-readers = Le serveur.
    .source = The server.
column-server_setup-id = Toujours 1.
    .source = Always 1.
column-server_setup-fingerprint = Empreinte de la configuration : une base de données lancée avec d'autres secrets refuse de fonctionner.
    .source = Hash of the setup: a database started with other secrets refuses to run.

## admins
table-admins-purpose = Les administrateurs de la console : un nom, un rôle, leur inscription.
    .source = Administrators of the console: a name, a role, their enrolment.
table-admins-retention = Jusqu'à leur révocation (gardés comme révoqués, pour le journal des actions).
    .source = Until revoked (kept as revoked, for the audit log).
table-admins-readers = Le serveur ; les administrateurs voient les noms dans le journal des actions.
    .source = The server; administrators see the names in the audit log.
column-admins-id = Identifiant aléatoire.
    .source = Random id.
column-admins-name = Le nom donné par l'équipe qui fait marcher le serveur.
    .source = The name the operator gave.
column-admins-role = coordinator ou observer.
    .source = coordinator or observer.
column-admins-state = en inscription, en attente du code, actif, révoqué.
    .source = enrolling, waiting for the code, active, revoked.
column-admins-created_at = Quand.
    .source = When.
column-admins-enrol_hash = Empreinte SHA-256 du jeton du lien d'inscription.
    .source = SHA-256 of the enrolment link's token.
column-admins-enrol_expires_at = Quand le lien ne marche plus.
    .source = When the link stops.
column-admins-confirm_hash = Empreinte SHA-256 du code de confirmation.
    .source = SHA-256 of the confirmation code.
column-admins-confirm_expires_at = Quand le code ne marche plus.
    .source = When the code stops.

## admin_passkeys
table-admin_passkeys-purpose = Les clés d'accès des administrateurs (clés publiques).
    .source = Administrators' passkeys (public keys).
table-admin_passkeys-retention = Jusqu'à leur retrait ou la révocation de l'administrateur.
    .source = Until removed or the administrator revoked.
table-admin_passkeys-readers = Le serveur ; chaque administrateur voit les siennes.
    .source = The server; each administrator sees their own.
column-admin_passkeys-id = Identifiant aléatoire.
    .source = Random id.
column-admin_passkeys-admin_id = À qui.
    .source = Whose.
column-admin_passkeys-credential_id = L'identifiant de la clé d'accès.
    .source = The passkey's credential id.
column-admin_passkeys-passkey = Sa clé publique et son compteur (webauthn-rs).
    .source = Its public key and counter (webauthn-rs).
column-admin_passkeys-label = Un nom.
    .source = A label.
column-admin_passkeys-created_at = Quand elle a été ajoutée.
    .source = When added.
column-admin_passkeys-last_used_at = Dernière connexion.
    .source = Last login.

## admin_ceremonies
table-admin_ceremonies-purpose = Une cérémonie de clé d'accès entre ses deux messages (100 au plus à la fois).
    .source = A passkey ceremony between its two messages (at most 100 at once).
table-admin_ceremonies-retention = Cinq minutes.
    .source = Five minutes.
table-admin_ceremonies-readers = Le serveur.
    .source = The server.
column-admin_ceremonies-id = Identifiant aléatoire.
    .source = Random id.
column-admin_ceremonies-kind = enrol, login, add, reauth.
    .source = enrol, login, add, reauth.
column-admin_ceremonies-admin_id = À qui, quand on le sait.
    .source = Whose, when known.
column-admin_ceremonies-session_hash = La session d'administration à laquelle elle appartient, s'il y en a une.
    .source = The admin session it belongs to, when one.
column-admin_ceremonies-state = L'état de la cérémonie dans webauthn-rs.
    .source = webauthn-rs's ceremony state.
column-admin_ceremonies-expires_at = Quand la ligne est effacée.
    .source = When it is dropped.

## admin_sessions
table-admin_sessions-purpose = Les administrateurs connectés.
    .source = Logged-in administrators.
table-admin_sessions-retention = 10 minutes sans activité, 4 heures au plus.
    .source = 10 minutes idle, 4 hours at most.
table-admin_sessions-readers = Le serveur.
    .source = The server.
column-admin_sessions-token_hash = Empreinte SHA-256 du cookie d'administration.
    .source = SHA-256 of the admin cookie.
column-admin_sessions-admin_id = À qui.
    .source = Whose.
column-admin_sessions-created_at = Quand.
    .source = When.
column-admin_sessions-last_seen_at = Dernière requête.
    .source = Last request.
column-admin_sessions-fresh_until = Jusqu'à quand une clé d'accès peut être ajoutée ou retirée.
    .source = Until when a passkey may be added or removed.

## admin_audit
table-admin_audit-purpose = Chaque action d'un administrateur : qui, quoi, à propos de quoi, quand. Jamais un porte-documents.
    .source = Every administrator action: who, what, about what, when. Never a wallet.
table-admin_audit-retention = Toujours (la base de données refuse les modifications et les suppressions).
    .source = Always (the database refuses changes and deletions).
table-admin_audit-readers = Chaque administrateur ; l'équipe qui fait marcher le serveur.
    .source = Every administrator; the operator.
column-admin_audit-seq = Ordre.
    .source = Order.
column-admin_audit-at = Quand.
    .source = When.
column-admin_audit-actor = Le nom de l'administrateur, ou server.
    .source = The administrator's name, or server.
column-admin_audit-action = Quoi.
    .source = What.
column-admin_audit-subject = À propos de quoi (un nom, un partenaire, le nom d'une clé d'accès).
    .source = About what (a name, a partner, a passkey's label).

## partners
table-partners-purpose = Les partenaires (centres de jour, services) qui distribuent les fiches d'invitation.
    .source = The partners (day centres, services) that hand out invitation slips.
table-partners-retention = Toujours.
    .source = Always.
table-partners-readers = Le serveur ; les administrateurs.
    .source = The server; administrators.
column-partners-id = Identifiant aléatoire.
    .source = Random id.
column-partners-label = Son nom.
    .source = Its name.
column-partners-created_at = Quand il a été ajouté.
    .source = When added.

## invite_batches
table-invite_batches-purpose = Les lots de codes d'invitation imprimés en fiches, et combien de porte-documents chacun a créés.
    .source = Batches of invitation codes printed as slips, and how many wallets each made.
table-invite_batches-retention = Toujours (un nombre, aucun porte-documents).
    .source = Always (a count, no wallet).
table-invite_batches-readers = Le serveur ; les administrateurs.
    .source = The server; administrators.
column-invite_batches-id = Identifiant aléatoire.
    .source = Random id.
column-invite_batches-partner_id = Pour quel partenaire.
    .source = For which partner.
column-invite_batches-created_by = Le nom de l'administrateur.
    .source = The administrator's name.
column-invite_batches-codes = Combien de codes.
    .source = How many codes.
column-invite_batches-uses_per_code = Porte-documents par code.
    .source = Wallets per code.
column-invite_batches-created_at = Quand.
    .source = When.
column-invite_batches-expires_at = Quand les codes ne marchent plus.
    .source = When the codes stop.
column-invite_batches-revoked_at = Quand il a été révoqué.
    .source = When revoked.
column-invite_batches-wallets_created = Combien de porte-documents ses codes ont créés.
    .source = How many wallets its codes made.

## stat_counters
table-stat_counters-purpose = Les compteurs des statistiques : événements par semaine (ou par mois) et par partenaire, auxquels on ne fait qu'ajouter.
    .source = The statistics' counters: events per week (or month) and partner, only ever added to.
table-stat_counters-retention = Toujours.
    .source = Always.
table-stat_counters-readers = Le serveur ; les administrateurs voient les périodes terminées, k-anonymes.
    .source = The server; administrators see closed periods, k-anonymous.
column-stat_counters-event = Ce qui a été compté.
    .source = What was counted.
column-stat_counters-period_start = Début de la semaine ou du mois.
    .source = Start of the week or month.
column-stat_counters-partner_id = Le partenaire de la fiche, ou aucun.
    .source = The slip's partner, or none.
column-stat_counters-count = Combien.
    .source = How many.

## feedback
table-feedback-purpose = Les avis envoyés par les titulaires et les travailleurs sociaux : trois visages et quelques mots facultatifs. Envoyés sans cookie, jamais dans un journal ; rien ne relie un avis à un porte-documents, un lien, une session ou une adresse.
    .source = Opinions sent by holders and social workers: three faces and a few optional words. Sent without cookies, never logged; nothing ties one to a wallet, a link, a session or an address.
table-feedback-retention = Chaque avis est effacé --feedback-months (6 par défaut) après son jour.
    .source = Deleted --feedback-months (6 by default) after its day.
table-feedback-readers = Les coordinateurs de la phase d'essai (Paradigm).
    .source = Coordinators of the test phase (Paradigm).
column-feedback-id = Identifiant aléatoire (ne dit rien de l'ordre d'arrivée).
    .source = Random id (says nothing of the order of arrival).
column-feedback-day = Le jour où il est arrivé (sans l'heure).
    .source = The day it came (no time).
column-feedback-face = Pas bien, moyen ou bien.
    .source = Unhappy, so-so or happy.
column-feedback-comment = Les mots, s'il y en a (le formulaire et le serveur refusent les noms, les numéros de porte-documents, les longs numéros et les adresses e-mail).
    .source = The words, if any (the form and the server refuse names, wallet numbers, long numbers and e-mail addresses).
column-feedback-language = La langue du formulaire.
    .source = The form's language.
column-feedback-origin = Titulaire ou travailleur social.
    .source = Holder or social worker.
column-feedback-tags = Les étiquettes des coordinateurs.
    .source = The coordinators' tags.
column-feedback-closed = Si les coordinateurs l'ont traité.
    .source = Whether the coordinators dealt with it.

## feedback_global
table-feedback_global-purpose = Les avis par minute sur tout le serveur (un plafond par heure, jamais par expéditeur).
    .source = Feedbacks per minute over the whole server (a ceiling per hour, never per sender).
table-feedback_global-retention = Les anciennes tranches sont effacées après un jour.
    .source = Old buckets swept after a day.
table-feedback_global-readers = Le serveur.
    .source = The server.
column-feedback_global-bucket = Une minute.
    .source = A minute.
column-feedback_global-received = Les avis de cette minute.
    .source = Feedbacks in it.

## changes_published
table-changes_published-purpose = Ce que nous avons changé : ce que les coordinateurs publient sur cette page.
    .source = What we changed: what the coordinators publish on this page.
table-changes_published-retention = Jusqu'à son retrait.
    .source = Until taken down.
table-changes_published-readers = Tout le monde (cette page).
    .source = Everyone (this page).
column-changes_published-id = Identifiant aléatoire.
    .source = Random id.
column-changes_published-day = Le jour où il a été publié.
    .source = The day it was published.
column-changes_published-text_fr = Texte en français.
    .source = French text.
column-changes_published-text_nl = Texte en néerlandais.
    .source = Dutch text.
column-changes_published-text_en = Texte en anglais.
    .source = English text.
column-changes_published-text_ar = Texte en arabe.
    .source = Arabic text.

## announcements
table-announcements-purpose = Les annonces des coordinateurs (maintenance, fin de la phase d'essai), montrées sur la page d'accueil des titulaires dans un cadre fixe ; texte simple, sans lien.
    .source = The coordinators' announcements (maintenance, the end of the test phase), shown on the holders' start page inside a fixed frame; plain text, no links.
table-announcements-retention = Les 50 dernières sont listées ; gardées jusqu'à la remise à zéro de la base de données.
    .source = The last 50 are listed; kept until the database is reset.
table-announcements-readers = Tout le monde (la page d'accueil, tant qu'elle est montrée) ; les administrateurs.
    .source = Everyone (the start page, while shown); administrators.
column-announcements-id = Identifiant aléatoire.
    .source = Random id.
column-announcements-text_fr = Texte en français.
    .source = French text.
column-announcements-text_nl = Texte en néerlandais.
    .source = Dutch text.
column-announcements-text_en = Texte en anglais.
    .source = English text.
column-announcements-text_ar = Texte en arabe.
    .source = Arabic text.
column-announcements-starts_at = Depuis quand elle est montrée.
    .source = When it is shown from.
column-announcements-ends_at = Quand elle n'est plus montrée.
    .source = When it stops being shown.
column-announcements-created_by = Le nom du coordinateur.
    .source = The coordinator's name.

## Outside the database
other-blobs-name = Stockage des fichiers (--data-dir/blobs)
    .source = Blob store (--data-dir/blobs)
other-blobs-purpose = Un fichier par document sous clé ou par copie pour un lien, nommé par une clé aléatoire ; seulement des données chiffrées, avec bourrage.
    .source = One file per sealed document or link copy, named by a random key; ciphertext only, padded.
other-blobs-retention = Effacé après un délai de grâce, quand plus aucune ligne n'y renvoie.
    .source = Deleted after a grace period once no row points to it.
other-blobs-readers = Le serveur ; l'équipe qui fait marcher le serveur voit les tailles et les heures, pas le contenu.
    .source = The server; the operator sees sizes and times, not content.
other-secrets-name = Graine OPAQUE et configuration du serveur (--secrets-dir)
    .source = OPAQUE seed and server setup (--secrets-dir)
other-secrets-purpose = La clé OPAQUE et la graine OPRF du serveur, hors de la base de données : une base de données volée ne suffit pas pour deviner des secrets.
    .source = The server's OPAQUE key and OPRF seed, outside the database: a stolen database alone allows no guessing of secrets.
other-secrets-retention = Toujours.
    .source = Always.
other-secrets-readers = Le serveur ; l'équipe qui fait marcher le serveur.
    .source = The server; the operator.
other-log-name = Journal du serveur (sortie d'erreur standard ; sous systemd, le journal de systemd)
    .source = Server log (standard error; under systemd, the journal)
other-log-purpose = Une ligne par requête : méthode, modèle de route (jamais un identifiant, un jeton ou une adresse), statut, durée. Les requêtes d'avis n'ont aucune ligne.
    .source = One line per request: method, route template (never an id, token or address), status, time taken. Feedback requests have no line at all.
other-log-retention = Aussi longtemps que le journal de l'équipe qui fait marcher le serveur le garde (docs/DEPLOY.md, Logs and their rotation).
    .source = As the operator's journal keeps it (docs/DEPLOY.md, Logs and their rotation).
other-log-readers = L'équipe qui fait marcher le serveur.
    .source = The operator.
other-metrics-name = Métriques (--metrics-listen)
    .source = Metrics (--metrics-listen)
other-metrics-purpose = Des nombres et des durées par modèle de route, pour la surveillance ; aucun identifiant, aucune adresse.
    .source = Counts and durations per route template for monitoring; no id, no address.
other-metrics-retention = Pas gardées par le serveur ; aussi longtemps que la surveillance de l'équipe qui fait marcher le serveur les garde.
    .source = Not kept by the server; as the operator's monitoring keeps them.
other-metrics-readers = L'équipe qui fait marcher le serveur.
    .source = The operator.
other-backups-name = Sauvegardes (--backup-dir)
    .source = Backups (--backup-dir)
other-backups-purpose = Des copies chiffrées avec age de la base de données et du stockage des fichiers, et le journal des effacements (pour qu'une restauration ne ramène jamais un porte-documents fermé).
    .source = age-encrypted copies of the database and the blob store, and the erasure journal (so a restore never brings an ended wallet back).
other-backups-retention = --backup-keep-days.
    .source = --backup-keep-days.
other-backups-readers = L'équipe qui fait marcher le serveur, avec la clé des sauvegardes.
    .source = The operator, with the backup key.
other-proxy-name = Proxy inverse (nginx ou Caddy, docs/DEPLOY.md)
    .source = Reverse proxy (nginx or Caddy, docs/DEPLOY.md)
other-proxy-purpose = TLS devant le serveur ; son journal d'accès ne contient ni adresse de client, ni identifiant, ni ligne pour les avis.
    .source = TLS in front of the server; its access log holds no client address and no id, and no line for feedback.
other-proxy-retention = Aussi longtemps que la configuration de l'équipe qui fait marcher le serveur le garde.
    .source = As the operator's configuration keeps it.
other-proxy-readers = L'équipe qui fait marcher le serveur.
    .source = The operator.
