"""Capability frontiers, gap, lag and its bootstrap on small synthetic series with hand-checked answers."""

import numpy as np
import pandas as pd
import pytest

from openweights.analysis import capability as cap
from openweights.analysis import resampling


def synthetic():
    """Closed: A 100 (2024-01-15), B 120 (2024-06-10), C 140 (2025-01-05).
    Open: X 90 (2024-03-01), Y 115 (2024-12-20), Z 125 (2025-06-30, which is also "now")."""
    rows = [
        ("A", 100.0, "2024-01-15", False, "United States"),
        ("B", 120.0, "2024-06-10", False, "United States"),
        ("C", 140.0, "2025-01-05", False, "United States"),
        ("X", 90.0, "2024-03-01", True, "United States"),
        ("Y", 115.0, "2024-12-20", True, "China"),
        ("Z", 125.0, "2025-06-30", True, "China"),
    ]
    frame = pd.DataFrame(
        rows, columns=["model_name", "eci_score", "release_date", "open_weights", "country_group"]
    )
    frame["release_date"] = pd.to_datetime(frame["release_date"])
    return cap.add_openness(frame)


def test_add_openness_maps_flags_and_keeps_unknown_missing():
    frame = pd.DataFrame({"open_weights": pd.array([True, False, pd.NA], dtype="boolean")})
    out = cap.add_openness(frame)
    assert out["openness"].iloc[0] == "Open weights"
    assert out["openness"].iloc[1] == "Closed"
    assert pd.isna(out["openness"].iloc[2])


def test_running_frontier_is_a_monthly_running_max():
    frontier = cap.running_frontier(synthetic(), "openness")
    closed = frontier[frontier["openness"] == "Closed"].set_index("month")
    assert closed.loc["2024-01-01", "best_score"] == 100
    assert closed.loc["2024-05-01", "best_score"] == 100
    assert closed.loc["2024-06-01", "best_model"] == "B"
    assert closed.loc["2024-12-01", "best_score"] == 120
    assert closed.loc["2025-06-01", "best_model"] == "C"
    assert len(closed) == 18  # Jan 2024 .. Jun 2025
    opened = frontier[frontier["openness"] == "Open weights"].set_index("month")
    assert opened.index.min() == pd.Timestamp("2024-03-01")  # no open model before March 2024
    assert opened.loc["2025-05-01", "best_model"] == "Y"
    assert opened.loc["2025-06-01", "best_model"] == "Z"
    assert frontier.groupby("openness")["best_score"].apply(lambda s: s.is_monotonic_increasing).all()


def test_ties_go_to_the_earlier_release():
    frame = pd.DataFrame(
        {
            "model_name": ["late", "early"],
            "eci_score": [110.0, 110.0],
            "release_date": pd.to_datetime(["2024-05-01", "2024-02-01"]),
            "g": ["a", "a"],
        }
    )
    records = cap.frontier_records(frame, "g")
    assert records["model_name"].tolist() == ["early"]


def test_gap_now_and_gap_series():
    models = synthetic()
    assert cap.gap_now(models, "openness", "Closed", "Open weights") == pytest.approx(15.0)
    assert cap.gap_now(models, "openness", "Closed", "Open weights", "2024-12-31") == pytest.approx(5.0)
    gaps = cap.gap_series(cap.running_frontier(models, "openness"), "openness", "Closed", "Open weights")
    assert gaps.set_index("month").loc["2024-03-01", "gap_points"] == pytest.approx(10.0)
    assert gaps["gap_points"].iloc[-1] == pytest.approx(15.0)


def test_lag_is_months_since_the_closed_frontier_reached_todays_open_best():
    result = cap.lag_months(synthetic(), "openness", "Closed", "Open weights")
    # best open now: Z at 125; first closed model >= 125: C on 2025-01-05; now = 2025-06-30 -> 176 days
    assert result["follower_model"] == "Z"
    assert result["leader_model"] == "C"
    assert result["lag_months"] == pytest.approx(176 / (365.25 / 12))


def test_lag_is_zero_when_the_follower_is_ahead_and_respects_an_earlier_now():
    models = synthetic()
    ahead = cap.lag_months(models, "openness", "Open weights", "Closed")
    assert ahead["lag_months"] == 0.0
    assert ahead["leader_model"] == ""
    # at the end of 2024 the best open model is Y (115); closed B (120) reached it on 2024-06-10
    earlier = cap.lag_months(models, "openness", "Closed", "Open weights", now="2024-12-31")
    assert earlier["follower_model"] == "Y"
    assert earlier["lag_months"] == pytest.approx(204 / (365.25 / 12))


