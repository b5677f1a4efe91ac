# PDE — شاشة «من يرى ماذا؟» (وحدة الإدارة، تُحمَّل عند الحاجة).
who-sees = يرى:
who-not = لا يرى:
who-server = خادم PDE
who-server-sees = أن محفظة موجودة، ومتى أُنشئت، وعدد الوثائق وحجمها، ومتى تُضاف أو تُفتح، ومتى تُفتح روابطك.
who-server-not = وثائقك، وأسماءها، وملاحظاتك، وسرّك، ومفتاح الاسترداد.
who-operator = الفريق الذي يشغّل الخادم
who-operator-sees = ما يراه الخادم. وأيضًا: هل في المحفظة أجزاء مخفية، وكم عددها.
who-operator-not = وثائقك وأسماءها: لا يستطيع فتحها.
who-worker = مرشد اجتماعي معه رابطك
who-worker-sees = الوثائق التي اخترتها فقط، حتى الساعة التي اخترتها. يستطيع الاحتفاظ بنسخة منها.
who-worker-not = وثائقك الأخرى، وأجزاءك المخفية.
who-computer = شخص على الحاسوب نفسه
who-computer-sees = ما يظهر على الشاشة ما دامت مفتوحة. والحاسوب المخترَق يستطيع أيضًا رؤية سرّك.
who-computer-not = وثائقك، بعد إغلاق المحفظة، إلا ما نزّلته أو طبعته.
who-secret = شخص يعرف سرّك
who-secret-sees = وثائقك اليومية. ويستطيع أيضًا محو المحفظة كلها، مع الأجزاء المخفية.
who-secret-not = أجزاءك المخفية، من دون سرّها الخاص.
who-backups = النسخ الاحتياطية للخادم
who-backups-sees = ما يراه الخادم، مشفّرًا للفريق، لمدة { $days } يومًا.
who-backups-not = وثائقك وأسماءها. المحفظة الممحوّة لا تعود: إذا أُعيدت نسخة، تُمحى من جديد.
who-kept = إذا توقفت عن فتح محفظتك، تُحفظ على الأقل حتى { $date }. بعد ذلك يمكن محوها.
who-partner = يسجّل هذا الخادم الشريك (مركز نهاري أو خدمة) الذي أعطى بطاقة الدعوة التي أُنشئت بها حافظتك. لا يرى الفريق إلا مجاميع لكل شريك، وتُحفظ تواريخ حافظتك بالأسبوع فقط.
who-transparency = ما يحفظه PDE، بالتفصيل

# The security screen (moved from the page's catalogue: only this module shows them).
security-lead = ما يمكنك فعله إذا استطاع أحد أن يرى محفظتك أو يستعملها.
security-sessions-title = هل بقي حاسوب مفتوحًا في مكان آخر؟
security-sessions-text = أغلق المحفظة على كل الحواسيب والهواتف الأخرى. هنا تبقى مفتوحة.
security-end-others = أغلق في كل مكان آخر
security-end-others-done = تم: المحفظة مغلقة في كل مكان آخر.
security-secret-title = تغيير سرّي
security-secret-text = ربما يعرف أحد سرّك؟ اختر سرًا جديدًا. ستُغلق الحواسيب الأخرى. يبقى مفتاح الاسترجاع صالحًا.
security-secret-current = سرّك الحالي
security-secret-new = السر الجديد
security-secret-hint = عبارة من 8 رموز على الأقل، أو رمز PIN من 4 أرقام على الأقل.
security-secret-end-links = أوقف أيضًا كل روابطي (المشاركات واستلام الوثائق)
security-secret-submit = غيّر سرّي
security-secret-working = جارٍ التغيير…
security-secret-done = تم: سرّك الجديد جاهز. الحواسيب الأخرى مغلقة.
security-secret-links-ended = روابطك متوقفة.
security-sheet-title = ورقة استرجاع جديدة
security-sheet-text = ضاعت الورقة أو رآها أحد؟ اصنع ورقة جديدة. مع ورقتك الحالية تعمل الجديدة فورًا. بدونها تعمل الجديدة بعد 7 أيام، وحتى ذلك الحين تبقى القديمة تعمل.
security-sheet-current = مفتاح ورقتك الحالية (إن كانت معك)
security-sheet-submit = اصنع ورقة جديدة
security-sheet-now = ورقتك الجديدة تعمل الآن. القديمة لم تعد تعمل.
security-sheet-later = ستعمل ورقتك الجديدة يوم { $date }. حتى ذلك الحين تبقى القديمة تعمل.
security-sheet-cancel-title = إلغاء الورقة الجديدة
security-sheet-cancel-text = صُنعت ورقة جديدة يوم { $made }. لم تكن أنت؟ اكتب مفتاح الورقة القديمة: لن تعمل الجديدة أبدًا.
security-sheet-cancel = ألغِ الورقة الجديدة
security-sheet-cancelled = تم: أُلغيت الورقة الجديدة. تبقى ورقتك كما هي.
security-erase-title = إغلاق محفظتي نهائيًا
security-erase-text = يُمحى كل شيء من الخادم: الوثائق والروابط والرقم. لا يمكن التراجع عن ذلك.
security-erase-start = امحُ كل شيء…
security-erase-confirm = تحقق أخير: سيُمحى كل شيء نهائيًا. اكتب سرّك للتأكيد.
security-erase-understood = فهمت: لا يمكن التراجع عن ذلك.
security-erase-yes = نعم، امحُ كل شيء
security-erase-no = لا، احتفظ بها
security-take-title = أخذ وثائقي معي
security-take-text = نسخة من كل وثائقك: على هذا الحاسوب، أو على مفتاح USB لإرجاعها لاحقًا إلى محفظة جديدة.
security-export = أخذ وثائقي معي
security-import = إرجاع أرشيف إلى هنا

