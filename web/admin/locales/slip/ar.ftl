slip-title = حافظة الوثائق الإلكترونية
slip-lead = احتفظ بنسخة من أوراقك. أنت وحدك تستطيع فتحها.
slip-code = رمز الدعوة
slip-step-scan = امسح الرمز بهاتف، أو اذهب إلى { $address }.
slip-step-language = اختر لغتك.
slip-step-create = «إنشاء حافظة»: اختر سرًّا تتذكره.
slip-step-sheet = اطبع مفتاح الاسترداد أو اكتبه، واحتفظ به.
slip-never = لا يطلب PDE أبدًا سرّك أو مفتاح الاسترداد.
