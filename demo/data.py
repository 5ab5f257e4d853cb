"""The alliance's demo content as plain data: who publishes what, in which sector and country.

Text is keyed by language code. zh-hans is the source language; en is complete; the other five
languages are given where a real visitor in that country would look first. Company names are
invented; the colleges are alliance members named in public announcements.
"""

# Country names in every alliance language (a short snippet, so translated everywhere).
COUNTRY_NAMES = {
    "CN": {"zh-hans": "中国", "en": "China", "th": "จีน", "vi": "Trung Quốc", "lo": "ຈີນ", "km": "ចិន", "my": "တရုတ်"},
    "MM": {"zh-hans": "缅甸", "en": "Myanmar", "th": "เมียนมา", "vi": "Myanmar", "lo": "ມຽນມາ", "km": "មីយ៉ាន់ម៉ា", "my": "မြန်မာ"},
    "LA": {"zh-hans": "老挝", "en": "Laos", "th": "ลาว", "vi": "Lào", "lo": "ລາວ", "km": "ឡាវ", "my": "လာအို"},
    "TH": {"zh-hans": "泰国", "en": "Thailand", "th": "ไทย", "vi": "Thái Lan", "lo": "ໄທ", "km": "ថៃ", "my": "ထိုင်း"},
    "KH": {"zh-hans": "柬埔寨", "en": "Cambodia", "th": "กัมพูชา", "vi": "Campuchia", "lo": "ກຳປູເຈຍ", "km": "កម្ពុជា", "my": "ကမ္ဘောဒီးယား"},
    "VN": {"zh-hans": "越南", "en": "Vietnam", "th": "เวียดนาม", "vi": "Việt Nam", "lo": "ຫວຽດນາມ", "km": "វៀតណាម", "my": "ဗီယက်နမ်"},
}  # fmt: skip

# Each country's own content language.
COUNTRY_LANGUAGE = {"CN": "zh-hans", "MM": "my", "LA": "lo", "TH": "th", "KH": "km", "VN": "vi"}

