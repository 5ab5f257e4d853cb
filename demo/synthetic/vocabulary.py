"""Words of the synthetic resources, in the alliance's seven languages.

Plain data only (no Django): topics of vocational education grouped by the demo's sector codes,
sector vocabulary, title qualifiers, sentence templates and the synthetic member institutions.
zh-hans and en are complete; th, vi, lo, km and my have their own titles, summaries and short
descriptions, and keep English detail (modules, competencies) as real partial translations do.
The benchmark's query mix is built from the same words, so every query has something to find.
"""

LANGS = ["zh-hans", "en", "th", "vi", "lo", "km", "my"]
MEKONG_LANGS = ["th", "vi", "lo", "km", "my"]

# Each topic: its main sector, an occasional second one, its tags and its name per language.
# fmt: off
TOPICS = [
    # electrical
    ("electrical", "new-energy-vehicles", ["electrical-installation", "wiring", "safety"], {
        "zh-hans": "建筑电气安装", "en": "building electrical installation",
        "th": "การติดตั้งระบบไฟฟ้าในอาคาร", "vi": "lắp đặt điện công trình",
        "lo": "ການຕິດຕັ້ງລະບົບໄຟຟ້າໃນອາຄານ", "km": "ការដំឡើងប្រព័ន្ធអគ្គិសនីក្នុងអគារ",
        "my": "အဆောက်အအုံ လျှပ်စစ်တပ်ဆင်ခြင်း"}),
    ("electrical", "mechatronics", ["electrical-maintenance", "industrial-electrics"], {
        "zh-hans": "工业电气维修", "en": "industrial electrical maintenance",
        "th": "การบำรุงรักษาระบบไฟฟ้าอุตสาหกรรม", "vi": "bảo trì điện công nghiệp",
        "lo": "ການບຳລຸງຮັກສາລະບົບໄຟຟ້າອຸດສາຫະກຳ", "km": "ការថែទាំប្រព័ន្ធអគ្គិសនីឧស្សាហកម្ម",
        "my": "စက်မှုလျှပ်စစ် ပြုပြင်ထိန်းသိမ်းခြင်း"}),
    ("electrical", None, ["solar-pv", "renewable-energy"], {
        "zh-hans": "光伏发电系统安装", "en": "solar photovoltaic installation",
        "th": "การติดตั้งระบบผลิตไฟฟ้าพลังงานแสงอาทิตย์", "vi": "lắp đặt hệ thống điện mặt trời",
        "lo": "ການຕິດຕັ້ງລະບົບໄຟຟ້າພະລັງງານແສງຕາເວັນ", "km": "ការដំឡើងប្រព័ន្ធថាមពលពន្លឺព្រះអាទិត្យ",
        "my": "နေရောင်ခြည်စွမ်းအင် စနစ်တပ်ဆင်ခြင်း"}),
    ("electrical", "mechatronics", ["motor-control", "electrical-installation"], {
        "zh-hans": "电机控制技术", "en": "electric motor control",
        "th": "การควบคุมมอเตอร์ไฟฟ้า", "vi": "điều khiển động cơ điện",
        "lo": "ການຄວບຄຸມມໍເຕີໄຟຟ້າ", "km": "ការបញ្ជាម៉ូទ័រអគ្គិសនី",
        "my": "လျှပ်စစ်မော်တာ ထိန်းချုပ်ခြင်း"}),
    # new-energy vehicles and auto repair
    ("new-energy-vehicles", "electrical", ["new-energy-vehicles", "high-voltage-safety"], {
        "zh-hans": "新能源汽车维修", "en": "new-energy vehicle maintenance",
        "th": "การซ่อมบำรุงยานยนต์พลังงานใหม่", "vi": "bảo dưỡng xe năng lượng mới",
        "lo": "ການສ້ອມແປງລົດພະລັງງານໃໝ່", "km": "ការជួសជុលយានយន្តថាមពលថ្មី",
        "my": "စွမ်းအင်သစ်ယာဉ် ပြုပြင်ထိန်းသိမ်းခြင်း"}),
    ("new-energy-vehicles", None, ["battery", "new-energy-vehicles"], {
        "zh-hans": "动力电池检测", "en": "traction battery testing",
        "th": "การตรวจสอบแบตเตอรี่ขับเคลื่อน", "vi": "kiểm tra pin động lực",
        "lo": "ການກວດສອບແບັດເຕີຣີລົດໄຟຟ້າ", "km": "ការត្រួតពិនិត្យថ្មយានយន្តអគ្គិសនី",
        "my": "လျှပ်စစ်ကား ဘက်ထရီ စစ်ဆေးခြင်း"}),
    ("new-energy-vehicles", "electrical", ["charging", "electrical-installation"], {
        "zh-hans": "电动汽车充电桩安装", "en": "EV charging station installation",
        "th": "การติดตั้งสถานีชาร์จรถยนต์ไฟฟ้า", "vi": "lắp đặt trạm sạc xe điện",
        "lo": "ການຕິດຕັ້ງສະຖານີສາກລົດໄຟຟ້າ", "km": "ការដំឡើងស្ថានីយសាកថ្មរថយន្តអគ្គិសនី",
        "my": "လျှပ်စစ်ကား အားသွင်းစခန်း တပ်ဆင်ခြင်း"}),
    ("new-energy-vehicles", "mechatronics", ["auto-repair", "maintenance"], {
        "zh-hans": "汽车维修", "en": "auto repair",
        "th": "การซ่อมรถยนต์", "vi": "sửa chữa ô tô",
        "lo": "ການສ້ອມແປງລົດຍົນ", "km": "ការជួសជុលរថយន្ត",
        "my": "မော်တော်ယာဉ် ပြုပြင်ခြင်း"}),
    # mechatronics
    ("mechatronics", None, ["robotics", "smart-manufacturing"], {
        "zh-hans": "工业机器人操作", "en": "industrial robot operation",
        "th": "การควบคุมหุ่นยนต์อุตสาหกรรม", "vi": "vận hành robot công nghiệp",
        "lo": "ການຄວບຄຸມຫຸ່ນຍົນອຸດສາຫະກຳ", "km": "ប្រតិបត្តិការមនុស្សយន្តឧស្សាហកម្ម",
        "my": "စက်မှုရိုဘော့ လည်ပတ်ခြင်း"}),
    ("mechatronics", "electrical", ["plc", "automation"], {
        "zh-hans": "PLC编程与应用", "en": "PLC programming",
        "th": "การเขียนโปรแกรม PLC", "vi": "lập trình PLC",
        "lo": "ການຂຽນໂປຣແກຣມ PLC", "km": "ការសរសេរកម្មវិធី PLC",
        "my": "PLC ပရိုဂရမ်ရေးသားခြင်း"}),
    ("mechatronics", None, ["cnc", "machining"], {
        "zh-hans": "数控加工", "en": "CNC machining",
        "th": "งานกลึงและกัดด้วยเครื่อง CNC", "vi": "gia công CNC",
        "lo": "ການກຶງ ແລະ ກັດດ້ວຍເຄື່ອງ CNC", "km": "ការកែច្នៃដោយម៉ាស៊ីន CNC",
        "my": "CNC စက်ဖြင့် ထုတ်လုပ်ခြင်း"}),
    ("mechatronics", "electrical", ["refrigeration", "air-conditioning"], {
        "zh-hans": "制冷与空调技术", "en": "refrigeration and air conditioning",
        "th": "เครื่องทำความเย็นและปรับอากาศ", "vi": "kỹ thuật lạnh và điều hòa không khí",
        "lo": "ເຄື່ອງເຮັດຄວາມເຢັນ ແລະ ເຄື່ອງປັບອາກາດ", "km": "ប្រព័ន្ធត្រជាក់ និងម៉ាស៊ីនត្រជាក់",
        "my": "အအေးခန်းနှင့် လေအေးပေးစက် နည်းပညာ"}),
    # welding
    ("welding", None, ["welding", "metal-fabrication"], {
        "zh-hans": "焊条电弧焊", "en": "shielded metal arc welding",
        "th": "การเชื่อมไฟฟ้าด้วยลวดหุ้มฟลักซ์", "vi": "hàn hồ quang tay",
        "lo": "ການເຊື່ອມດ້ວຍໄຟຟ້າ", "km": "ការផ្សារដោយអគ្គិសនី",
        "my": "လျှပ်စစ်ဂဟေဆော်ခြင်း"}),
    ("welding", None, ["welding", "co2-welding"], {
        "zh-hans": "二氧化碳气体保护焊", "en": "CO2 gas-shielded welding",
        "th": "การเชื่อมด้วยแก๊สคาร์บอนไดออกไซด์", "vi": "hàn khí bảo vệ CO2",
        "lo": "ການເຊື່ອມແກັສ CO2", "km": "ការផ្សារឧស្ម័ន CO2",
        "my": "CO2 ဓာတ်ငွေ့ ဂဟေဆော်ခြင်း"}),
    ("welding", None, ["welding", "quality-inspection"], {
        "zh-hans": "焊缝质量检验", "en": "weld quality inspection",
        "th": "การตรวจสอบคุณภาพแนวเชื่อม", "vi": "kiểm tra chất lượng mối hàn",
        "lo": "ການກວດສອບຄຸນນະພາບຮອຍເຊື່ອມ", "km": "ការត្រួតពិនិត្យគុណភាពស្នាមផ្សារ",
        "my": "ဂဟေဆက် အရည်အသွေး စစ်ဆေးခြင်း"}),
    ("welding", "mechatronics", ["sheet-metal", "metal-fabrication"], {
        "zh-hans": "钣金加工", "en": "sheet metal fabrication",
        "th": "งานโลหะแผ่น", "vi": "gia công kim loại tấm",
        "lo": "ວຽກໂລຫະແຜ່ນ", "km": "ការកែច្នៃលោហៈសន្លឹក",
        "my": "သံပြား ပစ္စည်းထုတ်လုပ်ခြင်း"}),
    # rail transport
    ("rail-transit", "mechatronics", ["railway", "rolling-stock", "maintenance"], {
        "zh-hans": "铁路车辆检修", "en": "railway vehicle maintenance",
        "th": "การซ่อมบำรุงล้อเลื่อนรถไฟ", "vi": "bảo dưỡng toa xe đường sắt",
        "lo": "ການສ້ອມບຳລຸງລົດໄຟ", "km": "ការថែទាំរថភ្លើង",
        "my": "ရထားတွဲ ပြုပြင်ထိန်းသိမ်းခြင်း"}),
    ("rail-transit", "tourism-hospitality", ["railway", "customer-service"], {
        "zh-hans": "铁路客运服务", "en": "railway passenger service",
        "th": "การบริการผู้โดยสารรถไฟ", "vi": "phục vụ hành khách đường sắt",
        "lo": "ການບໍລິການຜູ້ໂດຍສານທາງລົດໄຟ", "km": "សេវាអ្នកដំណើរផ្លូវដែក",
        "my": "ရထားခရီးသည် ဝန်ဆောင်မှု"}),
    ("rail-transit", "electrical", ["railway", "signalling"], {
        "zh-hans": "铁路信号技术", "en": "railway signalling",
        "th": "ระบบอาณัติสัญญาณรถไฟ", "vi": "tín hiệu đường sắt",
        "lo": "ລະບົບສັນຍານລົດໄຟ", "km": "ប្រព័ន្ធសញ្ញាផ្លូវដែក",
        "my": "ရထားအချက်ပြစနစ်"}),
    ("rail-transit", None, ["railway", "track-maintenance"], {
        "zh-hans": "铁道线路养护", "en": "railway track maintenance",
        "th": "การบำรุงรักษาทางรถไฟ", "vi": "bảo trì đường ray",
        "lo": "ການບຳລຸງຮັກສາທາງລົດໄຟ", "km": "ការថែទាំផ្លូវដែក",
        "my": "ရထားသံလမ်း ပြုပြင်ထိန်းသိမ်းခြင်း"}),
    # logistics
    ("logistics", None, ["logistics", "warehousing"], {
        "zh-hans": "仓储管理", "en": "warehouse management",
        "th": "การจัดการคลังสินค้า", "vi": "quản lý kho hàng",
        "lo": "ການຄຸ້ມຄອງສາງສິນຄ້າ", "km": "ការគ្រប់គ្រងឃ្លាំងទំនិញ",
        "my": "ကုန်လှောင်ရုံ စီမံခန့်ခွဲမှု"}),
    ("logistics", "e-commerce", ["logistics", "freight-forwarding"], {
        "zh-hans": "国际货运代理", "en": "international freight forwarding",
        "th": "การขนส่งสินค้าระหว่างประเทศ", "vi": "giao nhận hàng hóa quốc tế",
        "lo": "ການຂົນສົ່ງສິນຄ້າລະຫວ່າງປະເທດ", "km": "ការដឹកជញ្ជូនទំនិញអន្តរជាតិ",
        "my": "နိုင်ငံတကာ ကုန်စည်ပို့ဆောင်ရေး"}),
    ("logistics", None, ["customs", "logistics"], {
        "zh-hans": "报关实务", "en": "customs clearance",
        "th": "พิธีการศุลกากร", "vi": "thủ tục hải quan",
        "lo": "ພິທີການພາສີ", "km": "នីតិវិធីគយ",
        "my": "အကောက်ခွန် ရှင်းလင်းခြင်း"}),
    ("logistics", "agriculture", ["cold-chain", "logistics"], {
        "zh-hans": "冷链物流", "en": "cold chain logistics",
        "th": "โลจิสติกส์ห่วงโซ่ความเย็น", "vi": "logistics chuỗi lạnh",
        "lo": "ໂລຈິສຕິກລະບົບຕ່ອງໂສ້ຄວາມເຢັນ", "km": "ភស្តុភារកម្មខ្សែសង្វាក់ត្រជាក់",
        "my": "အအေးခန်း ထောက်ပံ့ပို့ဆောင်ရေး"}),
    # e-commerce
    ("e-commerce", "digital-it", ["e-commerce", "cross-border"], {
        "zh-hans": "跨境电子商务运营", "en": "cross-border e-commerce operations",
        "th": "การดำเนินธุรกิจอีคอมเมิร์ซข้ามพรมแดน", "vi": "vận hành thương mại điện tử xuyên biên giới",
        "lo": "ການດຳເນີນທຸລະກິດການຄ້າອອນລາຍຂ້າມແດນ", "km": "ប្រតិបត្តិការពាណិជ្ជកម្មអេឡិចត្រូនិកឆ្លងដែន",
        "my": "နယ်စပ်ဖြတ်ကျော် အီးကော်မတ် လုပ်ငန်း"}),
    ("e-commerce", None, ["live-streaming", "e-commerce"], {
        "zh-hans": "直播电商", "en": "live-stream selling",
        "th": "การขายสินค้าผ่านไลฟ์สด", "vi": "bán hàng qua livestream",
        "lo": "ການຂາຍສິນຄ້າຜ່ານການຖ່າຍທອດສົດ", "km": "ការលក់ទំនិញតាមការផ្សាយផ្ទាល់",
        "my": "တိုက်ရိုက်ထုတ်လွှင့် အရောင်း"}),
    ("e-commerce", "digital-it", ["digital-marketing", "e-commerce"], {
        "zh-hans": "数字营销", "en": "digital marketing",
        "th": "การตลาดดิจิทัล", "vi": "tiếp thị số",
        "lo": "ການຕະຫຼາດດິຈິຕອນ", "km": "ទីផ្សារឌីជីថល",
        "my": "ဒစ်ဂျစ်တယ် စျေးကွက်ရှာဖွေရေး"}),
    ("e-commerce", "tourism-hospitality", ["customer-service", "e-commerce"], {
        "zh-hans": "网店客户服务", "en": "online customer service",
        "th": "การบริการลูกค้าออนไลน์", "vi": "chăm sóc khách hàng trực tuyến",
        "lo": "ການບໍລິການລູກຄ້າອອນລາຍ", "km": "សេវាអតិថិជនតាមអនឡាញ",
        "my": "အွန်လိုင်း ဖောက်သည်ဝန်ဆောင်မှု"}),
    # tourism and hospitality
    ("tourism-hospitality", None, ["hospitality", "front-office"], {
        "zh-hans": "酒店前厅服务", "en": "hotel front office service",
        "th": "งานบริการส่วนหน้าโรงแรม", "vi": "nghiệp vụ lễ tân khách sạn",
        "lo": "ການບໍລິການພາກໜ້າໂຮງແຮມ", "km": "សេវាផ្នែកខាងមុខសណ្ឋាគារ",
        "my": "ဟိုတယ် ရှေ့တန်းဝန်ဆောင်မှု"}),
    ("tourism-hospitality", "chinese-for-work", ["tour-guiding", "cultural-heritage"], {
        "zh-hans": "导游服务", "en": "tour guiding",
        "th": "การนำเที่ยว", "vi": "hướng dẫn du lịch",
        "lo": "ການນຳທ່ຽວ", "km": "ការណែនាំទេសចរណ៍",
        "my": "ဧည့်လမ်းညွှန် ဝန်ဆောင်မှု"}),
    ("tourism-hospitality", None, ["food-and-beverage", "hospitality"], {
        "zh-hans": "餐饮服务", "en": "food and beverage service",
        "th": "การบริการอาหารและเครื่องดื่ม", "vi": "phục vụ nhà hàng",
        "lo": "ການບໍລິການອາຫານ ແລະ ເຄື່ອງດື່ມ", "km": "សេវាម្ហូបអាហារ និងភេសជ្ជៈ",
        "my": "အစားအသောက် ဝန်ဆောင်မှု"}),
    ("tourism-hospitality", None, ["culinary", "hospitality"], {
        "zh-hans": "中式烹饪", "en": "Chinese cooking",
        "th": "การประกอบอาหารจีน", "vi": "nấu ăn món Trung Hoa",
        "lo": "ການປຸງແຕ່ງອາຫານຈີນ", "km": "ការចម្អិនម្ហូបចិន",
        "my": "တရုတ်ဟင်းချက်ပြုတ်ခြင်း"}),
    # agriculture
    ("agriculture", None, ["coffee", "agri-processing"], {
        "zh-hans": "咖啡种植与加工", "en": "coffee growing and processing",
        "th": "การปลูกและแปรรูปกาแฟ", "vi": "trồng và chế biến cà phê",
        "lo": "ການປູກ ແລະ ປຸງແຕ່ງກາເຟ", "km": "ការដាំ និងកែច្នៃកាហ្វេ",
        "my": "ကော်ဖီ စိုက်ပျိုးခြင်းနှင့် ပြုပြင်ထုတ်လုပ်ခြင်း"}),
    ("agriculture", "mechatronics", ["farm-machinery", "maintenance"], {
        "zh-hans": "农业机械维修", "en": "farm machinery maintenance",
        "th": "การซ่อมบำรุงเครื่องจักรกลการเกษตร", "vi": "sửa chữa máy nông nghiệp",
        "lo": "ການສ້ອມແປງກົນຈັກກະສິກຳ", "km": "ការជួសជុលគ្រឿងចក្រកសិកម្ម",
        "my": "လယ်ယာသုံးစက်ယန္တရား ပြုပြင်ထိန်းသိမ်းခြင်း"}),
    ("agriculture", None, ["rubber", "tropical-crops"], {
        "zh-hans": "橡胶种植与割胶", "en": "rubber planting and tapping",
        "th": "การปลูกยางพาราและกรีดยาง", "vi": "trồng và khai thác cao su",
        "lo": "ການປູກ ແລະ ກີດຢາງພາລາ", "km": "ការដាំ និងចៀរកៅស៊ូ",
        "my": "ရာဘာ စိုက်ပျိုးခြင်းနှင့် ရာဘာခြစ်ခြင်း"}),
    ("agriculture", None, ["tea", "agri-processing"], {
        "zh-hans": "茶叶种植与加工", "en": "tea growing and processing",
        "th": "การปลูกและแปรรูปชา", "vi": "trồng và chế biến chè",
        "lo": "ການປູກ ແລະ ປຸງແຕ່ງຊາ", "km": "ការដាំ និងកែច្នៃតែ",
        "my": "လက်ဖက် စိုက်ပျိုးခြင်းနှင့် ပြုပြင်ထုတ်လုပ်ခြင်း"}),
    # Chinese language
    ("chinese-for-work", None, ["chinese-for-work", "language"], {
        "zh-hans": "职场中文", "en": "workplace Chinese",
        "th": "ภาษาจีนในที่ทำงาน", "vi": "tiếng Trung nơi làm việc",
        "lo": "ພາສາຈີນໃນບ່ອນເຮັດວຽກ", "km": "ភាសាចិនសម្រាប់កន្លែងធ្វើការ",
        "my": "လုပ်ငန်းခွင်သုံး တရုတ်ဘာသာ"}),
    ("chinese-for-work", None, ["hsk", "language"], {
        "zh-hans": "HSK汉语水平考试备考", "en": "HSK exam preparation",
        "th": "การเตรียมสอบ HSK", "vi": "luyện thi HSK",
        "lo": "ການກຽມສອບເສັງ HSK", "km": "ការត្រៀមប្រឡង HSK",
        "my": "HSK စာမေးပွဲ ပြင်ဆင်ခြင်း"}),
    ("chinese-for-work", "tourism-hospitality", ["chinese-for-work", "tourism"], {
        "zh-hans": "旅游汉语", "en": "Chinese for tourism",
        "th": "ภาษาจีนเพื่อการท่องเที่ยว", "vi": "tiếng Trung du lịch",
        "lo": "ພາສາຈີນເພື່ອການທ່ອງທ່ຽວ", "km": "ភាសាចិនសម្រាប់ទេសចរណ៍",
        "my": "ခရီးသွားလုပ်ငန်းသုံး တရုတ်ဘာသာ"}),
    ("chinese-for-work", "mechatronics", ["chinese-for-work", "technical-language"], {
        "zh-hans": "工程技术汉语", "en": "Chinese for engineering",
        "th": "ภาษาจีนสำหรับงานวิศวกรรม", "vi": "tiếng Trung kỹ thuật",
        "lo": "ພາສາຈີນສຳລັບວຽກວິສະວະກຳ", "km": "ភាសាចិនសម្រាប់វិស្វកម្ម",
        "my": "အင်ဂျင်နီယာသုံး တရုတ်ဘာသာ"}),
    # digital skills and IT
    ("digital-it", None, ["networking", "digital-skills"], {
        "zh-hans": "计算机网络技术", "en": "computer networking",
        "th": "เครือข่ายคอมพิวเตอร์", "vi": "mạng máy tính",
        "lo": "ເຄືອຂ່າຍຄອມພິວເຕີ", "km": "បណ្តាញកុំព្យូទ័រ",
        "my": "ကွန်ပျူတာ ကွန်ရက်"}),
    ("digital-it", None, ["cybersecurity", "digital-skills"], {
        "zh-hans": "网络安全基础", "en": "cybersecurity basics",
        "th": "พื้นฐานความปลอดภัยไซเบอร์", "vi": "cơ bản về an ninh mạng",
        "lo": "ພື້ນຖານຄວາມປອດໄພທາງໄຊເບີ", "km": "មូលដ្ឋានសន្តិសុខអ៊ីនធឺណិត",
        "my": "ဆိုက်ဘာလုံခြုံရေး အခြေခံ"}),
    ("digital-it", None, ["office-software", "digital-skills"], {
        "zh-hans": "办公软件应用", "en": "office software skills",
        "th": "การใช้โปรแกรมสำนักงาน", "vi": "tin học văn phòng",
        "lo": "ການນຳໃຊ້ໂປຣແກຣມຫ້ອງການ", "km": "ការប្រើប្រាស់កម្មវិធីការិយាល័យ",
        "my": "ရုံးသုံးဆော့ဖ်ဝဲ အသုံးပြုခြင်း"}),
    ("digital-it", "e-commerce", ["web-development", "digital-skills"], {
        "zh-hans": "网页设计与开发", "en": "web development",
        "th": "การพัฒนาเว็บไซต์", "vi": "thiết kế và phát triển web",
        "lo": "ການພັດທະນາເວັບໄຊ", "km": "ការអភិវឌ្ឍគេហទំព័រ",
        "my": "ဝက်ဘ်ဆိုက် ဖန်တီးခြင်း"}),
]

