# ruff: noqa: E501 - one country per line reads better than wrapped aliases
"""Every ISO 3166-1 country with its codes, common spellings and Chinese names, grouped by sales region.

Data, not code: one block per region (the region names of `settings.DEFAULT_REGIONS`), one line per country:
`alpha-2 alpha-3 name|alias|...`. Salespeople type countries every way imaginable ("UAE", "U.S.A.", "KSA",
"Viet Nam", "阿联酋"), so the aliases matter more than the official names. Generated once from ISO 3166-1
(with its zh_CN / zh_TW names) and hand-extended; edit freely, `regions.py` checks that no spelling is claimed
by two countries.
"""

TABLE = """
Middle East
BH BHR Bahrain|Kingdom of Bahrain|巴林
IR IRN Iran, Islamic Republic of|Iran|Islamic Republic of Iran|伊朗伊斯兰共和国|伊朗伊斯蘭共和國|伊朗
IQ IRQ Iraq|Republic of Iraq|伊拉克
IL ISR Israel|State of Israel|以色列
JO JOR Jordan|Hashemite Kingdom of Jordan|约旦|約旦
KW KWT Kuwait|State of Kuwait|科威特
LB LBN Lebanon|Lebanese Republic|黎巴嫩
OM OMN Oman|Sultanate of Oman|阿曼
PS PSE Palestine, State of|the State of Palestine|巴勒斯坦|Palestine
QA QAT Qatar|State of Qatar|卡塔尔|卡達
SA SAU Saudi Arabia|Kingdom of Saudi Arabia|沙特阿拉伯|沙烏地阿拉伯|KSA|K.S.A.|Saudi|Saudi-Arabia|沙特
SY SYR Syrian Arab Republic|Syria|阿拉伯叙利亚共和国|敘利亞阿拉伯共和國|叙利亚
TR TUR Türkiye|Republic of Türkiye|土耳其|Turkey|Turkiye|Türkei|Turquie
AE ARE United Arab Emirates|阿联酋|阿拉伯聯合大公國|UAE|U.A.E.|Emirates|Dubai|Abu Dhabi|Sharjah|阿拉伯联合酋长国|迪拜
YE YEM Yemen|Republic of Yemen|也门|葉門

Southeast Asia
BN BRN Brunei Darussalam|文莱|汶萊
KH KHM Cambodia|Kingdom of Cambodia|柬埔塞|柬埔寨
ID IDN Indonesia|Republic of Indonesia|印度尼西亚|印度尼西亞|印尼
LA LAO Lao People's Democratic Republic|Laos|老挝人民民主共和国|寮人民民主共和國|Lao PDR|老挝
MY MYS Malaysia|马来西亚|馬來西亞|马来
MM MMR Myanmar|Republic of Myanmar|缅甸|緬甸|Burma
PH PHL Philippines|Republic of the Philippines|菲律宾|菲律賓|The Philippines
SG SGP Singapore|Republic of Singapore|新加坡
TH THA Thailand|Kingdom of Thailand|泰国|泰國|Siam
TL TLS Timor-Leste|Democratic Republic of Timor-Leste|东帝汶|東帝汶|East Timor
VN VNM Viet Nam|Vietnam|Socialist Republic of Viet Nam|越南|Viet-Nam

South Asia
AF AFG Afghanistan|Islamic Republic of Afghanistan|阿富汗
BD BGD Bangladesh|People's Republic of Bangladesh|孟加拉
BT BTN Bhutan|Kingdom of Bhutan|不丹
IO IOT British Indian Ocean Territory|英属印度洋领地|英屬印度洋領地|BIOT|Chagos
IN IND India|Republic of India|印度|Bharat
MV MDV Maldives|Republic of Maldives|马尔代夫|馬爾地夫
NP NPL Nepal|Federal Democratic Republic of Nepal|尼泊尔|尼泊爾
PK PAK Pakistan|Islamic Republic of Pakistan|巴基斯坦
LK LKA Sri Lanka|Democratic Socialist Republic of Sri Lanka|斯里兰卡|斯里蘭卡

East Asia
CN CHN China|People's Republic of China|中国|中國|PRC|P.R.C.|P.R. China|Mainland China|中国大陆|中华人民共和国
HK HKG Hong Kong|Hong Kong Special Administrative Region of China|香港|Hong Kong SAR|HongKong|HK SAR|中国香港
JP JPN Japan|日本
KP PRK Korea, Democratic People's Republic of|North Korea|Democratic People's Republic of Korea|朝鲜民主主义人民共和国|朝鮮民主主義人民共和國|DPRK|Korea (North)|朝鲜|北韩
KR KOR Korea, Republic of|South Korea|大韩民国|大韓民國|Korea|Republic of Korea|Korea (South)|韩国|南韩
MO MAC Macao|Macao Special Administrative Region of China|澳门|澳門|Macau|Macao SAR|中国澳门
MN MNG Mongolia|蒙古
TW TWN Taiwan, Province of China|Taiwan|中国台湾省|中華民國|台湾|臺灣|Chinese Taipei

Russia & Central Asia
AM ARM Armenia|Republic of Armenia|亚美尼亚|亞美尼亞
AZ AZE Azerbaijan|Republic of Azerbaijan|阿塞拜疆|亞塞拜然
BY BLR Belarus|Republic of Belarus|白俄罗斯|白俄羅斯|Byelorussia
GE GEO Georgia|格鲁吉亚|喬治亞
KZ KAZ Kazakhstan|Republic of Kazakhstan|哈萨克斯坦|哈薩克|Kazakstan
KG KGZ Kyrgyzstan|Kyrgyz Republic|吉尔吉斯坦|吉爾吉斯|Kirghizia|吉尔吉斯
RU RUS Russian Federation|俄罗斯|俄羅斯聯邦|Russia|Russian|俄国|俄罗斯联邦
TJ TJK Tajikistan|Republic of Tajikistan|塔吉克斯坦|塔吉克
TM TKM Turkmenistan|土库曼斯坦|土庫曼
UZ UZB Uzbekistan|Republic of Uzbekistan|乌兹别克斯坦|烏茲別克

North America
BM BMU Bermuda|百慕大|百慕達
CA CAN Canada|加拿大
GL GRL Greenland|格陵兰|格陵蘭
PM SPM Saint Pierre and Miquelon|圣皮埃尔和密克隆|聖皮耶及密克隆群島|St Pierre and Miquelon
US USA United States|United States of America|美国|美國|USA|U.S.A.|U.S.|America|The United States|美利坚合众国
UM UMI United States Minor Outlying Islands|美国本土外小岛屿|美屬邊疆群島|US Minor Outlying Islands

Oceania
AS ASM American Samoa|美属萨摩亚|美屬薩摩亞
AQ ATA Antarctica|南极洲|南極洲
AU AUS Australia|澳大利亚|澳大利亞|Aussie|澳洲
CX CXR Christmas Island|圣诞岛|聖誕島
CC CCK Cocos (Keeling) Islands|科科斯 (基林) 群岛|科科斯 (基林) 群島
CK COK Cook Islands|库克群岛|庫克群島
FJ FJI Fiji|Republic of Fiji|斐济|斐濟
PF PYF French Polynesia|法属玻利尼西亚|法屬玻里尼西亞
TF ATF French Southern Territories|法属南半球领地|法屬南部領地
GU GUM Guam|关岛|關島
HM HMD Heard Island and McDonald Islands|赫德岛与麦克唐纳群岛|赫德島及麥當勞群島|Heard and McDonald Islands
KI KIR Kiribati|Republic of Kiribati|基里巴斯|吉里巴斯
MH MHL Marshall Islands|Republic of the Marshall Islands|马绍尔群岛|馬紹爾群島
FM FSM Micronesia, Federated States of|Federated States of Micronesia|密克罗尼西亚|密克羅尼西亞聯邦|Micronesia
NR NRU Nauru|Republic of Nauru|瑙鲁|諾魯
NC NCL New Caledonia|新喀里多尼亚|新喀里多尼亞
NZ NZL New Zealand|新西兰|紐西蘭
NU NIU Niue|纽埃|紐埃
NF NFK Norfolk Island|诺福克岛|諾福克島
MP MNP Northern Mariana Islands|Commonwealth of the Northern Mariana Islands|北马里亚纳群岛|北馬里亞納群島
PW PLW Palau|Republic of Palau|帕劳|帛琉
PG PNG Papua New Guinea|Independent State of Papua New Guinea|巴布亚新几内亚|巴布亞紐幾內亞
PN PCN Pitcairn|皮特凯恩|皮特肯島
WS WSM Samoa|Independent State of Samoa|萨摩亚|薩摩亞
SB SLB Solomon Islands|所罗门群岛|索羅門群島
TK TKL Tokelau|托克劳|托克勞
TO TON Tonga|Kingdom of Tonga|汤加|東加
TV TUV Tuvalu|图瓦卢|吐瓦魯
VU VUT Vanuatu|Republic of Vanuatu|瓦努阿图|萬那杜
WF WLF Wallis and Futuna|瓦利斯和富图纳|沃里斯及伏塔那群島

Africa
DZ DZA Algeria|People's Democratic Republic of Algeria|阿尔及利亚|阿爾及利亞
AO AGO Angola|Republic of Angola|安哥拉
BJ BEN Benin|Republic of Benin|贝宁|貝南
BW BWA Botswana|Republic of Botswana|博茨瓦纳|波札那
BV BVT Bouvet Island|布维群岛|布威島
BF BFA Burkina Faso|布基纳法索|布吉納法索
BI BDI Burundi|Republic of Burundi|布隆迪|蒲隆地
CV CPV Cabo Verde|Republic of Cabo Verde|佛得角|維德角|Cape Verde
CM CMR Cameroon|Republic of Cameroon|喀麦隆|喀麥隆
CF CAF Central African Republic|中非共和国|中非共和國
TD TCD Chad|Republic of Chad|乍得|查德
KM COM Comoros|Union of the Comoros|科摩罗|葛摩
CG COG Congo|Republic of the Congo|刚果|剛果|Congo-Brazzaville|Congo (Brazzaville)|刚果(布)|刚果布
CD COD Congo, The Democratic Republic of the|刚果民主共和国|剛果民主共和國|DRC|DR Congo|Democratic Republic of Congo|Congo-Kinshasa|Congo (Kinshasa)|刚果(金)|刚果金
CI CIV Côte d'Ivoire|Republic of Côte d'Ivoire|科特迪瓦|象牙海岸|Ivory Coast|Cote d'Ivoire
DJ DJI Djibouti|Republic of Djibouti|吉布提|吉布地
EG EGY Egypt|Arab Republic of Egypt|埃及
GQ GNQ Equatorial Guinea|Republic of Equatorial Guinea|赤道几内亚|赤道幾內亞
ER ERI Eritrea|the State of Eritrea|厄立特里亚|厄利垂亞
SZ SWZ Eswatini|Kingdom of Eswatini|斯威士兰|史瓦帝尼|Swaziland
ET ETH Ethiopia|Federal Democratic Republic of Ethiopia|埃塞俄比亚|衣索比亞
GA GAB Gabon|Gabonese Republic|加蓬|加彭
GM GMB Gambia|Republic of the Gambia|冈比亚|甘比亞|The Gambia
GH GHA Ghana|Republic of Ghana|加纳|迦納
GN GIN Guinea|Republic of Guinea|几内亚|幾內亞
GW GNB Guinea-Bissau|Republic of Guinea-Bissau|几内亚比绍|幾內亞比索
KE KEN Kenya|Republic of Kenya|肯尼亚|肯亞
LS LSO Lesotho|Kingdom of Lesotho|莱索托|賴索托
LR LBR Liberia|Republic of Liberia|利比里亚|賴比瑞亞
LY LBY Libya|利比亚|利比亞
MG MDG Madagascar|Republic of Madagascar|马达加斯加|馬達加斯加
MW MWI Malawi|Republic of Malawi|马拉维|馬拉威
ML MLI Mali|Republic of Mali|马里|馬利
MR MRT Mauritania|Islamic Republic of Mauritania|毛里塔尼亚|茅利塔尼亞
MU MUS Mauritius|Republic of Mauritius|毛里求斯|模里西斯
YT MYT Mayotte|马约特|馬約特
MA MAR Morocco|Kingdom of Morocco|摩洛哥
MZ MOZ Mozambique|Republic of Mozambique|莫桑比克|莫三比克
NA NAM Namibia|Republic of Namibia|纳米比亚|納米比亞
NE NER Niger|Republic of the Niger|尼日尔|尼日
NG NGA Nigeria|Federal Republic of Nigeria|尼日利亚|奈及利亞
RW RWA Rwanda|Rwandese Republic|卢旺达|盧安達
RE REU Réunion|留尼汪|留尼旺島|Reunion
SH SHN Saint Helena, Ascension and Tristan da Cunha|圣赫勒拿-阿森松-特里斯坦-达库尼亚|聖赫倫那島、阿森松島及崔斯坦達庫尼亞群島|St Helena|Saint Helena
ST STP Sao Tome and Principe|Democratic Republic of Sao Tome and Principe|圣多美和普林西比|聖多美及普林西比|Sao Tome
SN SEN Senegal|Republic of Senegal|塞内加尔|塞內加爾
SC SYC Seychelles|Republic of Seychelles|塞舌尔|塞席爾
SL SLE Sierra Leone|Republic of Sierra Leone|塞拉利昂|獅子山
SO SOM Somalia|Federal Republic of Somalia|索马里|索馬利亞
ZA ZAF South Africa|Republic of South Africa|南非
SS SSD South Sudan|Republic of South Sudan|南苏丹|南蘇丹
SD SDN Sudan|Republic of the Sudan|苏丹|蘇丹
TZ TZA Tanzania, United Republic of|Tanzania|United Republic of Tanzania|坦桑尼亚|坦尚尼亞聯合共和國
TG TGO Togo|Togolese Republic|多哥
TN TUN Tunisia|Republic of Tunisia|突尼斯|突尼西亞
UG UGA Uganda|Republic of Uganda|乌干达|烏干達
EH ESH Western Sahara|西撒哈拉
ZM ZMB Zambia|Republic of Zambia|赞比亚|尚比亞
ZW ZWE Zimbabwe|Republic of Zimbabwe|津巴布韦|辛巴威

Latin America
AI AIA Anguilla|安圭拉
AG ATG Antigua and Barbuda|安提瓜和巴布达|安地卡及巴布達
AR ARG Argentina|Argentine Republic|阿根廷
AW ABW Aruba|阿鲁巴|阿路巴
BS BHS Bahamas|Commonwealth of the Bahamas|巴哈马|巴哈馬|The Bahamas
BB BRB Barbados|巴巴多斯|巴貝多
BZ BLZ Belize|伯利兹|貝里斯
BO BOL Bolivia, Plurinational State of|Bolivia|Plurinational State of Bolivia|玻利维亚共和国|玻利維亞多民族國|玻利维亚
BQ BES Bonaire, Sint Eustatius and Saba|博奈尔、圣尤斯特歇斯岛和萨巴|波內赫、聖尤斯特歇斯及薩巴
BR BRA Brazil|Federative Republic of Brazil|巴西
KY CYM Cayman Islands|开曼群岛|開曼群島
CL CHL Chile|Republic of Chile|智利
CO COL Colombia|Republic of Colombia|哥伦比亚|哥倫比亞
CR CRI Costa Rica|Republic of Costa Rica|哥斯达黎加|哥斯大黎加
CU CUB Cuba|Republic of Cuba|古巴
CW CUW Curaçao|库拉索|古拉索|Curacao
DM DMA Dominica|Commonwealth of Dominica|多米尼克
DO DOM Dominican Republic|多米尼加共和国|多明尼加共和國
EC ECU Ecuador|Republic of Ecuador|厄瓜多尔|厄瓜多
SV SLV El Salvador|Republic of El Salvador|萨尔瓦多|薩爾瓦多
FK FLK Falkland Islands (Malvinas)|福克兰群岛 (马尔维纳斯)|福克蘭群島 (馬維娜斯)|Falklands|Falkland Islands|马尔维纳斯群岛
GF GUF French Guiana|法属圭亚那|法屬蓋亞那
GD GRD Grenada|格林纳达|格瑞那達
GP GLP Guadeloupe|瓜德罗普|瓜地洛普
GT GTM Guatemala|Republic of Guatemala|瓜地马拉|瓜地馬拉
GY GUY Guyana|Republic of Guyana|圭亚那|蓋亞那
HT HTI Haiti|Republic of Haiti|海地
HN HND Honduras|Republic of Honduras|洪都拉斯|宏都拉斯
JM JAM Jamaica|牙买加|牙買加
MQ MTQ Martinique|马提尼克|馬丁尼克
MX MEX Mexico|United Mexican States|墨西哥|墨西哥合众国
MS MSR Montserrat|蒙特塞拉特|蒙塞拉特島
NI NIC Nicaragua|Republic of Nicaragua|尼加拉瓜
PA PAN Panama|Republic of Panama|巴拿马|巴拿馬
PY PRY Paraguay|Republic of Paraguay|巴拉圭
PE PER Peru|Republic of Peru|秘鲁|祕魯
PR PRI Puerto Rico|波多黎各
BL BLM Saint Barthélemy|圣巴泰勒米岛|聖巴瑟米|Saint Barthelemy|St Barts
KN KNA Saint Kitts and Nevis|圣基茨和尼维斯|聖克里斯多福及尼維斯|St Kitts and Nevis|St. Kitts and Nevis|St Kitts
LC LCA Saint Lucia|圣卢西亚|聖露西亞|St Lucia|St. Lucia
MF MAF Saint Martin (French part)|法属圣马丁|聖馬丁 (法屬)|Saint Martin
VC VCT Saint Vincent and the Grenadines|圣文森特和格林纳丁斯|聖文森及格瑞納丁|St Vincent|St. Vincent and the Grenadines
SX SXM Sint Maarten (Dutch part)|荷属圣马丁|聖馬丁 (荷屬)|Sint Maarten
GS SGS South Georgia and the South Sandwich Islands|南乔治亚和南桑德韦奇群岛|南喬治亞及南三明治群島|South Georgia
SR SUR Suriname|Republic of Suriname|苏里南|蘇利南
TT TTO Trinidad and Tobago|Republic of Trinidad and Tobago|特里尼达和多巴哥|千里達及托巴哥
TC TCA Turks and Caicos Islands|特克斯和凯科斯群岛|土克凱可群島
UY URY Uruguay|Eastern Republic of Uruguay|乌拉圭|烏拉圭
VE VEN Venezuela, Bolivarian Republic of|Venezuela|Bolivarian Republic of Venezuela|委内瑞拉玻利瓦尔共和国|委內瑞拉玻利瓦爾共和國|委内瑞拉
VG VGB Virgin Islands, British|British Virgin Islands|英属维尔京群岛|英屬維京群島|BVI
VI VIR Virgin Islands, U.S.|Virgin Islands of the United States|美属维尔京群岛|美屬維京群島|USVI|US Virgin Islands|U.S. Virgin Islands

Europe
AL ALB Albania|Republic of Albania|阿尔巴尼亚|阿爾巴尼亞
AD AND Andorra|Principality of Andorra|安道尔|安道爾
AT AUT Austria|Republic of Austria|奥地利|奧地利
BE BEL Belgium|Kingdom of Belgium|比利时|比利時
BA BIH Bosnia and Herzegovina|Republic of Bosnia and Herzegovina|波斯尼亚和黑塞哥维那|波士尼亞及赫塞哥維納|Bosnia|Bosnia-Herzegovina|波黑
BG BGR Bulgaria|Republic of Bulgaria|保加利亚|保加利亞
HR HRV Croatia|Republic of Croatia|克罗地亚|克羅埃西亞
CY CYP Cyprus|Republic of Cyprus|塞浦路斯|賽普勒斯
CZ CZE Czechia|Czech Republic|捷克|Czech
DK DNK Denmark|Kingdom of Denmark|丹麦|丹麥
EE EST Estonia|Republic of Estonia|爱沙尼亚|愛沙尼亞
FO FRO Faroe Islands|法罗群岛|法羅群島
FI FIN Finland|Republic of Finland|芬兰|芬蘭
FR FRA France|French Republic|法国|法國|Frankreich
DE DEU Germany|Federal Republic of Germany|德国|德國|Deutschland|西德
GI GIB Gibraltar|直布罗陀|直布羅陀
GR GRC Greece|Hellenic Republic|希腊|希臘
GG GGY Guernsey|根西岛|根息島
VA VAT Holy See (Vatican City State)|梵蒂冈|教廷 (梵蒂岡城市國)|Vatican|Holy See
HU HUN Hungary|匈牙利
IS ISL Iceland|Republic of Iceland|冰岛|冰島
IE IRL Ireland|爱尔兰|愛爾蘭|Eire|Republic of Ireland
IM IMN Isle of Man|曼岛|曼島
IT ITA Italy|Italian Republic|意大利|義大利|Italia
JE JEY Jersey|泽西岛|澤西島
LV LVA Latvia|Republic of Latvia|拉脱维亚|拉脫維亞
LI LIE Liechtenstein|Principality of Liechtenstein|列支敦士登|列支敦斯登
LT LTU Lithuania|Republic of Lithuania|立陶宛
LU LUX Luxembourg|Grand Duchy of Luxembourg|卢森堡|盧森堡
MT MLT Malta|Republic of Malta|马尔他|馬爾他
MD MDA Moldova, Republic of|Moldova|Republic of Moldova|摩尔多瓦共和国|摩爾多瓦共和國|摩尔多瓦
MC MCO Monaco|Principality of Monaco|摩纳哥|摩納哥
ME MNE Montenegro|黑山|蒙特內哥羅
NL NLD Netherlands|Kingdom of the Netherlands|荷兰|荷蘭|Holland|The Netherlands
MK MKD North Macedonia|Republic of North Macedonia|北马其顿|北馬其頓|Macedonia|FYROM
NO NOR Norway|Kingdom of Norway|挪威
PL POL Poland|Republic of Poland|波兰|波蘭
PT PRT Portugal|Portuguese Republic|葡萄牙
RO ROU Romania|罗马尼亚|羅馬尼亞
SM SMR San Marino|Republic of San Marino|圣马力诺|聖馬利諾
RS SRB Serbia|Republic of Serbia|塞尔维亚|塞爾維亞
SK SVK Slovakia|Slovak Republic|斯洛伐克
SI SVN Slovenia|Republic of Slovenia|斯洛文尼亚|斯洛維尼亞
ES ESP Spain|Kingdom of Spain|西班牙|España|Espana
SJ SJM Svalbard and Jan Mayen|斯瓦尔巴和扬马延|冷岸群島及央棉
SE SWE Sweden|Kingdom of Sweden|瑞典
CH CHE Switzerland|Swiss Confederation|瑞士|Schweiz|Suisse
UA UKR Ukraine|乌克兰|烏克蘭
GB GBR United Kingdom|United Kingdom of Great Britain and Northern Ireland|英国|英國|UK|U.K.|Great Britain|Britain|England|Scotland|Wales|Northern Ireland|英格兰
AX ALA Åland Islands|奥兰群岛|奧蘭群島|Aland|Aland Islands
"""