# Sector names in every language: they label the catalogue's filters.
SECTORS = [
    ("electrical", {"zh-hans": "电气技术", "en": "Electrical technology", "th": "เทคโนโลยีไฟฟ้า", "vi": "Kỹ thuật điện", "lo": "ເຕັກໂນໂລຊີໄຟຟ້າ", "km": "បច្ចេកវិទ្យាអគ្គិសនី", "my": "လျှပ်စစ်နည်းပညာ"}),
    ("new-energy-vehicles", {"zh-hans": "新能源汽车", "en": "New-energy vehicles", "th": "ยานยนต์พลังงานใหม่", "vi": "Xe năng lượng mới", "lo": "ລົດພະລັງງານໃໝ່", "km": "យានយន្តថាមពលថ្មី", "my": "စွမ်းအင်သစ်ယာဉ်များ"}),
    ("mechatronics", {"zh-hans": "机电一体化", "en": "Mechatronics", "th": "เมคคาทรอนิกส์", "vi": "Cơ điện tử", "lo": "ເມັກຄາໂທຣນິກ", "km": "មេកាត្រូនិក", "my": "မက်ကာထရွန်းနစ်"}),
    ("welding", {"zh-hans": "焊接技术", "en": "Welding", "th": "งานเชื่อม", "vi": "Hàn", "lo": "ການເຊື່ອມ", "km": "ការផ្សារ", "my": "ဂဟေဆော်ခြင်း"}),
    ("rail-transit", {"zh-hans": "轨道交通", "en": "Rail transit", "th": "ระบบขนส่งทางราง", "vi": "Giao thông đường sắt", "lo": "ການຂົນສົ່ງທາງລົດໄຟ", "km": "ដឹកជញ្ជូនផ្លូវដែក", "my": "ရထားပို့ဆောင်ရေး"}),
    ("logistics", {"zh-hans": "现代物流", "en": "Logistics", "th": "โลจิสติกส์", "vi": "Logistics", "lo": "ໂລຈິສຕິກ", "km": "ភស្តុភារកម្ម", "my": "ထောက်ပံ့ပို့ဆောင်ရေး"}),
    ("e-commerce", {"zh-hans": "电子商务", "en": "E-commerce", "th": "พาณิชย์อิเล็กทรอนิกส์", "vi": "Thương mại điện tử", "lo": "ການຄ້າເອເລັກໂຕຣນິກ", "km": "ពាណិជ្ជកម្មអេឡិចត្រូនិក", "my": "အီလက်ထရောနစ် ကူးသန်းရောင်းဝယ်ရေး"}),
    ("tourism-hospitality", {"zh-hans": "旅游与酒店服务", "en": "Tourism and hospitality", "th": "การท่องเที่ยวและการบริการ", "vi": "Du lịch và khách sạn", "lo": "ການທ່ອງທ່ຽວ ແລະ ການໂຮງແຮມ", "km": "ទេសចរណ៍ និងបដិសណ្ឋារកិច្ច", "my": "ခရီးသွားနှင့် ဧည့်ဝတ်ပြုလုပ်ငန်း"}),
    ("agriculture", {"zh-hans": "现代农业", "en": "Agriculture", "th": "เกษตรกรรม", "vi": "Nông nghiệp", "lo": "ກະສິກຳ", "km": "កសិកម្ម", "my": "စိုက်ပျိုးရေး"}),
    ("chinese-for-work", {"zh-hans": "职业中文", "en": "Chinese for work", "th": "ภาษาจีนเพื่อการทำงาน", "vi": "Tiếng Trung cho công việc", "lo": "ພາສາຈີນເພື່ອການເຮັດວຽກ", "km": "ភាសាចិនសម្រាប់ការងារ", "my": "အလုပ်အတွက် တရုတ်ဘာသာ"}),
    ("digital-it", {"zh-hans": "数字技术与信息技术", "en": "Digital skills and IT", "th": "ดิจิทัลและเทคโนโลยีสารสนเทศ", "vi": "Kỹ năng số và CNTT", "lo": "ທັກສະດິຈິຕອນ ແລະ ໄອທີ", "km": "ជំនាញឌីជីថល និងព័ត៌មានវិទ្យា", "my": "ဒစ်ဂျစ်တယ်နှင့် အိုင်တီ"}),
]  # fmt: skip

# Names of the levels of China's five-grade vocational skill system (level 1 is the highest).
CN_LEVEL_NAMES = {
    1: ("一级 / 高级技师", "Level 1 — Senior technician"),
    2: ("二级 / 技师", "Level 2 — Technician"),
    3: ("三级 / 高级工", "Level 3 — Senior worker"),
    4: ("四级 / 中级工", "Level 4 — Intermediate worker"),
    5: ("五级 / 初级工", "Level 5 — Junior worker"),
}
# "Level" in the five Mekong languages, for level names such as "TQF ระดับ 4".
LEVEL_WORD = {"th": "ระดับ", "vi": "Bậc", "lo": "ລະດັບ", "km": "កម្រិត", "my": "အဆင့်"}
# Short framework names used in the level names of the eight-level ASEAN frameworks.
FRAMEWORK_ABBREVIATIONS = {
    "MM-MNQF": ("缅甸国家资格框架", "MNQF"),
    "LA-LNQF": ("老挝国家资格框架", "LNQF"),
    "TH-TQF": ("泰国国家资格框架", "TQF"),
    "KH-CQF": ("柬埔寨资格框架", "CQF"),
    "VN-VQF": ("越南国家资格框架", "VQF"),
}

