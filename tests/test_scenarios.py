"""Tests of openweights.analysis.scenarios (business models, state signals, watch-list) and its figures."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from openweights.analysis import scenarios as sc
from openweights.plots import openness as po


def economics():
    return pd.DataFrame(
        {
            "fact_id": ["L001", "L002", "L004", "L005", "L009", "L011", "L012", "L020"],
            "lab": ["Alibaba (Qwen)"] * 5 + ["DeepSeek"] * 3,
            "parent_company": ["Alibaba Group"] * 5 + ["High-Flyer"] * 3,
            "fact_type": [
                "revenue_engine",
                "capex_pledge",
                "capex_pledge",
                "revenue",
                "open_weights_policy",
                "revenue_engine",
                "revenue",
                "open_weights_policy",
            ],
            "value": [np.nan, 380.0, 480.0, 31.74, np.nan, np.nan, 700.0, np.nan],
            "unit": ["", "bn CNY", "bn CNY", "bn CNY", "", "", "m USD", ""],
            "period": [
                "2025",
                "2025-2028",
                "three years (reported, not confirmed)",
                "Q4 2024",
                "2025-09",
                "",
                "2025",
                "",
            ],
            "description": [
                "Cloud",
                "Pledge",
                "A media report",
                "Cloud revenue",
                "The flagship stays closed",
                "Parent fund",
                "Analysts estimate fees",
                "Plain MIT licence",
            ],
        }
    )


def test_flag_unconfirmed_reads_description_and_period():
    flags = sc.flag_unconfirmed(economics())
    assert flags.tolist() == [False, False, True, False, False, False, True, False]
    text = pd.DataFrame(
        {
            "description": [
                "MiniMax reported about USD 30m of revenue",  # a company's own report: confirmed
                "Spending was reported to exceed the plan",
                "Inference costs reportedly exceeded revenue",
                "The firm targeted a higher valuation",
            ],
            "period": ["2024", "2026", "2025", "2026-02"],
        }
    )
    assert sc.flag_unconfirmed(text).tolist() == [False, True, True, True]


def test_classify_engines_and_unknown_fact_raises():
    engines = sc.classify_engines(economics())
    assert engines["backing"].tolist() == [sc.INDEPENDENT, sc.INDEPENDENT]
    bad = economics()
    bad.loc[0, "fact_id"] = "L999"
    with pytest.raises(KeyError, match="L999"):
        sc.classify_engines(bad)


def test_business_models_prefer_confirmed_figures_and_tag_reported_ones():
    table = sc.business_models(economics()).set_index("lab")
    assert (
        table.loc["Alibaba (Qwen)", "capex_pledge"] == "380 bn CNY, 2025-2028"
    )  # not the larger, reported 480
    assert table.loc["Alibaba (Qwen)", "revenue"] == "31.74 bn CNY, Q4 2024"
    assert table.loc["DeepSeek", "revenue"].endswith("[reported]")
    assert table.loc["Alibaba (Qwen)", "facts"] == 5 and table.loc["Alibaba (Qwen)", "unconfirmed"] == 1
    assert table.loc["DeepSeek", "engine"].startswith("Parent's quant fund")
    assert pd.isna(table.loc["DeepSeek", "capex_pledge"]) and pd.isna(table.loc["DeepSeek", "valuation"])


def test_business_models_tag_theoretical_figures_and_leave_missing_ones_missing():
    facts = economics()
    facts.loc[6, "description"] = (
        "The lab said its traffic would earn a theoretical USD 700m if all were billed"
    )
    table = sc.business_models(facts).set_index("lab")
    assert table.loc["DeepSeek", "revenue"] == "700 m USD, 2025 [theoretical]"
    no_engine = sc.business_models(facts[facts["fact_type"].ne("revenue_engine")]).set_index("lab")
    assert no_engine["engine"].isna().all() and no_engine["backing"].isna().all()


def test_openness_by_backing_counts_recent_releases():
    business = sc.business_models(economics())
    releases = pd.DataFrame(
        {
            "org_id": ["alibaba", "alibaba", "alibaba", "deepseek"],
            "half_year": ["2024-H2", "2025-H1", "2025-H2", "2025-H2"],
            "open_weights": pd.array([False, True, False, True], dtype="boolean"),
        }
    )
    table = sc.openness_by_backing(business, releases, since="2025-H1").set_index("lab")
    assert table.loc["Alibaba (Qwen)", "releases"] == 2 and table.loc["Alibaba (Qwen)", "open_share"] == 0.5
    assert table.loc["DeepSeek", "open_share"] == 1.0


def test_licence_signals_flag_tightening():
    signals = sc.licence_signals(economics())
    assert signals["fact_id"].tolist() == ["L009", "L020"]
    assert signals["tightening"].tolist() == ["closed flagship", "none"]
    assert signals["chinese"].all()
    assert sc.labs_tightening(signals) == ["Alibaba (Qwen)"]
    assert sc.labs_tightening(signals, kinds=("licence terms",)) == []
    assert sc.labs_tightening(signals, chinese=False) == []


def test_licence_signals_tell_licence_terms_from_closed_flagships():
    facts = pd.DataFrame(
        {
            "fact_id": ["L1", "L2", "L3"],
            "lab": ["MiniMax", "Moonshot AI (Kimi)", "DeepSeek"],
            "fact_type": ["open_weights_policy"] * 3,
            "period": ["2026", "2025", "2026"],
            "description": [
                "New releases switched to a licence with non-commercial restrictions; the flagship stays closed.",
                "Products above a size threshold must display the Kimi brand.",
                "Plain MIT licence.",
            ],
        }
    )
    signals = sc.licence_signals(facts)
    # a restrictive licence outranks a closed flagship in the same fact: it is the stronger signal for open weights
    assert signals["tightening"].tolist() == ["licence terms", "licence terms", "none"]
    assert sc.labs_tightening(signals, kinds=("licence terms",)) == ["MiniMax", "Moonshot AI (Kimi)"]
    assert sc.labs_tightening(signals, kinds=("closed flagship",)) == []
    with pytest.raises(ValueError, match="unknown tightening kinds"):
        sc.labs_tightening(signals, kinds=("closed",))


def policy():
    return pd.DataFrame(
        {
            "event_id": ["E1", "E2", "E3", "E4", "E5", "E6"],
            "date": ["2023-12-21", "2025-08-26", "2025-10-09", "2025-11-01", "2025-03-14", "2025-05-01"],
            "jurisdiction": ["CN", "CN", "CN", "CN", "CN", "US"],
            "instrument": [
                "export_control",
                "strategy_plan",
                "export_control",
                "procurement_device_ban",
                "law_regulation",
                "export_control",
            ],
            "target": [
                "compute_chips",
                "ai_general",
                "compute_chips",
                "compute_chips",
                "ai_general",
                "compute_chips",
            ],
            "stance_open_weights": ["neutral", "promote", "neutral", "neutral", "neutral", "restrict"],
            "summary": ["rare earths", "AI+", "rare earths again", "domestic chips", "labels", "US rule"],
        }
    )


def test_china_signals_themes_and_counts():
    signals = sc.china_signals(policy())
    assert signals["event_id"].tolist() == ["E1", "E5", "E2", "E3", "E4"]  # CN only, by date
    themes = dict(zip(signals["event_id"], signals["theme"], strict=True))
    assert themes == {
        "E1": "Technology export control",
        "E2": "Open-source promotion and strategy",
        "E3": "Technology export control",
        "E4": "Chip self-reliance",
        "E5": "Content and security rules",
    }
    counts = sc.signal_counts(signals)
    assert counts.loc["Technology export control", "neutral"] == 2
    assert counts.loc["Open-source promotion and strategy", "promote"] == 1
    assert counts["restrict"].sum() == 0 and counts["total"].sum() == 5


def test_count_events_in_a_window():
    signals = sc.china_signals(policy())
    assert sc.count_events(signals, "2026-01-13", theme_name="Technology export control") == 1  # E3 only
    assert sc.count_events(signals, "2026-01-13", months=36, theme_name="Technology export control") == 2
    assert sc.count_events(signals, "2026-01-13", months=24, stance="promote") == 1
    assert sc.count_events(signals, "2025-08-25", months=12) == 1  # E5; E2 is a day later


def test_precedents_merge_table_and_external_sources():
    table = sc.precedents(sc.china_signals(policy()))
    assert table["date"].is_monotonic_increasing
    where = set(table["where"])
    assert "Our policy events table (E1)" in where and "Our policy events table (E3)" in where
    assert len(table) == 2 + len(sc.EXTERNAL_PRECEDENTS)
    assert all(str(w).startswith((sc.POLICY_TABLE.capitalize(), "https://")) for w in table["where"])


def test_frontier_gap_and_frontier_open_share():
    eci = pd.DataFrame(
        {
            "model": ["us1", "us2", "cn1", "cn2", "cn3"],
            "eci_score": [150.0, 155.0, 148.0, 146.0, 140.0],
            "release_date": pd.to_datetime(
                ["2025-06-01", "2026-05-01", "2026-01-01", "2025-12-01", "2024-01-01"]
            ),
            "country_group": ["United States", "United States", "China", "China", "China"],
            "open_weights": pd.array([False, False, True, False, True], dtype="boolean"),
        }
    )
    assert sc.frontier_gap(eci, "2026-04-10") == pytest.approx(2.0)  # us2 is after the end date
    assert sc.frontier_open_share(eci, "China", "2026-04-10", months=12, top=5) == 0.5  # cn3 too old
    assert sc.frontier_open_share(eci, "China", "2026-04-10", months=12, top=1) == 1.0
    assert np.isnan(sc.frontier_open_share(eci, "Europe", "2026-04-10"))


@pytest.mark.parametrize(
    ("name", "other", "expected"),
    [
        ("DeepSeek-V3.2-Exp", "DeepSeek-V3.2", True),
        ("DeepSeek-R1 (May 2025)", "DeepSeek-R1", True),
        ("Qwen3-Max", "Qwen3-Max", True),
        ("Kimi K2.5", "Kimi K2", False),
        ("GLM-5", "GLM-4.7", False),
        ("Qwen3-Max", "Qwen3", True),
    ],
)
def test_same_family(name, other, expected):
    assert sc.same_family(name, other) is expected and sc.same_family(other, name) is expected


def test_frontier_models_count_one_version_per_model():
    eci = pd.DataFrame(
        {
            "model": ["V3.2", "V3.2-Exp", "K2.5", "Max"],
            "eci_score": [146.0, 145.0, 148.0, 144.0],
            "release_date": pd.to_datetime(["2025-12-01", "2025-09-29", "2026-01-27", "2025-09-05"]),
            "country_group": ["China"] * 4,
            "open_weights": pd.array([True, True, True, False], dtype="boolean"),
        }
    )
    best = sc.frontier_models(eci, "China", "2026-04-10", top=3)
    assert best["model"].tolist() == ["K2.5", "V3.2", "Max"]  # V3.2-Exp is a version of V3.2
    assert sc.frontier_open_share(eci, "China", "2026-04-10", top=3) == pytest.approx(2 / 3)


def test_frontier_models_keep_a_closed_version_of_an_open_model():
    eci = pd.DataFrame(
        {
            "model": ["Qwen3-Max", "Qwen3", "Qwen3-Exp", "Qwen3-Max-Preview"],
            "eci_score": [145.0, 144.0, 143.0, 142.0],
            "release_date": pd.to_datetime(["2025-09-24", "2025-04-28", "2025-05-01", "2025-09-05"]),
            "country_group": ["China"] * 4,
            "open_weights": pd.array([False, True, True, pd.NA], dtype="boolean"),
        }
    )
    best = sc.frontier_models(eci, "China", "2026-04-10", top=4)
    # the open Qwen3 counts beside the closed Qwen3-Max; Qwen3-Exp is a version of Qwen3; a version whose
    # openness is unknown is not assumed to share either's
    assert best["model"].tolist() == ["Qwen3-Max", "Qwen3", "Qwen3-Max-Preview"]
    assert sc.frontier_open_share(eci, "China", "2026-04-10", top=3) == pytest.approx(1 / 2)


def test_watchlist_needs_every_reading():
    readings = {key: str(i) for i, (key, *_) in enumerate(sc.INDICATORS)}
    table = sc.watchlist(readings, {"eci_gap": "eci_models"})
    assert len(table) == len(sc.INDICATORS) and set(table["scenario"]) == set(sc.SCENARIOS)
    assert table.loc[table["indicator"].str.startswith("ECI points"), "read_from"].item() == "eci_models"
    readings.pop("eci_gap")
    with pytest.raises(KeyError, match="eci_gap"):
        sc.watchlist(readings, {})


def test_scenario_plots_return_figures():
    business = sc.business_models(economics())
    releases = pd.DataFrame(
        {
            "org_id": ["alibaba", "deepseek"],
            "half_year": ["2025-H2", "2025-H2"],
            "open_weights": pd.array([False, True], dtype="boolean"),
        }
    )
    signals = sc.china_signals(policy())
    made = [
        po.plot_backing(sc.openness_by_backing(business, releases)),
        po.plot_signals(signals, pd.DataFrame(sc.EXTERNAL_PRECEDENTS)),
    ]
    for fig in made:
        assert isinstance(fig, Figure)
        plt.close(fig)


def test_current_readings_cover_every_indicator():
    by_group = pd.DataFrame(
        {
            "country_group": ["China", "China", "United States"],
            "half_year": ["2025-H1", "2026-H1", "2026-H1"],
            "open_share": [0.6, 0.75, 0.3],
        }
    )
    flags = pd.DataFrame(
        {
            "country_group": ["China", "China", "China", "China", "United States"],
            "flagship_half_year": ["2026-H1", "2025-H2", "2026-H1", "2024-H2", "2026-H1"],
            "flagship_open": pd.array([False, True, pd.NA, False, False], dtype="boolean"),
        }
    )
    eci = pd.DataFrame(
        {
            "model": ["u0", "c0", "u", "c"],
            "eci_score": [140.0, 130.0, 150.0, 147.5],
            "release_date": pd.to_datetime(["2025-01-01", "2025-01-01", "2026-01-01", "2026-02-01"]),
            "country_group": ["United States", "China", "United States", "China"],
            "open_weights": pd.array([False, False, False, True], dtype="boolean"),
        }
    )
    licences = sc.licence_signals(economics())
    inputs = dict(by_group=by_group, latest="2026-H1", modelsdev_odds=(4.0, 2.5, 6.6), flags=flags)
    inputs.update(releases=eci, eci=eci, eci_end="2026-04-10", licences=licences)
    readings, read_from = sc.current_readings(**inputs, signals=sc.china_signals(policy()))
    assert readings["cn_open_share"] == "75%" and readings["cn_open_share_change"] == "+15"
    assert readings["cn_closed_flagships"] == "1 of 3"  # the closed 2024-H2 flagship is stale
    assert readings["eci_gap"] == "2.5 (10.0 a year earlier)"
    assert readings["cn_frontier_open_share"] == "100%"  # c0 is older than twelve months
    assert readings["cn_export_events"] == "1" and readings["cn_restrict_events"] == "0"
    assert readings["licence_tightening"] == "1"
    assert readings["cn_vs_us_odds_modelsdev"] == "4.0 (2.5 to 6.6)"
    table = sc.watchlist(readings, read_from)
    assert table["read_from"].ne("").all()
    # a suspension of export controls is no sign of closure: it does not count
    easing = policy()
    easing.loc[len(easing)] = ["E7", "2025-11-07", "CN", "export_control", "compute_chips", "neutral", "x"]
    easing.loc[len(easing) - 1, "summary"] = "Announcement No. 70 suspended the October controls for a year"
    again, _ = sc.current_readings(**inputs, signals=sc.china_signals(easing))
    assert again["cn_export_events"] == "1"


def test_eases_controls_reads_the_summary():
    summaries = pd.Series(["suspended the controls", "Lifted a ban", "extended rare-earth controls", None])
    assert sc.eases_controls(summaries).tolist() == [True, True, False, False]


def test_external_precedents_frame():
    frame = sc.external_precedents()
    assert list(frame.columns) == ["date", "theme", "event", "source_url"]
    assert set(frame["theme"]) <= set(sc.THEMES)
    assert frame["source_url"].str.startswith("https://").all()


def test_lab_facts_filters_lab_and_type():
    facts = sc.lab_facts(economics(), "Alibaba (Qwen)", "capex_pledge")
    assert facts["fact_id"].tolist() == ["L002", "L004"]
    assert len(sc.lab_facts(economics(), "DeepSeek")) == 3


def test_flagship_facts_count_researched_flagships_by_openness():
    import pandas as pd

    from openweights.analysis import scenarios

    table = pd.DataFrame({"lab": ["A", "B", "C", "D"], "open_weights": ["yes", "no", "unknown", "yes"]})
    facts = scenarios.flagship_facts(table)
    assert facts["flagships_researched"] == 4 and facts["flagships_open_yes"] == 2
    assert facts["flagships_open_no_labs"] == "B" and facts["flagships_open_unknown"] == 1
