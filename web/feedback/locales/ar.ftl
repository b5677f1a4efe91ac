# PDE — استمارة «رأيك» (الحافظة وصفحة الرابط). العربية.
feedback-lead = قل لنا هل يساعدك PDE. فريق Paradigm الذي يجرّب PDE يقرأ كل رأي.
feedback-faces = كيف كانت التجربة؟
feedback-unhappy = ليست جيدة
feedback-neutral = متوسطة
feedback-happy = جيدة
feedback-comment = هل تريد أن تضيف شيئًا؟ (اختياري)
feedback-hint = لا تكتب أي اسم ولا رقم حافظة ولا رقم هاتف.
feedback-private = يُرسل بلا ملفات تعريف الارتباط وبلا رقم: لا أحد يستطيع أن يعرف أن هذا الرأي منك. يُحفظ اليوم فقط، ويُمحى الرأي بعد { $months } أشهر.
feedback-send = أرسل رأيي
feedback-sending = جارٍ الإرسال…
feedback-pick-face = اختر وجهًا أولًا.
feedback-refused-name = يبدو أن هذا النص يذكر اسمًا. احذفه: يبقى الرأي مجهول المصدر.
feedback-refused-number = هذا النص فيه رقم (حافظة، هاتف، بطاقة؟). احذفه: يبقى الرأي مجهول المصدر.
feedback-refused-email = هذا النص فيه عنوان بريد إلكتروني. احذفه: يبقى الرأي مجهول المصدر.
feedback-refused-long = هذا النص طويل جدًا: { $max } حرفًا على الأكثر.
feedback-thanks = شكرًا! أُرسل رأيك.
error-feedback-busy = وصلت آراء كثيرة في الساعة الأخيرة. حاول مرة أخرى بعد { $minutes } دقيقة.