# slug: stable key; code: prefix of the institution's external IDs; name: per language.
INSTITUTIONS = [
    {
        "slug": "lmvea-secretariat",
        "code": "LMVEA",
        "kind": "organisation",
        "country": "CN",
        "website": "https://www.ymu.edu.cn/",
        "name": {
            "zh-hans": "澜湄职业教育联盟秘书处",
            "en": "Secretariat of the Lancang-Mekong Alliance for Vocational Education",
        },
        "description": {
            "zh-hans": "设在云南民族大学澜湄国际职业学院，负责澜湄工坊项目申报、评审与交流合作。",
            "en": "Hosted by Yunnan Minzu University; runs the Lancang-Mekong Workshop applications, reviews and exchanges.",
        },
    },
    {
        "slug": "ymu-lmivi",
        "code": "LMIVI",
        "kind": "university",
        "country": "CN",
        "website": "https://www.ymu.edu.cn/",
        "name": {
            "zh-hans": "云南民族大学澜湄国际职业学院",
            "en": "Lancang-Mekong International Vocational Institute, Yunnan Minzu University",
        },
        "description": {
            "zh-hans": "面向澜湄国家开展“中文+职业技能”学历教育和培训。",
            "en": "Offers 'Chinese + vocational skills' programmes for students from the Lancang-Mekong countries.",
        },
    },
    {
        "slug": "yunnan-communications-vtc",
        "code": "YNCVTC",
        "kind": "college",
        "country": "CN",
        "website": "https://www.yncc.edu.cn/",
        "name": {
            "zh-hans": "云南交通职业技术学院",
            "en": "Yunnan Communications Vocational and Technical College",
        },
        "description": {
            "zh-hans": "轨道交通、物流与交通运输类专业的骨干院校。",
            "en": "A leading college for rail transit, logistics and transport programmes.",
        },
    },
    {
        "slug": "yunnan-mechatronics-vtc",
        "code": "YNMEC",
        "kind": "college",
        "country": "CN",
        "website": "https://www.ynmec.com/",
        "name": {
            "zh-hans": "云南机电职业技术学院",
            "en": "Yunnan Vocational College of Mechanical and Electrical Technology",
        },
        "description": {
            "zh-hans": "新能源汽车、焊接与智能制造专业群建设院校。",
            "en": "Builds programmes in new-energy vehicles, welding and smart manufacturing.",
        },
    },
    {
        "slug": "yunnan-tourism-college",
        "code": "YNTC",
        "kind": "college",
        "country": "CN",
        "website": "https://www.ynctv.cn/",
        "name": {"zh-hans": "云南旅游职业学院", "en": "Yunnan Tourism College"},
        "description": {
            "zh-hans": "培养酒店、导游与旅游管理技术技能人才。",
            "en": "Trains hotel staff, tour guides and tourism managers.",
        },
    },
    {
        "slug": "yunnan-agricultural-vtc",
        "code": "YNAVTC",
        "kind": "college",
        "country": "CN",
        "website": "https://www.ynavc.com/",
        "name": {
            "zh-hans": "云南农业职业技术学院",
            "en": "Yunnan Agricultural Vocational and Technical College",
        },
        "description": {
            "zh-hans": "热带作物、咖啡与农业机械专业特色鲜明。",
            "en": "Known for tropical crops, coffee and agricultural machinery programmes.",
        },
    },
    {
        "slug": "pakpasak-technical-college",
        "code": "PKTC",
        "kind": "college",
        "country": "LA",
        "website": "",
        "name": {
            "zh-hans": "老挝巴巴萨技术学院",
            "en": "Pakpasak Technical College",
            "lo": "ວິທະຍາໄລເຕັກນິກປາກປາສັກ",
        },
        "description": {
            "zh-hans": "万象历史最悠久的技术学院之一，澜湄工坊（老挝）牵头院校。",
            "en": "One of Vientiane's oldest technical colleges; lead of the Lancang-Mekong Workshop in Laos.",
        },
    },
    {
        "slug": "chiang-mai-technical-college",
        "code": "CMTC",
        "kind": "college",
        "country": "TH",
        "website": "",
        "name": {
            "zh-hans": "泰国清迈技术学院",
            "en": "Chiang Mai Technical College",
            "th": "วิทยาลัยเทคนิคเชียงใหม่",
        },
        "description": {
            "zh-hans": "泰国北部的技术学院，澜湄工坊（泰国）牵头院校。",
            "en": "A technical college in northern Thailand; lead of the Lancang-Mekong Workshop in Thailand.",
        },
    },
    {
        "slug": "npic-cambodia",
        "code": "NPIC",
        "kind": "college",
        "country": "KH",
        "website": "",
        "name": {
            "zh-hans": "柬埔寨国家理工学院",
            "en": "National Polytechnic Institute of Cambodia",
            "km": "វិទ្យាស្ថានជាតិពហុបច្ចេកទេសកម្ពុជា",
        },
        "description": {
            "zh-hans": "金边的理工类院校，澜湄工坊（柬埔寨）牵头院校。",
            "en": "A polytechnic in Phnom Penh; lead of the Lancang-Mekong Workshop in Cambodia.",
        },
    },
    {
        "slug": "lao-cai-college",
        "code": "LCC",
        "kind": "college",
        "country": "VN",
        "website": "",
        "name": {
            "zh-hans": "越南老街学院",
            "en": "Lao Cai College",
            "vi": "Trường Cao đẳng Lào Cai",
        },
        "description": {
            "zh-hans": "与云南河口隔河相望的边境院校，澜湄工坊（越南）牵头院校。",
            "en": "A border college facing Hekou, Yunnan; lead of the Lancang-Mekong Workshop in Vietnam.",
        },
    },
    {
        "slug": "gti-mandalay",
        "code": "GTIM",
        "kind": "college",
        "country": "MM",
        "website": "",
        "name": {
            "zh-hans": "缅甸曼德勒政府技术学院",
            "en": "Government Technical Institute, Mandalay",
            "my": "အစိုးရစက်မှုလက်မှုသိပ္ပံ (မန္တလေး)",
        },
        "description": {
            "zh-hans": "缅甸中部的技术学院，澜湄工坊（缅甸）牵头院校。",
            "en": "A technical institute in central Myanmar; lead of the Lancang-Mekong Workshop in Myanmar.",
        },
    },
    {
        "slug": "lm-rail-services",
        "code": "LMRS",
        "kind": "company",
        "country": "LA",
        "website": "",
        "name": {
            "zh-hans": "澜湄铁路运营服务有限公司",
            "en": "Lancang-Mekong Rail Operation Services Co., Ltd.",
            "lo": "ບໍລິສັດ ບໍລິການເດີນລົດໄຟລ້ານຊ້າງ-ແມ່ຂອງ ຈຳກັດ",
        },
        "description": {
            "zh-hans": "在万象运营铁路客运服务的中资企业，为澜湄工坊提供实训岗位。",
            "en": "A Chinese-invested railway passenger-service company in Vientiane offering workshop placements.",
        },
    },
    {
        "slug": "lm-nev-technology",
        "code": "LMNEV",
        "kind": "company",
        "country": "TH",
        "website": "",
        "name": {
            "zh-hans": "澜湄新能源汽车技术服务有限公司",
            "en": "Lancang-Mekong NEV Technical Services Co., Ltd.",
            "th": "บริษัท ล้านช้าง-แม่โขง เอ็นอีวี เทคนิคอล เซอร์วิส จำกัด",
        },
        "description": {
            "zh-hans": "在泰国从事电动汽车售后与充电设施服务的中资企业。",
            "en": "A Chinese-invested company servicing electric vehicles and chargers in Thailand.",
        },
    },
]

