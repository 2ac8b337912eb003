"""Country names → ISO 3166-1 alpha-2 codes, and the four country groups used in every figure.

The codes and names are ISO 3166-1 as the maintained ``pycountry`` package carries it; this module adds only what
ISO lacks (Kosovo, "Multinational") and the project's aliases (informal names such as "UK" or "Türkiye"'s old
spelling, and Epoch's variants that ISO words differently).

``to_iso2`` accepts ISO short, common and official names, the spellings Epoch AI uses ("United States of America",
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

import pycountry

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

#: Codes ISO 3166-1 lacks that the sources use: Kosovo's user-assigned code, and Epoch's "Multinational".
EXTRA_CODES = {"XK": "Kosovo", MULTINATIONAL: "Multinational"}
#: Names a reader knows better than ISO's (pycountry's common name is used where it has one): no inverted
#: "Congo, The Democratic Republic of the".
DISPLAY_NAMES = {
    "CD": "DR Congo",
    "FM": "Micronesia",
    "PS": "Palestine",
    "RU": "Russia",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
}
#: Spellings found in sources or in common use that ISO (short, common or official name) does not carry.
ALIASES = {
    "AE": ("UAE",),
    "BN": ("Brunei",),
    "CD": ("Congo (Democratic Republic of the)", "Democratic Republic of the Congo"),
    "CI": ("Ivory Coast",),
    "CN": ("PRC", "Mainland China"),
    "CV": ("Cape Verde",),
    "FK": ("Falkland Islands",),
    "GB": ("UK", "Great Britain", "England", "Scotland"),
    "HK": ("Hong Kong SAR", "Hong Kong, China"),
    "KR": ("Republic of Korea", "Korea"),
    "MK": ("Macedonia",),
    "MM": ("Burma",),
    "MO": ("Macau", "Macao SAR"),
    "NL": ("Netherlands (Kingdom of the)", "Holland"),
    "SZ": ("Swaziland",),
    "TL": ("East Timor",),
    "TR": ("Turkey",),
    "TW": ("Chinese Taipei",),
    "US": ("USA", "US", "U.S.", "America"),
    "VA": ("Holy See",),
    MULTINATIONAL: ("International", "Global"),
}


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(spelling key → code, code → display name), from pycountry, the extra codes and the aliases."""
    spellings: dict[str, list[str]] = {code: [name] for code, name in EXTRA_CODES.items()}
    names = dict(EXTRA_CODES)
    for country in pycountry.countries:
        official = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
        spellings[country.alpha_2] = [name for name in official if name]
        names[country.alpha_2] = DISPLAY_NAMES.get(country.alpha_2, spellings[country.alpha_2][0])
        spellings[country.alpha_2].append(names[country.alpha_2])
    for code, aliases in ALIASES.items():
        spellings[code] = [*spellings[code], *aliases]
    by_name: dict[str, str] = {}
    for code, known in spellings.items():
        for spelling in known:
            key = _key(spelling)
            if by_name.setdefault(key, code) != code:  # pragma: no cover - guards the alias table itself
                raise AssertionError(f"country spelling {spelling!r} maps to two codes")
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
    """ISO alpha-2 → its name for a reader: pycountry's common name, else its ISO name ("South Korea", "Czechia"),
    or the project's display name (``"RU"`` → ``"Russia"``, ``"XM"`` → ``"Multinational"``)."""
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
