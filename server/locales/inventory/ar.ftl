# Inventory details (server/inventory.toml) in Arabic. Each message keeps its English source (.source): a test fails if the English changes without the translation.

## wallets
table-wallets-purpose = جزء من حافظة (حافظة يومية، أو أحد أجزائها المخفية): كيف يدخل إليه صاحبه، ومفتاحه العام، والمساحة التي يستعملها.
    .source = A wallet part (an everyday wallet, or one of its hidden parts): how its holder logs in, its public key, the space it uses.
table-wallets-retention = حتى يُغلق صاحب الحافظة حافظته نهائيًا، أو حتى يمحوها حدّ الحفظ بعد مدة --retention-months دون فتح.
    .source = Until the holder ends the wallet, or retention ends it after --retention-months without an unlock.
table-wallets-readers = الخادم؛ الفريق الذي يشغّل الخادم (بلا محتوى: ملف الدخول والمفاتيح لا فائدة منها بدون السرّ).
    .source = The server; the operator (no content: the login file and keys are useless without the secret).
column-wallets-id = معرّف داخلي عشوائي.
    .source = Random internal id.
column-wallets-number = رقم الحافظة، يُولَّد تلقائيًا (الجزء المخفي يحمل قيمة بديلة).
    .source = The wallet number, generated (a hidden part holds a placeholder).
column-wallets-pseudonym = الاسم المستعار الذي اختاره صاحب الحافظة بدل الرقم، إن وُجد.
    .source = The pseudonym the holder chose instead of the number, if any.
column-wallets-recipient = المفتاح العام للحافظة (age): تُقفل الوثائق بهذا المفتاح.
    .source = The wallet's public key (age): documents are sealed to it.
column-wallets-password_file = سجلّ التسجيل في OPAQUE: يسمح للخادم بالتحقق من الدخول دون أن يعرف السرّ أبدًا.
    .source = The OPAQUE registration record: lets the server check a login without ever learning the secret.
column-wallets-ksf = معاملات تقوية مفتاح السرّ (Argon2id).
    .source = Parameters of the secret's key stretching (Argon2id).
column-wallets-used_bytes = عدد بايتات البيانات المشفّرة التي تستعملها الحافظة (لحدّ مساحتها).
    .source = Bytes of ciphertext the wallet uses (for its quota).
column-wallets-created_at = متى أُنشئت (بأسبوع ISO فقط مع --keep-partner-on-wallet).
    .source = When it was made (to the ISO week with --keep-partner-on-wallet).
column-wallets-recovery_verifier = بصمة SHA-256 لرمز ورقة الاسترجاع (للتحقق من الاسترجاع؛ مفتاح الورقة يبقى على الورق).
    .source = SHA-256 of the recovery sheet's token (checks a recovery; the sheet's key stays on paper).
column-wallets-locked_until = حتى متى أغلق صاحب الحافظة حافظته (تحضير موعدي).
    .source = Until when the holder time-locked the wallet (prepare my meeting).
column-wallets-hidden_of = للجزء المخفي: حافظته اليومية.
    .source = For a hidden part: its everyday wallet.
column-wallets-hidden_slot = للجزء المخفي: الخانة المشتقة من سرّه (لا السرّ نفسه).
    .source = For a hidden part: the slot its secret derives (not the secret).
column-wallets-slot_ksf = معاملات تقوية مفتاح الخانة المخفية.
    .source = Parameters of the hidden slot's key stretching.
column-wallets-restored_from = بعد استعادة الخادم من نسخة احتياطية: اليوم الذي عاد إليه الخادم، ويُخبَر به صاحب الحافظة مرة واحدة.
    .source = After a restore from a backup: the day the server went back to, told once to the holder.
column-wallets-active_week = إذا كان حدّ الحفظ مفعّلًا: أسبوع آخر فتح (تقريبي)، لمحو الحوافظ المتروكة.
    .source = With retention on: the week of the last unlock (coarse), to end abandoned wallets.
column-wallets-partner_id = الشريك الذي أُنشئت الحافظة ببطاقته: فقط مع --keep-partner-on-wallet.
    .source = The partner whose slip made the wallet: only with --keep-partner-on-wallet.
column-wallets-stat_week = بداية آخر أسبوع ISO حُسبت فيه الحافظة نشطة في الإحصاءات.
    .source = Start of the last ISO week the wallet was counted active in the statistics.
column-wallets-stat_month = بداية آخر شهر حُسبت فيه الحافظة نشطة في الإحصاءات.
    .source = Start of the last month the wallet was counted active in the statistics.

