import pytest

from openweights.analysis import provenance

PACKAGE = {
    "resources": [
        {
            "name": "raw.x",
            "path": "x/a.csv",
            "x_snapshot_date": "2025-04",
            "x_sha256": "ab" * 32,
            "sources": [{"title": "Upstream X"}],
            "licenses": [{"name": "CC-BY-4.0"}],
            "x_attribution": "X (CC BY)",
        },
        {
            "name": "b_table",
            "path": "processed/b.csv",
            "x_rows": 3,
            "x_sha256": "cd" * 32,
            "sources": [{"title": "Upstream X"}],
            "licenses": [{"name": "CC-BY-4.0"}],
        },
        {"name": "a_table", "path": "curated/a.csv", "x_rows": 5, "x_sha256": "ef" * 32, "licenses": []},
    ],
    "x_build": {"identity_coverage": {"eci": {"linked": 3, "total": 4, "share": 0.75}}},
}


def test_resources_are_split_by_role_with_short_hashes():
    raw = provenance.resources_table(PACKAGE, "raw")
    assert list(raw["resource"]) == ["raw.x"] and raw.loc[0, "sha256"] == "ab" * 6  # the first 12 hex digits
    assert list(provenance.resources_table(PACKAGE, "processed")["rows"]) == [3]
    curated = provenance.resources_table(PACKAGE, "curated")
    assert list(curated["resource"]) == ["a_table"] and "source" not in curated.columns


def test_unknown_role_fails_clearly():
    with pytest.raises(ValueError, match="role must be one of"):
        provenance.resources_table(PACKAGE, "cooked")


def test_identity_coverage():
    table = provenance.identity_coverage(PACKAGE)
    assert table.loc[0, "linked"] == 3 and table.loc[0, "share"] == 0.75
