# PDE — العربية. جمل قصيرة وبسيطة.
language-name = العربية
language-direction = rtl

app-name = PDE
app-title = PDE – حافظة الوثائق الإلكترونية
skip-to-content = انتقل إلى المحتوى
language-label = اللغة
choose-language-title = اختر لغتك
back = رجوع
back-to-wallet = الرجوع إلى الحافظة
continue = متابعة
print = طباعة
lock = قفل
feedback = رأيك
locked-notice = الحافظة مقفلة.
session-ended = انتهت جلستك. افتح حافظتك مرة أخرى: ما كنت تفعله محفوظ.
save = حفظ
saved = تم الحفظ.
download = تنزيل
delete = حذف
size-mb = { $size } ميغابايت

start-title = حافظة الوثائق الإلكترونية
start-lead = احتفظ بنسخة من أوراقك. أنت وحدك تستطيع فتحها.
start-transparency = ما يحتفظ به PDE
announcement-from = رسالة من فريق PDE:
announcement-never = لا يطلب منك PDE أبدًا سرّك ولا مفتاح الاسترداد.
start-create = إنشاء حافظة
start-open = فتح حافظتي

create-title = إنشاء حافظة
create-name-legend = كيف نتعرف عليك؟
create-name-number = رقم فقط
create-name-number-hint = بدون اسم. نعطيك رقمًا.
create-name-pseudonym = اسم مستعار
create-name-pseudonym-hint = اسم مخترع، سهل التذكر. ليس اسمك الحقيقي.
create-pseudonym-label = اسمك المستعار
create-secret-legend = سرّك
create-secret-passphrase = جملة تحفظها
create-secret-passphrase-hint = 8 رموز على الأقل. أكثر أمانًا.
create-secret-pin = رمز PIN
create-secret-pin-hint = 4 أرقام على الأقل. أسرع.
create-pin-warning = رمز PIN أسهل في التخمين. بعد بضع محاولات خاطئة يجب أن تنتظر. الجملة تحمي أفضل.
create-pin-digits-only = رمز PIN يحتوي على أرقام فقط.
create-secret-label = سرّك
create-secret-repeat-label = مرة أخرى للتأكد
create-secret-mismatch = السرّان غير متطابقين.
create-invite-label = رمز الدعوة
create-submit = إنشاء
create-working = جارٍ الإنشاء… بضع ثوانٍ

secret-pin-too-short = يجب أن يحتوي رمز PIN على 4 أرقام على الأقل.
secret-passphrase-too-short = يجب أن تحتوي الجملة على 8 رموز على الأقل.
secret-common-pin = رمز PIN هذا معروف جدًا. اختر رمزًا آخر.
secret-common-passphrase = هذه الجملة معروفة جدًا. اختر جملة أخرى.
secret-too-long = هذا السر طويل جدًا (128 رمزًا على الأكثر).

created-title = حافظتك جاهزة
created-number-label = رقم الحافظة
created-pseudonym-label = الاسم المستعار
created-keep-card = اكتب هذا الرقم أو اطبع هذه البطاقة. احتفظ بها مع أوراقك.
created-print-card = طباعة البطاقة
created-print-sheet = طباعة مفتاح الاسترداد
my-card-title = بطاقتي
recovery-title = مفتاح الاسترداد
recovery-explain = إذا نسيت سرّك، فهذا المفتاح يفتح حافظتك.
recovery-secret-warning = من يملك هذا المفتاح يستطيع فتح كل شيء. أخفِه. لا تحتفظ به مع رقمك.
recovery-qr-label = رمز QR لمفتاح الاسترداد
recovery-kept = كتبت مفتاح الاسترداد أو طبعته.

unlock-title = فتح حافظتي
unlock-login-label = الرقم أو الاسم المستعار
unlock-login-hint = مثال: ABCD-EFGH-JKLM
unlock-offer-number = إعادة رقمي
unlock-secret-label = سرّك
unlock-submit = فتح
unlock-working = جارٍ الفتح…

wallet-title = وثائقي
wallet-count = { $count ->
    [zero] لا توجد وثائق
    [one] وثيقة واحدة
    [two] وثيقتان
    [few] { $count } وثائق
    [many] { $count } وثيقة
   *[other] { $count } وثيقة
}
wallet-quota = { $used } مستخدمة من { $quota }
filter-label = عرض فقط
filter-all = الكل

