"""Unit tests of openweights.analysis.policy and openweights.plots.policy on hand-checked synthetic events."""

import math

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from openweights import sourcekinds
from openweights.analysis import policy
from openweights.plots import policy as policy_plots

COLUMNS = [
    "event_id",
    "date",
    "date_precision",
    "jurisdiction",
    "level",
    "actor",
    "instrument",
    "target",
    "stance_open_weights",
    "stance_chinese_ai",
    "summary",
]


def make_events():
    """Eight synthetic events; the expected answers below are counted by hand from these rows."""
    rows = [
        # id, date, precision, jurisdiction, level, instrument, target, open-weight stance, Chinese-AI stance, summary
        (
            "X1",
            "2022-10-07",
            "day",
            "US",
            "national",
            "export_control",
            "compute_chips",
            "neutral",
            "restrict",
            "Chip rule.",
        ),
        (
            "X2",
            "2025-02-01",
            "day",
            "US",
            "sub_national",
            "procurement_device_ban",
            "chinese_models_apps",
            "neutral",
            "restrict",
            "A state banned the app.",
        ),
        (
            "X3",
            "2025-01-20",
            "day",
            "US",
            "national",
            "procurement_device_ban",
            "chinese_models_apps",
            "neutral",
            "restrict",
            "A bill was introduced but not enacted.",
        ),
        (
            "X4",
            "2023-07-13",
            "day",
            "CN",
            "national",
            "law_regulation",
            "ai_general",
            "neutral",
            "neutral",
            "Content rules.",
        ),
        (
            "X5",
            "2025-08-26",
            "day",
            "CN",
            "national",
            "strategy_plan",
            "ai_general",
            "promote",
            "engage",
            "Open-source plan.",
        ),
        (
            "X6",
            "2025-05-19",
            "month",
            "MY",
            "national",
            "strategy_plan",
            "chinese_models_apps",
            "promote",
            "engage",
            "Hosts a Chinese open model.",
        ),
        (
            "X7",
            "2024-12-12",
            "day",
            "MY",
            "national",
            "strategy_plan",
            "ai_general",
            "neutral",
            "neutral",
            "Partnerships with US cloud firms.",
        ),
        (
            "X8",
            "2025-02-17",
            "day",
            "KR",
            "national",
            "law_regulation",
            "chinese_models_apps",
            "neutral",
            "restrict",
            "App downloads suspended.",
        ),
        (
            "X9",
            "2025-04-01",
            "day",
            "KR",
            "national",
            "law_regulation",
            "chinese_models_apps",
            "neutral",
            "engage",
            "App returned.",
        ),
        (
            "X10",
            "2023-11-01",
            "day",
            "INT",
            "multilateral",
            "diplomacy_white_paper",
            "ai_general",
            "neutral",
            "engage",
            "Declaration.",
        ),
    ]
    frame = pd.DataFrame(
        [(r[0], r[1], r[2], r[3], r[4], "actor " + r[0], *r[5:]) for r in rows], columns=COLUMNS
    )
    return policy.prepare_events(frame)


# --- blocs and preparation ---------------------------------------------------------------------
def test_bloc_of():
    assert policy.bloc_of("US") == policy.US_BLOC
    assert policy.bloc_of("HK") == policy.CN_BLOC
    assert policy.bloc_of("EU") == policy.EUROPE_BLOC
    assert policy.bloc_of("CZ") == policy.EUROPE_BLOC
    assert policy.bloc_of("GB") == policy.EUROPE_BLOC
    assert policy.bloc_of("JP") == policy.ALLIES_BLOC
    assert policy.bloc_of("MY") == policy.BRIDGE_BLOC
    assert policy.bloc_of("INT") == policy.INT_BLOC
    assert policy.bloc_of("ZZ") == policy.OTHER_BLOC


