"""Sentences of the demo content, per language, with {placeholders} filled in by ``texts``.

zh-hans and en phrases cover every page; th, vi, lo, km and my cover titles, summaries and a
short description (the rest of a translated page keeps its English detail, as real partial
translations do).
"""

MEKONG_LANGUAGES = ["th", "vi", "lo", "km", "my"]

HOME = {
    "zh-hans": {
        "title": "数字澜湄",
        "tagline": "澜湄职业教育联盟共建共享数字资源库",
        "intro": "依托澜湄职业教育联盟，澜湄六国的院校和企业在这里共建共享课程、职业标准、教学资料和技能证书，践行“教随产出、校企同行”。",
    },
    "en": {
        "title": "Digital Lancang-Mekong",
        "tagline": "The shared digital resource repository of the Lancang-Mekong Vocational Education Alliance",
        "intro": "Colleges and companies in the six Lancang-Mekong countries build and share courses, vocational standards, teaching materials and certifications here: education following industry, schools and enterprises advancing hand in hand.",
    },
    "th": {
        "title": "ดิจิทัลล้านช้าง-แม่โขง",
        "tagline": "คลังทรัพยากรดิจิทัลร่วมของพันธมิตรอาชีวศึกษาล้านช้าง-แม่โขง",
        "intro": "วิทยาลัยและสถานประกอบการในหกประเทศล้านช้าง-แม่โขงแบ่งปันหลักสูตร มาตรฐานอาชีพ สื่อการสอน และใบรับรองไว้ที่นี่",
    },
    "vi": {
        "title": "Lan Thương - Mê Kông số",
        "tagline": "Kho tài nguyên số dùng chung của Liên minh Giáo dục nghề nghiệp Lan Thương - Mê Kông",
        "intro": "Các trường và doanh nghiệp của sáu quốc gia Lan Thương - Mê Kông chia sẻ tại đây các khóa học, tiêu chuẩn nghề, tài liệu giảng dạy và chứng chỉ.",
    },
    "lo": {
        "title": "ລ້ານຊ້າງ-ແມ່ຂອງ ດິຈິຕອນ",
        "tagline": "ຄັງຂໍ້ມູນດິຈິຕອນຮ່ວມຂອງພັນທະມິດການສຶກສາວິຊາຊີບລ້ານຊ້າງ-ແມ່ຂອງ",
        "intro": "ວິທະຍາໄລ ແລະ ວິສາຫະກິດໃນຫົກປະເທດລ້ານຊ້າງ-ແມ່ຂອງ ແບ່ງປັນຫຼັກສູດ, ມາດຕະຖານວິຊາຊີບ, ເອກະສານການສອນ ແລະ ໃບຢັ້ງຢືນຢູ່ທີ່ນີ້.",
    },
    "km": {
        "title": "ឡានឆាង-មេគង្គឌីជីថល",
        "tagline": "ឃ្លាំងធនធានឌីជីថលរួមរបស់សម្ព័ន្ធអប់រំវិជ្ជាជីវៈឡានឆាង-មេគង្គ",
        "intro": "មហាវិទ្យាល័យ និងក្រុមហ៊ុននៅប្រទេសទាំងប្រាំមួយនៃតំបន់ឡានឆាង-មេគង្គ ចែករំលែកវគ្គសិក្សា ស្តង់ដារវិជ្ជាជីវៈ ឯកសារបង្រៀន និងវិញ្ញាបនបត្រនៅទីនេះ។",
    },
    "my": {
        "title": "ဒစ်ဂျစ်တယ် လန်ချန်း-မဲခေါင်",
        "tagline": "လန်ချန်း-မဲခေါင် အသက်မွေးဝမ်းကျောင်းပညာ မဟာမိတ်အဖွဲ့၏ ဘုံဒစ်ဂျစ်တယ် အရင်းအမြစ်စုစည်းရာ",
        "intro": "လန်ချန်း-မဲခေါင် နိုင်ငံခြောက်နိုင်ငံမှ ကောလိပ်များနှင့် ကုမ္ပဏီများသည် သင်တန်းများ၊ အသက်မွေးဝမ်းကျောင်းစံနှုန်းများ၊ သင်ကြားရေးစာရွက်စာတမ်းများနှင့် လက်မှတ်များကို ဤနေရာတွင် မျှဝေကြသည်။",
    },
}