def test_bootstrap_interval_contains_the_estimate_and_is_deterministic():
    models = synthetic()
    first = cap.bootstrap_lag(models, "openness", "Closed", "Open weights", n_boot=400, seed=7)
    second = cap.bootstrap_lag(models, "openness", "Closed", "Open weights", n_boot=400, seed=7)
    assert first.equals(second)
    point = cap.lag_months(models, "openness", "Closed", "Open weights")["lag_months"]
    assert first["estimate"] == pytest.approx(point)
    assert first["low"] <= first["estimate"] <= first["high"]
    assert first["low"] < first["high"]


def test_vectorised_resamples_match_recomputing_on_each_subset():
    models = synthetic().sort_values(["release_date", "model_name"], ignore_index=True)
    counts = resampling.resample_counts(len(models), 30, seed=3)
    assert (counts.sum(axis=1) == len(models)).all()
    frame, score, day, lead, follow = cap._lag_inputs(models, "openness", "Closed", "Open weights")
    now = cap.now_of(models)
    now_day = float(cap._day_numbers(pd.Series([now]))[0])
    lags = cap._lag_days(score, day, lead, follow, counts, now_day) / cap.DAYS_PER_MONTH
    for row, lag in zip(counts, lags, strict=True):
        subset = frame[row > 0]
        if not subset["openness"].eq("Open weights").any():
            assert np.isnan(lag)
            continue
        expected = cap.lag_months(subset, "openness", "Closed", "Open weights", now=now)["lag_months"]
        assert lag == pytest.approx(expected)


def test_open_leader_by_month_and_share_held_by_china():
    leaders = cap.open_leader_by_month(synthetic())
    # X (US) leads Mar-Nov 2024 (9 months), Y (China) Dec 2024 - May 2025, Z (China) Jun 2025
    assert leaders["month"].min() == pd.Timestamp("2024-03-01")
    assert leaders.set_index("month").loc["2024-11-01", "country_group"] == "United States"
    assert leaders.set_index("month").loc["2024-12-01", "best_model"] == "Y"
    assert cap.share_of_months(leaders, "China", "2024-01-01") == pytest.approx(7 / 16)
    assert cap.share_of_months(leaders, "China", "2025-01-01") == pytest.approx(1.0)


def test_frontier_at_release_compares_with_the_best_reference_model_then():
    models = synthetic()
    table = cap.frontier_at_release(models, ["Y", "X"], models["openness"].eq("Closed"), label="closed")
    assert table["closed_best_model"].tolist() == ["B", "A"]
    assert table["gap_points"].tolist() == pytest.approx([5.0, 10.0])


def test_lag_history_tracks_the_lag_month_by_month():
    history = cap.lag_history(
        synthetic(), "openness", "Closed", "Open weights", cap.month_range("2024-02", "2024-04")
    )
    # no open model in Feb 2024; end of March: X (90) reached by A on 2024-01-15 -> 76 days
    assert history["month"].tolist() == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-04-01")]
    assert history["lag_months"].iloc[0] == pytest.approx(76 / (365.25 / 12))


def test_open_leader_is_carried_forward_to_the_last_release_of_any_model():
    models = synthetic()
    later = pd.DataFrame(
        {
            "model_name": ["D"],
            "eci_score": [150.0],
            "release_date": [pd.Timestamp("2025-08-02")],
            "open_weights": [False],
            "country_group": ["United States"],
        }
    )
    leaders = cap.open_leader_by_month(cap.add_openness(pd.concat([models, later], ignore_index=True)))
    assert leaders["month"].max() == pd.Timestamp("2025-08-01")
    assert leaders["best_model"].iloc[-1] == "Z"


def test_fill_open_weights_prefers_epoch_and_falls_back_to_models_dev():
    models = pd.DataFrame(
        {"model_name": ["A", "B", "C"], "open_weights": pd.array([True, pd.NA, pd.NA], dtype="boolean")}
    )
    identity = pd.DataFrame({"eci_model_name": ["A", "B", None], "modelsdev_id": ["lab/a", "lab/b", "lab/c"]})
    catalogue = pd.DataFrame({"model_id": ["lab/a", "lab/b"], "open_weights": [False, False]})
    out = cap.fill_open_weights(models, identity, catalogue)
    assert out["open_weights"].tolist()[:2] == [True, False]
    assert pd.isna(out["open_weights"].iloc[2])
    assert out["openness_source"].tolist() == ["Epoch", "models.dev", "unknown"]
    assert not out["gated"].any()


