"""Every curated row says what kind of source it rests on, and headline numbers do not rest on secondary pages alone."""

import pandas as pd
import pytest

from openweights import sourcekinds
from openweights.analysis import regional, scenarios
from openweights.paths import CURATED_DIR
from openweights.schemas import CURATED_SCHEMAS

WITH_SOURCES = sorted(n for n, s in CURATED_SCHEMAS.items() if "source_url" in s.columns)


def _table(name: str) -> pd.DataFrame:
    return pd.read_csv(CURATED_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


def test_domain_rules():
    assert sourcekinds.kind_of("https://huggingface.co/deepseek-ai/DeepSeek-V4-Pro") == "primary"
    assert sourcekinds.kind_of("https://www.bis.gov/press-release/x") == "primary"
    assert sourcekinds.kind_of("https://www.reuters.com/technology/x") == "news"
    assert sourcekinds.kind_of("https://some-ai-news.example/post") == "secondary"
    assert sourcekinds.kind_of(None) == "secondary"
    assert sourcekinds.rank("primary") < sourcekinds.rank("news") < sourcekinds.rank("secondary")


@pytest.mark.parametrize("name", WITH_SOURCES)
def test_every_curated_row_says_what_kind_of_source_it_rests_on(name):
    schema = CURATED_SCHEMAS[name]
    assert "source_kind" in schema.columns, f"{name}: no source_kind column"
    table = _table(name)
    assert table["source_kind"].isin(sourcekinds.KINDS).all(), f"{name}: a row without a source kind"
    if "source_url_2" in table:
        second = table["source_url_2"].ne("")
        assert table.loc[second, "source_kind_2"].isin(sourcekinds.KINDS).all(), (
            f"{name}: second source unkinded"
        )


def _strong(table: pd.DataFrame) -> pd.Series:
    kinds = table["source_kind"].isin(["primary", "news"])
    if "source_kind_2" in table:
        kinds |= table["source_kind_2"].isin(["primary", "news"])
    return kinds


def test_enacted_binding_restrictions_rest_on_more_than_aggregators():
    """Summary finding 8 counts enacted, binding restrictions: each cites a primary or news source, or a law
    firm's analysis of the government text."""
    events = _table("policy_events")
    chosen = (
        (events["stance_chinese_ai"].eq("restrict") | events["stance_open_weights"].eq("restrict"))
        & events["binding"].eq("yes")
        & events["status"].eq("enacted")
    )
    rows = events[chosen]
    law_firm = rows["source_url"].map(sourcekinds.is_law_firm) | rows["source_url_2"].map(
        sourcekinds.is_law_firm
    )
    weak = rows.loc[~(_strong(rows) | law_firm), "event_id"].tolist()
    assert not weak, f"enacted binding restrictions resting on secondary pages alone: {weak}"


def test_located_usage_headline_rests_on_the_primary_report():
    """Page 1.3's access comparison uses Microsoft's own report, not reposts of it."""
    measurements = _table("adoption_measurements")
    deepseek = regional.deepseek_by_country(measurements.replace("", None))
    rows = measurements.set_index("measurement_id").loc[deepseek["measurement_id"]]
    assert rows["source_kind"].eq("primary").all()


def test_licence_tightening_and_closed_flagships_rest_on_primary_or_news():
    economics = _table("lab_economics")
    signals = scenarios.licence_signals(economics.replace("", None))
    ids = signals.loc[signals["chinese"].astype(bool) & signals["tightening"].eq("licence terms"), "fact_id"]
    assert len(ids) > 0
    assert _strong(economics.set_index("fact_id").loc[list(ids)]).all()
    flagships = _table("lab_flagships")
    closed = flagships[flagships["open_weights"].eq("no") & flagships["release_date"].str.startswith("2026")]
    assert _strong(closed).all(), closed["lab"].tolist()