# Words of each sector's trade, per language (the first two languages have more).
KEYWORDS = {
    "electrical": {
        "zh-hans": ["配电箱", "漏电保护器", "接地", "电缆敷设", "万用表", "三相电路"],
        "en": ["distribution board", "residual current device", "earthing", "cable laying", "multimeter", "three-phase circuit"],
        "th": ["ตู้ควบคุมไฟฟ้า", "เบรกเกอร์กันดูด", "การต่อลงดิน"],
        "vi": ["tủ điện", "aptomat chống giật", "nối đất"],
        "lo": ["ຕູ້ຄວບຄຸມໄຟຟ້າ", "ເບຣກເກີກັນໄຟດູດ", "ການຕໍ່ສາຍດິນ"],
        "km": ["ទូបែងចែកអគ្គិសនី", "ឧបករណ៍ការពារចរន្តលេច", "ការភ្ជាប់ដី"],
        "my": ["လျှပ်စစ်ဖြန့်ဖြူးဘုတ်", "မြေစိုက်ကြိုး", "ဓာတ်အားလိုင်း"],
    },
    "new-energy-vehicles": {
        "zh-hans": ["高压互锁", "电池管理系统", "驱动电机", "充电接口", "绝缘检测", "故障诊断仪"],
        "en": ["high-voltage interlock", "battery management system", "drive motor", "charging port", "insulation test", "diagnostic scanner"],
        "th": ["แบตเตอรี่ลิเธียม", "ระบบจัดการแบตเตอรี่", "มอเตอร์ขับเคลื่อน"],
        "vi": ["pin lithium", "hệ thống quản lý pin", "động cơ điện"],
        "lo": ["ແບັດເຕີຣີລິທຽມ", "ລະບົບຈັດການແບັດເຕີຣີ", "ມໍເຕີຂັບເຄື່ອນ"],
        "km": ["ថ្មលីចូម", "ប្រព័ន្ធគ្រប់គ្រងថ្ម", "ម៉ូទ័របើកបរ"],
        "my": ["လီသီယမ်ဘက်ထရီ", "ဘက်ထရီစီမံခန့်ခွဲမှုစနစ်", "မော်တာ"],
    },
    "mechatronics": {
        "zh-hans": ["传感器", "气动元件", "伺服驱动", "示教器", "人机界面", "自动化生产线"],
        "en": ["sensor", "pneumatic components", "servo drive", "teach pendant", "human-machine interface", "automated production line"],
        "th": ["เซนเซอร์", "ระบบนิวแมติกส์", "สายการผลิตอัตโนมัติ"],
        "vi": ["cảm biến", "khí nén", "dây chuyền tự động"],
        "lo": ["ເຊັນເຊີ", "ລະບົບນິວແມຕິກ", "ສາຍການຜະລິດອັດຕະໂນມັດ"],
        "km": ["ឧបករណ៍ចាប់សញ្ញា", "ប្រព័ន្ធខ្យល់សម្ពាធ", "ខ្សែសង្វាក់ផលិតកម្មស្វ័យប្រវត្តិ"],
        "my": ["အာရုံခံကိရိယာ", "လေဖိအားစနစ်", "အလိုအလျောက်ထုတ်လုပ်ရေးလိုင်း"],
    },
    "welding": {
        "zh-hans": ["焊缝", "焊条", "电弧", "坡口加工", "焊接电流", "防护面罩", "无损探伤"],
        "en": ["weld bead", "electrode", "arc length", "joint preparation", "welding current", "welding helmet", "non-destructive testing"],
        "th": ["แนวเชื่อม", "ลวดเชื่อม", "หน้ากากเชื่อม"],
        "vi": ["mối hàn", "que hàn", "mặt nạ hàn"],
        "lo": ["ຮອຍເຊື່ອມ", "ລວດເຊື່ອມ", "ໜ້າກາກເຊື່ອມ"],
        "km": ["ស្នាមផ្សារ", "ដំបងផ្សារ", "របាំងមុខផ្សារ"],
        "my": ["ဂဟေဆက်ကြောင်း", "ဂဟေချောင်း", "ဂဟေမျက်နှာဖုံး"],
    },
    "rail-transit": {
        "zh-hans": ["转向架", "制动系统", "接触网", "列车调度", "车站客运", "中老铁路"],
        "en": ["bogie", "braking system", "overhead contact line", "train dispatching", "station operations", "China-Laos Railway"],
        "th": ["ตู้โดยสาร", "ระบบเบรก", "สถานีรถไฟ"],
        "vi": ["toa xe", "hệ thống phanh", "nhà ga"],
        "lo": ["ຕູ້ໂດຍສານ", "ລະບົບເບຣກ", "ສະຖານີລົດໄຟ", "ທາງລົດໄຟລາວ-ຈີນ"],
        "km": ["ទូរថភ្លើង", "ប្រព័ន្ធហ្វ្រាំង", "ស្ថានីយរថភ្លើង"],
        "my": ["ရထားတွဲ", "ဘရိတ်စနစ်", "ဘူတာရုံ"],
    },
    "logistics": {
        "zh-hans": ["仓储", "分拣", "报关单", "集装箱", "供应链", "边境口岸"],
        "en": ["warehousing", "order picking", "customs declaration", "container", "supply chain", "border port"],
        "th": ["คลังสินค้า", "ตู้คอนเทนเนอร์", "ห่วงโซ่อุปทาน"],
        "vi": ["kho bãi", "container", "chuỗi cung ứng"],
        "lo": ["ສາງສິນຄ້າ", "ຕູ້ຄອນເທນເນີ", "ຕ່ອງໂສ້ການສະໜອງ"],
        "km": ["ឃ្លាំង", "កុងតឺន័រ", "ខ្សែសង្វាក់ផ្គត់ផ្គង់"],
        "my": ["ကုန်လှောင်ရုံ", "ကွန်တိန်နာ", "ထောက်ပံ့ရေးကွင်းဆက်"],
    },
    "e-commerce": {
        "zh-hans": ["网店运营", "直播带货", "跨境支付", "商品详情页", "客户评价", "短视频营销"],
        "en": ["online shop", "live-stream selling", "cross-border payment", "product listing", "customer reviews", "short-video marketing"],
        "th": ["ร้านค้าออนไลน์", "ไลฟ์สด", "การชำระเงินออนไลน์"],
        "vi": ["cửa hàng trực tuyến", "livestream", "thanh toán trực tuyến"],
        "lo": ["ຮ້ານຄ້າອອນລາຍ", "ການຖ່າຍທອດສົດ", "ການຊຳລະເງິນອອນລາຍ"],
        "km": ["ហាងអនឡាញ", "ការផ្សាយផ្ទាល់", "ការទូទាត់តាមអនឡាញ"],
        "my": ["အွန်လိုင်းဆိုင်", "တိုက်ရိုက်ထုတ်လွှင့်ရောင်းချခြင်း", "အွန်လိုင်းငွေပေးချေမှု"],
    },
    "tourism-hospitality": {
        "zh-hans": ["前台接待", "客房服务", "导游词", "餐饮服务", "非物质文化遗产", "游客投诉"],
        "en": ["front desk", "housekeeping", "tour commentary", "food and beverage", "intangible cultural heritage", "guest complaints"],
        "th": ["แผนกต้อนรับ", "แม่บ้านโรงแรม", "มัคคุเทศก์"],
        "vi": ["lễ tân", "buồng phòng", "hướng dẫn viên"],
        "lo": ["ພະແນກຕ້ອນຮັບ", "ການບໍລິການຫ້ອງພັກ", "ໄກດ໌ນຳທ່ຽວ"],
        "km": ["ផ្នែកទទួលភ្ញៀវ", "សេវាបន្ទប់", "មគ្គុទ្ទេសក៍ទេសចរណ៍"],
        "my": ["ဧည့်ကြိုကောင်တာ", "အခန်းဝန်ဆောင်မှု", "ဧည့်လမ်းညွှန်"],
    },
    "agriculture": {
        "zh-hans": ["病虫害防治", "土壤肥料", "灌溉", "采收", "农产品加工", "拖拉机"],
        "en": ["pest control", "soil and fertiliser", "irrigation", "harvesting", "agro-processing", "tractor"],
        "th": ["การควบคุมศัตรูพืช", "ระบบชลประทาน", "รถแทรกเตอร์"],
        "vi": ["phòng trừ sâu bệnh", "tưới tiêu", "máy kéo"],
        "lo": ["ການຄວບຄຸມສັດຕູພືດ", "ລະບົບຊົນລະປະທານ", "ລົດໄຖນາ"],
        "km": ["ការគ្រប់គ្រងសត្វល្អិត", "ប្រព័ន្ធធារាសាស្ត្រ", "ត្រាក់ទ័រ"],
        "my": ["ပိုးမွှားကာကွယ်ရေး", "ဆည်မြောင်း", "ထွန်စက်"],
    },
    "chinese-for-work": {
        "zh-hans": ["汉语拼音", "岗位用语", "安全标识", "商务汉语", "汉字书写", "HSK"],
        "en": ["pinyin", "workplace phrases", "safety signs", "business Chinese", "Chinese characters", "HSK"],
        "th": ["พินอิน", "อักษรจีน", "ภาษาจีนธุรกิจ"],
        "vi": ["bính âm", "chữ Hán", "tiếng Trung thương mại"],
        "lo": ["ພິນອິນ", "ຕົວອັກສອນຈີນ", "ພາສາຈີນທຸລະກິດ"],
        "km": ["ភីនអ៊ីន", "អក្សរចិន", "ភាសាចិនពាណិជ្ជកម្ម"],
        "my": ["ပင်ယင်း", "တရုတ်စာလုံး", "စီးပွားရေးသုံး တရုတ်ဘာသာ"],
    },
    "digital-it": {
        "zh-hans": ["交换机", "路由器", "网络布线", "防火墙", "数据库", "云计算"],
        "en": ["switch", "router", "structured cabling", "firewall", "database", "cloud computing"],
        "th": ["เราเตอร์", "ไฟร์วอลล์", "ฐานข้อมูล"],
        "vi": ["bộ định tuyến", "tường lửa", "cơ sở dữ liệu"],
        "lo": ["ເຣົາເຕີ", "ໄຟວໍ", "ຖານຂໍ້ມູນ"],
        "km": ["រ៉ោតទ័រ", "ជញ្ជាំងភ្លើង", "មូលដ្ឋានទិន្នន័យ"],
        "my": ["ရောက်တာ", "ဖိုင်းယားဝေါ", "ဒေတာဘေ့စ်"],
    },
}

