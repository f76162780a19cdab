"""Word lists for the sample workbook: one Ningbo LED-lighting exporter and the buyers who write to it.

Pure data, kept apart from the generator so a salesperson reading it can judge whether the demo looks like
their own inbox. Countries carry the contract's default region names so quotes can be priced without the
engine's country map. Company stems may be written "Display|slug" when the display name is not Latin script.
"""

from __future__ import annotations

COMPANY = {
    "name": "Ningbo Lumax Lighting Technology Co., Ltd.",
    "name_zh": "宁波卢马克斯照明科技有限公司",
    "founded": "2009",
    "total_assets": "RMB 86 million",
    "annual_sales": "USD 23.5 million (export 92%)",
    "awards": "ISO 9001:2015; BSCI audited; Zhejiang High-Tech Enterprise; Ningbo Top 50 Exporter",
    "contact": "Jason Chen 陈杰 (Export Sales Manager)",
    "phone": "+86 574 8765 2301",
    "fax": "+86 574 8765 2309",
    "email": "sales@lumaxlighting.com",
    "website": "www.lumaxlighting.com",
    "address": "No. 88 Jinhai Road, Yinzhou Industrial Park, Ningbo, Zhejiang 315100, China",
}
BANK = {
    "beneficiary": "Ningbo Lumax Lighting Technology Co., Ltd.",
    "bank": "Bank of China, Ningbo Yinzhou Sub-branch",
    "account": "3581 5820 0000 1234 (USD)",
    "swift": "BKCHCNBJ92A",
    "address": "No. 139 Yaohang Street, Ningbo, Zhejiang, China",
}

# (name used as Owner/By, email, monthly target USD)
TEAM = (
    ("Lily 张莉", "lily@lumaxlighting.com", 80000),
    ("Kevin 王凯", "kevin@lumaxlighting.com", 65000),
    ("Amy 李静", "amy@lumaxlighting.com", 55000),
    ("Tony 刘洋", "tony@lumaxlighting.com", 45000),
)

COUNTRY_OVERRIDES = {"Turkey": "Middle East"}

# (show, city, country, first day as days after today, days, booth, products shown); blank country = buyers
# from everywhere come (the Canton Fair).
TRADE_SHOWS = (
    ("Light + Building Frankfurt", "Frankfurt", "Germany", 40, 6, "Hall 10.3 B41", "LX-60, LX-35, LX-50"),
    ("Middle East Energy", "Dubai", "UAE", 75, 3, "S1.E12", "LX-50, LX-20, LX-30"),
    ("Canton Fair (Phase 1)", "Guangzhou", "", 120, 5, "11.2 F05", ""),
)

