"""Tests of openweights.analysis.openness and openweights.plots.openness on small synthetic frames."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from openweights.analysis import openness as o
from openweights.plots import openness as po


def releases(rows):
    """Build a release table from (model, org_id, group, date, open, eci, params, source) tuples."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "model",
            "org_id",
            "country_group",
            "release_date",
            "open_weights",
            "eci_score",
            "parameters",
            "source",
        ],
    )
    frame["release_date"] = pd.to_datetime(frame["release_date"])
    frame["open_weights"] = frame["open_weights"].astype("boolean")
    frame["half_year"] = o.half_year(frame["release_date"])
    frame["sources"] = frame["source"]
    frame["key"] = frame["model"]
    return frame


# --- releases ------------------------------------------------------------------------------------------------


def test_half_year_labels_and_missing_dates():
    labels = o.half_year(pd.Series(["2025-06-30", "2025-07-01", None, "2024-01-01"]))
    assert labels.tolist()[:2] == ["2025-H1", "2025-H2"]
    assert pd.isna(labels.iloc[2])
    assert labels.iloc[3] == "2024-H1"


def test_half_years_between():
    assert o.half_years_between("2025-H2", "2026-H1") == 1
    assert o.half_years_between("2023-H2", "2024-H2") == 2
    assert o.half_years_between("2026-H1", "2026-H1") == 0


def test_modelsdev_releases_folds_aliases_and_drops_non_text_models():
    md = pd.DataFrame(
        {
            "model_id": [
                "lab/a-20250101",
                "lab/a",
                "lab/a-latest",
                "lab/b",
                "lab/b-highspeed",
                "lab/img",
            ],
            "release_date": [
                "2025-01-01",
                "2025-01-02",
                "2025-02-01",
                "2025-03-01",
                "2025-03-02",
                "2025-01-01",
            ],
            "open_weights": [False, False, False, True, True, False],
            "output_modalities": ["text", "text", "text", "text", "text", "image"],
            "weights_hf_repo": ["", "", "", "org/B", "org/b", ""],
            "org_id": ["lab"] * 6,
            "country_group": ["China"] * 6,
        }
    )
    out = o.modelsdev_releases(md)
    assert sorted(out["model"]) == ["lab/a-20250101", "lab/b"]  # earliest row of each alias group
    assert set(out["source"]) == {"modelsdev_models"}


def test_combine_releases_keeps_one_row_per_key_in_priority_order():
    epoch = pd.DataFrame(
        {
            "model": ["M1", "E-only", "Secret"],
            "publication_date": ["2024-01-10", "2024-02-01", "2024-03-01"],
            "domains": ["Language", "Language", "Language"],
            "accessibility": ["open_restricted", "api", "unreleased"],
            "open_weights": [True, False, False],
            "parameters": [7e9, np.nan, 1e9],
            "org_id": ["x", "x", "x"],
            "country_group": ["China"] * 3,
            "canonical_model_key": ["x/m1", "", ""],
        }
    )
    eci = pd.DataFrame(
        {
            "model_name": ["M1 (ECI)", "Later"],
            "release_date": ["2024-01-15", "2025-09-01"],
            "accessibility": ["open_restricted", "unknown"],
            "open_weights": [True, None],
            "eci_score": [120.0, 140.0],
            "org_id": ["x", "x"],
            "country_group": ["China", "China"],
            "canonical_model_key": ["x/m1", "x/later"],
        }
    )
    md = pd.DataFrame(
        {
            "model_id": ["x/later"],
            "release_date": ["2025-09-02"],
            "open_weights": [True],
            "output_modalities": ["text"],
            "weights_hf_repo": ["x/Later"],
            "org_id": ["x"],
            "country_group": ["China"],
            "canonical_model_key": ["x/later"],
        }
    )
    out = o.combine_releases([o.epoch_releases(epoch), o.eci_releases(eci), o.modelsdev_releases(md)])
    assert len(out) == 3  # the unreleased model is dropped; M1 and Later are each one row
    m1 = out[out["key"].eq("x/m1")].iloc[0]
    assert m1["source"] == "epoch_models" and m1["sources"] == "epoch_models;eci_models"
    assert m1["eci_score"] == 120.0 and m1["parameters"] == 7e9
    later = out[out["key"].eq("x/later")].iloc[0]
    # ECI defines the row, but its unknown openness is filled from models.dev
    assert later["source"] == "eci_models" and bool(later["open_weights"]) is True
    assert later["half_year"] == "2025-H2"
    assert out["key"].tolist() == ["x/m1", "epoch_models:E-only", "x/later"]  # sorted by date