def test_prepare_events_sorts_and_flags_proposals():
    events = make_events()
    assert events["event_id"].tolist()[:3] == ["X1", "X4", "X10"]
    assert events.loc[events["is_proposal"], "event_id"].tolist() == ["X3"]
    assert events.set_index("event_id").loc["X6", "region"] == "South-East Asia"
    assert events.set_index("event_id").loc["X1", "region"] == policy.US_BLOC


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("The bill was introduced in May.", True),
        ("It had not been enacted as of this dataset.", True),
        ("It was dropped from the final NDAA.", True),
        ("The order took effect.", False),
        ("Enacted in June.", False),
    ],
)
def test_proposal_pattern(summary, expected):
    assert bool(policy.PROPOSAL_PATTERN.search(summary)) is expected


def test_jurisdiction_order_groups_by_bloc_then_first_date():
    # US (bloc 0), CN (1), KR (allies, 3), MY (bridge, 4), INT (5)
    assert policy.jurisdiction_order(make_events()) == ["US", "CN", "KR", "MY", "INT"]


# --- counts --------------------------------------------------------------------------------------
def test_headline_counts():
    counts = policy.headline_counts(make_events())
    assert counts == {
        "events": 10,
        "jurisdictions": 4,  # US, CN, MY, KR (INT is not a jurisdiction)
        "international_events": 1,
        "restrict_chinese_ai": 4,  # X1, X2, X3, X8
        "engage_chinese_ai": 4,  # X5, X6, X9, X10
        "promote_open_models": 2,  # X5, X6
        "restrict_open_models": 0,
    }


def test_counts_by_instrument():
    table = policy.counts_by_instrument(make_events())
    assert table.loc["procurement_device_ban", "restrict"] == 2
    assert table.loc["strategy_plan", "engage"] == 2
    assert table.loc["strategy_plan", "neutral"] == 1
    assert table.loc["strategy_plan", "promote_open_weights"] == 2
    assert table.loc["law_regulation"].tolist() == [1, 1, 1, 3, 0]
    assert table.loc["total", "total"] == 10
    assert table.loc["total", "promote_open_weights"] == 2
    assert "investment_funding" not in table.index


def test_counts_by_bloc():
    table = policy.counts_by_bloc(make_events())
    assert table.index.tolist() == [
        policy.US_BLOC,
        policy.CN_BLOC,
        policy.ALLIES_BLOC,
        policy.BRIDGE_BLOC,
        policy.INT_BLOC,
        "total",
    ]
    assert table.loc[policy.US_BLOC, "restrict"] == 3
    assert table.loc[policy.BRIDGE_BLOC, "promote_open_weights"] == 1
    assert table.loc["total", "jurisdictions"] == 4  # governments only: forums are not jurisdictions
    assert pd.isna(table.loc[policy.INT_BLOC, "jurisdictions"])
    assert table.loc["total", "jurisdictions"] == policy.headline_counts(make_events())["jurisdictions"]
    assert table.loc["total", "total"] == 10


def test_counts_by_jurisdiction():
    table = policy.counts_by_jurisdiction(make_events())
    assert table.index.tolist() == ["US", "CN", "KR", "MY", "INT"]
    assert table.loc["KR"].tolist() == [policy.ALLIES_BLOC, 2, 1, 1, 0, "2025-02-17", "2025-04-01"]
    assert table.loc["US", "first"] == "2022-10-07"


def test_stance_matrix():
    table = policy.stance_matrix(make_events())
    assert table.loc["promote", "engage"] == 2
    assert table.loc["neutral", "restrict"] == 4
    assert "restrict" not in table.index  # no event restricts open weights
    assert table.loc["total", "total"] == 10


def test_event_table_formats_month_precision():
    table = policy.event_table(make_events())
    dates = dict(zip(table["event_id"], table["date"], strict=True))
    assert dates["X6"] == "2025-05"
    assert dates["X1"] == "2022-10-07"


def test_select_and_direction_by_year():
    events = make_events()
    us = policy.select(events, jurisdictions=["US"], exclude_targets=["chinese_models_apps"])
    assert us["event_id"].tolist() == ["X1"]
    table = policy.direction_by_year(events, "KR", "law_regulation")
    assert table.loc[2025].tolist() == [1, 1, 0]