# Product families: model prefix (model = prefix + wattage, 7 characters), name, specification, unit, MOQ,
# price = base + per_watt * W, certifications, technical parameters, wattages (the first `demo` of them are in
# the demo catalog), flags.
FAMILIES = (
    dict(prefix="LX-10", name="LED Bulb A60 E27", spec="A60, E27/B22, PC housing, {w}W", unit="pcs",
         moq=3000, base=0.38, per_w=0.035, certs="CE, RoHS, ERP", watts=(9, 12, 7, 5, 15, 18, 20), demo=2,
         params="220-240V AC 50/60Hz; 100 lm/W; Ra>80; PF>0.5; 2700/4000/6500K; 15,000 h", hot=True),
    dict(prefix="LX-11", name="LED Filament Bulb ST64", spec="ST64, E27, amber glass, {w}W", unit="pcs",
         moq=2000, base=0.9, per_w=0.08, certs="CE, RoHS, ERP", watts=(4, 6, 8, 2), demo=1,
         params="220-240V AC; 2200K; dimmable option; Ra>80; 15,000 h"),
    dict(prefix="LX-20", name="LED T8 Tube", spec="T8 glass/aluminium, G13, {w}W", unit="pcs",
         moq=1000, base=0.9, per_w=0.07, certs="CE, RoHS, TUV", watts=(18, 9, 24, 36), demo=2,
         params="85-265V AC; 110 lm/W; single/double end feed; 30,000 h", hot=True),
    dict(prefix="LX-30", name="LED Downlight", spec="Recessed, cut-out 95-200 mm, {w}W", unit="pcs",
         moq=1000, base=1.1, per_w=0.09, certs="CE, RoHS, SAA", watts=(12, 7, 18, 24), demo=1,
         params="220-240V AC; UGR<19; Ra>80; IP44; 25,000 h"),
    dict(prefix="LX-35", name="LED Track Light", spec="COB track spot, 2/3/4-wire adaptor, {w}W", unit="pcs",
         moq=300, base=4.2, per_w=0.12, certs="CE, RoHS, GS", watts=(30, 20, 40), demo=1,
         params="220-240V AC; 24°/36° beam; Ra>90; flicker free; 30,000 h", new=True),
    dict(prefix="LX-4", name="LED Strip 2835", spec="12V DC, 5 m/roll, {w} LEDs/m, IP20/IP65", unit="rolls",
         moq=500, base=1.6, per_w=0.02, certs="CE, RoHS, FCC", watts=(60, 120), demo=1,
         params="12V DC; 2835 SMD; 4.8-9.6 W/m; 3M tape; cuttable every 3 LEDs"),
    dict(prefix="LX-50", name="LED Tri-proof Batten", spec="IP65 linear, 600/1200/1500 mm, {w}W", unit="pcs",
         moq=300, base=2.5, per_w=0.1, certs="CE, RoHS, ETL", watts=(36, 18, 54), demo=1,
         params="100-277V AC; 120 lm/W; IP65; IK08; linkable; 50,000 h"),
    dict(prefix="LX-60", name="LED Panel Light 600x600", spec="595x595 mm back-lit, {w}W", unit="pcs",
         moq=200, base=6.2, per_w=0.06, certs="CE, RoHS, SAA, ETL", watts=(40, 36, 48, 60), demo=2,
         params="100-277V AC; 110 lm/W; UGR<19; 0-10V dimming option; 50,000 h", hot=True),
    dict(prefix="LX-7", name="LED UFO High Bay", spec="UFO high bay, 90°/120° beam, {w}W", unit="pcs",
         moq=50, base=10.0, per_w=0.09, certs="CE, RoHS, UL, DLC", watts=(150, 100, 200, 240), demo=2,
         params="100-277V AC; 150 lm/W; IP65; Meanwell driver; 5-year warranty"),
    dict(prefix="LX-8", name="LED Floodlight", spec="Die-cast aluminium floodlight, {w}W", unit="pcs",
         moq=100, base=3.0, per_w=0.09, certs="CE, RoHS, GS, SAA", watts=(100, 150, 200, 300, 50), demo=2,
         params="220-240V AC; 120 lm/W; IP66; SMD 2835; 3-year warranty", hot=True),
    dict(prefix="LX-9", name="LED Street Light", spec="Modular street light, 60 mm pole fit, {w}W", unit="pcs",
         moq=50, base=12.0, per_w=0.12, certs="CE, RoHS, CB, ENEC", watts=(100, 150, 200, 60, 240), demo=2,
         params="100-277V AC; 140 lm/W; IP66; Type II/III optics; photocell socket; 5-year warranty"),
    dict(prefix="LX-S", name="Solar Street Light All-in-One", spec="All-in-one solar, LiFePO4, {w}W", unit="sets",
         moq=20, base=28.0, per_w=0.5, certs="CE, RoHS, IP65", watts=(60, 30, 100, 150), demo=2,
         params="Mono panel; LiFePO4 12.8V; radar sensor; 3 rainy days autonomy", new=True),
    dict(prefix="LX-12", name="Rechargeable Emergency Bulb", spec="E27, built-in battery 3 h, {w}W", unit="pcs",
         moq=2000, base=0.95, per_w=0.06, certs="CE, RoHS", watts=(9, 15, 12), demo=1,
         params="85-265V AC; 18650 Li-ion; auto switch on power cut", new=True),
)
PACKING: dict[str, tuple[int, str, float, float, int]] = {
    # family prefix -> (pieces per carton, carton size, CBM per carton, gross weight per carton in kg, lead days)
    "LX-10": (100, "52 x 27 x 25 cm", 0.035, 6.5, 25), "LX-11": (100, "56 x 34 x 30 cm", 0.057, 7.8, 30),
    "LX-20": (25, "125 x 20 x 15 cm", 0.038, 8.0, 25), "LX-30": (50, "50 x 40 x 35 cm", 0.070, 9.5, 25),
    "LX-35": (20, "48 x 36 x 30 cm", 0.052, 8.8, 30), "LX-4": (50, "45 x 35 x 30 cm", 0.047, 9.0, 20),
    "LX-50": (10, "125 x 25 x 20 cm", 0.063, 11.5, 30), "LX-60": (4, "64 x 64 x 30 cm", 0.123, 14.0, 30),
    "LX-7": (4, "62 x 62 x 40 cm", 0.154, 18.5, 35), "LX-8": (6, "55 x 45 x 40 cm", 0.099, 17.0, 30),
    "LX-9": (2, "78 x 36 x 24 cm", 0.067, 13.0, 35), "LX-S": (1, "115 x 40 x 18 cm", 0.083, 16.5, 40),
    "LX-12": (100, "55 x 30 x 28 cm", 0.046, 7.2, 30),
}
"""Export packing per product family, for the proforma invoice's packing columns."""
# Shown in the demo catalog but no longer sold (the Active = No rows).
DISCONTINUED = ("LX-2009", "LX-1104")