# Hidden documents, the meeting, export and import (moved from the page's catalogue: only this module shows them).
meeting-lead = شارك أولًا ما تريد إظهاره. ثم أغلق المحفظة حتى ما بعد الموعد: لا أحد يستطيع فتحها قبل ذلك الوقت، ولا أنت، ولا بمفتاح الاسترجاع. تبقى روابط المشاركة تعمل.
meeting-share-first = مشاركة وثائق أولًا
meeting-hours-label = الإغلاق لأي مدة؟
meeting-hours = { $count ->
    [one] ساعة واحدة
    [two] ساعتان
    [few] { $count } ساعات
   *[other] { $count } ساعة
}
meeting-until = مغلقة حتى { $time }
meeting-secret-label = سرّك، للتأكيد
meeting-lock = أغلق حتى ذلك الوقت
meeting-confirm = تحقق أخير: لن تستطيع فتح محفظتك قبل { $time }. لا يمكن التراجع عن ذلك.
meeting-understood = فهمت: لن أستطيع فتحها قبل ذلك الوقت.
meeting-lock-yes = نعم، أغلق
meeting-lock-no = لا، رجوع
hidden-lead = يمكنك حفظ وثائق في جزء مخفي من محفظتك. يُفتح بسرّ آخر: اكتبه بدل سرّك المعتاد. بالسرّ المعتاد، لا يستطيع أحد أن يرى أن هناك وثائق مخفية.
hidden-warning = اختر سرًّا مختلفًا عن سرّك المعتاد. لا توجد ورقة استرجاع للوثائق المخفية: إذا نسيت هذا السرّ، تضيع.
hidden-secret-label = سرّ الوثائق المخفية
hidden-secret-repeat = السرّ نفسه، مرة أخرى
hidden-submit = إنشاء الوثائق المخفية
hidden-done = تمّ. لفتحها: أقفل المحفظة، ثم افتحها بهذا السرّ الجديد.
export-title = أخذ وثائقي معي
export-zip = الوثائق كما هي (ZIP)
export-zip-hint = من يملك الملف يستطيع قراءتها.
export-locked = أرشيف مقفل، لمفتاح USB
export-locked-hint = يُفتح بعبارته. يستطيع PDE إرجاعه إلى محفظة جديدة.
export-own = أختار عبارتي (طويلة)
export-key-title = عبارة الأرشيف
export-key-text = احفظ هذه الورقة بعيدًا عن مفتاح USB. بدونها لا يُفتح الأرشيف.
export-key-noted = طبعت هذه العبارة أو كتبتها
export-own-label = عبارتك للأرشيف
export-own-hint = 20 حرفًا و4 كلمات على الأقل. ليس رمزًا سريًا أبدًا.
export-own-weak = هذه العبارة قصيرة جدًا أو بسيطة جدًا لأرشيف.
export-start = ابدأ
export-preparing = جارٍ التحضير…
export-progress = { $done } من { $total }
export-save = { $count ->
    [one] حفظ الملف
   *[other] حفظ الجزء { $number } من { $count }
}
export-done = تمّ: نُسخت وثائقك.
export-ready = جاهز: احفظه الآن.
export-damaged = وثائق تالفة لم تُنسخ: { $count }
export-index-title = وثائقك، منسوخة من PDE في { $date }
export-index-part = الجزء { $number } من { $count }
export-index-added = أُضيفت في { $date }
export-index-server = ما يحتفظ به الخادم عن هذه المحفظة (مشفّر، ما عدا التواريخ والأحجام):
export-index-created = أُنشئت في { $date }
export-index-link = رابط «{ $label }»: أُنشئ في { $made }، حتى { $until }
export-index-opened = فُتح في { $time }
export-index-deposit = رابط استلام «{ $label }»: أُنشئ في { $made }، الوثائق المستلمة: { $count }
import-title = إرجاع أرشيف
import-lead = اختر الملف من مفتاح USB، ثم اكتب عبارته.
import-file = ملف الأرشيف
import-passphrase = عبارة الأرشيف
import-start = إرجاع الوثائق
import-done = { $count ->
    [one] تمّ: أُرجعت وثيقة واحدة إلى هذه المحفظة.
   *[other] تمّ: أُرجعت { $count } وثائق إلى هذه المحفظة.
}
import-wrong = هذه العبارة لا تفتح هذا الأرشيف.
import-not-archive = هذا الملف ليس أرشيفًا من PDE، أو هو تالف.
import-received = استُلمت عبر رابط، المرسل غير مؤكَّد: { $label }