def test_china_tracks():
    tracked = policy.china_tracks(make_events())
    assert dict(zip(tracked["event_id"], tracked["track"], strict=True)) == {
        "X4": policy.CN_TRACK_CONTENT,
        "X5": policy.CN_TRACK_PROMOTE,
    }
    counts = policy.track_counts(tracked)
    assert counts["events"].tolist() == [1, 1]


# --- bans ------------------------------------------------------------------------------------------
def test_bans_exclude_proposals_and_lifting():
    banned = policy.bans(make_events())
    # X3 is only a bill; X9 lifts a suspension (engage); X6 engages
    assert banned["event_id"].tolist() == ["X2", "X8"]


def test_first_ban_by_country_and_date():
    events = make_events()
    table = policy.first_ban_by_country(events)
    assert table["jurisdiction"].tolist() == ["US", "KR"]
    assert table["first_ban"].tolist() == ["2025-02-01", "2025-02-17"]
    assert table["bans"].tolist() == [1, 1]
    # the bill of 2025-01-20 is earlier but not a ban
    assert policy.first_ban_date(events) == "2025-02-01"
    assert policy.first_ban_date(events.iloc[0:0]) == ""
    assert policy.first_ban_by_country(events.iloc[0:0]).empty


def test_countries_within_days():
    table = policy.first_ban_by_country(make_events())
    assert policy.countries_within_days(table, 16) == 2  # 2025-02-01 and 2025-02-17
    assert policy.countries_within_days(table, 15) == 1
    assert policy.countries_within_days(table.iloc[0:0], 30) == 0


def test_direction_by_year_leaves_out_proposals():
    events = make_events()
    enacted = policy.direction_by_year(events, "US", "procurement_device_ban")
    assert enacted.loc[2025, "restrict"] == 1  # X2 only; X3 is a bill
    every = policy.direction_by_year(events, "US", "procurement_device_ban", enacted_only=False)
    assert every.loc[2025, "restrict"] == 2


def test_days_between():
    assert policy.days_between("2025-01-24", "2025-02-04") == 11


# --- bridge countries -----------------------------------------------------------------------------
def test_bridge_hedging():
    table = policy.bridge_hedging(make_events())
    assert table.index.tolist() == ["MY"]
    assert table.loc["MY", "engage_china"] == 1
    assert table.loc["MY", "us_tie"] == 1  # "US cloud firms"
    assert bool(table.loc["MY", "hedges"]) is True
    assert policy.hedger_names(table) == "Malaysia"
    assert policy.hedger_names(table.assign(hedges=False)) == "none"
    ties = policy.bridge_tie_events(make_events())
    assert ties["event_id"].tolist() == ["X7", "X6"]
    assert ties["us_tie"].tolist() == [True, False]


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        ("deal with the US government", True),
        ("built on Meta's Llama 3.1", True),
        ("American cloud", True),
        ("USD 300m fund", False),
        ("Huawei servers", False),
    ],
)
def test_us_tie_pattern(summary, expected):
    assert bool(policy.US_TIE_PATTERN.search(summary)) is expected


@pytest.mark.parametrize(
    ("url", "law_firm"),
    [
        ("https://ca.hoganlovells.com/en/publications/x", True),
        ("https://www.mondaq.com/unitedstates/x", True),
        ("https://evenkeelnews.pages.dev/article/x", False),
        (None, False),
        (float("nan"), False),
    ],
)
def test_law_firm_notes_are_recognised(url, law_firm):
    assert sourcekinds.is_law_firm(url) is law_firm


def test_best_source_and_source_counts_use_the_stored_kinds():
    events = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-01-01", "2025-06-01", "2026-01-01", "2026-02-01"]),
            "source_kind": ["secondary", "news", "primary", "secondary"],
            "source_kind_2": ["primary", "secondary", np.nan, ""],
        }
    )
    assert policy.best_source(events).tolist() == ["primary", "news", "primary", "secondary"]
    counts = policy.source_counts(events)
    assert counts.columns.tolist() == list(sourcekinds.KINDS)
    assert counts.loc[2025].tolist() == [1, 1, 0] and counts.loc[2026].tolist() == [1, 0, 1]