add-title = إضافة وثائق
add-category-label = ما هذه الورقة؟
add-choose-files = اختيار ملفات
add-take-photo = التقاط صورة
add-drop-hint = يمكنك أيضًا سحب الملفات إلى هنا.
add-working = جارٍ القفل والإرسال…
add-done = تمت الإضافة.
add-done-pdf-kept = أُضيف كما هو: ملف PDF هذا موقَّع أو محميّ. قد تحتوي خصائصه على اسم كاتبه.
add-too-large = هذا الملف كبير جدًا. الحد الأقصى: { $max }.

document-opening = جارٍ فتح الوثيقة…
document-download-only = لا يمكن عرض هذا الملف هنا. يمكنك تنزيله.
document-damaged = وثيقة تالفة
document-edit-title = الاسم والتواريخ والملاحظة
document-name-label = الاسم
document-category-label = ما هذه الورقة؟
document-note-label = ملاحظة (لك وحدك)
document-issued-label = صدرت في
document-expires-label = صالحة حتى
document-dates-hint = إذا كان للوثيقة تاريخ انتهاء، ينبهك PDE قبل شهرين.
document-expired = منتهية
document-expires-in = { $days ->
    [0] تنتهي اليوم
    [1] تنتهي غدًا
    [two] تنتهي بعد يومين
    [few] تنتهي بعد { $days } أيام
   *[other] تنتهي بعد { $days } يومًا
}
expiry-banner-title = وثائق يجب تجديدها قريبًا:
expiry-banner-ok = رأيت
add-cancel = لا تُضِف
delete-confirm = حذف هذه الوثيقة؟ لا يمكن استرجاعها.
delete-yes = نعم، احذف
delete-no = لا، احتفظ بها

category-identity = الهوية
category-residence = الإقامة واللجوء
category-medical = الصحة
category-social-aid = CPAS والمساعدة الاجتماعية
category-income = الدخل والعمل
category-housing = السكن
category-legal = العدالة
category-family = العائلة والشؤون الشخصية
category-other = أخرى