def test_lab_halfyear_counts_and_shares():
    rel = releases(
        [
            ("a", "deepseek", "China", "2025-01-05", True, np.nan, np.nan, "epoch_models"),
            ("b", "deepseek", "China", "2025-02-05", False, np.nan, np.nan, "eci_models"),
            ("c", "deepseek", "China", "2025-08-05", True, np.nan, np.nan, "modelsdev_models"),
            ("d", "openai", "United States", "2025-02-05", False, np.nan, np.nan, "eci_models"),
            ("e", "other", "Other", "2025-02-05", True, np.nan, np.nan, "eci_models"),
        ]
    )
    table = o.lab_halfyear(rel, labs={"deepseek": "DeepSeek", "openai": "OpenAI"})
    assert table[["lab", "half_year", "releases", "open"]].values.tolist() == [
        ["DeepSeek", "2025-H1", 2, 1],
        ["DeepSeek", "2025-H2", 1, 1],
        ["OpenAI", "2025-H1", 1, 0],
    ]
    assert table["open_share"].tolist() == [0.5, 1.0, 0.0]
    assert table.loc[0, "sources"] == "eci_models;epoch_models"
    share, count = o.heatmap_matrix(table, labs={"deepseek": "DeepSeek", "openai": "OpenAI"})
    assert share.loc["OpenAI", "2025-H1"] == 0.0 and np.isnan(share.loc["OpenAI", "2025-H2"])
    assert count.loc["DeepSeek", "2025-H1"] == 2


def test_group_halfyear_and_latest_share():
    rel = releases(
        [
            ("a", "x", "China", "2026-01-05", True, np.nan, np.nan, "modelsdev_models"),
            ("b", "x", "China", "2026-02-05", True, np.nan, np.nan, "modelsdev_models"),
            ("c", "y", "China", "2026-03-05", False, np.nan, np.nan, "modelsdev_models"),
            ("d", "z", "United States", "2026-02-05", False, np.nan, np.nan, "modelsdev_models"),
        ]
    )
    table = o.group_halfyear(rel)
    assert o.latest_share(table, "China", "2026-H1") == pytest.approx(2 / 3)
    assert o.latest_share(table, "United States", "2026-H1") == 0.0
    assert np.isnan(o.latest_share(table, "Europe", "2026-H1"))


def test_share_range_spans_the_half_years_from_a_start():
    table = pd.DataFrame(
        {
            "country_group": ["United States"] * 4 + ["China"],
            "half_year": ["2024-H2", "2025-H1", "2025-H2", "2026-H1", "2025-H1"],
            "open_share": [0.9, 0.27, 0.21, 0.36, 0.7],
        }
    )
    assert o.share_range(table, "United States", "2025-H1") == (0.21, 0.36)  # 2024-H2 is before the start
    assert o.share_range(table, "China", "2025-H1") == (0.7, 0.7)
    assert all(np.isnan(o.share_range(table, "Europe", "2025-H1")))