## wrapped_keys
table-wrapped_keys-purpose = مفتاح الحافظة، مقفلًا: مرة بالسرّ (مفتاح التصدير في OPAQUE)، ومرة بمفتاح ورقة الاسترجاع.
    .source = The wallet key, sealed: once under the secret (OPAQUE's export key), once under the recovery sheet's key.
table-wrapped_keys-retention = مع حافظته؛ يُستبدل عندما يتغير السرّ أو الورقة.
    .source = With its wallet; replaced when the secret or the sheet changes.
table-wrapped_keys-readers = يعطيه الخادم لصاحب الحافظة بعد دخوله؛ لا أحد يستطيع فتحه بدون السرّ أو الورقة.
    .source = The server hands it to a holder who has logged in; nobody can open it without the secret or the sheet.
column-wrapped_keys-wallet_id = جزء الحافظة الخاص به.
    .source = Its wallet part.
column-wrapped_keys-method = passphrase أو recovery.
    .source = passphrase or recovery.
column-wrapped_keys-key_id = أيّ إصدار من المفتاح.
    .source = Which key version.
column-wrapped_keys-wrapped = مفتاح الحافظة المقفل.
    .source = The sealed wallet key.
column-wrapped_keys-created_at = متى أُقفل.
    .source = When it was sealed.

## pending_registrations
table-pending_registrations-purpose = حافظة قيد الإنشاء، بين رسالتَي تسجيلها.
    .source = A wallet being made, between the two messages of its registration.
table-pending_registrations-retention = دقائق: يُؤخذ عند انتهاء التسجيل، أو يُمسح بعد انتهاء صلاحيته.
    .source = Minutes: taken when the registration ends, or swept once expired.
table-pending_registrations-readers = الخادم.
    .source = The server.
column-pending_registrations-id = معرّف عشوائي للتسجيل.
    .source = Random id of the registration.
column-pending_registrations-wallet_id = المعرّف الذي ستحمله الحافظة الجديدة.
    .source = The id the new wallet will have.
column-pending_registrations-number = الرقم الذي ستحمله.
    .source = The number it will have.
column-pending_registrations-pseudonym = الاسم المستعار المطلوب، إن وُجد.
    .source = The pseudonym asked for, if any.
column-pending_registrations-ksf = معاملات تقوية المفتاح.
    .source = Key-stretching parameters.
column-pending_registrations-invite_hash = بصمة SHA-256 لرمز الدعوة المستعمل، إن وُجد.
    .source = SHA-256 of the invitation code used, if any.
column-pending_registrations-expires_at = متى يُحذف.
    .source = When it is dropped.

## pending_recoveries
table-pending_recoveries-purpose = استرجاع بالورقة (أو تغيير للسرّ)، بين رسالتيه.
    .source = A recovery with the sheet (or a change of secret), between its two messages.
table-pending_recoveries-retention = دقائق.
    .source = Minutes.
table-pending_recoveries-readers = الخادم.
    .source = The server.
column-pending_recoveries-id = معرّف عشوائي.
    .source = Random id.
column-pending_recoveries-wallet_id = جزء الحافظة.
    .source = The wallet part.
column-pending_recoveries-ksf = معاملات تقوية المفتاح.
    .source = Key-stretching parameters.
column-pending_recoveries-expires_at = متى يُحذف.
    .source = When it is dropped.
column-pending_recoveries-purpose = استرجاع أو تغيير للسرّ.
    .source = Recovery or change of secret.

## pending_sheets
table-pending_sheets-purpose = ورقة استرجاع جديدة تنتظر وقتها (صُنعت بدون الورقة القديمة: تعمل بعد 7 أيام إلا إذا ألغتها الورقة القديمة).
    .source = A new recovery sheet waiting for its time (made without the old sheet: it takes effect after 7 days unless the old sheet cancels it).
table-pending_sheets-retention = حتى تبدأ العمل أو تُلغى.
    .source = Until it takes effect or is cancelled.
table-pending_sheets-readers = الخادم.
    .source = The server.
column-pending_sheets-wallet_id = الحافظة.
    .source = The wallet.
column-pending_sheets-verifier = بصمة SHA-256 لرمز الورقة الجديدة.
    .source = SHA-256 of the new sheet's token.
column-pending_sheets-key_id = إصدار المفتاح الجديد.
    .source = The new key version.
column-pending_sheets-wrapped = مفتاح الحافظة مقفلًا بالورقة الجديدة.
    .source = The wallet key sealed under the new sheet.
column-pending_sheets-made_at = متى طُلبت.
    .source = When it was asked for.
column-pending_sheets-effective_at = متى تبدأ العمل.
    .source = When it takes effect.

## pending_hidden
table-pending_hidden-purpose = جزء مخفي قيد الإعداد، بين رسالتيه.
    .source = A hidden part being set up, between its two messages.
table-pending_hidden-retention = دقائق.
    .source = Minutes.
table-pending_hidden-readers = الخادم.
    .source = The server.
column-pending_hidden-id = معرّف عشوائي.
    .source = Random id.
column-pending_hidden-wallet_id = المعرّف الذي سيحمله الجزء.
    .source = The id the part will have.
column-pending_hidden-parent_id = حافظته اليومية.
    .source = Its everyday wallet.
column-pending_hidden-slot = الخانة المشتقة من سرّه.
    .source = The slot its secret derives.
column-pending_hidden-ksf = معاملات تقوية المفتاح.
    .source = Key-stretching parameters.
column-pending_hidden-expires_at = متى يُحذف.
    .source = When it is dropped.

## login_states
table-login_states-purpose = دخول بين رسالتيه (حالة OPAQUE في الخادم).
    .source = A login between its two messages (OPAQUE's server state).
table-login_states-retention = دقائق.
    .source = Minutes.
table-login_states-readers = الخادم.
    .source = The server.
column-login_states-id = معرّف عشوائي.
    .source = Random id.
column-login_states-wallet_id = جزء الحافظة الذي يجري الدخول إليه.
    .source = The wallet part logging in.
column-login_states-state = حالة OPAQUE للرسالة الثانية، مقفلة بمفتاح مشتق من إعداد الخادم.
    .source = OPAQUE's state for the second message, sealed under a key derived from the server setup.
column-login_states-throttle_key = بصمة محسوبة بمفتاح للاسم المكتوب، لعدّ المحاولات الفاشلة (لا الاسم نفسه).
    .source = Keyed hash of the name typed, for counting failures (not the name).
column-login_states-bucket = الفترة الزمنية للعدّ العام.
    .source = The time bucket of the global count.
column-login_states-expires_at = متى يُحذف.
    .source = When it is dropped.
column-login_states-give_back_key = عدّاد الاسم الذي تُردّ إليه محاولة فاشلة عندما ينجح الدخول.
    .source = The name's counter to give a failure back to when the login succeeds.
column-login_states-give_back_bucket = الفترة الزمنية التي تُردّ إليها.
    .source = The bucket to give it back to.

## login_throttle
table-login_throttle-purpose = محاولات الدخول الفاشلة لكل اسم مكتوب، لإبطاء التخمين.
    .source = Failed logins per name typed, to slow down guessing.
table-login_throttle-retention = تُمسح بعد دخول ناجح؛ وتُمسح الصفوف القديمة.
    .source = Cleared after a successful login; stale rows swept.
table-login_throttle-readers = الخادم.
    .source = The server.
column-login_throttle-key = بصمة محسوبة بمفتاح للاسم المكتوب (رقم، أو اسم مستعار، أو أي شيء كُتب).
    .source = Keyed hash of the name typed (a number, a pseudonym, or anything typed).
column-login_throttle-failures = عدد المحاولات الفاشلة المتتالية.
    .source = How many failed in a row.
column-login_throttle-blocked_until = حتى متى يجب أن ينتظر هذا الاسم.
    .source = Until when this name must wait.
column-login_throttle-updated_at = آخر تغيير.
    .source = Last change.

## login_global
table-login_global-purpose = محاولات الدخول غير المكتملة على الخادم كله، لكل فترة زمنية (حدّ أعلى للتخمين على نطاق واسع).
    .source = Unfinished logins over the whole server, per time bucket (a ceiling on guessing at scale).
table-login_global-retention = تُمسح الفترات القديمة.
    .source = Old buckets swept.
table-login_global-readers = الخادم.
    .source = The server.
column-login_global-bucket = فترة زمنية.
    .source = A time bucket.
column-login_global-failures = محاولات الدخول غير المكتملة فيها.
    .source = Unfinished logins in it.

## login_proofs_spent
table-login_proofs_spent-purpose = إثباتات عمل استُعملت بالفعل (كل إثبات يعمل مرة واحدة).
    .source = Proofs of work already used (each works once).
table-login_proofs_spent-retention = حتى الوقت الذي كانت ستنتهي فيه صلاحية الإثبات.
    .source = Until the proof would have expired.
table-login_proofs_spent-readers = الخادم.
    .source = The server.
column-login_proofs_spent-id = بصمة الإثبات.
    .source = Hash of the proof.
column-login_proofs_spent-expires_at = متى يُحذف.
    .source = When it is dropped.

## hidden_attempts
table-hidden_attempts-purpose = محاولة محسوبة لفتح جزء مخفي، تُستعمل مرة واحدة.
    .source = A counted try at a hidden part, used once.
table-hidden_attempts-retention = دقائق.
    .source = Minutes.
table-hidden_attempts-readers = الخادم.
    .source = The server.
column-hidden_attempts-id = معرّف عشوائي.
    .source = Random id.
column-hidden_attempts-wallet_id = الحافظة اليومية.
    .source = The everyday wallet.
column-hidden_attempts-throttle_key = بصمة محسوبة بمفتاح للاسم المكتوب.
    .source = Keyed hash of the name typed.
column-hidden_attempts-bucket = فترة زمنية.
    .source = Time bucket.
column-hidden_attempts-expires_at = متى يُحذف.
    .source = When it is dropped.

## sessions
table-sessions-purpose = المتصفحات التي تم الدخول منها.
    .source = Logged-in browsers.
table-sessions-retention = تنتهي بعد مدة عدم النشاط أو المدة القصوى، أو عند الخروج، أو عندما يُنهيها صاحب الحافظة.
    .source = Ends after the idle or absolute time, at log-out, or when the holder ends them.
table-sessions-readers = الخادم.
    .source = The server.
column-sessions-token_hash = بصمة SHA-256 لملف تعريف الارتباط الخاص بالجلسة (ملف تعريف الارتباط نفسه موجود في المتصفح فقط).
    .source = SHA-256 of the session cookie (the cookie itself is only in the browser).
column-sessions-wallet_id = جزء الحافظة.
    .source = The wallet part.
column-sessions-created_at = متى بدأت.
    .source = When it started.
column-sessions-last_seen_at = آخر طلب (لمهلة عدم النشاط).
    .source = Last request (for the idle time-out).

## invites
table-invites-purpose = رموز الدعوة، في شكل بصمات.
    .source = Invitation codes, as hashes.
table-invites-retention = حتى تنتهي صلاحيتها (وبعد ذلك تُحفظ كرموز مستعملة).
    .source = Until they expire (kept as spent codes after).
table-invites-readers = الخادم؛ يرى المديرون الأعداد لكل دفعة.
    .source = The server; administrators see counts per batch.
column-invites-code_hash = بصمة SHA-256 للرمز (الرمز موجود فقط على بطاقته).
    .source = SHA-256 of the code (the code is only on its slip).
column-invites-remaining_uses = عدد الحوافظ التي ما زال يستطيع إنشاءها.
    .source = Wallets it may still make.
column-invites-expires_at = متى يتوقف عن العمل.
    .source = When it stops working.
column-invites-created_at = متى أُنشئ.
    .source = When it was made.
column-invites-batch_id = دفعته (لا دفعة لرمز أُنشئ من سطر الأوامر). لا ترتبط أي حافظة برمز.
    .source = Its batch (none for a code from the command line). No wallet is linked to a code.

## creation_global
table-creation_global-purpose = الحوافظ المنشأة لكل فترة زمنية (حدّ أعلى لإنشاء الحوافظ).
    .source = Wallets made per time bucket (a ceiling on creations).
table-creation_global-retention = تُمسح الفترات القديمة.
    .source = Old buckets swept.
table-creation_global-readers = الخادم.
    .source = The server.
column-creation_global-bucket = فترة زمنية.
    .source = A time bucket.
column-creation_global-created = الحوافظ المنشأة فيها.
    .source = Wallets made in it.

## uploads
table-uploads-purpose = وثيقة قيد الإرسال، على أجزاء، قبل تثبيتها.
    .source = A document being sent, in parts, before it is committed.
table-uploads-retention = حتى تُثبَّت، أو تُترك، أو تنتهي صلاحيتها.
    .source = Until committed, abandoned, or expired.
table-uploads-readers = الخادم.
    .source = The server.
column-uploads-id = معرّف عشوائي.
    .source = Random id.
column-uploads-wallet_id = جزء الحافظة.
    .source = The wallet part.
column-uploads-document_id = المعرّف العشوائي للوثيقة.
    .source = The document's random id.
column-uploads-ciphertext_len = حجمها، مقفلة.
    .source = Its size, sealed.
column-uploads-part_size = حجم كل جزء.
    .source = Size of each part.
column-uploads-part_count = عدد الأجزاء.
    .source = How many parts.
column-uploads-created_at = متى بدأ.
    .source = When it started.
column-uploads-expires_at = متى يُحذف إذا لم يكتمل.
    .source = When it is dropped if unfinished.

## upload_parts
table-upload_parts-purpose = أجزاء الإرسال التي وصلت حتى الآن.
    .source = Parts of an upload received so far.
table-upload_parts-retention = مع الإرسال.
    .source = With the upload.
table-upload_parts-readers = الخادم.
    .source = The server.
column-upload_parts-upload_id = الإرسال.
    .source = The upload.
column-upload_parts-part = رقمه.
    .source = Its number.
column-upload_parts-len = حجمه.
    .source = Its size.

## documents
table-documents-purpose = وثائق صاحب الحافظة: محتوى مقفل (في مخزن الملفات) وسجلّ مقفل (الاسم، النوع، التواريخ، الملاحظة).
    .source = The holder's documents: sealed content (in the blob store) and a sealed record (name, kind, dates, note).
table-documents-retention = حتى يحذفها صاحب الحافظة أو يُغلق حافظته نهائيًا.
    .source = Until the holder deletes it or ends the wallet.
table-documents-readers = وحده صاحب الحافظة يستطيع فتحها؛ يرى الخادم الأحجام والأوقات.
    .source = Only the holder can open them; the server sees sizes and times.
column-documents-wallet_id = جزء الحافظة.
    .source = The wallet part.
column-documents-id = معرّف عشوائي.
    .source = Random id.
column-documents-blob_key = اسم ملفها المقفل في مخزن الملفات.
    .source = Name of its sealed file in the blob store.
column-documents-size = حجمها، مقفلة ومع الحشو.
    .source = Its size, sealed and padded.
column-documents-metadata = سجلّها، مقفلًا بمفتاح الحافظة (الاسم، النوع، التواريخ، الملاحظة).
    .source = Its record, sealed to the wallet key (name, kind, dates, note).
column-documents-tag = وسم مصادقة يربط السجلّ بالمحتوى.
    .source = An authentication tag binding the record to the content.
column-documents-created_at = متى أُضيفت (بأسبوع ISO فقط مع --keep-partner-on-wallet).
    .source = When it was added (to the ISO week with --keep-partner-on-wallet).
column-documents-updated_at = آخر مرة تغيّر فيها سجلّها.
    .source = When its record last changed.

## global_usage
table-global_usage-purpose = مجاميع الخادم: البايتات المخزّنة والحوافظ، مقارنةً بحدوده القصوى.
    .source = The server's totals: bytes stored and wallets, against its caps.
table-global_usage-retention = صف واحد، دائمًا.
    .source = One row, always.
table-global_usage-readers = الخادم؛ الفريق الذي يشغّل الخادم.
    .source = The server; the operator.
column-global_usage-id = دائمًا 1.
    .source = Always 1.
column-global_usage-used_bytes = البايتات المخزّنة والمحجوزة.
    .source = Bytes stored and reserved.
column-global_usage-wallets = الحوافظ.
    .source = Wallets.

## grants
table-grants-purpose = روابط المشاركة: ما يستطيع المرشد الاجتماعي فتحه، وحتى متى، وكم مرة.
    .source = Sharing links: what a worker may open, until when, how often.
table-grants-retention = تُمحى نسخها عندما تنتهي صلاحيتها، أو تُوقف، أو تُستنفد مرات فتحها؛ ويبقى الصف مع الحافظة لسجلّ الفتح.
    .source = Their copies are purged when they expire, are revoked or used up; the row stays with the wallet for its access log.
table-grants-readers = الخادم؛ يراها صاحب الحافظة ويرى متى فُتحت.
    .source = The server; the holder sees them and when they were opened.
column-grants-id = معرّف عشوائي.
    .source = Random id.
column-grants-wallet_id = جزء الحافظة الذي أنشأه.
    .source = The wallet part that made it.
column-grants-access_hash = بصمة رمز الوصول الخاص بالرابط (يبقى سرّ الرابط في جزئه #fragment).
    .source = Hash of the link's access token (the link's secret stays in its #fragment).
column-grants-pin_hash = بصمة SHA-256 لرمز يشتقّه المتصفح من رمز PIN ومن سرّ الرابط، إذا وُضع رمز PIN (رمز PIN وحده لا يُرسل أبدًا).
    .source = SHA-256 of a token the browser derives from the PIN and the link's secret, if a PIN was set (the PIN alone is never sent).
column-grants-pin_failures = عدد رموز PIN الخاطئة حتى الآن.
    .source = Wrong PINs so far.
column-grants-wrapped_key = مفتاح الرابط مقفلًا بسرّ الرابط.
    .source = The link's key sealed under the link's secret.
column-grants-label = تسمية كتبها صاحب الحافظة، مقفلة.
    .source = A label the holder typed, sealed.
column-grants-document_count = عدد الوثائق.
    .source = How many documents.
column-grants-reserved_bytes = المساحة المحجوزة لنسخه.
    .source = Space reserved for its copies.
column-grants-max_openings = عدد مرات الفتح المسموح بها.
    .source = How many openings are allowed.
column-grants-openings = عدد مرات الفتح التي حدثت.
    .source = How many happened.
column-grants-created_at = متى أُنشئ (بأسبوع ISO فقط مع --keep-partner-on-wallet).
    .source = When it was made (to the ISO week with --keep-partner-on-wallet).
column-grants-expires_at = متى يتوقف عن العمل.
    .source = When it stops working.
column-grants-revoked_at = متى أوقفه صاحب الحافظة.
    .source = When the holder revoked it.
column-grants-purged_at = متى حُذفت نسخه.
    .source = When its copies were deleted.

## grant_documents
table-grant_documents-purpose = النسخ التي يفتحها رابط المشاركة، مقفلة بمفتاح الرابط.
    .source = The copies a sharing link opens, sealed under the link's key.
table-grant_documents-retention = حتى يُمحى الرابط.
    .source = Until the link is purged.
table-grant_documents-readers = من يملك الرابط (ورمز PIN)؛ يرى الخادم الأحجام.
    .source = Whoever has the link (and the PIN); the server sees sizes.
column-grant_documents-grant_id = الرابط.
    .source = The link.
column-grant_documents-position = مكانها في القائمة.
    .source = Its place in the list.
column-grant_documents-blob_key = اسم ملفها المقفل.
    .source = Name of its sealed file.
column-grant_documents-size = حجمها.
    .source = Its size.
column-grant_documents-metadata = سجلّها، مقفلًا بمفتاح الرابط.
    .source = Its record, sealed under the link's key.
column-grant_documents-stored_at = متى وصلت نسختها.
    .source = When its copy arrived.

## grant_openings
table-grant_openings-purpose = متى فُتح رابط (سجلّ الفتح لصاحب الحافظة)، ورمز الفتح.
    .source = When a link was opened (the holder's access log) and the opening's token.
table-grant_openings-retention = مع الرابط.
    .source = With the link.
table-grant_openings-readers = الخادم؛ يرى صاحب الحافظة الأوقات.
    .source = The server; the holder sees the times.
column-grant_openings-token_hash = بصمة SHA-256 لرمز الفتح.
    .source = SHA-256 of the opening's token.
column-grant_openings-grant_id = الرابط.
    .source = The link.
column-grant_openings-opened_at = متى.
    .source = When.
column-grant_openings-expires_at = متى يتوقف الرمز عن العمل.
    .source = When the token stops working.

## deposits
table-deposits-purpose = روابط استلام الوثائق: يضع مرشد اجتماعي وثائق في الحافظة، مقفلة بالمفتاح الخاص بالرابط.
    .source = Deposit links: a worker drops documents into the wallet, sealed to the link's own key.
table-deposits-retention = مع الحافظة؛ تتوقف عن العمل عند نهاية مدتها، أو عند إيقافها، أو عندما تمتلئ.
    .source = With the wallet; stop working at their end, when revoked or full.
table-deposits-readers = الخادم؛ صاحب الحافظة.
    .source = The server; the holder.
column-deposits-id = معرّف عشوائي.
    .source = Random id.
column-deposits-wallet_id = جزء الحافظة.
    .source = The wallet part.
column-deposits-access_hash = بصمة رمز الوصول الخاص بالرابط.
    .source = Hash of the link's access token.
column-deposits-recipient_check = تحقّق من أن متصفح المرشد الاجتماعي يُقفل بالمفتاح الصحيح.
    .source = A check that the worker's browser seals to the right key.
column-deposits-label = تسمية كتبها صاحب الحافظة، مقفلة.
    .source = A label the holder typed, sealed.
column-deposits-max_files = عدد الوثائق التي يقبلها.
    .source = How many documents it takes.
column-deposits-files_received = عدد الوثائق التي وصلت.
    .source = How many came.
column-deposits-created_at = متى أُنشئ (بأسبوع ISO فقط مع --keep-partner-on-wallet).
    .source = When it was made (to the ISO week with --keep-partner-on-wallet).
column-deposits-expires_at = متى يتوقف.
    .source = When it stops.
column-deposits-revoked_at = متى أوقفه صاحب الحافظة.
    .source = When the holder stopped it.
column-deposits-sending = وثائق في الطريق الآن.
    .source = Documents on their way now.
column-deposits-recipient = المفتاح العام للرابط (age).
    .source = The link's public key (age).
column-deposits-key_id = معرّف عشوائي لزوج مفاتيح الرابط (نصفه الخاص مقفل داخل الحافظة).
    .source = Random id of the link's key pair (its private half is sealed in the wallet).

## deposit_uploads
table-deposit_uploads-purpose = أيّ إرسال يمرّ عبر أيّ رابط لاستلام الوثائق.
    .source = Which upload goes through which deposit link.
table-deposit_uploads-retention = حتى ينتهي الإرسال.
    .source = Until the upload ends.
table-deposit_uploads-readers = الخادم.
    .source = The server.
column-deposit_uploads-upload_id = الإرسال.
    .source = The upload.
column-deposit_uploads-deposit_id = الرابط.
    .source = The link.

## received_documents
table-received_documents-purpose = وثائق وصلت عبر رابط لاستلام الوثائق (ليُخبَر صاحب الحافظة بمن أنشأها).
    .source = Documents that arrived through a deposit link (so the holder is told who made them).
table-received_documents-retention = مع الوثيقة.
    .source = With the document.
table-received_documents-readers = الخادم؛ صاحب الحافظة.
    .source = The server; the holder.
column-received_documents-wallet_id = جزء الحافظة.
    .source = The wallet part.
column-received_documents-document_id = الوثيقة.
    .source = The document.
column-received_documents-deposit_id = الرابط الذي وصلت عبره.
    .source = The link it came through.
column-received_documents-received_at = متى.
    .source = When.

## blob_tombstones
table-blob_tombstones-purpose = ملفات مقفلة حُذفت صفوفها، تُحفظ لمهلة كي تظلّ النسخة الاحتياطية تجدها.
    .source = Sealed files whose rows are gone, kept for a grace period so a backup still finds them.
table-blob_tombstones-retention = المهلة، ثم يُحذف الملف وهذا الصف.
    .source = The grace period, then the file and this row are deleted.
table-blob_tombstones-readers = الخادم.
    .source = The server.
column-blob_tombstones-blob_key = اسم الملف.
    .source = The file's name.
column-blob_tombstones-deleted_at = متى حُذف صفّه.
    .source = When its row went.

## server_setup
table-server_setup-purpose = بصمة لإعداد OPAQUE في الخادم (البذرة نفسها خارج قاعدة البيانات).
    .source = A fingerprint of the server's OPAQUE setup (the seed itself is outside the database).
table-server_setup-retention = دائمًا.
    .source = Always.
table-server_setup-readers = الخادم.
    .source = The server.
column-server_setup-id = دائمًا 1.
    .source = Always 1.
column-server_setup-fingerprint = بصمة الإعداد: قاعدة بيانات بدأت بأسرار أخرى ترفض العمل.
    .source = Hash of the setup: a database started with other secrets refuses to run.

## admins
table-admins-purpose = مديرو لوحة الإدارة: اسم، ودور، وتسجيلهم.
    .source = Administrators of the console: a name, a role, their enrolment.
table-admins-retention = حتى يُوقف (يبقى محفوظًا كموقوف، لسجلّ التدقيق).
    .source = Until revoked (kept as revoked, for the audit log).
table-admins-readers = الخادم؛ يرى المديرون الأسماء في سجلّ التدقيق.
    .source = The server; administrators see the names in the audit log.
column-admins-id = معرّف عشوائي.
    .source = Random id.
column-admins-name = الاسم الذي أعطاه الفريق الذي يشغّل الخادم.
    .source = The name the operator gave.
column-admins-role = coordinator أو observer.
    .source = coordinator or observer.
column-admins-state = قيد التسجيل، بانتظار الرمز، نشط، موقوف.
    .source = enrolling, waiting for the code, active, revoked.
column-admins-created_at = متى.
    .source = When.
column-admins-enrol_hash = بصمة SHA-256 لرمز رابط التسجيل.
    .source = SHA-256 of the enrolment link's token.
column-admins-enrol_expires_at = متى يتوقف الرابط.
    .source = When the link stops.
column-admins-confirm_hash = بصمة SHA-256 لرمز التأكيد.
    .source = SHA-256 of the confirmation code.
column-admins-confirm_expires_at = متى يتوقف الرمز.
    .source = When the code stops.

## admin_passkeys
table-admin_passkeys-purpose = مفاتيح المرور للمديرين (مفاتيح عامة).
    .source = Administrators' passkeys (public keys).
table-admin_passkeys-retention = حتى يُزال أو يُوقف المدير.
    .source = Until removed or the administrator revoked.
table-admin_passkeys-readers = الخادم؛ كل مدير يرى مفاتيحه.
    .source = The server; each administrator sees their own.
column-admin_passkeys-id = معرّف عشوائي.
    .source = Random id.
column-admin_passkeys-admin_id = لمن.
    .source = Whose.
column-admin_passkeys-credential_id = معرّف بيانات الاعتماد لمفتاح المرور.
    .source = The passkey's credential id.
column-admin_passkeys-passkey = مفتاحه العام وعدّاده (webauthn-rs).
    .source = Its public key and counter (webauthn-rs).
column-admin_passkeys-label = تسمية.
    .source = A label.
column-admin_passkeys-created_at = متى أُضيف.
    .source = When added.
column-admin_passkeys-last_used_at = آخر دخول.
    .source = Last login.

## admin_ceremonies
table-admin_ceremonies-purpose = عملية مفتاح مرور بين رسالتيها (100 على الأكثر في الوقت نفسه).
    .source = A passkey ceremony between its two messages (at most 100 at once).
table-admin_ceremonies-retention = خمس دقائق.
    .source = Five minutes.
table-admin_ceremonies-readers = الخادم.
    .source = The server.
column-admin_ceremonies-id = معرّف عشوائي.
    .source = Random id.
column-admin_ceremonies-kind = enrol، login، add، reauth.
    .source = enrol, login, add, reauth.
column-admin_ceremonies-admin_id = لمن، إذا كان معروفًا.
    .source = Whose, when known.
column-admin_ceremonies-session_hash = جلسة الإدارة التي تنتمي إليها، إن وُجدت.
    .source = The admin session it belongs to, when one.
column-admin_ceremonies-state = حالة العملية في webauthn-rs.
    .source = webauthn-rs's ceremony state.
column-admin_ceremonies-expires_at = متى يُحذف.
    .source = When it is dropped.

## admin_sessions
table-admin_sessions-purpose = المديرون الذين دخلوا.
    .source = Logged-in administrators.
table-admin_sessions-retention = 10 دقائق دون نشاط، و4 ساعات على الأكثر.
    .source = 10 minutes idle, 4 hours at most.
table-admin_sessions-readers = الخادم.
    .source = The server.
column-admin_sessions-token_hash = بصمة SHA-256 لملف تعريف الارتباط الخاص بالإدارة.
    .source = SHA-256 of the admin cookie.
column-admin_sessions-admin_id = لمن.
    .source = Whose.
column-admin_sessions-created_at = متى.
    .source = When.
column-admin_sessions-last_seen_at = آخر طلب.
    .source = Last request.
column-admin_sessions-fresh_until = حتى متى يمكن إضافة مفتاح مرور أو إزالته.
    .source = Until when a passkey may be added or removed.

## admin_audit
table-admin_audit-purpose = كل إجراء يقوم به مدير: من، وماذا، وعن أي شيء، ومتى. لا حافظة أبدًا.
    .source = Every administrator action: who, what, about what, when. Never a wallet.
table-admin_audit-retention = دائمًا (ترفض قاعدة البيانات التعديل والحذف).
    .source = Always (the database refuses changes and deletions).
table-admin_audit-readers = كل مدير؛ الفريق الذي يشغّل الخادم.
    .source = Every administrator; the operator.
column-admin_audit-seq = الترتيب.
    .source = Order.
column-admin_audit-at = متى.
    .source = When.
column-admin_audit-actor = اسم المدير، أو server.
    .source = The administrator's name, or server.
column-admin_audit-action = ماذا.
    .source = What.
column-admin_audit-subject = عن أي شيء (اسم، أو شريك، أو تسمية مفتاح مرور).
    .source = About what (a name, a partner, a passkey's label).

## partners
table-partners-purpose = الشركاء (مراكز نهارية، خدمات) الذين يوزّعون بطاقات الدعوة.
    .source = The partners (day centres, services) that hand out invitation slips.
table-partners-retention = دائمًا.
    .source = Always.
table-partners-readers = الخادم؛ المديرون.
    .source = The server; administrators.
column-partners-id = معرّف عشوائي.
    .source = Random id.
column-partners-label = اسمه.
    .source = Its name.
column-partners-created_at = متى أُضيف.
    .source = When added.

## invite_batches
table-invite_batches-purpose = دفعات من رموز الدعوة طُبعت كبطاقات، وعدد الحوافظ التي أنشأتها كل دفعة.
    .source = Batches of invitation codes printed as slips, and how many wallets each made.
table-invite_batches-retention = دائمًا (عدد، بلا حافظة).
    .source = Always (a count, no wallet).
table-invite_batches-readers = الخادم؛ المديرون.
    .source = The server; administrators.
column-invite_batches-id = معرّف عشوائي.
    .source = Random id.
column-invite_batches-partner_id = لأي شريك.
    .source = For which partner.
column-invite_batches-created_by = اسم المدير.
    .source = The administrator's name.
column-invite_batches-codes = عدد الرموز.
    .source = How many codes.
column-invite_batches-uses_per_code = عدد الحوافظ لكل رمز.
    .source = Wallets per code.
column-invite_batches-created_at = متى.
    .source = When.
column-invite_batches-expires_at = متى تتوقف الرموز.
    .source = When the codes stop.
column-invite_batches-revoked_at = متى أُوقفت.
    .source = When revoked.
column-invite_batches-wallets_created = عدد الحوافظ التي أنشأتها رموزها.
    .source = How many wallets its codes made.

## stat_counters
table-stat_counters-purpose = عدّادات الإحصاءات: الأحداث لكل أسبوع (أو شهر) ولكل شريك، ولا تتغير إلا بالزيادة.
    .source = The statistics' counters: events per week (or month) and partner, only ever added to.
table-stat_counters-retention = دائمًا.
    .source = Always.
table-stat_counters-readers = الخادم؛ يرى المديرون الفترات المنتهية، مع إخفاء الأعداد الصغيرة (k-anonymous).
    .source = The server; administrators see closed periods, k-anonymous.
column-stat_counters-event = ما الذي حُسب.
    .source = What was counted.
column-stat_counters-period_start = بداية الأسبوع أو الشهر.
    .source = Start of the week or month.
column-stat_counters-partner_id = شريك البطاقة، أو لا أحد.
    .source = The slip's partner, or none.
column-stat_counters-count = العدد.
    .source = How many.

## feedback
table-feedback-purpose = آراء يرسلها أصحاب الحوافظ والمرشدون الاجتماعيون: ثلاثة وجوه وبضع كلمات اختيارية. تُرسل بلا ملفات تعريف الارتباط، ولا تُسجَّل في أي سجلّ أبدًا؛ لا شيء يربط رأيًا بحافظة، أو رابط، أو جلسة، أو عنوان.
    .source = Opinions sent by holders and social workers: three faces and a few optional words. Sent without cookies, never logged; nothing ties one to a wallet, a link, a session or an address.
table-feedback-retention = يُحذف بعد يومه بعدد الأشهر الذي يحدده --feedback-months (6 افتراضيًا).
    .source = Deleted --feedback-months (6 by default) after its day.
table-feedback-readers = منسّقو مرحلة الاختبار (Paradigm).
    .source = Coordinators of the test phase (Paradigm).
column-feedback-id = معرّف عشوائي (لا يقول شيئًا عن ترتيب الوصول).
    .source = Random id (says nothing of the order of arrival).
column-feedback-day = اليوم الذي وصل فيه (بلا ساعة).
    .source = The day it came (no time).
column-feedback-face = ليست جيدة، أو متوسطة، أو جيدة.
    .source = Unhappy, so-so or happy.
column-feedback-comment = الكلمات، إن وُجدت (ترفض الاستمارة والخادم الأسماء، وأرقام الحوافظ، والأرقام الطويلة، وعناوين البريد الإلكتروني).
    .source = The words, if any (the form and the server refuse names, wallet numbers, long numbers and e-mail addresses).
column-feedback-language = لغة الاستمارة.
    .source = The form's language.
column-feedback-origin = صاحب حافظة أو مرشد اجتماعي.
    .source = Holder or social worker.
column-feedback-tags = وسوم المنسّقين.
    .source = The coordinators' tags.
column-feedback-closed = هل عالجه المنسّقون.
    .source = Whether the coordinators dealt with it.

## feedback_global
table-feedback_global-purpose = عدد الآراء في الدقيقة على الخادم كله (حدّ أعلى لكل ساعة، لا لكل مرسل أبدًا).
    .source = Feedbacks per minute over the whole server (a ceiling per hour, never per sender).
table-feedback_global-retention = تُمسح الفترات القديمة بعد يوم.
    .source = Old buckets swept after a day.
table-feedback_global-readers = الخادم.
    .source = The server.
column-feedback_global-bucket = دقيقة.
    .source = A minute.
column-feedback_global-received = الآراء التي وصلت فيها.
    .source = Feedbacks in it.

## changes_published
table-changes_published-purpose = ما غيّرناه: ما ينشره المنسّقون في هذه الصفحة.
    .source = What we changed: what the coordinators publish on this page.
table-changes_published-retention = حتى يُسحب.
    .source = Until taken down.
table-changes_published-readers = الجميع (هذه الصفحة).
    .source = Everyone (this page).
column-changes_published-id = معرّف عشوائي.
    .source = Random id.
column-changes_published-day = اليوم الذي نُشر فيه.
    .source = The day it was published.
column-changes_published-text_fr = النص بالفرنسية.
    .source = French text.
column-changes_published-text_nl = النص بالهولندية.
    .source = Dutch text.
column-changes_published-text_en = النص بالإنجليزية.
    .source = English text.
column-changes_published-text_ar = النص بالعربية.
    .source = Arabic text.

## announcements
table-announcements-purpose = إعلانات المنسّقين (الصيانة، نهاية مرحلة الاختبار)، تُعرض في صفحة البداية لأصحاب الحوافظ داخل إطار ثابت؛ نص عادي، بلا روابط.
    .source = The coordinators' announcements (maintenance, the end of the test phase), shown on the holders' start page inside a fixed frame; plain text, no links.
table-announcements-retention = تظهر آخر 50 في القائمة؛ تُحفظ حتى تُعاد تهيئة قاعدة البيانات.
    .source = The last 50 are listed; kept until the database is reset.
table-announcements-readers = الجميع (صفحة البداية، ما دام الإعلان معروضًا)؛ المديرون.
    .source = Everyone (the start page, while shown); administrators.
column-announcements-id = معرّف عشوائي.
    .source = Random id.
column-announcements-text_fr = النص بالفرنسية.
    .source = French text.
column-announcements-text_nl = النص بالهولندية.
    .source = Dutch text.
column-announcements-text_en = النص بالإنجليزية.
    .source = English text.
column-announcements-text_ar = النص بالعربية.
    .source = Arabic text.
column-announcements-starts_at = من متى يُعرض.
    .source = When it is shown from.
column-announcements-ends_at = متى يتوقف عرضه.
    .source = When it stops being shown.
column-announcements-created_by = اسم المنسّق.
    .source = The coordinator's name.

## Outside the database
other-blobs-name = مخزن الملفات (--data-dir/blobs)
    .source = Blob store (--data-dir/blobs)
other-blobs-purpose = ملف واحد لكل وثيقة مقفلة أو نسخة رابط، يُسمّى بمفتاح عشوائي؛ بيانات مشفّرة فقط، مع الحشو.
    .source = One file per sealed document or link copy, named by a random key; ciphertext only, padded.
other-blobs-retention = يُحذف بعد مهلة، حين لا يشير إليه أي صف.
    .source = Deleted after a grace period once no row points to it.
other-blobs-readers = الخادم؛ يرى الفريق الذي يشغّل الخادم الأحجام والأوقات، لا المحتوى.
    .source = The server; the operator sees sizes and times, not content.
other-secrets-name = بذرة OPAQUE وإعداد الخادم (--secrets-dir)
    .source = OPAQUE seed and server setup (--secrets-dir)
other-secrets-purpose = مفتاح OPAQUE للخادم وبذرة OPRF، خارج قاعدة البيانات: قاعدة بيانات مسروقة وحدها لا تسمح بتخمين الأسرار.
    .source = The server's OPAQUE key and OPRF seed, outside the database: a stolen database alone allows no guessing of secrets.
other-secrets-retention = دائمًا.
    .source = Always.
other-secrets-readers = الخادم؛ الفريق الذي يشغّل الخادم.
    .source = The server; the operator.
other-log-name = سجلّ الخادم (مخرج الأخطاء القياسي؛ مع systemd، سجلّ journal)
    .source = Server log (standard error; under systemd, the journal)
other-log-purpose = سطر واحد لكل طلب: الطريقة، وقالب المسار (لا معرّف ولا رمز ولا عنوان أبدًا)، والحالة، والمدة. طلبات الآراء ليس لها أي سطر.
    .source = One line per request: method, route template (never an id, token or address), status, time taken. Feedback requests have no line at all.
other-log-retention = كما يحفظه سجلّ journal لدى الفريق الذي يشغّل الخادم (docs/DEPLOY.md، Logs and their rotation).
    .source = As the operator's journal keeps it (docs/DEPLOY.md, Logs and their rotation).
other-log-readers = الفريق الذي يشغّل الخادم.
    .source = The operator.
other-metrics-name = المقاييس (--metrics-listen)
    .source = Metrics (--metrics-listen)
other-metrics-purpose = أعداد ومُدد لكل قالب مسار، من أجل المراقبة؛ بلا معرّف، وبلا عنوان.
    .source = Counts and durations per route template for monitoring; no id, no address.
other-metrics-retention = لا يحفظها الخادم؛ كما تحفظها أدوات المراقبة لدى الفريق الذي يشغّل الخادم.
    .source = Not kept by the server; as the operator's monitoring keeps them.
other-metrics-readers = الفريق الذي يشغّل الخادم.
    .source = The operator.
other-backups-name = النسخ الاحتياطية (--backup-dir)
    .source = Backups (--backup-dir)
other-backups-purpose = نسخ من قاعدة البيانات ومخزن الملفات مشفّرة بـ age، وسجلّ المحو (حتى لا تُعيد أي استعادة حافظةً أُغلقت نهائيًا).
    .source = age-encrypted copies of the database and the blob store, and the erasure journal (so a restore never brings an ended wallet back).
other-backups-retention = حسب --backup-keep-days.
    .source = --backup-keep-days.
other-backups-readers = الفريق الذي يشغّل الخادم، بمفتاح النسخ الاحتياطية.
    .source = The operator, with the backup key.
other-proxy-name = الوكيل العكسي (nginx أو Caddy، docs/DEPLOY.md)
    .source = Reverse proxy (nginx or Caddy, docs/DEPLOY.md)
other-proxy-purpose = TLS أمام الخادم؛ سجلّ الوصول فيه لا يحوي عنوان العميل ولا أي معرّف، ولا سطرًا للآراء.
    .source = TLS in front of the server; its access log holds no client address and no id, and no line for feedback.
other-proxy-retention = كما تحفظه إعدادات الفريق الذي يشغّل الخادم.
    .source = As the operator's configuration keeps it.
other-proxy-readers = الفريق الذي يشغّل الخادم.
    .source = The operator.