# Recovery, deposit and grant links, the end of a wallet (moved from the page's catalogue: only this module shows them).
recover-title = الفتح بمفتاح الاسترداد
recover-lead = اكتب رقمك ومفتاح الاسترداد من ورقتك. ثم اختر سرًّا جديدًا.
recover-key-label = مفتاح الاسترداد
recover-key-hint = 28 رمزًا، مثال: 7K2M-QX9D-… الشرطات والمسافات لا تُحسب.
recover-scan = اقرأ رمز QR من الورقة
recover-scan-hint = اعرض رمز QR من ورقتك أمام الكاميرا.
recover-scan-stop = أوقف الكاميرا
recover-scan-read = تمت قراءة المفتاح. اختر الآن سرًّا جديدًا.
recover-scan-not-key = رمز QR هذا ليس مفتاح استرداد.
recover-scan-unavailable = لا توجد كاميرا. اكتب المفتاح.
recover-new-secret-label = السر الجديد
recover-submit = افتح وغيّر السر
grant-state-active = نشطة
grant-state-incomplete = غير مكتملة
grant-state-expired = منتهية
grant-state-revoked = موقوفة
grant-state-used-up = استُعملت كل مرات الفتح
grant-state-burned = محظورة: رموز PIN خاطئة كثيرة
grant-time-left = باقٍ { $left }
grant-created = أُنشئت في { $time }
grant-until = حتى { $time }
grant-has-pin = مع رمز PIN
grant-opened = { $count ->
    [zero] لم تُفتح أبدًا
    [one] فُتحت مرة واحدة
    [two] فُتحت مرتين
    [few] فُتحت { $count } مرات
   *[other] فُتحت { $count } مرة
}
grant-opened-of = فُتحت { $count } من { $max } مرات
grant-log = متى فُتحت؟
grant-revoke = إيقاف هذه المشاركة
grant-revoke-confirm = إيقاف هذه المشاركة؟ يتوقف الرابط عن العمل فورًا.
grant-revoke-yes = نعم، أوقفها
deposit-lead = أنشئ رابطًا ليتمكن شخص (CPAS، طبيب…) من إيداع وثائق في حافظتك. لا يستطيع قراءة أي شيء فيها.
deposit-files-label = أكبر عدد من الوثائق (من 1 إلى { $max })
deposit-files-invalid = اختر بين 1 و{ $max } وثيقة.
deposit-links-title = روابطي لاستلام الوثائق
deposit-state-full = ممتلئ
deposit-received-count = استُلمت { $count } من { $max }
deposit-ready-explain = أعطِ هذا الرابط للشخص. يمكنه به أن يرسل إليك وثائق، لا أن يرى وثائقك.
deposit-slip-title = إيداع وثائق عبر PDE
erased-title = مُحيت محفظتك
erased-text = لم تعد على الخادم. هذا الرقم لا يفتح شيئًا بعد الآن.
erased-start = العودة إلى البداية