def test_flagships_by_eci_with_mixed_margin_and_fallbacks():
    rel = releases(
        [
            # lab a: closed top model, open rival 1.5 points below → mixed, flagship closed
            ("A-max", "a", "China", "2025-09-01", False, 145.0, np.nan, "eci_models"),
            ("A-open", "a", "China", "2025-08-01", True, 143.5, np.nan, "eci_models"),
            ("A-new", "a", "China", "2026-02-01", True, np.nan, np.nan, "modelsdev_models"),
            # lab b: open top model, closed rival 5 points below → open
            ("B1", "b", "China", "2025-03-01", True, 140.0, np.nan, "eci_models"),
            ("B2", "b", "China", "2025-04-01", False, 135.0, np.nan, "eci_models"),
            # lab c: old ECI score, newer unscored releases, no parameters → all releases, closed
            ("C-old", "c", "China", "2023-09-01", True, 110.0, np.nan, "eci_models"),
            ("C-new", "c", "China", "2024-10-01", False, np.nan, np.nan, "epoch_models"),
            # lab d: no scores; largest parameters decides
            ("D-big", "d", "United States", "2024-03-01", False, np.nan, 7e10, "epoch_models"),
            ("D-small", "d", "United States", "2024-04-01", True, np.nan, 7e9, "epoch_models"),
            # lab e: no scores, no parameters, both kinds → mixed without a flagship
            ("E1", "e", "China", "2026-01-01", True, np.nan, np.nan, "modelsdev_models"),
            ("E2", "e", "China", "2026-02-01", False, np.nan, np.nan, "modelsdev_models"),
        ]
    )
    labs = {k: k.upper() for k in "abcde"}
    flags = o.flagships(rel, labs=labs).set_index("lab_id")
    assert flags.loc["a", "flagship"] == "A-max" and flags.loc["a", "status"] == "mixed"
    assert not flags.loc["a", "flagship_open"] and flags.loc["a", "latest_half_year"] == "2026-H1"
    assert flags.loc["b", "status"] == "open" and flags.loc["b", "basis"] == "highest ECI"
    assert flags.loc["c", "basis"] == "all releases" and flags.loc["c", "status"] == "closed"
    assert flags.loc["d", "flagship"] == "D-big" and flags.loc["d", "status"] == "closed"
    assert flags.loc["e", "status"] == "mixed" and pd.isna(flags.loc["e", "flagship_open"])
    assert pd.isna(flags.loc["c", "flagship"])  # no single flagship: missing, so tables show a dash
    flags = flags.reset_index()
    assert o.count_closed_flagships(flags, "China") == 2  # a (closed top model) and c
    assert o.count_closed_flagships(flags, "China", since="2025-H1") == 1
    assert o.count_closed_flagships(flags, "United States") == 1
    assert o.recent_flagships(flags, "China", since="2025-H1")["lab_id"].tolist() == ["a", "b", "e"]
    assert o.closed_flagships(flags, "China", since="2025-H1")["lab_id"].tolist() == ["a"]
    assert set(o.LATEST_HALF_COLUMNS) < set(flags.columns)  # the chapter shows them in a table of their own


# --- the logistic model -------------------------------------------------------------------------------------


def test_org_type_and_domain_group():
    orgs = pd.Series(
        ["Industry", "Academia", "Academia;Industry", "Government", None, "Industry;Research collective"]
    )
    assert o.org_type(orgs).tolist() == [
        "Industry",
        "Academia",
        "Industry and academia",
        "Government, collective or unknown",
        "Government, collective or unknown",
        "Government, collective or unknown",
    ]
    domains = pd.Series(["Language;Vision", "Vision", "Image generation", "Biology", "Games", "Multimodal"])
    assert o.domain_group(domains).tolist() == [
        "Language",
        "Vision",
        "Image and video generation",
        "Biology",
        "Other",
        "Language",
    ]


def test_model_records_and_design_matrix():
    epoch = pd.DataFrame(
        {
            "model": ["a", "b", "c", "d"],
            "publication_date": pd.to_datetime(["2024-01-01", "2016-05-01", "2025-01-01", "2023-07-02"]),
            "open_weights": pd.array([True, False, pd.NA, False], dtype="boolean"),
            "accessibility": ["open_unrestricted", "api", "unknown", "unreleased"],
            "country_group": ["China", "United States", "China", "Europe"],
            "org_categorizations": ["Industry", "Academia", "Industry", "Academia;Industry"],
            "parameters": [1e10, 1e9, np.nan, np.nan],
            "training_compute_flop": [1e23, np.nan, np.nan, 1e24],
            "domains": ["Language", "Vision", "Language", "Biology"],
        }
    )
    rec = o.model_records(epoch)
    assert rec["model"].tolist() == ["d", "a"]  # b before 2017, c unknown openness; sorted by year
    assert o.model_records(epoch, released_only=True)["model"].tolist() == ["a"]
    X = o.design_matrix(rec).set_index(rec["model"])
    offset = 2024 - o.REFERENCE_YEAR  # 'a' is dated 2024-01-01
    assert X.loc["a", "country:China"] == 1 and X.loc["a", "year"] == pytest.approx(offset)
    assert X.loc["a", "year x China"] == pytest.approx(offset)
    assert X.loc["a", "log10 params"] == pytest.approx(0.0) and X.loc["a", "params unknown"] == 0
    assert X.loc["d", "params unknown"] == 1 and X.loc["d", "log10 params"] == 0
    assert X.loc["d", "log10 compute"] == pytest.approx(1.0)
    assert X.loc["d", "org:Industry and academia"] == 1 and X.loc["d", "domain:Biology"] == 1
    assert X.loc["d", "year x Europe"] == pytest.approx(X.loc["d", "year"]) and X.loc["d", "year"] < 0