CATALOGUE = {
    "zh-hans": ("资源库", "按院校浏览课程、职业标准、教学资料和技能证书。"),
    "en": ("Resource library", "Browse courses, vocational standards, teaching materials and certifications by institution."),
    "th": ("คลังทรัพยากร", "เรียกดูหลักสูตร มาตรฐานอาชีพ สื่อการสอน และใบรับรองตามสถาบัน"),
    "vi": ("Kho tài nguyên", "Duyệt khóa học, tiêu chuẩn nghề, tài liệu giảng dạy và chứng chỉ theo cơ sở đào tạo."),
    "lo": ("ຄັງຊັບພະຍາກອນ", "ເບິ່ງຫຼັກສູດ, ມາດຕະຖານວິຊາຊີບ, ເອກະສານການສອນ ແລະ ໃບຢັ້ງຢືນຕາມສະຖາບັນ."),
    "km": ("បណ្ណាល័យធនធាន", "រកមើលវគ្គសិក្សា ស្តង់ដារវិជ្ជាជីវៈ ឯកសារបង្រៀន និងវិញ្ញាបនបត្រតាមស្ថាប័ន។"),
    "my": ("အရင်းအမြစ် စာကြည့်တိုက်", "သင်တန်းများ၊ စံနှုန်းများ၊ သင်ကြားရေးစာရွက်စာတမ်းများနှင့် လက်မှတ်များကို အဖွဲ့အစည်းအလိုက် ကြည့်ရှုပါ။"),
}  # fmt: skip

# {country}, {lead}, {speciality}
WORKSHOP = {
    "zh-hans": {
        "title": "澜湄工坊（{country}）",
        "summary": "“一国一坊”示范中心，由{lead}牵头，与中外院校和企业共建。特色方向：{speciality}。",
        "heading": "工坊简介",
        "more": "工坊开展学历教育与非学历培训，为中资企业培养“中文+职业技能”人才，并组织师资交流和国际职业技能大赛。",
    },
    "en": {
        "title": "Lancang-Mekong Workshop — {country}",
        "summary": "A “one workshop per country” demonstration centre led by {lead} with partner colleges and companies. Speciality: {speciality}.",
        "heading": "About the workshop",
        "more": "The workshop runs degree programmes and short training, prepares 'Chinese + vocational skills' staff for Chinese-invested companies, and hosts teacher exchanges and international skills competitions.",
    },
    "th": {
        "title": "เวิร์กช็อปล้านช้าง-แม่โขง ({country})",
        "summary": "ศูนย์สาธิต “หนึ่งประเทศหนึ่งเวิร์กช็อป” นำโดย {lead} สาขาเด่น: {speciality}",
        "heading": "เกี่ยวกับเวิร์กช็อป",
    },
    "vi": {
        "title": "Xưởng Lan Thương - Mê Kông tại {country}",
        "summary": "Trung tâm mẫu “mỗi nước một xưởng” do {lead} chủ trì. Chuyên ngành: {speciality}.",
        "heading": "Giới thiệu xưởng",
    },
    "lo": {
        "title": "ສູນຝຶກອົບຮົມລ້ານຊ້າງ-ແມ່ຂອງ ປະເທດ{country}",
        "summary": "ສູນສາທິດ “ໜຶ່ງປະເທດ ໜຶ່ງສູນຝຶກ” ນຳພາໂດຍ {lead}. ສາຂາພິເສດ: {speciality}.",
        "heading": "ກ່ຽວກັບສູນຝຶກອົບຮົມ",
    },
    "km": {
        "title": "សិក្ខាសាលាឡានឆាង-មេគង្គ ប្រទេស{country}",
        "summary": "មជ្ឈមណ្ឌលគំរូ “មួយប្រទេស មួយសិក្ខាសាលា” ដឹកនាំដោយ {lead}។ ជំនាញឯកទេស៖ {speciality}។",
        "heading": "អំពីសិក្ខាសាលា",
    },
    "my": {
        "title": "{country} လန်ချန်း-မဲခေါင် အလုပ်ရုံ",
        "summary": "{lead} ဦးဆောင်သော “တစ်နိုင်ငံ တစ်အလုပ်ရုံ” သရုပ်ပြစင်တာ။ အထူးပြုနယ်ပယ်- {speciality}။",
        "heading": "အလုပ်ရုံအကြောင်း",
    },
}