# Title qualifiers, aligned across languages (index i means the same thing everywhere).
QUALIFIERS = {
    "zh-hans": ["基础", "进阶", "实训", "入门", "岗位实务", "安全规范", "项目教学", "技能提升"],
    "en": ["fundamentals", "advanced", "practical training", "for beginners", "on the job", "safety", "project-based learning", "upskilling"],
    "th": ["พื้นฐาน", "ขั้นสูง", "ภาคปฏิบัติ", "สำหรับผู้เริ่มต้น", "ในสถานประกอบการ", "ความปลอดภัย", "การเรียนรู้แบบโครงงาน", "การยกระดับทักษะ"],
    "vi": ["cơ bản", "nâng cao", "thực hành", "cho người mới bắt đầu", "tại doanh nghiệp", "an toàn lao động", "học theo dự án", "nâng cao kỹ năng"],
    "lo": ["ພື້ນຖານ", "ຂັ້ນສູງ", "ພາກປະຕິບັດ", "ສຳລັບຜູ້ເລີ່ມຕົ້ນ", "ໃນສະຖານທີ່ເຮັດວຽກ", "ຄວາມປອດໄພ", "ການຮຽນແບບໂຄງການ", "ການຍົກລະດັບທັກສະ"],
    "km": ["មូលដ្ឋាន", "កម្រិតខ្ពស់", "អនុវត្តន៍", "សម្រាប់អ្នកចាប់ផ្តើម", "នៅកន្លែងការងារ", "សុវត្ថិភាព", "ការរៀនតាមគម្រោង", "ការលើកកម្ពស់ជំនាញ"],
    "my": ["အခြေခံ", "အဆင့်မြင့်", "လက်တွေ့", "စတင်သူများအတွက်", "လုပ်ငန်းခွင်တွင်", "ဘေးကင်းရေး", "ပရောဂျက်အခြေပြုသင်ယူမှု", "ကျွမ်းကျင်မှုမြှင့်တင်ခြင်း"],
}