def test_first_law_by_jurisdiction():
    table = policy.first_law_by_jurisdiction(make_events(), targets=("ai_general", "chinese_models_apps"))
    assert table["jurisdiction"].tolist() == ["CN", "KR"]
    assert table["date"].tolist() == ["2023-07-13", "2025-02-17"]


# --- capability records ------------------------------------------------------------------------------
def make_models():
    return pd.DataFrame(
        {
            "model_name": ["u1", "u2", "u3", "c1", "c2", "c3", "c4"],
            "eci_score": [100.0, 99.0, 120.0, 90.0, 95.0, 94.0, np.nan],
            "release_date": pd.to_datetime(
                [
                    "2023-01-01",
                    "2023-06-01",
                    "2024-06-01",
                    "2023-03-01",
                    "2024-01-01",
                    "2024-07-01",
                    "2024-08-01",
                ]
            ),
            "country_group": ["United States"] * 3 + ["China"] * 4,
            "open_weights": [False, True, False, True, True, False, True],
        }
    )


def test_frontier_keeps_only_records():
    records = policy.frontier(make_models())
    china = records[records["country_group"].eq("China")]
    us = records[records["country_group"].eq("United States")]
    assert china["model_name"].tolist() == ["c1", "c2"]  # c3 (94) does not beat 95; c4 has no score
    assert us["model_name"].tolist() == ["u1", "u3"]
    assert us["best"].tolist() == [100.0, 120.0]


def test_frontier_open_only():
    records = policy.frontier(make_models(), open_only=True)
    assert records.loc[records["country_group"].eq("United States"), "model_name"].tolist() == ["u2"]
    assert records.loc[records["country_group"].eq("China"), "model_name"].tolist() == ["c1", "c2"]


def test_best_at_and_gap_at_events():
    records = policy.frontier(make_models())
    assert policy.best_at(records, "China", "2023-12-31") == (90.0, "c1")
    best, model = policy.best_at(records, "China", "2022-01-01")
    assert math.isnan(best) and model == ""
    events = pd.DataFrame({"event_id": ["E1", "E2"], "date": pd.to_datetime(["2024-03-01", "2024-07-01"])})
    gaps = policy.gap_at_events(records, events, ["E1", "E2"])
    assert gaps["gap_points"].tolist() == [5.0, 25.0]  # 100 - 95, then 120 - 95
    assert gaps["us_model"].tolist() == ["u1", "u3"]
    early = pd.DataFrame({"event_id": ["E0"], "date": pd.to_datetime(["2022-01-01"])})
    assert policy.gap_at_events(records, early, ["E0"])["china_model"].isna().all()  # missing, not ""
    assert policy.gap_on(records, "2023-04-01") == pytest.approx(10.0)  # 100 - 90
    assert math.isnan(policy.gap_on(records, "2023-02-01"))  # no Chinese model yet


def test_gap_path_and_open_share():
    records = policy.frontier(make_models())
    path = policy.gap_path(records)
    # 2023-01-01 is skipped (no Chinese record yet); then 100-90, 100-95, 120-95
    assert path["date"].dt.strftime("%Y-%m-%d").tolist() == ["2023-03-01", "2024-01-01", "2024-06-01"]
    assert path["gap_points"].tolist() == [10.0, 5.0, 25.0]
    assert path["follower_model"].tolist() == ["c1", "c2", "c2"]
    assert policy.record_open_share(records, "China") == 1.0
    assert policy.record_open_share(records, "United States") == 0.0
    assert records["open_weights"].tolist() == [True, True, False, False]


@given(st.lists(st.floats(0, 200, allow_nan=False), min_size=1, max_size=25))
def test_frontier_is_increasing_and_ends_at_the_maximum(scores):
    models = pd.DataFrame(
        {
            "model_name": [f"m{i:02d}" for i in range(len(scores))],
            "eci_score": scores,
            "release_date": pd.date_range("2023-01-01", periods=len(scores), freq="7D"),
            "country_group": "China",
            "open_weights": True,
        }
    )
    records = policy.frontier(models)
    assert records["best"].is_monotonic_increasing and records["best"].is_unique
    assert records["best"].iloc[-1] == pytest.approx(max(scores))