# Per country: name as buyers and salespeople write it, default region, phone pattern, web TLD, cities,
# company stems and name patterns, contact names, weight in the inquiry mix, typical channel bias.
COUNTRIES = (
    dict(country="UAE", region="Middle East", phone="+971 4 ### ####", tld="ae", weight=8,
         cities=("Dubai", "Sharjah", "Abu Dhabi", "Ajman"),
         stems=("Al Noor", "Al Majid", "Gulf Star", "Bin Hamoodah", "Al Sahel", "Desert Light", "Emirates Power"),
         patterns=("{stem} Lighting Trading LLC", "{stem} Electrical Equipment Trading L.L.C",
                   "{stem} General Trading FZE", "{stem} Electromechanical LLC"),
         first=("Mohammed", "Ahmed", "Rashid", "Imran", "Faisal", "Sameer", "Anil"),
         last=("Al Mansoori", "Khan", "Al Hashimi", "Qureshi", "Nair", "Haddad")),
    dict(country="Saudi Arabia", region="Middle East", phone="+966 11 ### ####", tld="com.sa", weight=5,
         cities=("Riyadh", "Jeddah", "Dammam"),
         stems=("Al Rajhi", "Al Othman", "Nour Al Khaleej", "مؤسسة النور للإنارة|alnour", "Al Falak"),
         patterns=("{stem} Trading Est.", "{stem} Co. for Electrical Supplies", "{stem} Contracting Co."),
         first=("Abdullah", "Khalid", "Fahad", "Omar", "Yousef"),
         last=("Al Harbi", "Al Qahtani", "Al Ghamdi", "Al Shehri")),
    dict(country="KSA", region="Middle East", phone="+966 12 ### ####", tld="sa", weight=1,
         cities=("Jeddah",), stems=("Al Jazeera", "Red Sea"), patterns=("{stem} Electrical Est.",),
         first=("Saad", "Turki"), last=("Al Zahrani", "Al Malki")),
    dict(country="Iraq", region="Middle East", phone="+964 770 ### ####", tld="iq", weight=3,
         cities=("Baghdad", "Erbil", "Basra"), stems=("Dijla", "Al Rafidain", "Zagros", "Babylon"),
         patterns=("{stem} Company for General Trading", "{stem} Electrical Co."),
         first=("Haider", "Ali", "Karwan", "Mustafa"), last=("Al Saadi", "Hussein", "Barzani", "Jabbar")),
    dict(country="Turkey", region="Middle East", phone="+90 212 ### ## ##", tld="com.tr", weight=2,
         cities=("Istanbul", "Ankara", "Izmir"), stems=("Işık", "Aydınlatma Merkezi", "Yıldız", "Ekol"),
         patterns=("{stem} Elektrik San. ve Tic. A.Ş.", "{stem} Aydınlatma Ltd. Şti."),
         first=("Mehmet", "Emre", "Burak", "Ayşe"), last=("Yılmaz", "Demir", "Kaya", "Şahin")),
    dict(country="Vietnam", region="Southeast Asia", phone="+84 28 #### ####", tld="vn", weight=5,
         cities=("Ho Chi Minh City", "Hanoi", "Da Nang", "Hai Phong"),
         stems=("Minh Phát", "Ánh Dương", "Hưng Thịnh", "Sao Việt", "Phú Cường"),
         patterns=("Công ty TNHH Thiết bị Điện {stem}", "{stem} Lighting JSC", "Công ty CP Chiếu sáng {stem}"),
         first=("Nguyen", "Tran", "Le", "Pham", "Hoang"), last=("Van Minh", "Thi Lan", "Duc Anh", "Quoc Bao")),
    dict(country="Malaysia", region="Southeast Asia", phone="+60 3 #### ####", tld="com.my", weight=3,
         cities=("Kuala Lumpur", "Penang", "Johor Bahru"), stems=("Sinar", "Cahaya Jaya", "Wah Seng", "Tenaga"),
         patterns=("{stem} Electrical Sdn. Bhd.", "{stem} Lighting Supplies Sdn Bhd"),
         first=("Ahmad", "Wei Ming", "Siti", "Ravi"), last=("bin Ismail", "Tan", "Lim", "Subramaniam")),
    dict(country="Philippines", region="Southeast Asia", phone="+63 2 #### ####", tld="com.ph", weight=3,
         cities=("Manila", "Cebu", "Davao"), stems=("Liwanag", "Pacific Lite", "Island Electric", "Mabuhay"),
         patterns=("{stem} Trading Corp.", "{stem} Electrical Supply Inc."),
         first=("Jose", "Maria", "Mark", "Angelica"), last=("Santos", "Reyes", "Cruz", "Bautista")),
    dict(country="Indonesia", region="Southeast Asia", phone="+62 21 #### ####", tld="co.id", weight=3,
         cities=("Jakarta", "Surabaya", "Medan"), stems=("Terang", "Sumber Cahaya", "Mitra Abadi", "Nusantara"),
         patterns=("PT {stem} Elektrindo", "PT {stem} Lestari", "CV {stem}"),
         first=("Budi", "Agus", "Dewi", "Hendra"), last=("Santoso", "Wijaya", "Halim", "Gunawan")),
    dict(country="Thailand", region="Southeast Asia", phone="+66 2 ### ####", tld="co.th", weight=2,
         cities=("Bangkok", "Chiang Mai"), stems=("Siam Light", "Krungthep Electric", "Chaiyo"),
         patterns=("{stem} Co., Ltd.", "{stem} Supply Co., Ltd."),
         first=("Somchai", "Nattapong", "Kanya"), last=("Srisuk", "Chaiyaporn", "Wongsa")),
    dict(country="India", region="South Asia", phone="+91 22 #### ####", tld="in", weight=5,
         cities=("Mumbai", "Delhi", "Chennai", "Ahmedabad"), stems=("Shree Ganesh", "Jyoti", "Deepak", "Prakash"),
         patterns=("{stem} Electricals Pvt. Ltd.", "{stem} Lighting Solutions", "{stem} Enterprises"),
         first=("Rajesh", "Amit", "Suresh", "Priya", "Vikram"), last=("Sharma", "Patel", "Iyer", "Gupta", "Shah")),
    dict(country="Pakistan", region="South Asia", phone="+92 21 #### ####", tld="com.pk", weight=3,
         cities=("Karachi", "Lahore"), stems=("Al Karim", "Roshni", "Madina", "Faisal"),
         patterns=("{stem} Traders", "{stem} Electric Co. (Pvt) Ltd."),
         first=("Usman", "Bilal", "Asif"), last=("Sheikh", "Malik", "Butt")),
    dict(country="Bangladesh", region="South Asia", phone="+880 2 #### ####", tld="com.bd", weight=2,
         cities=("Dhaka", "Chittagong"), stems=("Alo", "Bengal Electric", "Surjo"),
         patterns=("{stem} Enterprise", "{stem} Ltd."), first=("Rahim", "Kamal", "Tanvir"),
         last=("Hossain", "Rahman", "Chowdhury")),
    dict(country="Nigeria", region="Africa", phone="+234 803 ### ####", tld="com.ng", weight=4,
         cities=("Lagos", "Abuja", "Kano", "Onitsha"), stems=("Chukwu", "Eko Power", "Alaba", "Royal Bright"),
         patterns=("{stem} Electrical Ventures Ltd", "{stem} Nigeria Limited", "{stem} Global Enterprises"),
         first=("Chinedu", "Emeka", "Tunde", "Ngozi", "Ibrahim"), last=("Okafor", "Adeyemi", "Eze", "Bello")),
    dict(country="Kenya", region="Africa", phone="+254 722 ### ###", tld="co.ke", weight=2,
         cities=("Nairobi", "Mombasa"), stems=("Savanna", "Mwangaza", "Kilele"),
         patterns=("{stem} Electricals Ltd", "{stem} Hardware & Lighting"),
         first=("Peter", "Grace", "Samuel"), last=("Kamau", "Otieno", "Mutua")),
    dict(country="South Africa", region="Africa", phone="+27 11 ### ####", tld="co.za", weight=2,
         cities=("Johannesburg", "Cape Town", "Durban"), stems=("Highveld", "Cape Lighting", "Ubuntu Electric"),
         patterns=("{stem} (Pty) Ltd", "{stem} Distributors CC"),
         first=("Johan", "Thabo", "Lerato"), last=("van der Merwe", "Nkosi", "Botha")),
    dict(country="Ghana", region="Africa", phone="+233 24 ### ####", tld="com.gh", weight=1,
         cities=("Accra", "Kumasi"), stems=("Adom", "Gold Coast Electric"), patterns=("{stem} Enterprise Ltd",),
         first=("Kwame", "Kofi"), last=("Mensah", "Boateng")),
    dict(country="Mexico", region="Latin America", phone="+52 55 #### ####", tld="com.mx", weight=3,
         cities=("Ciudad de México", "Guadalajara", "Monterrey"), stems=("Luz del Norte", "Ilumina", "Voltaje"),
         patterns=("Iluminación {stem} S.A. de C.V.", "{stem} Eléctrica S. de R.L. de C.V."),
         first=("José", "María", "Alejandro", "Luis"), last=("García", "Hernández", "Martínez", "López")),
    dict(country="Brazil", region="Latin America", phone="+55 11 #### ####", tld="com.br", weight=3,
         cities=("São Paulo", "Curitiba", "Recife"), stems=("Brilho", "Luminar", "Eletro Sul", "Paulista"),
         patterns=("{stem} Iluminação Ltda.", "{stem} Comércio de Materiais Elétricos Ltda."),
         first=("João", "Ana", "Rafael", "Marcelo"), last=("Silva", "Souza", "Oliveira", "Pereira")),
    dict(country="Chile", region="Latin America", phone="+56 2 #### ####", tld="cl", weight=2,
         cities=("Santiago", "Valparaíso"), stems=("Andes", "Pacífico", "Lumen Sur"),
         patterns=("Comercial {stem} SpA", "{stem} Iluminación Ltda."),
         first=("Felipe", "Camila", "Diego"), last=("Muñoz", "Rojas", "González")),
    dict(country="Colombia", region="Latin America", phone="+57 1 ### ####", tld="com.co", weight=2,
         cities=("Bogotá", "Medellín"), stems=("Claridad", "Energía Andina"), patterns=("{stem} S.A.S.",),
         first=("Andrés", "Juliana"), last=("Restrepo", "Gómez")),
    dict(country="Germany", region="Europe", phone="+49 40 #### ####", tld="de", weight=3,
         cities=("Hamburg", "Köln", "München", "Frankfurt"), stems=("Nordlicht", "Hansa", "Brandt", "Lichtwerk"),
         patterns=("{stem} Leuchten GmbH", "{stem} Licht GmbH & Co. KG", "{stem} Elektro-Großhandel GmbH"),
         first=("Thomas", "Stefan", "Julia", "Markus"), last=("Müller", "Schmidt", "Becker", "Wagner")),
    dict(country="Poland", region="Europe", phone="+48 22 ### ## ##", tld="pl", weight=2,
         cities=("Warszawa", "Kraków", "Poznań"), stems=("Świetlik", "Elektromix", "Lumena"),
         patterns=("{stem} Oświetlenie Sp. z o.o.", "{stem} S.A."),
         first=("Piotr", "Katarzyna", "Tomasz"), last=("Kowalski", "Nowak", "Wiśniewski")),
    dict(country="Italy", region="Europe", phone="+39 02 #### ####", tld="it", weight=2,
         cities=("Milano", "Napoli", "Torino"), stems=("Luce Italia", "Elettro Forniture", "Brillante"),
         patterns=("{stem} S.r.l.", "{stem} S.p.A."), first=("Marco", "Giulia", "Luca"),
         last=("Rossi", "Bianchi", "Esposito")),
    dict(country="Spain", region="Europe", phone="+34 91 ### ## ##", tld="es", weight=2,
         cities=("Madrid", "Barcelona", "Valencia"), stems=("Luminosa", "Ibérica Eléctrica"),
         patterns=("{stem} S.L.", "Distribuciones {stem} S.A."), first=("Javier", "Lucía"),
         last=("Fernández", "Sánchez")),
    dict(country="United Kingdom", region="Europe", phone="+44 20 #### ####", tld="co.uk", weight=2,
         cities=("London", "Manchester", "Birmingham"), stems=("Brightwell", "Thames Electrical", "Kingsway"),
         patterns=("{stem} Ltd", "{stem} Lighting Supplies Ltd"), first=("James", "Sarah", "David"),
         last=("Smith", "Taylor", "Evans")),
    dict(country="USA", region="North America", phone="+1 (###) ###-####", tld="com", weight=5,
         cities=("Houston", "Los Angeles", "Miami", "Chicago", "New York"),
         stems=("Lone Star", "Pacific Coast", "Evergreen", "Liberty", "Sunbelt", "Great Lakes"),
         patterns=("{stem} Lighting Inc.", "{stem} Electric Supply LLC", "{stem} Industrial Corp."),
         first=("Michael", "Jennifer", "Robert", "Carlos", "Emily"),
         last=("Johnson", "Williams", "Brown", "Rodriguez", "Miller")),
    dict(country="Canada", region="North America", phone="+1 (###) ###-####", tld="ca", weight=2,
         cities=("Toronto", "Vancouver", "Montreal"), stems=("Maple", "Northern", "Lumière du Nord"),
         patterns=("{stem} Lighting Ltd.", "{stem} Distribution Inc."), first=("Ryan", "Chloé", "Daniel"),
         last=("Tremblay", "Wilson", "Campbell")),
    dict(country="Australia", region="Oceania", phone="+61 2 #### ####", tld="com.au", weight=3,
         cities=("Sydney", "Melbourne", "Brisbane", "Perth"), stems=("Southern Cross", "Outback", "Harbour"),
         patterns=("{stem} Lighting Pty Ltd", "{stem} Electrical Wholesale Pty. Ltd."),
         first=("Jack", "Olivia", "Liam", "Matt"), last=("Jones", "Walker", "Nguyen", "Thompson")),
    dict(country="New Zealand", region="Oceania", phone="+64 9 ### ####", tld="co.nz", weight=1,
         cities=("Auckland", "Christchurch"), stems=("Kiwi", "Aotearoa Electric"), patterns=("{stem} Lighting Ltd",),
         first=("Hamish", "Aroha"), last=("Clarke", "Ngata")),
    dict(country="Japan", region="East Asia", phone="+81 3 #### ####", tld="co.jp", weight=1,
         cities=("Tokyo", "Osaka"), stems=("Hikari", "Sakura Denki"), patterns=("{stem} Co., Ltd.", "{stem} K.K."),
         first=("Kenji", "Yuki"), last=("Tanaka", "Suzuki")),
    dict(country="South Korea", region="East Asia", phone="+82 2 #### ####", tld="co.kr", weight=1,
         cities=("Seoul", "Busan"), stems=("Hanbit", "Daeyang"), patterns=("{stem} Co., Ltd.", "{stem} Corp."),
         first=("Min-jun", "Ji-woo"), last=("Kim", "Park")),
    dict(country="Russia", region="Russia & Central Asia", phone="+7 495 ### ## ##", tld="ru", weight=3,
         cities=("Москва", "Санкт-Петербург", "Новосибирск"),
         stems=("СветТорг|svettorg", "Электромир|elektromir", "Луч|luch", "Svetotekhnika", "Energomash"),
         patterns=("ООО «{stem}»", "{stem} LLC", "АО «{stem}»"),
         first=("Dmitry", "Sergey", "Elena", "Alexey", "Olga"), last=("Ivanov", "Petrova", "Smirnov", "Volkov")),
    dict(country="Kazakhstan", region="Russia & Central Asia", phone="+7 727 ### ## ##", tld="kz", weight=2,
         cities=("Almaty", "Astana"), stems=("Nur Svet", "KazElectro", "Altyn"),
         patterns=("TOO «{stem}»", "{stem} LLP"), first=("Nurlan", "Aigerim", "Daniyar"),
         last=("Abenov", "Seitkali", "Zhakupov")),
    dict(country="Uzbekistan", region="Russia & Central Asia", phone="+998 71 ### ## ##", tld="uz", weight=1,
         cities=("Tashkent",), stems=("Samarkand Light", "Navoi Elektr"), patterns=("{stem} MChJ",),
         first=("Bekzod", "Dilshod"), last=("Karimov", "Rakhimov")),
)