# Certificate grades (junior, intermediate, senior).
GRADES = {
    "zh-hans": ["初级", "中级", "高级"],
    "en": ["junior", "intermediate", "senior"],
    "th": ["ระดับต้น", "ระดับกลาง", "ระดับสูง"],
    "vi": ["sơ cấp", "trung cấp", "cao cấp"],
    "lo": ["ຂັ້ນຕົ້ນ", "ຂັ້ນກາງ", "ຂັ້ນສູງ"],
    "km": ["កម្រិតដំបូង", "កម្រិតមធ្យម", "កម្រិតខ្ពស់"],
    "my": ["အခြေခံအဆင့်", "အလယ်အလတ်အဆင့်", "အဆင့်မြင့်"],
}

# Resource type names (course, standard, material, certification).
TYPE_NAMES = {
    "zh-hans": {"course": "课程", "standard": "职业技能标准", "material": "教学资料", "certification": "职业技能等级证书"},
    "en": {"course": "course", "standard": "occupational skill standard", "material": "teaching material", "certification": "vocational skills certificate"},
    "th": {"course": "หลักสูตร", "standard": "มาตรฐานอาชีพ", "material": "สื่อการสอน", "certification": "ใบรับรอง"},
    "vi": {"course": "Khóa học", "standard": "Tiêu chuẩn nghề", "material": "Tài liệu giảng dạy", "certification": "Chứng chỉ"},
    "lo": {"course": "ຫຼັກສູດ", "standard": "ມາດຕະຖານວິຊາຊີບ", "material": "ເອກະສານການສອນ", "certification": "ໃບຢັ້ງຢືນ"},
    "km": {"course": "វគ្គសិក្សា", "standard": "ស្តង់ដារវិជ្ជាជីវៈ", "material": "ឯកសារបង្រៀន", "certification": "វិញ្ញាបនបត្រ"},
    "my": {"course": "သင်တန်း", "standard": "အသက်မွေးဝမ်းကျောင်းစံနှုန်း", "material": "သင်ကြားရေးစာရွက်စာတမ်း", "certification": "လက်မှတ်"},
}