# --- figures -------------------------------------------------------------------------------------------
def test_offsets_cycle_within_close_clusters():
    events = pd.DataFrame(
        {
            "jurisdiction": ["US", "US", "US", "US", "CN"],
            "date": pd.to_datetime(["2025-01-01", "2025-01-05", "2025-01-10", "2025-06-01", "2025-06-02"]),
        }
    )
    assert policy_plots._offsets(events).tolist() == [0.0, 0.2, -0.2, 0.0, 0.0]


def test_figures_draw():
    events = make_events()
    fig = policy_plots.plot_timeline(events)
    assert len(fig.axes[0].get_yticklabels()) == 5
    later = events.assign(date=events["date"] + pd.DateOffset(years=3))  # a table extended past any fixed end
    fig = policy_plots.plot_timeline(later)
    left, right = fig.axes[0].get_xlim()
    assert right > mdates.date2num(later["date"].max())  # the latest event is inside the axis, not cut off
    fig = policy_plots.plot_instrument_counts(events)
    assert len(fig.axes[0].patches) == 5 * 3  # five instruments present × three stances
    records = policy.frontier(make_models())
    events = pd.DataFrame({"event_id": ["E005"], "date": pd.to_datetime(["2023-05-01"])})
    fig = policy_plots.plot_frontier_with_events(
        records, policy.frontier(make_models(), open_only=True), events
    )
    assert len(fig.axes[0].lines) == 4 + 1  # four step lines and one event marker
    assert "US chip export controls" in fig.axes[0].texts[-1].get_text()


def test_every_instrument_target_and_level_the_schema_allows_has_a_label():
    from openweights.schemas import CURATED_SCHEMAS

    allowed = CURATED_SCHEMAS["policy_events"].enums
    assert set(policy.INSTRUMENT_LABELS) == set(policy.INSTRUMENTS) == set(allowed["instrument"])
    assert set(policy.TARGET_LABELS) == set(policy.TARGETS) == set(allowed["target"])
    assert set(policy.LEVEL_LABELS) == set(policy.LEVELS) == set(allowed["level"])


def test_force_facts_count_only_enacted_binding_restrictions_as_in_force():
    import pandas as pd

    from openweights.analysis import policy

    events = pd.DataFrame(
        {
            "stance_chinese_ai": ["restrict", "restrict", "restrict", "restrict", "engage"],
            "stance_open_weights": ["neutral"] * 5,
            "binding": ["yes", "yes", "no", "yes", "yes"],
            "status": ["enacted", "proposed", "enacted", "lapsed", "enacted"],
            "ban_scope": ["service_or_app;devices", "download_or_run_weights", "", "chips_or_compute", ""],
            "source_kind": ["secondary", "news", "primary", "primary", "primary"],
            "source_kind_2": [None, "", "", "", ""],
        }
    )
    facts = policy.force_facts(events)
    assert facts["policy_restrict_all"] == 4 and facts["policy_restrict_enacted_binding"] == 1
    assert facts["policy_restrict_proposed"] == 1 and facts["policy_restrict_lapsed"] == 1
    assert facts["policy_restrict_nonbinding"] == 1 and facts["policy_restrict_weights"] == 1
    assert facts["policy_restrict_binding_secondary_only"] == 1
    scopes = policy.scope_table(events)
    assert scopes.loc["a service or app", "enacted, binding"] == 1
    assert scopes.loc["downloading or running weights", "other"] == 1


def test_committed_policy_events_code_force_and_scope():
    import pandas as pd

    from openweights.paths import CURATED_DIR
    from openweights.schemas import BAN_SCOPES

    events = pd.read_csv(CURATED_DIR / "policy_events.csv", dtype=str, keep_default_na=False)
    scopes = {s for value in events["ban_scope"] for s in value.split(";") if s}
    assert scopes <= set(BAN_SCOPES)
    assert events.loc[events["date"].ge("2026"), "source_kind"].ne("").all()