def synthetic(n=4000, seed=1, b_china=1.0, b_year=0.3, b_cn_year=-0.6):
    rng = np.random.default_rng(seed)
    rec = pd.DataFrame(
        {
            "model": [f"m{i}" for i in range(n)],
            "country_group": rng.choice(["China", "United States", "Europe", "Other"], size=n),
            "year": rng.uniform(o.REFERENCE_YEAR - 6, o.REFERENCE_YEAR + 1, size=n),
            "org_type": rng.choice(list(o.ORG_TYPES), size=n),
            "log10_params": np.where(rng.random(n) < 0.7, rng.normal(10, 1, n), np.nan),
            "log10_compute": np.where(rng.random(n) < 0.5, rng.normal(23, 1, n), np.nan),
            "domain": rng.choice(list(o.DOMAINS), size=n),
        }
    )
    X = o.design_matrix(rec)
    eta = -0.2 + b_china * X["country:China"] + b_year * X["year"] + b_cn_year * X["year x China"]
    rec["open"] = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(int)
    return rec, X


def test_fit_recovers_known_coefficients():
    rec, X = synthetic()
    fit = o.fit_logit(X, rec["open"], C=100.0, n_boot=20)
    coef = dict(zip(fit.names, fit.coef, strict=True))
    assert coef["country:China"] == pytest.approx(1.0, abs=0.2)
    assert coef["year"] == pytest.approx(0.3, abs=0.07)
    assert coef["year x China"] == pytest.approx(-0.6, abs=0.12)
    assert abs(coef["log10 params"]) < 0.15 and abs(coef["domain:Vision"]) < 0.3
    table = o.odds_ratios(fit)
    ratio, low, high = o.term_ratio(table, "country:China")
    assert low < ratio < high and low < np.exp(1.0) < high
    trend, t_low, t_high = o.term_ratio(table, "trend per year: China")
    assert trend == pytest.approx(np.exp(coef["year"] + coef["year x China"]))
    assert o.trend_verdict(t_low, t_high) == "falling"  # true Chinese slope 0.3 - 0.6 < 0
    assert o.trend_verdict(*o.term_ratio(table, "trend per year: United States")[1:]) == "rising"


def test_bootstrap_is_reproducible_with_a_fixed_seed():
    rec, X = synthetic(n=600, seed=3)
    a = o.fit_logit(X, rec["open"], n_boot=15, seed=7)
    b = o.fit_logit(X, rec["open"], n_boot=15, seed=7)
    c = o.fit_logit(X, rec["open"], n_boot=15, seed=8)
    assert np.array_equal(a.boot, b.boot) and np.array_equal(a.coef, b.coef)
    assert not np.array_equal(a.boot, c.boot)
    assert a.boot.shape == (15, X.shape[1] + 1) and a.n == 600


def test_trend_verdict():
    assert o.trend_verdict(1.1, 1.5) == "rising"
    assert o.trend_verdict(0.5, 0.9) == "falling"
    assert o.trend_verdict(0.9, 1.2) == "no clear trend"


def test_predicted_by_group_with_known_coefficients():
    rec, X = synthetic(n=50, seed=5)
    names = ("intercept", *X.columns)
    coef = np.zeros(len(names))
    coef[names.index("country:China")] = np.log(3)  # odds 3 → p = 0.75 for China, 0.5 elsewhere
    fit = o.LogitFit(names, coef, np.tile(coef, (4, 1)), n=50, n_open=25)
    pred = o.predicted_by_group(fit, rec, [2020, 2024])
    china = pred[pred["country_group"].eq("China")]
    assert np.allclose(china["p_open"], 0.75) and np.allclose(china["low"], 0.75)
    assert np.allclose(pred[pred["country_group"].eq("Europe")]["p_open"], 0.5)
    assert pred["year"].tolist()[:2] == [2020, 2024]