error-network = لا يوجد اتصال. لم يضع شيء. حاول مرة أخرى.
error-unexpected = حدث خطأ. لم يضع شيء. حاول مرة أخرى.
error-language-unavailable = تعذّر تحميل هذه اللغة. تحقّق من الاتصال وحاول مرة أخرى.
error-tampered = تم تغيير هذه الوثيقة أو استبدالها. لم تُفتح.
error-bad-image = لا يمكن قراءة هذه الصورة.
error-body-interrupted = انقطع الإرسال. حاول مرة أخرى.
error-body-too-large = هذا كبير جدًا.
error-document-exists = هذه الوثيقة موجودة بالفعل.
error-document-too-large = هذا الملف كبير جدًا.
error-empty-upload = هذا الملف فارغ.
error-expected-json = الطلب غير صالح.
error-internal-error = مشكلة في الخادم. لم يتغير شيء. حاول مرة أخرى.
error-invalid-fields = الطلب غير صالح.
error-invalid-login-message = الطلب غير صالح. حاول مرة أخرى.
error-invalid-recipient = الطلب غير صالح.
error-invalid-registration-message = الطلب غير صالح. حاول مرة أخرى.
error-invalid-tag = الطلب غير صالح.
error-invalid-wrapped-keys = الطلب غير صالح.
error-invitation-required = تحتاج إلى رمز دعوة صالح.
error-login-failed = الرقم أو السر غير صحيح. تحقق وحاول مرة أخرى.
error-malformed-json = الطلب غير صالح.
error-malformed-request = الطلب غير صالح.
error-metadata-empty = الطلب غير صالح.
error-metadata-too-large = الاسم أو الملاحظة طويلة جدًا.
error-method-not-allowed = هذا الإجراء غير ممكن هنا.
error-no-such-route = هذا العنوان غير موجود.
error-not-found = غير موجود. ربما حُذفت الوثيقة.
error-not-signed-in = انتهت جلستك. افتح حافظتك مرة أخرى.
error-number-taken = مشكلة نادرة. ابدأ من جديد.
error-part-out-of-range = فشل الإرسال. حاول مرة أخرى.
error-part-too-large = فشل الإرسال. حاول مرة أخرى.
error-part-wrong-size = فشل الإرسال. حاول مرة أخرى.
error-pseudonym-invalid = هذا الاسم المستعار غير ممكن.
error-pseudonym-invalid-character = يحتوي هذا الاسم المستعار على رمز غير مسموح. فقط الحروف والأرقام والمسافة و - _ . '
error-pseudonym-looks-like-number = هذا الاسم المستعار يشبه رقمًا. اختر اسمًا آخر.
error-pseudonym-no-letter = يحتوي الاسم المستعار على حرف واحد على الأقل.
error-pseudonym-taken = هذا الاسم المستعار مستخدم. اختر اسمًا آخر.
error-pseudonym-too-long = هذا الاسم المستعار طويل جدًا (32 رمزًا على الأكثر).
error-pseudonym-too-short = هذا الاسم المستعار قصير جدًا (3 رموز على الأقل).
error-quota-exceeded = حافظتك ممتلئة. احذف بعض الوثائق لتوفير مساحة.
error-registration-expired = مرّ وقت طويل. ابدأ من جديد.
error-server-full = الخادم ممتلئ. اطلب المساعدة من الفريق.
error-deposit-busy = ما زالت وثائق أخرى قيد الإرسال عبر هذا الرابط. أرسل هذه الوثيقة عندما تصل.
error-creation-busy = أُنشئت حافظات كثيرة في الساعة الأخيرة. حاول مرة أخرى بعد { $minutes } دقيقة.
error-proof-of-work-required = الخادم مشغول جدًا. حاول مرة أخرى بعد قليل.
error-test-wallets-disabled = هذا الخادم لا يقبل حافظات الاختبار.
error-too-many-attempts = { $minutes ->
    [one] محاولات كثيرة جدًا. انتظر دقيقة واحدة ثم حاول مرة أخرى.
    [two] محاولات كثيرة جدًا. انتظر دقيقتين ثم حاول مرة أخرى.
    [few] محاولات كثيرة جدًا. انتظر { $minutes } دقائق ثم حاول مرة أخرى.
   *[other] محاولات كثيرة جدًا. انتظر { $minutes } دقيقة ثم حاول مرة أخرى.
}
error-upload-incomplete = الإرسال غير مكتمل. حاول مرة أخرى.

unlock-forgot = نسيت سرّي
error-bad-recovery-key = مفتاح الاسترداد هذا غير كامل أو فيه خطأ. تحقق من كل رمز.
error-grant-burned = رموز PIN خاطئة كثيرة. هذا الرابط لم يعد يعمل: اطلب رابطًا جديدًا.
error-grant-expired = انتهت صلاحية هذا الرابط. اطلب رابطًا جديدًا.
error-grant-incomplete = هذا الرابط ليس جاهزًا بعد. حاول مرة أخرى بعد قليل.
error-grant-revoked = أوقف هذا الرابطَ الشخصُ الذي شاركه.
error-grant-used-up = فُتح هذا الرابط العدد المسموح به من المرات.
error-wrong-pin = رمز PIN خاطئ. حاول مرة أخرى.
error-wrong-pin-left = { $tries ->
    [one] رمز PIN خاطئ. بقيت محاولة واحدة، ثم يُحظر الرابط.
    [two] رمز PIN خاطئ. بقيت محاولتان.
   *[other] رمز PIN خاطئ. بقيت { $tries } محاولات.
}
error-bad-link = هذا الرابط غير كامل. افتحه مرة أخرى من الرسالة أو من رمز QR، كاملًا.

left-minutes = { $count ->
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $count } دقائق
   *[other] { $count } دقيقة
}
left-hours = { $count ->
    [two] ساعتان
    [few] { $count } ساعات
   *[other] { $count } ساعة
}
left-days = { $count ->
    [two] يومان
    [few] { $count } أيام
   *[other] { $count } يومًا
}

