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