def test_calibration_table_and_brier_scores():
    y = pd.Series([0, 0, 1, 1])
    p = np.array([0.1, 0.3, 0.6, 0.8])
    table = o.calibration_table(y, p, bins=2)
    assert table["models"].tolist() == [2, 2]
    assert table["mean_predicted"].tolist() == pytest.approx([0.2, 0.7])
    assert table["observed_share"].tolist() == [0.0, 1.0]
    scores = o.brier_scores(y, p)
    assert scores["brier"] == pytest.approx((0.01 + 0.09 + 0.16 + 0.04) / 4)
    assert scores["brier_base_rate"] == pytest.approx(0.25)
    assert scores["skill"] == pytest.approx(1 - 0.075 / 0.25)


def test_cross_validated_probabilities_are_out_of_fold_and_reproducible():
    rec, X = synthetic(n=500, seed=9)
    a = o.cross_validated_probabilities(X, rec["open"], folds=5, seed=1)
    b = o.cross_validated_probabilities(X, rec["open"], folds=5, seed=1)
    assert np.array_equal(a, b) and a.shape == (500,) and ((a > 0) & (a < 1)).all()
    assert o.brier_scores(rec["open"], a)["skill"] > 0  # the model beats the base rate on held-out folds


def test_modelsdev_records_and_simple_design():
    rel = releases(
        [
            ("a", "x", "China", "2023-05-01", True, np.nan, np.nan, "modelsdev_models"),
            ("b", "x", "China", "2026-01-01", True, np.nan, np.nan, "modelsdev_models"),
            ("c", "y", "United States", "2025-07-02", False, np.nan, np.nan, "eci_models"),
        ]
    )
    rec = o.modelsdev_records(rel)
    assert rec["model"].tolist() == ["b"] and rec["open"].tolist() == [1]
    X = o.simple_design(rec)
    assert X.loc[0, "country:China"] == 1 and X.loc[0, "year"] == pytest.approx(0.0)


# --- figures ------------------------------------------------------------------------------------------------


def test_plots_return_figures():
    rel = releases(
        [
            ("a", "deepseek", "China", "2025-01-05", True, 140.0, np.nan, "eci_models"),
            ("b", "openai", "United States", "2025-08-05", False, 150.0, np.nan, "eci_models"),
        ]
    )
    labs = {"deepseek": "DeepSeek", "openai": "OpenAI"}
    share, count = o.heatmap_matrix(o.lab_halfyear(rel, labs=labs), labs=labs)
    rec, X = synthetic(n=300, seed=2)
    fit = o.fit_logit(X, rec["open"], n_boot=5)
    table = o.odds_ratios(fit)
    p = o.cross_validated_probabilities(X, rec["open"])
    made = [
        po.plot_open_share_heatmap(share, count, n_chinese=1),
        po.plot_group_share(o.group_halfyear(rel)),
        po.plot_odds_ratios(table, {"country:China": "China vs US", "year": "Year"}),
        po.plot_predicted(o.predicted_by_group(fit, rec, [2020, 2021])),
        po.plot_calibration(o.calibration_table(rec["open"], p)),
    ]
    for fig in made:
        assert isinstance(fig, Figure)
        plt.close(fig)


def test_half_year_earlier():
    assert o.half_year_earlier("2026-H1") == "2025-H1"
    assert o.half_year_earlier("2025-H2") == "2024-H2"


def test_last_complete_half():
    assert o.last_complete_half("2026-07-02") == "2026-H1"
    assert o.last_complete_half("2026-04-10") == "2025-H2"
    assert o.last_complete_half("2025-12-31") == "2025-H2"
    assert o.last_complete_half("2025-03-14") == "2024-H2"