wallet-share = مشاركة وثائق
share-title = مشاركة وثائق
share-lead = اختر ما يمكن للشخص أن يراه، وإلى متى. لن يرى أي شيء آخر.
share-documents-legend = أي وثائق؟
share-no-documents = أضف وثائق أولًا.
share-none-chosen = اختر وثيقة واحدة على الأقل.
share-too-many = { $max } وثيقة على الأكثر في كل رابط.
share-expiry-legend = لأي مدة؟
share-expiry-hour = ساعة واحدة
share-expiry-day = يوم واحد
share-expiry-week = أسبوع واحد
share-expiry-days = عدد من الأيام
share-days-label = عدد الأيام (من 1 إلى { $max })
share-days-invalid = اختر بين 1 و{ $max } يومًا.
share-pin-option = إضافة رمز PIN
share-pin-hint = من 4 إلى 8 أرقام. تقوله بصوت عالٍ. لا يكون أبدًا في الرابط.
share-pin-label = رمز PIN
share-pin-invalid = رمز PIN فيه من 4 إلى 8 أرقام.
share-openings-option = تحديد عدد مرات الفتح
share-openings-label = عدد مرات الفتح
share-openings-invalid = اختر بين 1 و{ $max } مرة.
share-label-label = لمن؟ (لك وحدك)
share-label-hint = مثلًا: CPAS أندرلخت
share-submit = إنشاء الرابط
share-working = تحضير الرابط…
share-ready-title = الرابط جاهز
share-pin-tell = قل رمز PIN هذا بصوت عالٍ:
share-link-label = الرابط
share-copy = نسخ الرابط
share-copied = تم نسخ الرابط.
share-print-slip = طباعة الورقة
share-slip-title = وثائق مُشاركة عبر PDE
share-qr-label = رمز QR للرابط
share-valid-until = متاح حتى { $time }
share-slip-pin = اطلب رمز PIN من الشخص.

grants-title = مشاركاتي
grants-new = مشاركة جديدة
grants-loading = جارٍ التحميل…
grants-empty = لم تشارك أي شيء بعد.
grants-no-label = مشاركة بلا اسم

shared-title = وثائق مُشاركة معك
shared-lead = شخص يُريك هذه الوثائق. ترى فقط ما اختاره.
shared-reading = قراءة الرابط…
shared-pin-label = رمز PIN (يقوله لك الشخص)
shared-open = رؤية الوثائق
shared-counted = كل فتح يُحسب.
shared-view = عرض
shared-problem-title = هذا الرابط لا يعمل
shared-not-found = هذا الرابط غير موجود أو غير كامل.
error-deposit-expired = انتهت صلاحية رابط استلام الوثائق هذا. اطلب رابطًا جديدًا.
error-deposit-revoked = أوقف الشخص رابط استلام الوثائق هذا.
error-deposit-full = استلم هذا الرابط أكبر عدد مسموح به من الوثائق.
document-received = مُستلَم
document-photo-not-cleaned = لم يستطع PDE تنظيف هذه الصورة (بصيغة HEIC). قد تُظهر بعدُ أين ومتى التُقطت. قبل مشاركتها، التقط لقطة شاشة أو صورة بصيغة JPEG بدلًا منها.
document-received-explain = أُودعت هذه الوثيقة عبر رابطك لاستلام الوثائق «{ $label }». لا يستطيع PDE التحقق ممن أرسلها.
document-received-pdf = ملف PDF هذا جاء من شخص آخر. لا يستطيع PDE التحقق مما بداخله. افتحه فقط إذا كنت تنتظره.
document-received-pdf-show = اعرض ملف PDF

deposit-title = استلام وثائق
drop-title = إيداع وثائق
drop-lead = اختر الوثائق التي تريد إرسالها. تُشفَّر هنا، للشخص وحده.
drop-files-left = { $count ->
    [one] يمكن إرسال وثيقة واحدة أخرى
    [two] يمكن إرسال وثيقتين أخريين
    [few] يمكن إرسال { $count } وثائق أخرى
   *[other] يمكن إرسال { $count } وثيقة أخرى
}
drop-sent = أُرسلت.
drop-privacy = بعد الإرسال، لا يمكنك رؤية هذه الوثائق أو فتحها. وحده الشخص يستطيع ذلك.
share-notes-option = مشاركة ملاحظاتي والصور الصغيرة أيضًا
share-notes-hint = وإلا فلن يرى الشخص سوى الاسم والوثيقة.