FREE_MAIL = ("gmail.com", "gmail.com", "gmail.com", "hotmail.com", "yahoo.com", "outlook.com", "mail.ru",
             "yahoo.co.in", "icloud.com")
ROLE_MAILBOXES = ("info", "sales", "purchase", "import", "procurement")
CUSTOMER_NOTES = (
    "Prefers WhatsApp; decision maker is the owner's son.", "Buys before Ramadan every year.",
    "Strict on CE/RoHS test reports; asks for factory audit.", "Price-driven; compares with 3 Ningbo suppliers.",
    "Own brand, needs color box design.", "Met at Canton Fair, booth 11.2 C25.",
    "Pays by L/C only.", "Slow payer – ask full deposit.", "Wants exclusive distribution for their country.",
    "Project buyer (government tenders).", "", "", "", "",
)

# Inquiry messages by intent; the intent decides the grading signals a message carries.
MESSAGES = {
    "order": (
        "Dear {contact_to}, we need {qty} pcs of {model} at USD {price}/pc FOB. Please send PI today, "
        "we will arrange the deposit this week.",
        "Hi, confirm order for {model}, quantity {qty}, target price {price} USD. Kindly send proforma invoice "
        "and bank details.",
        "Urgent order: {qty} pcs {model} with our logo, need shipment within 30 days. Our price is USD {price}. "
        "Please send PI asap.",
        "-urgent- need {qty}pcs {model} for prompt shipment, target {price}. Send PI and we open L/C.",
    ),
    "reorder": (
        "Hello {contact_to}, repeat order of {model}, {qty} pcs, same as last shipment. Please send PI.",
        "We want to place order again: {model} x {qty}. Same price {price} as last time? Send PI please.",
    ),
    "sample": (
        "Please send sample of {model} for testing. If quality is ok we order {qty} pcs. We pay the courier, "
        "our DHL account follows.",
        "Interested in {model}. Can you send 2 samples? Target price USD {price}, quantity {qty} per month.",
        "We are testing suppliers for {model}. Kindly send sample and quotation for {qty} pcs.",
    ),
    "price": (
        "Dear sir, please quote your best price for {model}, {qty} pcs, with {certs} certificate.",
        "Hello, what is your price and MOQ for {model}? We import about {qty} pcs per year. Delivery time?",
        "Need quotation for {model} with 3 years warranty, quantity {qty}. Which driver do you use?",
    ),
    "project": (
        "We are bidding for a government tender: lighting project, around {qty} pcs {model}. "
        "Please quote for budget, decision expected next year.",
        "Hotel project in planning stage, need budget price for {model} x {qty}. Project starts next year.",
        "Long term project for municipality, tender closes in 3 months. Please send datasheet and price for "
        "{model}, qty {qty}.",
    ),
    "vague": (
        "Send catalog and price list.",
        "Hi, pls send me your catalogue and price list of all products.",
        "I want to know your products and prices. Send catalog.",
        "@sales please send price list of LED lights.",
        "Hello dear, I am interested in your products. Kindly send catalog.",
    ),
}