# Teaching material kinds (TeachingMaterialPage.KIND_CHOICES keys) per language.
MATERIAL_KINDS = {
    "textbook": {"zh-hans": "教材", "en": "textbook", "th": "ตำรา", "vi": "giáo trình", "lo": "ປຶ້ມແບບຮຽນ", "km": "សៀវភៅសិក្សា", "my": "ဖတ်စာအုပ်"},
    "slides": {"zh-hans": "课件", "en": "slides", "th": "สไลด์", "vi": "bài giảng trình chiếu", "lo": "ສະໄລ້", "km": "ស្លាយ", "my": "ဆလိုက်များ"},
    "worksheet": {"zh-hans": "实训工作页", "en": "worksheets", "th": "ใบงาน", "vi": "phiếu bài tập", "lo": "ໃບງານ", "km": "សន្លឹកកិច្ចការ", "my": "လုပ်ငန်းစာရွက်"},
    "video": {"zh-hans": "教学视频", "en": "video", "th": "วิดีโอ", "vi": "video bài giảng", "lo": "ວິດີໂອ", "km": "វីដេអូ", "my": "ဗီဒီယို"},
    "audio": {"zh-hans": "音频资料", "en": "audio", "th": "ไฟล์เสียง", "vi": "tài liệu âm thanh", "lo": "ສຽງ", "km": "សំឡេង", "my": "အသံဖိုင်"},
    "assessment": {"zh-hans": "考核题库", "en": "assessment bank", "th": "คลังข้อสอบ", "vi": "ngân hàng đề thi", "lo": "ຄັງຂໍ້ສອບເສັງ", "km": "វិញ្ញាសាវាយតម្លៃ", "my": "စာမေးပွဲမေးခွန်းဘဏ်"},
    "glossary": {"zh-hans": "双语词汇表", "en": "bilingual glossary", "th": "อภิธานศัพท์สองภาษา", "vi": "từ điển song ngữ", "lo": "ຄຳສັບສອງພາສາ", "km": "សទ្ទានុក្រមពីរភាសា", "my": "နှစ်ဘာသာ ဝေါဟာရ"},
}

# Separators for lists of names ("China, Laos and Thailand").
LIST_SEP = {"zh-hans": "、", "en": ", ", "th": " ", "vi": ", ", "lo": ", ", "km": " ", "my": "၊ "}
LIST_AND = {"zh-hans": "和", "en": " and ", "th": " และ", "vi": " và ", "lo": " ແລະ ", "km": " និង", "my": " နှင့် "}

