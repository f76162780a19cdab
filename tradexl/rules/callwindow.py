"""The Customers `Call Window`: the buyer's office hours (09:00–18:00 local, on a weekday) in the team's time zone.

A salesperson in Ningbo calls Dubai at "13:00–22:00" and Houston at "23:00–08:00" (WORKBOOK.md). The buyer's zone
comes from two data tables: the zone of each country's capital (`CAPITAL_ZONES`, ISO alpha-2 -> IANA zone, from
the tz database's zone.tab), and, for countries that span several zones, the zone of the customer's `City` when it
is a city those tables know (`CITY_ZONES`). Daylight saving is the zone's own on the weekday the window is for
(`zoneinfo`), so Germany is "16:00–01:00" from Shanghai in winter and "15:00–00:00" in summer.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import pandas as pd

from tradexl.rules.clean import text_cells
from tradexl.rules.regions import country_key, find_country

OFFICE_HOURS = (time(9), time(18))



def _pairs(text: str) -> dict[str, str]:
    words = text.split()
    return dict(zip(words[::2], words[1::2], strict=True))


CAPITAL_ZONES = _pairs("""
AD Europe/Andorra  AE Asia/Dubai  AF Asia/Kabul  AG America/Antigua  AI America/Anguilla  AL Europe/Tirane
AM Asia/Yerevan  AO Africa/Luanda  AQ Antarctica/McMurdo  AR America/Argentina/Buenos_Aires
AS Pacific/Pago_Pago  AT Europe/Vienna  AU Australia/Sydney  AW America/Aruba  AX Europe/Mariehamn
AZ Asia/Baku  BA Europe/Sarajevo  BB America/Barbados  BD Asia/Dhaka  BE Europe/Brussels
BF Africa/Ouagadougou  BG Europe/Sofia  BH Asia/Bahrain  BI Africa/Bujumbura  BJ Africa/Porto-Novo
BL America/St_Barthelemy  BM Atlantic/Bermuda  BN Asia/Brunei  BO America/La_Paz  BQ America/Kralendijk
BR America/Sao_Paulo  BS America/Nassau  BT Asia/Thimphu  BW Africa/Gaborone  BY Europe/Minsk
BZ America/Belize  CA America/Toronto  CC Indian/Cocos  CD Africa/Kinshasa  CF Africa/Bangui
CG Africa/Brazzaville  CH Europe/Zurich  CI Africa/Abidjan  CK Pacific/Rarotonga  CL America/Santiago
CM Africa/Douala  CN Asia/Shanghai  CO America/Bogota  CR America/Costa_Rica  CU America/Havana
CV Atlantic/Cape_Verde  CW America/Curacao  CX Indian/Christmas  CY Asia/Nicosia  CZ Europe/Prague
DE Europe/Berlin  DJ Africa/Djibouti  DK Europe/Copenhagen  DM America/Dominica  DO America/Santo_Domingo
DZ Africa/Algiers  EC America/Guayaquil  EE Europe/Tallinn  EG Africa/Cairo  EH Africa/El_Aaiun
ER Africa/Asmara  ES Europe/Madrid  ET Africa/Addis_Ababa  FI Europe/Helsinki  FJ Pacific/Fiji
FK Atlantic/Stanley  FM Pacific/Pohnpei  FO Atlantic/Faroe  FR Europe/Paris  GA Africa/Libreville
GB Europe/London  GD America/Grenada  GE Asia/Tbilisi  GF America/Cayenne  GG Europe/Guernsey  GH Africa/Accra
GI Europe/Gibraltar  GL America/Nuuk  GM Africa/Banjul  GN Africa/Conakry  GP America/Guadeloupe
GQ Africa/Malabo  GR Europe/Athens  GS Atlantic/South_Georgia  GT America/Guatemala  GU Pacific/Guam
GW Africa/Bissau  GY America/Guyana  HK Asia/Hong_Kong  HN America/Tegucigalpa  HR Europe/Zagreb
HT America/Port-au-Prince  HU Europe/Budapest  ID Asia/Jakarta  IE Europe/Dublin  IL Asia/Jerusalem
IM Europe/Isle_of_Man  IN Asia/Kolkata  IO Indian/Chagos  IQ Asia/Baghdad  IR Asia/Tehran
IS Atlantic/Reykjavik  IT Europe/Rome  JE Europe/Jersey  JM America/Jamaica  JO Asia/Amman  JP Asia/Tokyo
KE Africa/Nairobi  KG Asia/Bishkek  KH Asia/Phnom_Penh  KI Pacific/Tarawa  KM Indian/Comoro
KN America/St_Kitts  KP Asia/Pyongyang  KR Asia/Seoul  KW Asia/Kuwait  KY America/Cayman  KZ Asia/Almaty
LA Asia/Vientiane  LB Asia/Beirut  LC America/St_Lucia  LI Europe/Vaduz  LK Asia/Colombo  LR Africa/Monrovia
LS Africa/Maseru  LT Europe/Vilnius  LU Europe/Luxembourg  LV Europe/Riga  LY Africa/Tripoli
MA Africa/Casablanca  MC Europe/Monaco  MD Europe/Chisinau  ME Europe/Podgorica  MF America/Marigot
MG Indian/Antananarivo  MH Pacific/Majuro  MK Europe/Skopje  ML Africa/Bamako  MM Asia/Yangon
MN Asia/Ulaanbaatar  MO Asia/Macau  MP Pacific/Saipan  MQ America/Martinique  MR Africa/Nouakchott
MS America/Montserrat  MT Europe/Malta  MU Indian/Mauritius  MV Indian/Maldives  MW Africa/Blantyre
MX America/Mexico_City  MY Asia/Kuala_Lumpur  MZ Africa/Maputo  NA Africa/Windhoek  NC Pacific/Noumea
NE Africa/Niamey  NF Pacific/Norfolk  NG Africa/Lagos  NI America/Managua  NL Europe/Amsterdam  NO Europe/Oslo
NP Asia/Kathmandu  NR Pacific/Nauru  NU Pacific/Niue  NZ Pacific/Auckland  OM Asia/Muscat  PA America/Panama
PE America/Lima  PF Pacific/Tahiti  PG Pacific/Port_Moresby  PH Asia/Manila  PK Asia/Karachi  PL Europe/Warsaw
PM America/Miquelon  PN Pacific/Pitcairn  PR America/Puerto_Rico  PS Asia/Hebron  PT Europe/Lisbon
PW Pacific/Palau  PY America/Asuncion  QA Asia/Qatar  RE Indian/Reunion  RO Europe/Bucharest
RS Europe/Belgrade  RU Europe/Moscow  RW Africa/Kigali  SA Asia/Riyadh  SB Pacific/Guadalcanal  SC Indian/Mahe
SD Africa/Khartoum  SE Europe/Stockholm  SG Asia/Singapore  SH Atlantic/St_Helena  SI Europe/Ljubljana
SJ Arctic/Longyearbyen  SK Europe/Bratislava  SL Africa/Freetown  SM Europe/San_Marino  SN Africa/Dakar
SO Africa/Mogadishu  SR America/Paramaribo  SS Africa/Juba  ST Africa/Sao_Tome  SV America/El_Salvador
SX America/Lower_Princes  SY Asia/Damascus  SZ Africa/Mbabane  TC America/Grand_Turk  TD Africa/Ndjamena
TF Indian/Kerguelen  TG Africa/Lome  TH Asia/Bangkok  TJ Asia/Dushanbe  TK Pacific/Fakaofo  TL Asia/Dili
TM Asia/Ashgabat  TN Africa/Tunis  TO Pacific/Tongatapu  TR Europe/Istanbul  TT America/Port_of_Spain
TV Pacific/Funafuti  TW Asia/Taipei  TZ Africa/Dar_es_Salaam  UA Europe/Kyiv  UG Africa/Kampala
UM Pacific/Wake  US America/New_York  UY America/Montevideo  UZ Asia/Tashkent  VA Europe/Vatican
VC America/St_Vincent  VE America/Caracas  VG America/Tortola  VI America/St_Thomas  VN Asia/Ho_Chi_Minh
VU Pacific/Efate  WF Pacific/Wallis  WS Pacific/Apia  YE Asia/Aden  YT Indian/Mayotte  ZA Africa/Johannesburg
ZM Africa/Lusaka  ZW Africa/Harare
""")
"""ISO 3166-1 alpha-2 -> the IANA zone of the capital (one zone for most countries; the capital's where several)."""

CITY_ZONES: dict[str, dict[str, tuple[str, ...]]] = {
    "US": {"America/New_York": ("New York", "NYC", "Washington", "Boston", "Miami", "Atlanta", "Philadelphia",
                                "Detroit", "Orlando", "Charlotte", "Pittsburgh", "Baltimore", "Newark"),
           "America/Chicago": ("Chicago", "Houston", "Dallas", "San Antonio", "Austin", "Minneapolis",
                               "New Orleans", "Kansas City", "Memphis", "Nashville", "St Louis", "Milwaukee"),
           "America/Denver": ("Denver", "Salt Lake City", "Albuquerque", "El Paso"),
           "America/Phoenix": ("Phoenix", "Tucson"),
           "America/Los_Angeles": ("Los Angeles", "LA", "San Francisco", "San Diego", "San Jose", "Seattle",
                                   "Portland", "Las Vegas", "Sacramento", "Oakland"),
           "America/Anchorage": ("Anchorage",), "Pacific/Honolulu": ("Honolulu",)},
    "CA": {"America/Toronto": ("Toronto", "Ottawa", "Montreal", "Montréal", "Quebec", "Québec", "Mississauga"),
           "America/Vancouver": ("Vancouver", "Victoria", "Surrey"),
           "America/Edmonton": ("Calgary", "Edmonton"), "America/Winnipeg": ("Winnipeg",),
           "America/Regina": ("Regina", "Saskatoon"), "America/Halifax": ("Halifax",),
           "America/St_Johns": ("St John's", "St. John's")},
    "AU": {"Australia/Sydney": ("Sydney", "Canberra", "Newcastle"), "Australia/Melbourne": ("Melbourne",),
           "Australia/Brisbane": ("Brisbane", "Gold Coast"), "Australia/Perth": ("Perth",),
           "Australia/Adelaide": ("Adelaide",), "Australia/Darwin": ("Darwin",), "Australia/Hobart": ("Hobart",)},
    "RU": {"Europe/Moscow": ("Moscow", "Moskva", "Saint Petersburg", "St Petersburg", "St. Petersburg",
                             "Nizhny Novgorod", "Kazan", "Rostov-on-Don", "Krasnodar"),
           "Europe/Kaliningrad": ("Kaliningrad",), "Europe/Samara": ("Samara",),
           "Asia/Yekaterinburg": ("Yekaterinburg", "Ekaterinburg", "Chelyabinsk", "Ufa", "Perm"),
           "Asia/Omsk": ("Omsk",), "Asia/Novosibirsk": ("Novosibirsk",), "Asia/Krasnoyarsk": ("Krasnoyarsk",),
           "Asia/Irkutsk": ("Irkutsk",), "Asia/Vladivostok": ("Vladivostok", "Khabarovsk")},
    "BR": {"America/Sao_Paulo": ("Sao Paulo", "São Paulo", "Rio de Janeiro", "Brasilia", "Brasília",
                                 "Belo Horizonte", "Curitiba", "Porto Alegre"),
           "America/Fortaleza": ("Fortaleza", "Recife", "Salvador"), "America/Manaus": ("Manaus",)},
    "MX": {"America/Mexico_City": ("Mexico City", "Ciudad de Mexico", "CDMX", "Guadalajara", "Puebla"),
           "America/Monterrey": ("Monterrey",), "America/Tijuana": ("Tijuana", "Mexicali"),
           "America/Cancun": ("Cancun", "Cancún"), "America/Hermosillo": ("Hermosillo",),
           "America/Chihuahua": ("Chihuahua",)},
    "ID": {"Asia/Jakarta": ("Jakarta", "Surabaya", "Bandung", "Medan", "Semarang"),
           "Asia/Makassar": ("Makassar", "Bali", "Denpasar"), "Asia/Jayapura": ("Jayapura",)},
    "ES": {"Atlantic/Canary": ("Las Palmas", "Santa Cruz de Tenerife", "Tenerife")},
    "PT": {"Atlantic/Madeira": ("Funchal",), "Atlantic/Azores": ("Ponta Delgada",)},
    "CD": {"Africa/Lubumbashi": ("Lubumbashi",)},
    "KZ": {"Asia/Aqtobe": ("Aktobe", "Aqtobe"), "Asia/Atyrau": ("Atyrau",)},
}
"""Country -> zone -> the cities of that zone a `City` cell may name, for countries with more than one zone."""

_CITY_INDEX = {(country, country_key(city)): zone for country, zones in CITY_ZONES.items()
               for zone, cities in zones.items() for city in cities}


def buyer_zone(country: object, city: object = "") -> str:
    """The IANA zone of a buyer in `country` (any spelling the Regions rule knows) and `city`; "" when unknown."""
    found = find_country(country)
    if found is None:
        return ""
    return _CITY_INDEX.get((found.alpha2, country_key(city)), CAPITAL_ZONES.get(found.alpha2, ""))


def office_day(today: date) -> date:
    """The weekday the window is for: today, or the Monday after a weekend."""
    return today + timedelta(days=7 - today.weekday() if today.weekday() >= 5 else 0)


@lru_cache(maxsize=512)
def call_window(zone: str, team_zone: str, day: date) -> str:
    """"13:00–22:00": 09:00–18:00 on `day` in `zone`, as clock times in `team_zone`; "" for an unknown zone."""
    if not zone:
        return ""
    here, there = ZoneInfo(team_zone), ZoneInfo(zone)
    start, end = (datetime.combine(day, moment, there).astimezone(here) for moment in OFFICE_HOURS)
    return f"{start:%H:%M}–{end:%H:%M}"


def call_windows(customers: pd.DataFrame, team_zone: str, today: date) -> pd.Series:
    """`Call Window` for every customer row (each distinct country and city worked out once)."""
    day = office_day(today)
    country = text_cells(customers.get("Country", pd.Series("", index=customers.index)), strip=False)
    city = text_cells(customers.get("City", pd.Series("", index=customers.index)), strip=False)
    pairs = list(zip(country, city, strict=True))
    windows = {pair: call_window(buyer_zone(*pair), team_zone, day) for pair in set(pairs)}
    return pd.Series([windows[pair] for pair in pairs], index=customers.index, dtype=object)