# One workshop per country: "one workshop per country, each with its unique strengths".
WORKSHOPS = [
    {
        "country": "CN",
        "slug": "workshop-china",
        "city": {"zh-hans": "昆明", "en": "Kunming"},
        "lead": "ymu-lmivi",
        "partners": ["lmvea-secretariat", "yunnan-tourism-college", "yunnan-mechatronics-vtc"],
        "speciality": {
            "zh-hans": "中文+职业技能师资培训",
            "en": "Chinese + vocational skills teacher training",
            "th": "การพัฒนาครูภาษาจีนควบคู่ทักษะอาชีพ",
            "vi": "Đào tạo giáo viên tiếng Trung kết hợp kỹ năng nghề",
            "lo": "ການຝຶກອົບຮົມຄູພາສາຈີນ ແລະ ທັກສະວິຊາຊີບ",
            "km": "ការបណ្តុះបណ្តាលគ្រូភាសាចិន និងជំនាញវិជ្ជាជីវៈ",
            "my": "တရုတ်ဘာသာနှင့် အသက်မွေးဝမ်းကျောင်းကျွမ်းကျင်မှု ဆရာအတတ်သင်",
        },
    },
    {
        "country": "LA",
        "slug": "workshop-laos",
        "city": {"zh-hans": "万象", "en": "Vientiane"},
        "lead": "pakpasak-technical-college",
        "partners": ["yunnan-communications-vtc", "lm-rail-services"],
        "speciality": {
            "zh-hans": "铁路运输与电气技术",
            "en": "Railway operations and electrical technology",
            "th": "การเดินรถไฟและเทคโนโลยีไฟฟ้า",
            "vi": "Vận hành đường sắt và kỹ thuật điện",
            "lo": "ການເດີນລົດໄຟ ແລະ ເຕັກໂນໂລຊີໄຟຟ້າ",
            "km": "ប្រតិបត្តិការផ្លូវដែក និងបច្ចេកវិទ្យាអគ្គិសនី",
            "my": "ရထားလမ်းလုပ်ငန်းနှင့် လျှပ်စစ်နည်းပညာ",
        },
    },
    {
        "country": "TH",
        "slug": "workshop-thailand",
        "city": {"zh-hans": "清迈", "en": "Chiang Mai"},
        "lead": "chiang-mai-technical-college",
        "partners": ["yunnan-mechatronics-vtc", "lm-nev-technology"],
        "speciality": {
            "zh-hans": "新能源汽车与智能制造",
            "en": "New-energy vehicles and smart manufacturing",
            "th": "ยานยนต์พลังงานใหม่และการผลิตอัจฉริยะ",
            "vi": "Xe năng lượng mới và sản xuất thông minh",
            "lo": "ລົດພະລັງງານໃໝ່ ແລະ ການຜະລິດອັດສະລິຍະ",
            "km": "យានយន្តថាមពលថ្មី និងផលិតកម្មឆ្លាតវៃ",
            "my": "စွမ်းအင်သစ်ယာဉ်များနှင့် စမတ်ထုတ်လုပ်မှု",
        },
    },
    {
        "country": "KH",
        "slug": "workshop-cambodia",
        "city": {"zh-hans": "金边", "en": "Phnom Penh"},
        "lead": "npic-cambodia",
        "partners": ["ymu-lmivi", "yunnan-communications-vtc"],
        "speciality": {
            "zh-hans": "数字技能与跨境电商",
            "en": "Digital skills and cross-border e-commerce",
            "th": "ทักษะดิจิทัลและการค้าออนไลน์ข้ามพรมแดน",
            "vi": "Kỹ năng số và thương mại điện tử xuyên biên giới",
            "lo": "ທັກສະດິຈິຕອນ ແລະ ການຄ້າເອເລັກໂຕຣນິກຂ້າມແດນ",
            "km": "ជំនាញឌីជីថល និងពាណិជ្ជកម្មអេឡិចត្រូនិកឆ្លងដែន",
            "my": "ဒစ်ဂျစ်တယ်ကျွမ်းကျင်မှုနှင့် နယ်စပ်ဖြတ်ကျော် အီးကော်မတ်",
        },
    },
    {
        "country": "VN",
        "slug": "workshop-vietnam",
        "city": {"zh-hans": "老街", "en": "Lao Cai"},
        "lead": "lao-cai-college",
        "partners": ["yunnan-tourism-college"],
        "speciality": {
            "zh-hans": "跨境旅游与酒店服务",
            "en": "Cross-border tourism and hospitality",
            "th": "การท่องเที่ยวข้ามพรมแดนและการบริการ",
            "vi": "Du lịch xuyên biên giới và dịch vụ khách sạn",
            "lo": "ການທ່ອງທ່ຽວຂ້າມແດນ ແລະ ການບໍລິການ",
            "km": "ទេសចរណ៍ឆ្លងដែន និងបដិសណ្ឋារកិច្ច",
            "my": "နယ်စပ်ဖြတ်ကျော် ခရီးသွားလုပ်ငန်းနှင့် ဧည့်ဝတ်ပြုလုပ်ငန်း",
        },
    },
    {
        "country": "MM",
        "slug": "workshop-myanmar",
        "city": {"zh-hans": "曼德勒", "en": "Mandalay"},
        "lead": "gti-mandalay",
        "partners": ["yunnan-agricultural-vtc"],
        "speciality": {
            "zh-hans": "现代农业与农机维修",
            "en": "Modern agriculture and farm machinery",
            "th": "เกษตรสมัยใหม่และเครื่องจักรกลการเกษตร",
            "vi": "Nông nghiệp hiện đại và máy nông nghiệp",
            "lo": "ກະສິກຳທັນສະໄໝ ແລະ ກົນຈັກກະສິກຳ",
            "km": "កសិកម្មទំនើប និងគ្រឿងចក្រកសិកម្ម",
            "my": "ခေတ်မီစိုက်ပျိုးရေးနှင့် လယ်ယာသုံးစက်ယန္တရား",
        },
    },
]