# Resource kinds in the five Mekong languages: title label and a one-line summary.
# {type}, {topic}, {institution}
MEKONG_RESOURCE = {
    "th": {
        "types": {"course": "หลักสูตร", "standard": "มาตรฐานอาชีพ", "material": "สื่อการสอน", "certification": "ใบรับรอง"},
        "summary": "{type}ด้าน{topic} จัดทำโดย {institution} เพื่อใช้ในการฝึกอบรมของเวิร์กช็อปล้านช้าง-แม่โขง",
        "heading": "ภาพรวม",
    },
    "vi": {
        "types": {"course": "Khóa học", "standard": "Tiêu chuẩn nghề", "material": "Tài liệu giảng dạy", "certification": "Chứng chỉ"},
        "summary": "{type} về {topic}, do {institution} biên soạn cho đào tạo tại Xưởng Lan Thương - Mê Kông.",
        "heading": "Tổng quan",
    },
    "lo": {
        "types": {"course": "ຫຼັກສູດ", "standard": "ມາດຕະຖານວິຊາຊີບ", "material": "ເອກະສານການສອນ", "certification": "ໃບຢັ້ງຢືນ"},
        "summary": "{type}ດ້ານ{topic} ຈັດທຳໂດຍ {institution} ສຳລັບການຝຶກອົບຮົມຢູ່ສູນຝຶກອົບຮົມລ້ານຊ້າງ-ແມ່ຂອງ.",
        "heading": "ພາບລວມ",
    },
    "km": {
        "types": {"course": "វគ្គសិក្សា", "standard": "ស្តង់ដារវិជ្ជាជីវៈ", "material": "ឯកសារបង្រៀន", "certification": "វិញ្ញាបនបត្រ"},
        "summary": "{type}ផ្នែក{topic} រៀបចំដោយ {institution} សម្រាប់ការបណ្តុះបណ្តាលនៅសិក្ខាសាលាឡានឆាង-មេគង្គ។",
        "heading": "ទិដ្ឋភាពទូទៅ",
    },
    "my": {
        "types": {"course": "သင်တန်း", "standard": "အသက်မွေးဝမ်းကျောင်းစံနှုန်း", "material": "သင်ကြားရေးစာရွက်စာတမ်း", "certification": "လက်မှတ်"},
        "summary": "{institution} က လန်ချန်း-မဲခေါင် အလုပ်ရုံ သင်တန်းများအတွက် ပြုစုထားသော {topic} {type}။",
        "heading": "ခြုံငုံသုံးသပ်ချက်",
    },
}  # fmt: skip