def test_fill_open_weights_uses_our_research_last():
    models = pd.DataFrame(
        {"model_name": ["A", "B", "C"], "open_weights": pd.array([True, pd.NA, pd.NA], dtype="boolean")}
    )
    identity = pd.DataFrame({"eci_model_name": ["B"], "modelsdev_id": ["lab/b"]})
    catalogue = pd.DataFrame({"model_id": ["lab/b"], "open_weights": [True]})
    researched = pd.DataFrame(
        {
            "model_name": ["A", "B", "C"],
            "open_weights": ["no", "no", "no"],
            "generally_available": ["yes", "yes", "no"],
        }
    )
    out = cap.fill_open_weights(models, identity, catalogue, researched)
    assert out["open_weights"].tolist() == [True, True, False]  # Epoch, then models.dev, win over ours
    assert out["openness_source"].tolist() == ["Epoch", "models.dev", "our research"]
    assert out["gated"].tolist() == [False, False, True]


def test_researched_licence_corrects_epochs_accessibility():
    models = pd.DataFrame(
        {
            "model_name": ["A", "B"],
            "open_weights": pd.array([True, True], dtype="boolean"),
            "accessibility": ["open_unrestricted", "open_restricted"],
        }
    )
    researched = pd.DataFrame(
        {
            "model_name": ["A", "B"],
            "open_weights": ["yes", "yes"],
            "generally_available": ["yes", "yes"],
            "licence": ["open_restricted", "open_restricted"],  # B only confirms Epoch
        }
    )
    empty = pd.DataFrame({"model_id": [], "open_weights": []})
    no_links = pd.DataFrame({"eci_model_name": [], "modelsdev_id": []})
    out = cap.fill_open_weights(models, no_links, empty, researched)
    assert out["accessibility"].tolist() == ["open_restricted", "open_restricted"]
    assert out["licence_source"].tolist() == ["our research", "Epoch"]


def test_attach_prices_and_cheapest_at_or_above():
    models = pd.DataFrame({"model_name": ["A", "B", "C"], "eci_score": [140.0, 150.0, 155.0]})
    identity = pd.DataFrame(
        {
            "model_key": ["p/a", "q/b", "r/c"],
            "name": ["A", "B", "C"],
            "org_id": ["p", "q", "r"],
            "country_group": ["China", "United States", "China"],
            "eci_model_name": ["A", "B", "C"],
            "genai_prices_id": ["p:a", "h:b", None],
        }
    )
    # B: the link points at a host (h); its developer q lists it too, and the developer's price wins.
    # A: the developer lists it twice (a cheaper alias, a deprecated cheapest): the cheaper live one wins.
    prices = pd.DataFrame(
        {
            "provider_id": ["p", "p", "p", "h", "q"],
            "model_id": ["a", "a-alias", "a-old", "b", "b"],
            "price_input_usd_per_mtok": [1.5, 1.0, 0.1, 2.0, 3.0],
            "price_output_usd_per_mtok": [4.0, 4.0, 0.1, 10.0, 12.0],
            "canonical_model_key": ["p/a", "p/a", "p/a", "q/b", "q/b"],
            "provider_org_id": ["p", "p", "p", "h", "q"],
            "deprecated": [False, False, True, False, False],
        }
    )
    priced = cap.attach_prices(models, identity, prices)
    assert priced["model_name"].tolist() == ["A", "B"]
    assert priced["price_provider"].tolist() == ["p", "q"]
    assert priced["price_input"].tolist() == [1.0, 3.0]
    # Without a developer listing, the linked (host) listing is used.
    host_only = cap.attach_prices(models, identity, prices[prices["provider_id"] != "q"])
    assert host_only.set_index("model_name").loc["B", ["price_provider", "price_input"]].tolist() == [
        "h",
        2.0,
    ]
    priced["price_blended"] = (3 * priced["price_input"] + priced["price_output"]) / 4
    everyone = pd.Series(True, index=priced.index)
    assert cap.cheapest_at_or_above(priced, 139.0, everyone)["model_name"] == "A"
    assert cap.cheapest_at_or_above(priced, 145.0, everyone)["price_blended"] == pytest.approx(5.25)
    assert cap.cheapest_at_or_above(priced, 151.0, everyone)["model_name"] == ""