# Summaries. Placeholders: {topic} {Topic} {type} {institution} {hours} {countries} {kw1}
# {kw2} {sector}.
SUMMARIES = {
    "zh-hans": [
        "面向{countries}学员的{topic}{type}，共{hours}学时，重点讲授{kw1}和{kw2}，由{institution}依托澜湄工坊开发。",
        "{institution}编写的{topic}{type}，结合{kw1}、{kw2}等真实岗位任务，适用于{sector}专业的教学与企业培训。",
        "本{type}围绕{topic}展开，覆盖{kw1}与{kw2}，践行“教随产出、校企同行”，可在{countries}的澜湄工坊中使用。",
    ],
    "en": [
        "A {hours}-hour {type} on {topic} for learners in {countries}, covering {kw1} and {kw2}, developed by {institution} through the Lancang-Mekong Workshops.",
        "{Type} on {topic} written by {institution}: real workplace tasks such as {kw1} and {kw2}, for {sector} programmes and company training.",
        "This {type} on {topic} covers {kw1} and {kw2}, following the alliance's principle of education following industry; used at Lancang-Mekong Workshops in {countries}.",
    ],
    "th": [
        "{type}ด้าน{topic} จัดทำโดย {institution} ครอบคลุม{kw1}และ{kw2} สำหรับการฝึกอบรมในเวิร์กช็อปล้านช้าง-แม่โขง",
        "{type}{topic} สำหรับผู้เรียนใน{countries} เน้น{kw1} {kw2} และการปฏิบัติงานจริงในสถานประกอบการ",
    ],
    "vi": [
        "{type} về {topic} do {institution} biên soạn, bao gồm {kw1} và {kw2}, dùng cho đào tạo tại Xưởng Lan Thương - Mê Kông.",
        "{type} {topic} dành cho học viên tại {countries}, chú trọng {kw1}, {kw2} và thực hành tại doanh nghiệp.",
    ],
    "lo": [
        "{type}ດ້ານ{topic} ຈັດທຳໂດຍ {institution} ກວມເອົາ{kw1} ແລະ {kw2} ສຳລັບການຝຶກອົບຮົມຢູ່ສູນຝຶກອົບຮົມລ້ານຊ້າງ-ແມ່ຂອງ.",
        "{type}{topic} ສຳລັບນັກຮຽນໃນ{countries} ເນັ້ນໃສ່{kw1}, {kw2} ແລະ ການປະຕິບັດຕົວຈິງ.",
    ],
    "km": [
        "{type}ផ្នែក{topic} រៀបចំដោយ {institution} គ្របដណ្តប់{kw1} និង{kw2} សម្រាប់ការបណ្តុះបណ្តាលនៅសិក្ខាសាលាឡានឆាង-មេគង្គ។",
        "{type}{topic} សម្រាប់សិក្ខាកាមនៅ{countries} ផ្តោតលើ{kw1} {kw2} និងការអនុវត្តជាក់ស្តែង។",
    ],
    "my": [
        "{institution} က လန်ချန်း-မဲခေါင် အလုပ်ရုံ သင်တန်းများအတွက် ပြုစုထားသော {topic} {type}၊ {kw1} နှင့် {kw2} ပါဝင်သည်။",
        "{countries} ရှိ သင်ယူသူများအတွက် {topic} {type}၊ {kw1}၊ {kw2} နှင့် လက်တွေ့လုပ်ငန်းခွင် လေ့ကျင့်မှုကို အဓိကထားသည်။",
    ],
}

# Description paragraphs (one or two are picked).
PARAGRAPHS = {
    "zh-hans": [
        "课程采用理实一体化教学，学员在实训室完成{kw1}、{kw2}等任务后进行考核。",
        "资源由院校教师与企业技术骨干共同开发，配套中文、英文及湄公河国家语言版本。",
        "学习者需具备基本的安全意识，能够正确使用{kw1}相关工具和个人防护用品。",
        "内容对接{countries}的职业标准，可用于学历教育和非学历培训。",
        "依托澜湄职业教育联盟，资源在澜湄工坊的真实岗位中使用和完善，服务“中文+职业技能”人才培养。",
        "考核包括实操考核和理论笔试，重点评价{kw2}的规范操作。",
    ],
    "en": [
        "Theory and practice are taught together: learners complete tasks such as {kw1} and {kw2} in the training workshop before they are assessed.",
        "College teachers and company technicians wrote this resource together; it comes with Chinese, English and Mekong-language versions.",
        "Learners need basic safety awareness and must use the tools and protective equipment of {kw1} correctly.",
        "The content is aligned with occupational standards in {countries} and serves both diploma programmes and short training.",
        "Through the Lancang-Mekong Vocational Education Alliance it is used and improved in real jobs at the Lancang-Mekong Workshops, training 'Chinese + vocational skills' talent.",
        "Assessment combines a practical test and a written exam, focusing on correct practice in {kw2}.",
    ],
    "th": [
        "ผู้เรียนฝึกปฏิบัติ{kw1}และ{kw2}ในโรงฝึกงานก่อนการประเมินผล",
        "ครูวิทยาลัยและช่างเทคนิคจากสถานประกอบการร่วมกันพัฒนาทรัพยากรนี้ พร้อมฉบับภาษาจีน อังกฤษ และภาษาในลุ่มน้ำโขง",
        "เนื้อหาสอดคล้องกับมาตรฐานอาชีพของ{countries} ใช้ได้ทั้งการศึกษาในระบบและการฝึกอบรมระยะสั้น",
    ],
    "vi": [
        "Học viên thực hành {kw1} và {kw2} tại xưởng thực hành trước khi được đánh giá.",
        "Giáo viên nhà trường và kỹ thuật viên doanh nghiệp cùng biên soạn tài nguyên này, có bản tiếng Trung, tiếng Anh và các ngôn ngữ Mê Kông.",
        "Nội dung phù hợp với tiêu chuẩn nghề của {countries}, dùng cho cả đào tạo chính quy và đào tạo ngắn hạn.",
    ],
    "lo": [
        "ນັກຮຽນຝຶກປະຕິບັດ{kw1} ແລະ {kw2} ຢູ່ໂຮງຝຶກງານກ່ອນການປະເມີນຜົນ.",
        "ຄູວິທະຍາໄລ ແລະ ຊ່າງເຕັກນິກຈາກວິສາຫະກິດຮ່ວມກັນພັດທະນາຊັບພະຍາກອນນີ້ ພ້ອມສະບັບພາສາຈີນ, ອັງກິດ ແລະ ພາສາລາວ.",
        "ເນື້ອໃນສອດຄ່ອງກັບມາດຕະຖານວິຊາຊີບຂອງ{countries} ນຳໃຊ້ໄດ້ທັງການສຶກສາໃນລະບົບ ແລະ ການຝຶກອົບຮົມໄລຍະສັ້ນ.",
    ],
    "km": [
        "សិក្ខាកាមអនុវត្ត{kw1} និង{kw2} នៅរោងជាងមុនពេលវាយតម្លៃ។",
        "គ្រូមហាវិទ្យាល័យ និងអ្នកបច្ចេកទេសក្រុមហ៊ុនបានរៀបចំធនធាននេះរួមគ្នា មានជាភាសាចិន អង់គ្លេស និងខ្មែរ។",
        "ខ្លឹមសារស្របតាមស្តង់ដារវិជ្ជាជីវៈរបស់{countries} អាចប្រើសម្រាប់ការអប់រំផ្លូវការ និងវគ្គបណ្តុះបណ្តាលខ្លី។",
    ],
    "my": [
        "သင်ယူသူများသည် အကဲဖြတ်ခြင်းမပြုမီ အလုပ်ရုံတွင် {kw1} နှင့် {kw2} ကို လက်တွေ့လေ့ကျင့်ကြသည်။",
        "ကောလိပ်ဆရာများနှင့် ကုမ္ပဏီနည်းပညာရှင်များ ပူးပေါင်းပြုစုထားပြီး တရုတ်၊ အင်္ဂလိပ်နှင့် မြန်မာဘာသာဖြင့် ရရှိနိုင်သည်။",
        "အကြောင်းအရာသည် {countries} ၏ အသက်မွေးဝမ်းကျောင်းစံနှုန်းများနှင့် ကိုက်ညီသည်။",
    ],
}

HEADINGS = {
    "zh-hans": "简介", "en": "About", "th": "ภาพรวม", "vi": "Tổng quan",
    "lo": "ພາບລວມ", "km": "ទិដ្ឋភាពទូទៅ", "my": "ခြုံငုံသုံးသပ်ချက်",
}