def test_china_summary_and_sensitivity_rows():
    rec, _ = synthetic(n=800, seed=11)
    epoch = pd.DataFrame(
        {
            "model": rec["model"],
            "publication_date": pd.Timestamp("2017-01-01")
            + pd.to_timedelta((rec["year"] - 2017) * 365.25, "D"),
            "open_weights": rec["open"].astype(bool).astype("boolean"),
            "accessibility": np.where(rec["open"].eq(1), "open_unrestricted", "api"),
            "country_group": rec["country_group"],
            "org_categorizations": "Industry",
            "parameters": 10 ** rec["log10_params"],
            "training_compute_flop": 10 ** rec["log10_compute"],
            "domains": np.where(np.arange(len(rec)) % 2 == 0, "Language", "Vision"),
        }
    )
    rec_main = o.model_records(epoch)
    fit = o.fit_logit(o.design_matrix(rec_main), rec_main["open"], n_boot=5)
    main = o.china_summary(fit, o.odds_ratios(fit))
    table = o.sensitivity(epoch, n_boot=5, main=main)
    assert table["variant"].tolist()[0] == "Main model (C = 1)"
    assert table.loc[0, "or_cn_us"] == main["or_cn_us"]
    assert len(table) == 4 and (table["or_low"] <= table["or_cn_us"]).all()
    assert (table["or_cn_us"] <= table["or_high"]).all()
    assert table.loc[2, "models"] == 400  # language models only: every other record
    assert set(table["cn_direction"]) <= {"rising", "falling", "no clear trend"}


def test_term_labels_name_terms_of_the_model():
    rec, X = synthetic(n=300, seed=4)
    table = o.odds_ratios(o.fit_logit(X, rec["open"], n_boot=3))
    assert set(o.TERM_LABELS) <= set(table["term"])


def test_vectorised_bootstrap_matches_scikit_learn_refits():
    from sklearn.linear_model import LogisticRegression

    rec, X = synthetic(n=400, seed=6)
    fit = o.fit_logit(X, rec["open"], C=1.0, n_boot=4, seed=2)
    weights = np.random.default_rng(2).multinomial(400, np.full(400, 1 / 400), size=4)
    for w, row in zip(weights, fit.boot, strict=True):
        model = LogisticRegression(C=1.0, solver="newton-cholesky", max_iter=200, tol=1e-10)
        model.fit(X.to_numpy(float), rec["open"], sample_weight=w)
        expected = np.concatenate([model.intercept_, model.coef_[0]])
        assert np.allclose(row, expected, atol=1e-6)


def test_predicted_by_group_matches_a_direct_computation():
    rec, X = synthetic(n=120, seed=8)
    rng = np.random.default_rng(0)
    names = ("intercept", *X.columns)
    coef = rng.normal(0, 0.3, len(names))
    fit = o.LogitFit(names, coef, coef + rng.normal(0, 0.1, (6, len(names))), n=120, n_open=60)
    pred = o.predicted_by_group(fit, rec, [2019, 2025]).set_index(["country_group", "year"])
    for group in ("China", "United States"):
        for year in (2019, 2025):
            Xg = o.design_matrix(rec.assign(country_group=group, year=float(year))).to_numpy(float)
            direct = np.mean(1 / (1 + np.exp(-(coef[0] + Xg @ coef[1:]))))
            assert pred.loc[(group, year), "p_open"] == pytest.approx(direct)


def test_year_earlier():
    assert o.year_earlier("2026-04-10") == "2025-04-10"
    assert o.year_earlier("2024-02-29") == "2023-02-28"


def test_source_end_dates_match_the_data_package():
    from openweights.data import datapackage, load
    from openweights.errors import DataPackageError

    try:
        package = {r["name"]: r for r in datapackage()["resources"]}
        epoch = load("epoch_models")
    except DataPackageError as error:  # no processed data in this checkout
        pytest.skip(str(error))
    assert (
        package["raw.epoch-current.epoch_capabilities_index"]["x_snapshot_date"] == o.SOURCE_END["eci_models"]
    )
    assert package["raw.models.dev.models"]["x_snapshot_date"] == o.SOURCE_END["modelsdev_models"]
    assert epoch["publication_date"].max().date().isoformat() == o.SOURCE_END["epoch_models"]
    notable = load("notable_models")
    assert notable["publication_date"].max().date().isoformat() == o.SOURCE_END["notable_models"]


def test_lab_names_read_as_text():
    assert o.lab_names(["Alibaba (Qwen)"]) == "Alibaba"
    assert o.lab_names(["Moonshot AI (Kimi)", "MiniMax", "Zhipu AI / Z.ai (GLM)"]) == (
        "MiniMax, Moonshot AI and Zhipu AI / Z.ai"
    )
    assert o.lab_names([]) == "none"