def test_cheapest_by_threshold_and_best_open_by_lab():
    priced = pd.DataFrame(
        {
            "model_name": ["a", "b", "c"],
            "eci_score": [140.0, 146.0, 150.0],
            "price_blended": [0.5, 2.0, 1.0],
            "seg": ["x", "x", "y"],
        }
    )
    table = cap.cheapest_by_threshold(
        priced, [139, 145], {"x": priced["seg"].eq("x"), "y": priced["seg"].eq("y")}
    )
    assert table["model_name"].tolist() == ["a", "c", "b", "c"]
    models = synthetic().assign(org_id=["o1", "o1", "o2", "lab_x", "lab_y", "lab_y"])
    labs = cap.best_open_by_lab(models, "China")
    assert labs["lab"].tolist() == ["lab_y"]
    assert labs.loc[0, "model_name"] == "Z"
    assert labs.loc[0, "closed_best_model"] == "C"
    assert labs.loc[0, "gap_points"] == pytest.approx(15.0)


def test_frontier_facts_collects_plain_values():
    models = synthetic().assign(openness_source="Epoch", gated=False)
    extra = pd.DataFrame(
        {
            "model_name": ["U", "G"],
            "eci_score": [150.0, 160.0],
            "release_date": [pd.Timestamp("2025-03-01"), pd.Timestamp("2025-04-01")],
            "open_weights": pd.array([pd.NA, False], dtype="boolean"),
            "country_group": ["United States", "United States"],
            "openness_source": ["unknown", "our research"],
            "gated": [False, True],
        }
    )
    models = cap.add_openness(pd.concat([models, extra], ignore_index=True))
    facts = cap.frontier_facts(models, n_boot=200, seed=1)
    assert facts["eci_now"] == "2025-06-30"
    assert facts["eci_gap_points_latest"] == pytest.approx(35.0)  # G (closed, gated) sets the top
    assert facts["eci_best_closed_model"] == "G"
    assert facts["eci_gap_points_public_only"] == pytest.approx(15.0)  # without G; U (unknown) left out
    assert facts["eci_best_closed_public_model"] == "C"
    assert facts["eci_gated_models"] == "G"
    assert facts["eci_lag_leader_model"] == "C"
    assert (facts["eci_openness_unknown"], facts["eci_openness_researched"]) == (1, 1)
    assert facts["eci_lag_months_low"] <= facts["eci_lag_months_latest"] <= facts["eci_lag_months_high"]
    assert all(isinstance(v, (int, float, str)) for v in facts.values())


def test_country_facts_gap_history_and_share():
    facts = cap.country_facts(synthetic(), since="2024-01-01", year_end="2024-12-31")
    # US best: A 100 (Jan), B 120 (Jun), C 140 (Jan 2025); China best: Y 115 (Dec 2024), Z 125 (Jun 2025)
    assert facts["eci_gap_cn_us_end2024"] == pytest.approx(5.0)
    assert facts["eci_gap_cn_us_latest"] == pytest.approx(15.0)
    assert facts["eci_gap_cn_us_min"] == pytest.approx(5.0)
    assert facts["eci_gap_cn_us_min_month"] == "December 2024"
    assert facts["best_open_model_cn_share_since_2024"] == pytest.approx(7 / 16)
    assert facts["cn_open_lead_since"] == "December 2024"
    assert facts["eci_gap_cn_us_public_only"] == pytest.approx(15.0)  # no gated column: nothing left out


def test_country_facts_gap_without_gated_models():
    models = synthetic().assign(gated=lambda frame: frame["model_name"].eq("C"))
    facts = cap.country_facts(models, since="2024-01-01", year_end="2024-12-31")
    # without C (140), the best US model is B (120), 5 points below China's Z (125)
    assert facts["eci_gap_cn_us_latest"] == pytest.approx(15.0)
    assert facts["eci_gap_cn_us_public_only"] == pytest.approx(-5.0)