## وضع الحاسوب العمومي
kiosk-badge = حاسوب عمومي
kiosk-countdown = { $seconds ->
    [one] ستُغلق المحفظة بعد ثانية واحدة. المس الشاشة للبقاء.
    [two] ستُغلق المحفظة بعد ثانيتين. المس الشاشة للبقاء.
    [few] ستُغلق المحفظة بعد { $seconds } ثوانٍ. المس الشاشة للبقاء.
   *[other] ستُغلق المحفظة بعد { $seconds } ثانية. المس الشاشة للبقاء.
}
kiosk-stay = أنا هنا
kiosk-switch = أنا على حاسوب عمومي
kiosk-switch-hint = لا يبقى شيء على الحاسوب. تُغلق المحفظة وحدها إذا لم تفعل شيئًا.
kiosk-is-on = وضع الحاسوب العمومي: لا يبقى شيء هنا، وتُغلق المحفظة وحدها. اضغط Escape مرتين لإغلاقها فورًا.
kiosk-downloads-on = السماح بالتنزيل
kiosk-downloads-warning = الملف الذي تنزّله يبقى على هذا الحاسوب، وقد يجده الشخص التالي. افعل ذلك فقط على حاسوب تثق به.
kiosk-downloads-yes = نعم، اسمح
kiosk-print-warning = قد تكون الطابعة مشتركة: قد يأخذ شخص آخر أوراقك. اذهب إلى الطابعة فورًا.

## تحضير موعدي (إغلاق حتى وقت محدد)
meeting-title = تحضير موعدي
time-locked-title = محفظتك مغلقة
time-locked-until = لا أحد يستطيع فتح هذه المحفظة قبل { $time }، ولا أنت.
time-locked-links = الروابط التي شاركتها ما زالت تعمل.
time-locked-done = انتهيت

## نهاية الجلسة على حاسوب عمومي
ended-title = انتهت الجلسة
ended-keys = مُسحت مفاتيح محفظتك من ذاكرة هذا الحاسوب.
ended-documents = أُغلقت الوثائق المفتوحة. لا يُحفظ شيء في هذا المتصفح.
ended-server = أُغلق الاتصال بمحفظتك.
ended-advice = يمكنك مغادرة الحاسوب. تبقى وثائقك محمية في محفظتك.
ended-again = البدء من جديد

error-wallet-time-locked = هذه المحفظة مغلقة حتى الوقت الذي اختير. لا أحد يستطيع فتحها قبل ذلك.
error-time-lock-invalid = اختر وقتًا قادمًا، خلال 72 ساعة على الأكثر.

## الوثائق المخفية
hidden-title = وثائق مخفية
error-hidden-unavailable = لا يمكن استعمال هذا السرّ للوثائق المخفية. اختر سرًّا آخر.
error-secret-change-unavailable = لا يمكن تغيير سرّ الوثائق المخفية هنا.
error-recovery-sheet-unavailable = ليس للوثائق المخفية ورقة استرجاع.
error-recovery-key-wrong = مفتاح الاسترجاع هذا ليس مفتاح ورقتك الحالية.

## الأمان
security-title = الأمان
secret-in-use = لا يمكن استعمال هذا السر. اختر سرًا آخر.
sheet-pending = صُنعت ورقة استرجاع جديدة يوم { $made }. تتوقف القديمة يوم { $until }. لم تكن أنت؟ ألغِها بالورقة القديمة في الأمان.
restored-notice = أُعيد الخادم كما كان يوم { $date }. روابط المشاركة متوقفة. هل غيّرت سرّك أو ورقة الاسترجاع بعد ذلك اليوم؟ أعد ذلك في الأمان.
who-title = من يرى ماذا؟
worker-rules-title = للعلم
worker-rules-optional = PDE ليس إلزاميًا أبدًا، ولا أي وثيقة فيه: الشخص يختار ما يُظهره.
worker-rules-purpose = تُعرض عليك هذه الوثائق لما اتفقت عليه معه. لا تُرسلها إلى أي أحد.
worker-rules-delete = إذا نزّلتها، فامحُها حالما لا تحتاج إليها.
slip-rules = PDE ليس إلزاميًا أبدًا. لا تُرسل هذه الوثائق إلى أحد، وامحُها بعد الاستعمال.
neutral-title = علامة تبويب جديدة
neutral-start = ابدأ