# A programme yields four linked resources: a course, the standard it implements, the teaching
# material it uses and the certification that assesses the standard.
# topic: per language (the five Mekong languages only where the programme is translated).
# modules: (zh-hans, en, hours). level: (framework, level).
PROGRAMMES = [
    {
        "institution": "lmvea-secretariat",
        "topic": {"zh-hans": "职场中文", "en": "Workplace Chinese"},
        "sectors": ["chinese-for-work"],
        "tags": ["chinese-for-work", "hsk", "language"],
        "countries": ["CN", "LA", "TH", "KH", "VN", "MM"],
        "level": ("CN-VSL", 5),
        "material_kind": "textbook",
        "modules": [
            ("岗位问候与自我介绍", "Greetings and introductions at work", 16),
            ("读懂操作说明", "Reading work instructions", 20),
            ("安全用语与标识", "Safety language and signs", 12),
        ],
    },
    {
        "institution": "ymu-lmivi",
        "topic": {
            "zh-hans": "跨境电子商务运营",
            "en": "Cross-border e-commerce operations",
            "km": "ប្រតិបត្តិការពាណិជ្ជកម្មអេឡិចត្រូនិកឆ្លងដែន",
        },
        "sectors": ["e-commerce", "digital-it"],
        "tags": ["e-commerce", "digital-marketing", "live-streaming"],
        "countries": ["CN", "KH", "LA"],
        "level": ("CN-VSL", 4),
        "material_kind": "slides",
        "modules": [
            ("跨境平台店铺运营", "Running a cross-border online shop", 24),
            ("直播带货", "Live-stream selling", 16),
            ("跨境支付与通关", "Cross-border payment and customs", 16),
        ],
    },
    {
        "institution": "yunnan-communications-vtc",
        "topic": {"zh-hans": "铁路车辆检修", "en": "Railway vehicle maintenance"},
        "sectors": ["rail-transit", "mechatronics"],
        "tags": ["railway", "rolling-stock", "maintenance"],
        "countries": ["CN", "LA"],
        "level": ("CN-VSL", 4),
        "material_kind": "worksheet",
        "modules": [
            ("车辆结构与制动系统", "Vehicle structure and braking systems", 32),
            ("转向架检修", "Bogie inspection and repair", 28),
            ("列车电气故障诊断", "Diagnosing train electrical faults", 24),
        ],
    },
    {
        "institution": "yunnan-communications-vtc",
        "topic": {"zh-hans": "跨境物流管理", "en": "Cross-border logistics management"},
        "sectors": ["logistics"],
        "tags": ["logistics", "customs", "warehousing"],
        "countries": ["CN", "LA", "VN"],
        "level": ("CN-VSL", 4),
        "material_kind": "glossary",
        "modules": [
            ("仓储作业", "Warehouse operations", 20),
            ("国际货运代理", "International freight forwarding", 20),
            ("边境口岸通关实务", "Clearing goods at border ports", 16),
        ],
    },
    {
        "institution": "lm-rail-services",
        "topic": {
            "zh-hans": "铁路客运服务",
            "en": "Railway passenger service",
            "lo": "ການບໍລິການຜູ້ໂດຍສານທາງລົດໄຟ",
        },
        "sectors": ["rail-transit", "tourism-hospitality"],
        "tags": ["railway", "customer-service", "chinese-for-work"],
        "countries": ["LA", "CN"],
        "level": ("LA-LNQF", 3),
        "material_kind": "assessment",
        "modules": [
            ("车站客运组织", "Organising passengers at the station", 20),
            ("列车乘务服务", "On-board train service", 20),
            ("应急处置", "Handling emergencies", 12),
        ],
    },
    {
        "institution": "yunnan-mechatronics-vtc",
        "topic": {"zh-hans": "新能源汽车维修", "en": "New-energy vehicle maintenance"},
        "sectors": ["new-energy-vehicles", "electrical"],
        "tags": ["new-energy-vehicles", "battery", "high-voltage-safety"],
        "countries": ["CN", "TH", "LA"],
        "level": ("CN-VSL", 3),
        "material_kind": "textbook",
        "modules": [
            ("高压安全防护", "High-voltage safety", 16),
            ("动力电池检测与维护", "Traction battery testing and care", 32),
            ("驱动电机与控制系统", "Drive motors and controllers", 28),
        ],
    },
    {
        "institution": "yunnan-mechatronics-vtc",
        "topic": {"zh-hans": "焊接技术", "en": "Welding technology"},
        "sectors": ["welding"],
        "tags": ["welding", "metal-fabrication", "safety"],
        "countries": ["CN", "MM", "KH"],
        "level": ("CN-VSL", 4),
        "material_kind": "worksheet",
        "modules": [
            ("焊条电弧焊", "Shielded metal arc welding", 32),
            ("二氧化碳气体保护焊", "CO2 gas-shielded welding", 28),
            ("焊缝质量检验", "Weld quality inspection", 16),
        ],
    },
    {
        "institution": "lm-nev-technology",
        "topic": {
            "zh-hans": "电动汽车充电设施安装",
            "en": "EV charging station installation",
            "th": "การติดตั้งสถานีอัดประจุไฟฟ้าสำหรับยานยนต์ไฟฟ้า",
        },
        "sectors": ["new-energy-vehicles", "electrical"],
        "tags": ["new-energy-vehicles", "charging", "electrical-installation"],
        "countries": ["TH"],
        "level": ("TH-TQF", 4),
        "material_kind": "slides",
        "modules": [
            ("充电桩选址与配电", "Siting and supplying a charger", 12),
            ("充电桩安装与调试", "Installing and commissioning chargers", 20),
            ("故障排查与维护", "Fault finding and maintenance", 16),
        ],
    },
    {
        "institution": "yunnan-tourism-college",
        "topic": {
            "zh-hans": "酒店前厅服务",
            "en": "Hotel front office service",
            "vi": "nghiệp vụ lễ tân khách sạn",
        },
        "sectors": ["tourism-hospitality"],
        "tags": ["hospitality", "front-office", "customer-service"],
        "countries": ["CN", "VN", "TH"],
        "level": ("CN-VSL", 4),
        "material_kind": "slides",
        "modules": [
            ("预订与入住登记", "Reservations and check-in", 16),
            ("礼宾与问询服务", "Concierge and information desk", 12),
            ("投诉处理", "Handling complaints", 8),
        ],
    },
    {
        "institution": "yunnan-agricultural-vtc",
        "topic": {
            "zh-hans": "咖啡种植与初加工",
            "en": "Coffee growing and primary processing",
            "my": "ကော်ဖီစိုက်ပျိုးခြင်းနှင့် အခြေခံပြုပြင်ထုတ်လုပ်ခြင်း",
        },
        "sectors": ["agriculture"],
        "tags": ["coffee", "tropical-crops", "agri-processing"],
        "countries": ["CN", "MM", "LA"],
        "level": ("CN-VSL", 4),
        "material_kind": "textbook",
        "modules": [
            ("咖啡园建设与管理", "Planting and managing a coffee farm", 24),
            ("病虫害绿色防控", "Integrated pest management", 16),
            ("鲜果采收与湿法加工", "Harvesting and wet processing", 20),
        ],
    },
    {
        "institution": "pakpasak-technical-college",
        "topic": {
            "zh-hans": "建筑电气安装",
            "en": "Building electrical installation",
            "lo": "ການຕິດຕັ້ງລະບົບໄຟຟ້າໃນອາຄານ",
        },
        "sectors": ["electrical"],
        "tags": ["electrical-installation", "wiring", "safety"],
        "countries": ["LA"],
        "level": ("LA-LNQF", 3),
        "material_kind": "worksheet",
        "modules": [
            ("电工安全与工具", "Electrical safety and tools", 16),
            ("照明与插座线路", "Lighting and socket circuits", 24),
            ("配电箱安装", "Installing a distribution board", 20),
        ],
    },
    {
        "institution": "chiang-mai-technical-college",
        "topic": {
            "zh-hans": "工业机器人操作与维护",
            "en": "Industrial robot operation and maintenance",
            "th": "การควบคุมและบำรุงรักษาหุ่นยนต์อุตสาหกรรม",
        },
        "sectors": ["mechatronics"],
        "tags": ["robotics", "plc", "smart-manufacturing"],
        "countries": ["TH", "CN"],
        "level": ("TH-TQF", 4),
        "material_kind": "textbook",
        "modules": [
            ("机器人示教编程", "Teach-pendant programming", 24),
            ("PLC 与传感器", "PLCs and sensors", 20),
            ("机器人日常维护", "Routine robot maintenance", 16),
        ],
    },
    {
        "institution": "npic-cambodia",
        "topic": {
            "zh-hans": "计算机网络与数字技能",
            "en": "Computer networking and digital skills",
            "km": "បណ្តាញកុំព្យូទ័រ និងជំនាញឌីជីថល",
        },
        "sectors": ["digital-it"],
        "tags": ["networking", "digital-skills", "cybersecurity"],
        "countries": ["KH"],
        "level": ("KH-CQF", 3),
        "material_kind": "assessment",
        "modules": [
            ("局域网搭建", "Building a local network", 20),
            ("网络设备配置", "Configuring network devices", 20),
            ("网络安全基础", "Cybersecurity basics", 12),
        ],
    },
    {
        "institution": "lao-cai-college",
        "topic": {
            "zh-hans": "跨境导游服务",
            "en": "Cross-border tour guiding",
            "vi": "hướng dẫn du lịch xuyên biên giới",
        },
        "sectors": ["tourism-hospitality"],
        "tags": ["tour-guiding", "cultural-heritage", "chinese-for-work"],
        "countries": ["VN", "CN"],
        "level": ("VN-VQF", 4),
        "material_kind": "glossary",
        "modules": [
            ("线路讲解与带团", "Leading tours and commentary", 24),
            ("边境通关与旅游法规", "Border formalities and tourism law", 12),
            ("民族文化与非遗讲解", "Explaining ethnic culture and intangible heritage", 16),
        ],
    },
    {
        "institution": "gti-mandalay",
        "topic": {
            "zh-hans": "农业机械维修",
            "en": "Farm machinery maintenance",
            "my": "လယ်ယာသုံးစက်ယန္တရား ပြုပြင်ထိန်းသိမ်းခြင်း",
        },
        "sectors": ["agriculture", "mechatronics"],
        "tags": ["farm-machinery", "diesel-engines", "maintenance"],
        "countries": ["MM"],
        "level": ("MM-MNQF", 3),
        "material_kind": "worksheet",
        "modules": [
            ("柴油发动机保养", "Diesel engine servicing", 24),
            ("拖拉机与耕作机具", "Tractors and tillage implements", 20),
            ("收割机故障排除", "Troubleshooting harvesters", 16),
        ],
    },
]

# Hours of workplace Chinese added to every course outside the Chinese programme itself.
CHINESE_MODULE_HOURS = 24