# Course modules and standard units (zh-hans and en; other languages keep the English).
MODULES = {
    "zh-hans": ["{topic}安全规范", "{topic}基本操作", "{kw1}实训", "{kw2}实务", "{topic}故障诊断与排除", "{topic}综合项目"],
    "en": ["Safety in {topic}", "Basic {topic} operations", "{Kw1} practice", "Working with {kw2}", "Troubleshooting in {topic}", "{Topic}: capstone project"],
}
OUTCOMES = {
    "zh-hans": ["理解{module}的基本原理和安全规范", "能够在真实岗位上完成{module}任务"],
    "en": ["Explain the principles and safe practice of {module}", "Complete {module} tasks in a real workplace"],
}
CRITERIA = {
    "zh-hans": ["按照安全操作规程完成{module}作业", "正确记录并报告{module}结果"],
    "en": ["Carries out {module} following safety procedures", "Records and reports the results of {module} correctly"],
}
ISSUING_BODIES = {
    "zh-hans": ["澜湄职业教育联盟标准委员会", "{institution}", "澜湄工坊专家委员会"],
    "en": ["Lancang-Mekong Vocational Education Alliance Standards Committee", "{institution}", "Lancang-Mekong Workshop Expert Committee"],
}
AWARDING = {"zh-hans": "{institution}（澜湄工坊）", "en": "{institution} (Lancang-Mekong Workshop)"}
ASSESSMENT = {
    "zh-hans": [
        "实操考核（60%）与理论笔试（40%），覆盖标准的全部能力单元；考评员由院校和企业共同派出。",
        "理论笔试与现场实操相结合，考核{kw1}和{kw2}的规范操作。",
    ],
    "en": [
        "Practical test (60%) and written exam (40%) covering every competency unit of the standard; assessors come from both the college and industry.",
        "A written exam and an on-site practical test of {kw1} and {kw2}.",
    ],
}
LIBRARY_TITLES = {
    "zh-hans": "澜湄共享资源库", "en": "Lancang-Mekong shared resources",
    "th": "ทรัพยากรร่วมล้านช้าง-แม่โขง", "vi": "Tài nguyên dùng chung Lan Thương - Mê Kông",
    "lo": "ຊັບພະຍາກອນຮ່ວມລ້ານຊ້າງ-ແມ່ຂອງ", "km": "ធនធានរួមឡានឆាង-មេគង្គ",
    "my": "လန်ချန်း-မဲခေါင် မျှဝေအရင်းအမြစ်များ",
}

GENERIC_TAGS = ["safety", "practical-training", "teacher-training", "bilingual", "lancang-mekong-workshop", "chinese-for-work"]

# Member institutions added for the benchmark, with a name in every language and the sectors
# they publish in most. (slug, kind, country, sectors, names)
INSTITUTIONS = [
    ("dali-vtc", "college", "CN", ["tourism-hospitality", "agriculture", "e-commerce"], {
        "zh-hans": "大理职业技术学院", "en": "Dali Vocational and Technical College",
        "th": "วิทยาลัยอาชีวศึกษาต้าหลี่", "vi": "Trường Cao đẳng Nghề Đại Lý",
        "lo": "ວິທະຍາໄລວິຊາຊີບຕ້າຫຼີ້", "km": "មហាវិទ្យាល័យវិជ្ជាជីវៈតាលី",
        "my": "တာလီ အသက်မွေးဝမ်းကျောင်း ကောလိပ်"}),
    ("xishuangbanna-vtc", "college", "CN", ["agriculture", "tourism-hospitality", "chinese-for-work"], {
        "zh-hans": "西双版纳职业技术学院", "en": "Xishuangbanna Vocational and Technical College",
        "th": "วิทยาลัยอาชีวศึกษาสิบสองปันนา", "vi": "Trường Cao đẳng Nghề Tây Song Bản Nạp",
        "lo": "ວິທະຍາໄລວິຊາຊີບສິບສອງພັນນາ", "km": "មហាវិទ្យាល័យវិជ្ជាជីវៈស៊ីសួងបាណា",
        "my": "စစ်ဆောင်ပန္နား အသက်မွေးဝမ်းကျောင်း ကောလိပ်"}),
    ("luang-prabang-tc", "college", "LA", ["tourism-hospitality", "electrical", "chinese-for-work"], {
        "zh-hans": "琅勃拉邦技术学院", "en": "Luang Prabang Technical College",
        "th": "วิทยาลัยเทคนิคหลวงพระบาง", "vi": "Trường Cao đẳng Kỹ thuật Luang Prabang",
        "lo": "ວິທະຍາໄລເຕັກນິກຫຼວງພະບາງ", "km": "មហាវិទ្យាល័យបច្ចេកទេសហ្លួងប្រាបាង",
        "my": "လွမ်ပရာဘန် နည်းပညာကောလိပ်"}),
    ("savannakhet-tvc", "college", "LA", ["rail-transit", "logistics", "welding"], {
        "zh-hans": "沙湾拿吉职业技术学院", "en": "Savannakhet Technical and Vocational College",
        "th": "วิทยาลัยเทคนิคและอาชีวศึกษาสะหวันนะเขต", "vi": "Trường Cao đẳng Kỹ thuật và Dạy nghề Savannakhet",
        "lo": "ວິທະຍາໄລເຕັກນິກ ແລະ ວິຊາຊີບສະຫວັນນະເຂດ", "km": "មហាវិទ្យាល័យបច្ចេកទេស និងវិជ្ជាជីវៈសាវ៉ាន់ណាខេត",
        "my": "ဆာဗန်နခက် နည်းပညာနှင့် အသက်မွေးဝမ်းကျောင်း ကောလိပ်"}),
    ("udon-thani-tc", "college", "TH", ["new-energy-vehicles", "mechatronics", "electrical"], {
        "zh-hans": "乌隆他尼技术学院", "en": "Udon Thani Technical College",
        "th": "วิทยาลัยเทคนิคอุดรธานี", "vi": "Trường Cao đẳng Kỹ thuật Udon Thani",
        "lo": "ວິທະຍາໄລເຕັກນິກອຸດອນທານີ", "km": "មហាវិទ្យាល័យបច្ចេកទេសឧដុងថានី",
        "my": "ဥဒုန်ဓာနီ နည်းပညာကောလိပ်"}),
    ("nong-khai-logistics", "company", "TH", ["logistics", "e-commerce"], {
        "zh-hans": "廊开边境物流有限公司", "en": "Nong Khai Border Logistics Co., Ltd.",
        "th": "บริษัท หนองคายโลจิสติกส์ชายแดน จำกัด", "vi": "Công ty TNHH Logistics Biên giới Nong Khai",
        "lo": "ບໍລິສັດ ໂລຈິສຕິກຊາຍແດນໜອງຄາຍ ຈຳກັດ", "km": "ក្រុមហ៊ុន ភស្តុភារកម្មព្រំដែនណងខាយ",
        "my": "နောင်ခိုင် နယ်စပ်ထောက်ပံ့ပို့ဆောင်ရေး ကုမ္ပဏီလီမိတက်"}),
    ("siem-reap-hospitality", "college", "KH", ["tourism-hospitality", "chinese-for-work"], {
        "zh-hans": "暹粒酒店管理学院", "en": "Siem Reap Hospitality Institute",
        "th": "สถาบันการโรงแรมเสียมราฐ", "vi": "Học viện Khách sạn Siem Reap",
        "lo": "ສະຖາບັນການໂຮງແຮມເສຍມຣາບ", "km": "វិទ្យាស្ថានបដិសណ្ឋារកិច្ចសៀមរាប",
        "my": "ဆီအမ်ရိပ် ဟိုတယ်လုပ်ငန်း သင်တန်းကျောင်း"}),
    ("battambang-ptc", "organisation", "KH", ["agriculture", "electrical", "digital-it"], {
        "zh-hans": "马德望省培训中心", "en": "Battambang Provincial Training Centre",
        "th": "ศูนย์ฝึกอบรมจังหวัดพระตะบอง", "vi": "Trung tâm Đào tạo tỉnh Battambang",
        "lo": "ສູນຝຶກອົບຮົມແຂວງບັດດຳບອງ", "km": "មជ្ឈមណ្ឌលបណ្តុះបណ្តាលខេត្តបាត់ដំបង",
        "my": "ဘတ်တမ်ဘန် ပြည်နယ် လေ့ကျင့်ရေးစင်တာ"}),
    ("hai-phong-vc", "college", "VN", ["logistics", "welding", "mechatronics"], {
        "zh-hans": "海防职业学院", "en": "Hai Phong Vocational College",
        "th": "วิทยาลัยอาชีวศึกษาไฮฟอง", "vi": "Trường Cao đẳng Nghề Hải Phòng",
        "lo": "ວິທະຍາໄລວິຊາຊີບໄຮ້ຟອງ", "km": "មហាវិទ្យាល័យវិជ្ជាជីវៈហៃផុង",
        "my": "ဟိုင်ဖောင် အသက်မွေးဝမ်းကျောင်း ကောလိပ်"}),
    ("ha-giang-agri", "college", "VN", ["agriculture", "tourism-hospitality"], {
        "zh-hans": "河江农林学院", "en": "Ha Giang Agriculture and Forestry College",
        "th": "วิทยาลัยเกษตรและป่าไม้ห่าซาง", "vi": "Trường Cao đẳng Nông Lâm Hà Giang",
        "lo": "ວິທະຍາໄລກະສິກຳ ແລະ ປ່າໄມ້ຮ່າຢາງ", "km": "មហាវិទ្យាល័យកសិកម្ម និងព្រៃឈើហាយ៉ាង",
        "my": "ဟာဂျန်း စိုက်ပျိုးရေးနှင့် သစ်တော ကောလိပ်"}),
    ("yangon-itc", "organisation", "MM", ["mechatronics", "welding", "electrical"], {
        "zh-hans": "仰光工业培训中心", "en": "Yangon Industrial Training Centre",
        "th": "ศูนย์ฝึกอบรมอุตสาหกรรมย่างกุ้ง", "vi": "Trung tâm Đào tạo Công nghiệp Yangon",
        "lo": "ສູນຝຶກອົບຮົມອຸດສາຫະກຳຢ່າງກຸ້ງ", "km": "មជ្ឈមណ្ឌលបណ្តុះបណ្តាលឧស្សាហកម្មយ៉ាំងហ្គោន",
        "my": "ရန်ကုန် စက်မှုလေ့ကျင့်ရေးစင်တာ"}),
    ("muse-trade-school", "college", "MM", ["e-commerce", "logistics", "chinese-for-work"], {
        "zh-hans": "木姐边贸职业学校", "en": "Muse Border Trade Vocational School",
        "th": "โรงเรียนอาชีวะการค้าชายแดนมูเซ", "vi": "Trường Dạy nghề Thương mại Biên giới Muse",
        "lo": "ໂຮງຮຽນວິຊາຊີບການຄ້າຊາຍແດນມູເຊ", "km": "សាលាវិជ្ជាជីវៈពាណិជ្ជកម្មព្រំដែនមូសេ",
        "my": "မူဆယ် နယ်စပ်ကုန်သွယ်ရေး အသက်မွေးဝမ်းကျောင်း"}),
]

