"""Country names (Epoch spellings) → ISO alpha-2 → the four figure groups."""

import pytest

from openweights import countries
from openweights.countries import country_group, to_iso2


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("United States of America", "US"),
        ("Korea (Republic of)", "KR"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("Hong Kong", "HK"),
        ("Macao", "MO"),
        ("China", "CN"),
        ("Taiwan", "TW"),
        ("Iran (Islamic Republic of)", "IR"),
        ("Czechia", "CZ"),
        ("Russia", "RU"),
        ("Viet Nam", "VN"),
        ("Vietnam", "VN"),
        ("Türkiye", "TR"),
        ("  united states  ", "US"),
        ("cn", "CN"),
        ("Multinational", countries.MULTINATIONAL),
    ],
)
def test_to_iso2(name, iso):
    assert to_iso2(name) == iso


def test_unknown_and_placeholders():
    assert to_iso2("Atlantis") is None
    assert to_iso2("") is None and to_iso2(None) is None
    assert to_iso2("XX") is None and to_iso2("ZZ") is None


@pytest.mark.parametrize(
    ("iso", "group"),
    [
        ("CN", "China"),
        ("HK", "China"),
        ("MO", "China"),
        ("US", "United States"),
        ("DE", "Europe"),
        ("FR", "Europe"),
        ("GB", "Europe"),
        ("CH", "Europe"),
        ("NO", "Europe"),
        ("IS", "Europe"),
        ("LI", "Europe"),
        ("TW", "Other"),
        ("JP", "Other"),
        ("XM", "Other"),
        ("", "Other"),
        (None, "Other"),
    ],
)
def test_country_group(iso, group):
    assert country_group(iso) == group


def test_groups_are_exactly_the_palette_labels():
    assert countries.GROUPS == ("China", "United States", "Europe", "Other")
    assert len(countries.EU27) == 27
    assert all(country_group(code) == "Europe" for code in countries.EU27)


def test_every_epoch_country_spelling_in_the_fixtures_maps():
    for name in ("China", "Norway", "Canada", "Korea (Republic of)", "Multinational", "Japan"):
        assert to_iso2(name) is not None


@pytest.mark.parametrize(
    ("iso", "name"),
    [
        ("KR", "South Korea"),
        ("US", "United States"),
        ("RU", "Russia"),
        ("VE", "Venezuela"),
        ("XM", "Multinational"),
    ],
)
def test_country_names_read_as_a_reader_knows_them(iso, name):
    assert countries.country_name(iso) == name


def test_every_iso_code_is_known_and_the_aliases_add_only_what_iso_lacks():
    import pycountry

    assert all(countries.country_name(c.alpha_2) for c in pycountry.countries)
    for code, aliases in countries.ALIASES.items():
        record = pycountry.countries.get(alpha_2=code)
        iso_names = {
            countries._key(getattr(record, attr))
            for attr in ("name", "common_name", "official_name")
            if record is not None and getattr(record, attr, None)
        }
        assert not iso_names & {countries._key(a) for a in aliases}, code


def test_no_name_reads_inverted():
    """A figure label reads "DR Congo", never "Congo, The Democratic Republic of the"."""
    names = {countries.country_name(code) for code in countries._tables()[1]}
    assert not [name for name in names if ", The " in name or name.endswith((", British", ", U.S.", " of"))]
