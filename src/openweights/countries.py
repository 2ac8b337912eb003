"""Country names → ISO 3166-1 alpha-2 codes, and the four country groups used in every figure.

``to_iso2`` accepts ISO short names, the spellings Epoch AI uses ("United States of America",
"Korea (Republic of)", "United Kingdom of Great Britain and Northern Ireland", "Iran (Islamic Republic of)",
"Hong Kong", "Macao", ...), common English names and alpha-2 codes themselves; matching ignores case,
accents, punctuation and a leading "the". Unknown names, and the placeholders ``XX``/``ZZ`` ("not known"),
return ``None`` (callers report unknown names).

"Multinational" (Epoch's label for organisations spread over several countries) has no ISO code; it maps to
the user-assigned code ``"XM"`` (ISO 3166-1 reserves XA–XZ for such use), which falls in the group "Other".

``country_group`` returns exactly one of ``"China"``, ``"United States"``, ``"Europe"``, ``"Other"``:
China = CN, HK, MO (mainland, Hong Kong, Macao); United States = US; Europe = the 27 EU member states plus GB,
CH, NO, IS, LI; everything else (and unknown) = Other. Taiwan (TW) is "Other". These labels key the figure
palette; do not rename them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

__all__ = [
    "MULTINATIONAL",
    "UNKNOWN_CODES",
    "GROUPS",
    "CHINA",
    "UNITED_STATES",
    "EUROPE",
    "EUROPE_CODES",
    "OTHER",
    "EU27",
    "to_iso2",
    "country_group",
    "country_name",
]

MULTINATIONAL = "XM"
#: Placeholders meaning "country not known" (curated tables use XX); ``to_iso2`` maps them to ``None``.
UNKNOWN_CODES = frozenset({"XX", "ZZ"})
CHINA = "China"
UNITED_STATES = "United States"
EUROPE = "Europe"
OTHER = "Other"
GROUPS = (CHINA, UNITED_STATES, EUROPE, OTHER)

EU27 = frozenset(
    {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"}
    | {"IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
)
#: Countries counted as Europe: the EU, the EEA and the UK and Switzerland.
EUROPE_CODES = frozenset(EU27 | {"GB", "CH", "NO", "IS", "LI"})
_CHINA = frozenset({"CN", "HK", "MO"})

# code|ISO short name|other spellings...  (one line per ISO 3166-1 entry, plus Kosovo and "Multinational")
_TABLE = """
AD|Andorra
AE|United Arab Emirates|UAE
AF|Afghanistan
AG|Antigua and Barbuda
AI|Anguilla
AL|Albania
AM|Armenia
AO|Angola
AQ|Antarctica
AR|Argentina
AS|American Samoa
AT|Austria
AU|Australia
AW|Aruba
AX|Aland Islands
AZ|Azerbaijan
BA|Bosnia and Herzegovina
BB|Barbados
BD|Bangladesh
BE|Belgium
BF|Burkina Faso
BG|Bulgaria
BH|Bahrain
BI|Burundi
BJ|Benin
BL|Saint Barthelemy
BM|Bermuda
BN|Brunei Darussalam|Brunei
BO|Bolivia (Plurinational State of)|Bolivia
BQ|Bonaire, Sint Eustatius and Saba
BR|Brazil
BS|Bahamas
BT|Bhutan
BV|Bouvet Island
BW|Botswana
BY|Belarus
BZ|Belize
CA|Canada
CC|Cocos (Keeling) Islands
CD|Congo (Democratic Republic of the)|Democratic Republic of the Congo|DR Congo
CF|Central African Republic
CG|Congo|Republic of the Congo
CH|Switzerland
CI|Cote d'Ivoire|Ivory Coast
CK|Cook Islands
CL|Chile
CM|Cameroon
CN|China|People's Republic of China|PRC|Mainland China
CO|Colombia
CR|Costa Rica
CU|Cuba
CV|Cabo Verde|Cape Verde
CW|Curacao
CX|Christmas Island
CY|Cyprus
CZ|Czechia|Czech Republic
DE|Germany
DJ|Djibouti
DK|Denmark
DM|Dominica
DO|Dominican Republic
DZ|Algeria
EC|Ecuador
EE|Estonia
EG|Egypt
EH|Western Sahara
ER|Eritrea
ES|Spain
ET|Ethiopia
FI|Finland
FJ|Fiji
FK|Falkland Islands (Malvinas)|Falkland Islands
FM|Micronesia (Federated States of)|Micronesia
FO|Faroe Islands
FR|France
GA|Gabon
GB|United Kingdom of Great Britain and Northern Ireland|United Kingdom|UK|Great Britain|England|Scotland
GD|Grenada
GE|Georgia
GF|French Guiana
GG|Guernsey
GH|Ghana
GI|Gibraltar
GL|Greenland
GM|Gambia
GN|Guinea
GP|Guadeloupe
GQ|Equatorial Guinea
GR|Greece
GS|South Georgia and the South Sandwich Islands
GT|Guatemala
GU|Guam
GW|Guinea-Bissau
GY|Guyana
HK|Hong Kong|Hong Kong SAR|Hong Kong, China
HM|Heard Island and McDonald Islands
HN|Honduras
HR|Croatia
HT|Haiti
HU|Hungary
ID|Indonesia
IE|Ireland
IL|Israel
IM|Isle of Man
IN|India
IO|British Indian Ocean Territory
IQ|Iraq
IR|Iran (Islamic Republic of)|Iran
IS|Iceland
IT|Italy
JE|Jersey
JM|Jamaica
JO|Jordan
JP|Japan
KE|Kenya
KG|Kyrgyzstan
KH|Cambodia
KI|Kiribati
KM|Comoros
KN|Saint Kitts and Nevis
KP|Korea (Democratic People's Republic of)|North Korea
KR|Korea (Republic of)|Republic of Korea|South Korea|Korea
KW|Kuwait
KY|Cayman Islands
KZ|Kazakhstan
LA|Lao People's Democratic Republic|Laos
LB|Lebanon
LC|Saint Lucia
LI|Liechtenstein
LK|Sri Lanka
LR|Liberia
LS|Lesotho
LT|Lithuania
LU|Luxembourg
LV|Latvia
LY|Libya
MA|Morocco
MC|Monaco
MD|Moldova (Republic of)|Moldova
ME|Montenegro
MF|Saint Martin (French part)
MG|Madagascar
MH|Marshall Islands
MK|North Macedonia|Macedonia
ML|Mali
MM|Myanmar|Burma
MN|Mongolia
MO|Macao|Macau|Macao SAR
MP|Northern Mariana Islands
MQ|Martinique
MR|Mauritania
MS|Montserrat
MT|Malta
MU|Mauritius
MV|Maldives
MW|Malawi
MX|Mexico
MY|Malaysia
MZ|Mozambique
NA|Namibia
NC|New Caledonia
NE|Niger
NF|Norfolk Island
NG|Nigeria
NI|Nicaragua
NL|Netherlands|Netherlands (Kingdom of the)|The Netherlands|Holland
NO|Norway
NP|Nepal
NR|Nauru
NU|Niue
NZ|New Zealand
OM|Oman
PA|Panama
PE|Peru
PF|French Polynesia
PG|Papua New Guinea
PH|Philippines
PK|Pakistan
PL|Poland
PM|Saint Pierre and Miquelon
PN|Pitcairn
PR|Puerto Rico
PS|Palestine, State of|Palestine
PT|Portugal
PW|Palau
PY|Paraguay
QA|Qatar
RE|Reunion
RO|Romania
RS|Serbia
RU|Russian Federation|Russia
RW|Rwanda
SA|Saudi Arabia
SB|Solomon Islands
SC|Seychelles
SD|Sudan
SE|Sweden
SG|Singapore
SH|Saint Helena, Ascension and Tristan da Cunha
SI|Slovenia
SJ|Svalbard and Jan Mayen
SK|Slovakia
SL|Sierra Leone
SM|San Marino
SN|Senegal
SO|Somalia
SR|Suriname
SS|South Sudan
ST|Sao Tome and Principe
SV|El Salvador
SX|Sint Maarten (Dutch part)
SY|Syrian Arab Republic|Syria
SZ|Eswatini|Swaziland
TC|Turks and Caicos Islands
TD|Chad
TF|French Southern Territories
TG|Togo
TH|Thailand
TJ|Tajikistan
TK|Tokelau
TL|Timor-Leste|East Timor
TM|Turkmenistan
TN|Tunisia
TO|Tonga
TR|Turkiye|Turkey
TT|Trinidad and Tobago
TV|Tuvalu
TW|Taiwan|Taiwan, Province of China|Chinese Taipei
TZ|Tanzania, United Republic of|Tanzania
UA|Ukraine
UG|Uganda
UM|United States Minor Outlying Islands
US|United States of America|United States|USA|US|U.S.|America
UY|Uruguay
UZ|Uzbekistan
VA|Holy See|Vatican City
VC|Saint Vincent and the Grenadines
VE|Venezuela (Bolivarian Republic of)|Venezuela
VG|Virgin Islands (British)|British Virgin Islands
VI|Virgin Islands (U.S.)|US Virgin Islands
VN|Viet Nam|Vietnam
VU|Vanuatu
WF|Wallis and Futuna
WS|Samoa
XK|Kosovo
XM|Multinational|International|Global
YE|Yemen
YT|Mayotte
ZA|South Africa
ZM|Zambia
ZW|Zimbabwe
"""


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    by_name: dict[str, str] = {}
    names: dict[str, str] = {}
    for line in _TABLE.strip().splitlines():
        code, *spellings = line.split("|")
        names[code] = spellings[0]
        for spelling in spellings:
            key = _key(spelling)
            if key in by_name and by_name[key] != code:  # pragma: no cover - guards the table itself
                raise AssertionError(f"country spelling {spelling!r} maps to two codes")
            by_name[key] = code
    return by_name, names


def to_iso2(name: str | None) -> str | None:
    """Country name (or alpha-2 code) → ISO 3166-1 alpha-2; ``None``/empty/unknown → ``None``."""
    if name is None:
        return None
    text = str(name).strip()
    if not text:
        return None
    by_name, names = _tables()
    if text.upper() in UNKNOWN_CODES:
        return None
    if len(text) == 2 and text.isalpha() and text.upper() in names:
        return text.upper()
    return by_name.get(_key(text))


def country_name(iso: str | None) -> str | None:
    """ISO alpha-2 → the ISO short name used in this table (``"XM"`` → ``"Multinational"``)."""
    if not iso:
        return None
    return _tables()[1].get(iso.upper())


def country_group(iso: str | None) -> str:
    """ISO alpha-2 → ``"China"`` | ``"United States"`` | ``"Europe"`` | ``"Other"`` (unknown → Other)."""
    code = (iso or "").strip().upper()
    if code in _CHINA:
        return CHINA
    if code == "US":
        return UNITED_STATES
    if code in EUROPE_CODES:
        return EUROPE
    return OTHER