def _random_models(seed: int, n: int = 80) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    models = pd.DataFrame(
        {
            "model_name": [f"m{i:03d}" for i in range(n)],
            "eci_score": rng.normal(120, 15, n).round(1),
            "release_date": pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 900, n), unit="D"),
            "openness": rng.choice(["Open weights", "Closed"], n, p=[0.3, 0.7]),
        }
    )
    # every third model on a month's last day: the boundary between one month's window and the next
    models.loc[::3, "release_date"] = models.loc[::3, "release_date"] + pd.offsets.MonthEnd(0)
    return models


def _month_end_follower() -> pd.DataFrame:
    # Y (open, 95) lands on 31 March: counted, the lag at March's end is from B (45 days), else A (81)
    return pd.DataFrame(
        {
            "model_name": ["X", "A", "B", "Y"],
            "eci_score": [80.0, 85.0, 100.0, 95.0],
            "release_date": pd.to_datetime(["2024-01-05", "2024-01-10", "2024-02-15", "2024-03-31"]),
            "openness": ["Open weights", "Closed", "Closed", "Open weights"],
        }
    )


@pytest.mark.parametrize("dataset", ["random-1", "random-2", "random-3", "month-end"])
def test_lag_history_equals_lag_months_evaluated_month_by_month(dataset):
    models = _month_end_follower() if dataset == "month-end" else _random_models(int(dataset[-1]))
    months = cap.month_range("2022-11-01", "2025-09-01")
    history = cap.lag_history(models, "openness", "Closed", "Open weights", months)
    latest = cap.now_of(models)
    expected = []
    for month in months:
        at = min(month + pd.offsets.MonthEnd(0), latest)
        released = models[models["release_date"] <= at]
        if {"Closed", "Open weights"} <= set(released["openness"]):
            lag = cap.lag_months(released, "openness", "Closed", "Open weights", now=at)["lag_months"]
            expected.append((month, lag))
    assert history["month"].tolist() == [month for month, _ in expected]
    assert history["lag_months"].tolist() == pytest.approx([lag for _, lag in expected])
    if dataset == "month-end":
        assert history.set_index("month").loc["2024-03-01", "lag_months"] == pytest.approx(45 / (365.25 / 12))


def test_gap_variants_and_ranges_show_what_single_models_and_dates_do():
    import pandas as pd

    from openweights.analysis import capability as cap

    models = pd.DataFrame(
        {
            "model_name": ["US closed", "US gated", "CN open firm", "CN open new"],
            "eci_score": [150.0, 160.0, 140.0, 148.0],
            "release_date": pd.to_datetime(["2025-06-01", "2026-01-01", "2025-07-01", "2026-02-01"]),
            "country_group": ["United States", "United States", "China", "China"],
            "openness": [cap.CLOSED, cap.CLOSED, cap.OPEN, cap.OPEN],
            "gated": [False, True, False, False],
            "confidence": ["confident", "likely", "confident", "unverified"],
        }
    )
    table = cap.gap_variants(models).set_index("sample")
    assert table.loc["all models", "open_gap"] == 12.0  # gated 160 against provisional 148
    assert table.loc["without gated models", "open_gap"] == 2.0
    assert table.loc["without provisional scores", "best_open_model"] == "CN open firm"
    assert table.loc["without either", "cn_us_gap"] == 10.0
    gaps = pd.DataFrame(
        {
            "month": pd.date_range("2025-01-01", periods=14, freq="MS"),
            "gap_points": [float(i) for i in range(14)],
        }
    )
    assert cap.gap_range(gaps, "2026-02-01", 12) == {"low": 2.0, "median": 7.5, "high": 13.0, "months": 12}


def test_standing_at_a_claims_date_counts_the_leaders_models_matched():
    models = cap.add_openness(
        pd.DataFrame(
            {
                "model_name": ["us-a", "us-b", "us-late", "cn-a"],
                "country_group": ["United States", "United States", "United States", "China"],
                "release_date": ["2024-01-01", "2024-03-01", "2024-09-01", "2024-05-01"],
                "eci_score": [120.0, 130.0, 140.0, 125.0],
                "open_weights": [True, False, False, True],
            }
        )
    )
    facts = cap.standing_at(models, "2024-07-01", "x")
    assert facts["best_cn_model_x"] == "cn-a"
    assert facts["eci_gap_cn_us_x"] == pytest.approx(5.0)  # us-late was not out yet
    assert (facts["us_models_beaten_x"], facts["us_models_scored_x"]) == (1, 2)
    assert (facts["us_open_beaten_x"], facts["us_open_scored_x"]) == (1, 1)