# zh-hans and en phrases of the four resource types.
# Placeholders: {topic} {Topic} {hours} {chinese} {countries} {institution} {issuing}
# {units} {kind} {languages} {awarding} {recognised} {module}
RESOURCE = {
    "zh-hans": {
        "course_title": "{topic}",
        "course_summary": "面向{countries}学员的{topic}课程，共{hours}学时，其中岗位中文{chinese}学时，由{institution}依托澜湄工坊开发。",
        "standard_title": "{topic}职业技能标准",
        "standard_summary": "{issuing}发布的{topic}职业技能标准，包含{units}个能力单元，可作为{countries}院校开展培训与考核的依据。",
        "material_title": "{topic}{kind}",
        "material_summary": "《{topic}》课程配套{kind}，提供{languages}版本，可免费下载使用。",
        "certification_title": "{topic}职业技能等级证书",
        "certification_summary": "由{awarding}颁发的{topic}职业技能等级证书，采用实操考核与理论笔试相结合的方式，在{recognised}获得认可。",
        "about": "简介",
        "practice": "教学与实践",
        "practice_text": "资源按照“教随产出、校企同行”的理念，由院校教师与企业技术骨干共同开发，在澜湄工坊的真实岗位中使用和完善。",
        "outcomes": ["理解{module}的基本原理和安全规范", "能够在真实岗位上完成{module}任务"],
        "criteria": ["按照安全操作规程完成{module}作业", "正确记录并报告{module}结果"],
        "chinese_module": "岗位中文：{topic}",
        "chinese_outcomes": ["能够用中文进行岗位沟通", "能够读懂中文操作说明和安全标识"],
        "awarding": "{institution}（澜湄工坊）",
        "assessment": "实操考核（60%）与理论笔试（40%），覆盖标准的全部能力单元；考评员由院校和企业共同派出。",
        "issuing": "澜湄职业教育联盟标准委员会",
        "list_sep": "、",
        "and": "和",
    },
    "en": {
        "course_title": "{Topic}",
        "course_summary": "A {hours}-hour course in {topic} for learners in {countries}, including {chinese} hours of workplace Chinese, developed by {institution} through the Lancang-Mekong Workshops.",
        "standard_title": "{Topic} occupational skill standard",
        "standard_summary": "The {topic} occupational skill standard issued by {issuing}: {units} competency units that colleges in {countries} can train and assess against.",
        "material_title": "{Topic}: {kind}",
        "material_summary": "{Kind} for the {topic} course, available in {languages}, free to download.",
        "certification_title": "{Topic} vocational skills certificate",
        "certification_summary": "A {topic} certificate awarded by {awarding} after a practical test and a written exam, recognised in {recognised}.",
        "about": "About",
        "practice": "Teaching and practice",
        "practice_text": "Following the alliance's principle of education following industry, college teachers and company technicians wrote this resource together and keep improving it in real jobs at the Lancang-Mekong Workshops.",
        "outcomes": ["Explain the principles and safe practice of {module}", "Complete {module} tasks in a real workplace"],
        "criteria": ["Carries out {module} following safety procedures", "Records and reports the results of {module} correctly"],
        "chinese_module": "Workplace Chinese: {topic}",
        "chinese_outcomes": ["Communicate with colleagues in Chinese", "Read Chinese work instructions and safety signs"],
        "awarding": "{institution} (Lancang-Mekong Workshop)",
        "assessment": "Practical test (60%) and written exam (40%) covering every competency unit of the standard; assessors come from both the college and industry.",
        "issuing": "Lancang-Mekong Vocational Education Alliance Standards Committee",
        "list_sep": ", ",
        "and": " and ",
    },
}  # fmt: skip

MATERIAL_KINDS = {
    "textbook": ("教材", "textbook"),
    "slides": ("课件", "slides"),
    "worksheet": ("实训工作页", "worksheets"),
    "glossary": ("双语词汇表", "bilingual glossary"),
    "assessment": ("考核题库", "assessment bank"),
}

LANGUAGE_NAMES = {
    "zh-hans": {"zh-hans": "中文", "en": "英文", "th": "泰文", "vi": "越南文", "lo": "老挝文", "km": "柬埔寨文", "my": "缅甸文"},
    "en": {"zh-hans": "Chinese", "en": "English", "th": "Thai", "vi": "Vietnamese", "lo": "Lao", "km": "Khmer", "my": "Burmese"},
}  # fmt: skip