# Inside the materials' files: words a teaching material's pages use and its catalogue entry
# does not (a teacher looking for "the textbook with the torque wrench exercise"), so that
# some searches can only be answered by the text of files. None of these occurs in the words
# above. The sentences of a file page mix them with the sector's keywords and topic.
FILE_TERMS = {
    "zh-hans": ["扭力扳手", "接线图", "点检表", "派工单", "公差带", "校准记录", "爆炸视图", "流程框图", "维护日志", "隐患台账"],
    "en": ["torque wrench", "wiring diagram", "inspection checklist", "job card", "tolerance band", "calibration record", "exploded view", "flowchart", "maintenance log", "hazard register"],
    "th": ["ประแจทอร์ก", "แผนผังการเดินสาย", "ใบตรวจเช็ก", "ใบสั่งงาน", "ค่าพิกัดความเผื่อ", "บันทึกการสอบเทียบ", "ภาพแยกชิ้นส่วน", "สมุดประจำเครื่อง"],
    "vi": ["cờ lê lực", "sơ đồ đấu dây", "bảng kiểm", "lệnh sản xuất", "dung sai", "thước cặp", "hình tách rời", "nhật ký máy"],
    "lo": ["ກະແຈວັດແຮງບິດ", "ແຜນວາດສາຍໄຟ", "ໃບກວດກາ", "ໃບສັ່ງວຽກ", "ຄ່າຄາດເຄື່ອນ", "ບັນທຶກການປັບທຽບ"],
    "km": ["ម៉ាឡេតវាស់កម្លាំងរមួល", "ដ្យាក្រាមខ្សែភ្លើង", "បញ្ជីត្រួតពិនិត្យ", "បណ្ណបញ្ជាការងារ", "កំណត់ត្រាក្រិតតាមខ្នាត", "ភាពលម្អៀងអនុញ្ញាត"],
    "my": ["တော့ခ်ဂွ", "ဝါယာကြိုးဆက်သွယ်ပုံ", "စစ်ဆေးရေးစာရင်း", "အလုပ်အမိန့်စာ", "ခွင့်ပြုအလွဲအချော်", "ချိန်ညှိမှတ်တမ်း"],
}
# Placeholders: {term} {term2} (FILE_TERMS), {n} {fig} (numbers), {kw1} {kw2} {topic}.
FILE_SENTENCES = {
    "zh-hans": [
        "步骤{n}：开始{kw1}作业前，先核对{term}。",
        "图{fig}所示为典型{topic}岗位中用于{kw2}的{term}。",
        "每次读数都要记入{term}，下班前由实训教师在{term2}上签字。",
        "练习{n}：利用{term}，说明{kw1}对{kw2}的影响。",
        "{topic}中的常见错误：跳过{term}，或在没有{term2}的情况下进行{kw1}。",
        "表{fig}列出了{kw2}所需的{term}数值。",
    ],
    "en": [
        "Step {n}: check the {term} before you start on {kw1}.",
        "Figure {fig} shows the {term} used for {kw2} in a typical {topic} job.",
        "Record every reading in the {term}; the trainer signs the {term2} at the end of the shift.",
        "Exercise {n}. Using the {term}, explain how {kw1} affects {kw2}.",
        "Common mistakes in {topic}: skipping the {term}, and working on {kw1} without the {term2}.",
        "Table {fig} lists the values of the {term} for {kw2}.",
    ],
    "th": [
        "ขั้นตอนที่ {n}: ตรวจสอบ{term}ก่อนเริ่มงาน{kw1}",
        "รูปที่ {fig} แสดง{term}ที่ใช้สำหรับ{kw2}ในงาน{topic}",
        "บันทึกค่าที่วัดได้ทุกครั้งลงใน{term} และให้ครูฝึกลงนามใน{term2}",
        "แบบฝึกหัดที่ {n}: ใช้{term}อธิบายผลของ{kw1}ต่อ{kw2}",
    ],
    "vi": [
        "Bước {n}: kiểm tra {term} trước khi bắt đầu {kw1}.",
        "Hình {fig} minh họa {term} dùng cho {kw2} trong công việc {topic}.",
        "Ghi mọi số đo vào {term}; giáo viên ký vào {term2} cuối ca.",
        "Bài tập {n}: dùng {term} để giải thích ảnh hưởng của {kw1} đến {kw2}.",
    ],
    "lo": [
        "ຂັ້ນຕອນທີ {n}: ກວດກາ{term} ກ່ອນເລີ່ມ{kw1}.",
        "ຮູບທີ {fig} ສະແດງ{term} ທີ່ໃຊ້ສຳລັບ{kw2} ໃນວຽກ{topic}.",
        "ບັນທຶກທຸກຄ່າທີ່ວັດໄດ້ລົງໃນ{term} ແລະ ໃຫ້ຄູຝຶກເຊັນໃນ{term2}.",
        "ບົດຝຶກຫັດທີ {n}: ໃຊ້{term} ອະທິບາຍຜົນຂອງ{kw1} ຕໍ່{kw2}.",
    ],
    "km": [
        "ជំហានទី {n}៖ ពិនិត្យ{term} មុនចាប់ផ្តើម{kw1}។",
        "រូបភាពទី {fig} បង្ហាញ{term} ដែលប្រើសម្រាប់{kw2} ក្នុងការងារ{topic}។",
        "កត់ត្រាតម្លៃវាស់ទាំងអស់ក្នុង{term} ហើយគ្រូបង្វឹកចុះហត្ថលេខាលើ{term2}។",
        "លំហាត់ទី {n}៖ ប្រើ{term} ដើម្បីពន្យល់ឥទ្ធិពលនៃ{kw1} លើ{kw2}។",
    ],
    "my": [
        "အဆင့် {n}: {kw1} မစတင်မီ {term} ကို စစ်ဆေးပါ။",
        "ပုံ {fig} တွင် {topic} လုပ်ငန်း၌ {kw2} အတွက် အသုံးပြုသော {term} ကို ပြသထားသည်။",
        "တိုင်းတာချက်အားလုံးကို {term} တွင် မှတ်တမ်းတင်ပြီး နည်းပြဆရာက {term2} တွင် လက်မှတ်ထိုးသည်။",
        "လေ့ကျင့်ခန်း {n}: {term} ကို အသုံးပြု၍ {kw1} သည် {kw2} အပေါ် မည်သို့ သက်ရောက်သည်ကို ရှင်းပြပါ။",
    ],
}
# fmt: on
