"""Chapter 1.3's helpers: coding a base's origin, shares with intervals, the shift test, access gaps."""

import pandas as pd
import pytest

from openweights.analysis import regional as rg
from openweights.paths import CURATED_DIR
from openweights.schemas import CURATED_SCHEMAS, validate


@pytest.mark.parametrize(
    ("base", "country", "origin"),
    [
        ("Qwen2.5-7B", "CN", "China"),
        ("Llama 3.1 8B", "US", "United States"),
        ("Mistral 7B", "FR", "Europe"),
        ("from scratch", "", "Own or regional"),
        ("SEA-LION v1", "SG", "Own or regional"),
        ("unknown", "", "Unknown"),
        ("merge of two", "CN; US", "Unknown"),
        (None, None, "Unknown"),
    ],
)
def test_base_origin(base, country, origin):
    assert rg.base_origin(base, country) == origin


def _models():
    rows = (
        [("2023-05", "US")] * 8 + [("2023-09", "CN")] * 2 + [("2025-03", "CN")] * 6 + [("2025-10", "US")] * 4
    )
    return rg.with_origin(
        pd.DataFrame(
            {
                "model_id": [f"R{i:03d}" for i in range(len(rows))],
                "release_date": [d for d, _ in rows],
                "base_model": ["some base"] * len(rows),
                "base_developer_country": [c for _, c in rows],
                "region": ["east_asia"] * len(rows),
                "builder_country": ["JP"] * len(rows),
            }
        )
    )


def test_shares_carry_counts_and_wilson_intervals():
    shares = rg.origin_shares(_models(), "year").set_index(["year", "base_origin"])
    china_2025 = shares.loc[(2025, "China")]
    assert (china_2025["models"], china_2025["known_base"]) == (6, 10)
    assert china_2025["low"] < 0.6 < china_2025["high"]
    assert rg.half_year(pd.Series(["2025-03", "2025-10-02", "2024", None])).tolist()[:2] == [
        "2025-H1",
        "2025-H2",
    ]


def test_shift_test_counts_both_periods():
    result = rg.shift_test(_models())
    assert (result["early_count"], result["early_known"], result["late_count"], result["late_known"]) == (
        2,
        10,
        6,
        10,
    )
    assert 0 < result["p_value"] <= 1


def test_not_served_lists_countries_missing_from_a_provider():
    access = pd.DataFrame(
        {
            "country": ["CN", "CN", "JP", "JP"],
            "provider": ["openai", "google", "openai", "google"],
            "offered": ["not_listed", "not_listed", "yes", "yes"],
        }
    )
    gaps = rg.not_served(access)
    assert gaps["country"].tolist() == ["CN"] and gaps["providers_not_serving"].tolist() == [2]


def test_the_not_served_table_reads_in_names():
    access = pd.DataFrame(
        {
            "country": ["RU", "RU", "CN", "CN", "JP", "JP"],
            "provider": ["openai", "google"] * 3,
            "offered": ["not_listed", "yes", "not_listed", "not_listed", "not_listed", "yes"],
        }
    )
    shown = rg.not_served_table(rg.not_served(access))
    assert shown.columns.tolist() == ["country", "OpenAI", "Google", "providers_not_serving"]
    assert shown["country"].tolist() == ["China", "Japan", "Russia"]  # most labs missing first, then by name
    assert shown.iloc[1].tolist() == ["Japan", "not listed", "listed", 1]


@pytest.mark.parametrize("name", ["regional_models", "service_access"])
def test_committed_tables_are_valid(name):
    frame = pd.read_csv(CURATED_DIR / f"{name}.csv", dtype=str, keep_default_na=False)
    assert validate(frame, CURATED_SCHEMAS[name]) == []


def test_regional_models_meet_the_issue_scope():
    frame = pd.read_csv(CURATED_DIR / "regional_models.csv", dtype=str, keep_default_na=False)
    assert len(frame) >= 80 and frame["builder_country"].nunique() >= 20
    assert frame["release_date"].str.fullmatch(r"(\d{4}(-\d{2}(-\d{2})?)?)?").all()
    assert not frame["builder_country"].isin(["US", "CN", "GB", "CH", "FR", "DE"]).any()


def test_located_share_compares_served_and_unserved_countries():
    measurements = pd.DataFrame(
        {
            "measurement_id": ["M1", "M2", "M3", "M4", "M5"],
            "publisher": [rg.MICROSOFT] * 4 + ["Other"],
            "metric": ["market_share"] * 5,
            "origin": ["china"] * 5,
            "geography": ["CN", "ET", "JP", "FR", "KE"],
            "value": ["89", "16", "0", "0", "30"],
            "value_high": ["", "20", "5", "5", ""],
        }
    )
    access = pd.DataFrame(
        {
            "country": ["CN", "ET", "ET", "JP"],
            "provider": ["openai", "anthropic", "anthropic", "openai"],
            "service": ["API", "API", "Commercial API (policy page)", "API"],
            "offered": ["not_listed", "not_listed", "yes", "yes"],
        }
    )
    by_country = rg.deepseek_by_country(measurements, access).set_index("country")
    assert "KE" not in by_country.index  # another publisher's figure is not Microsoft's estimate
    assert by_country.loc["CN", "printed"] and not by_country.loc["ET", "printed"]
    assert by_country.loc["ET", "us_labs_not_serving"] == 0  # one page lists it: served
    assert not by_country.loc["FR", "outside_us_europe"]
    table = rg.share_by_access(by_country.reset_index())
    assert table["high_share"].tolist() == [1, 1] and table["total"].tolist() == [1, 2]
    facts = rg.access_facts(table)
    assert (
        facts["access_high_blocked"] == 1 and facts["access_total_served"] == 2 and 0 < facts["access_p"] <= 1
    )


def test_china_share_by_region_has_counts_and_intervals():
    table = rg.china_share_by_region(_models()).set_index("region")
    row = table.loc[rg.REGION_LABELS["east_asia"]]
    assert (row["known_base"], row["chinese_base"]) == (20, 8) and row["low"] < row["share"] < row["high"]