FOLLOWUP_SUMMARIES = {
    "Email": ("Sent updated price list for {name}; buyer comparing with other Ningbo suppliers.",
              "Emailed new catalog and company introduction.", "Sent holiday greeting and new product launch.",
              "Sent IES files and test reports for {model}.", "Reminded about quotation {model}, valid this month."),
    "Phone": ("Called {contact}: confirmed {model}, waiting for deposit.",
              "Called {contact}; buyer says price of {model} 5% too high.",
              "Phone call: discussed packing and logo for {model}.", "Called, no answer; left message."),
    "Fax": ("Faxed quotation for {model} as requested.", "Faxed PI and bank details."),
    "Visit": ("Visited {contact} in {city}; saw their showroom, interested in {name}.",
              "Customer visited our factory; checked production line of {model}."),
    "Trade show": ("Met at Canton Fair booth 11.2 C25; interested in {name}.",
                   "Met at Light + Building; collected card, wants {model} samples."),
    "WhatsApp": ("WhatsApp: asked lead time for {model}; told 25-30 days after deposit.",
                 "WhatsApp: sent photos of {model} packing.", "WhatsApp voice call about new {name} prices."),
    "Sample": ("Sample {model} delivered; buyer testing for 2 weeks.", "Sample feedback: {model} brightness OK."),
    "Quote": ("Quotation for {model} sent, valid 30 days.", "Revised quotation for {model} with 3% discount."),
}
NEXT_STEPS = (
    "Call back next week", "Send PI after logo artwork confirmed", "Follow up sample feedback",
    "Invite to Canton Fair (booth 11.2 C25)", "Send new catalog when {next_year} models are ready",
    "Ask for deposit", "Check if quotation accepted", "Send shipment photos", "", "",
)
COURIERS = ("DHL", "DHL", "FedEx", "UPS", "SF Express", "TNT")
