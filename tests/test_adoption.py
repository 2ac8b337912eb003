"""Release counts, open shares, licence mixes, lineage and measurement pairing on hand-checked frames."""

import pandas as pd
import pytest

from openweights.analysis import adoption as ad


def releases():
    rows = [
        # year, group, open_weights, accessibility, notable, lab, base_model
        (2024, "China", True, "open_unrestricted", True, "Alibaba", ""),
        (2024, "China", True, "open_restricted", True, "DeepSeek", ""),
        (2024, "China", False, "api", False, "Baidu", ""),
        (2024, "China", pd.NA, "unknown", True, "Zhipu", "Llama 2-13B"),
        (2024, "United States", True, "open_restricted", True, "Meta", ""),
        (2024, "United States", False, "api", True, "OpenAI", ""),
        (2024, "United States", False, "api", True, "OpenAI", ""),
        (2024, "United States", False, "hosted", False, "Google", ""),
        (2023, "China", True, "open_noncommercial", False, "Alibaba", "LLaMA-7B"),
        (2023, "Europe", True, "open_unrestricted", True, "Mistral", "Mistral 7B"),
    ]
    frame = pd.DataFrame(
        rows,
        columns=["year", "country_group", "open_weights", "accessibility", "notable", "lab", "base_model"],
    )
    frame["open_weights"] = frame["open_weights"].astype("boolean")
    frame["year"] = frame["year"].astype("Int64")
    return frame


def test_open_share_uses_known_releases_as_denominator():
    table = ad.releases_by_group_year(releases(), [2023, 2024])
    assert len(table) == 8  # 2 years x 4 groups, empty cells kept
    china = table[(table["year"] == 2024) & (table["country_group"] == "China")].iloc[0]
    assert (china["releases"], china["known"], china["open_releases"]) == (4, 3, 2)
    assert china["open_share"] == pytest.approx(2 / 3)
    assert ad.lookup(table, "open_share", year=2024, country_group="United States") == pytest.approx(1 / 4)
    assert pd.isna(ad.lookup(table, "open_share", year=2023, country_group="Other"))


def test_lookup_refuses_ambiguous_keys():
    table = ad.releases_by_group_year(releases(), [2024])
    with pytest.raises(KeyError):
        ad.lookup(table, "releases", year=2024)


def test_accessibility_mix_counts_every_category_and_shares_sum_to_one():
    mix = ad.accessibility_mix(releases(), ["country_group"])
    china = mix[mix["country_group"] == "China"].set_index("category")
    assert china.loc["Open (unrestricted)", "releases"] == 1
    assert china.loc["Open (non-commercial)", "releases"] == 1
    assert china.loc["Closed", "releases"] == 1
    assert china.loc["Unknown", "releases"] == 1
    assert mix.groupby("country_group")["share"].sum().tolist() == pytest.approx([1.0, 1.0, 1.0])
    us = mix[mix["country_group"] == "United States"].set_index("category")
    assert us.loc["Closed", "releases"] == 3  # api, api, hosted


def test_licence_mix_permissive_share_among_open_releases():
    mix = ad.licence_mix(releases(), ["country_group"]).set_index("country_group")
    assert mix.loc["China", "open_releases"] == 3
    assert mix.loc["China", "permissive_share"] == pytest.approx(1 / 3)
    assert mix.loc["United States", "permissive_share"] == 0.0
    assert mix.loc["Europe", "permissive_share"] == 1.0


def test_period_of_labels_inclusive_year_ranges():
    years = pd.Series([2019, 2022, 2023, 2025, 2030], dtype="Int64")
    labels = ad.period_of(years, {"2019-2022": (2019, 2022), "2023-2025": (2023, 2025)})
    assert labels.tolist()[:4] == ["2019-2022", "2019-2022", "2023-2025", "2023-2025"]
    assert pd.isna(labels.iloc[4])


def test_notable_counts_per_year_and_group():
    table = ad.notable_by_group_year(releases(), [2023, 2024])
    assert table.loc[2024, "China"] == 3
    assert table.loc[2024, "United States"] == 3
    assert table.loc[2023, "Europe"] == 1
    assert table.loc[2023, "Other"] == 0


def test_labs_behind_and_distinct_open_labs():
    frame = releases()
    china = frame[frame["country_group"] == "China"]
    labs = ad.labs_behind(china, top=2)
    assert labs["lab"].tolist() == ["Alibaba", "DeepSeek"]
    assert labs["open_releases"].tolist() == [2, 1]
    distinct = ad.distinct_open_labs(frame, [2023, 2024])
    assert distinct.loc[2024, "China"] == 2  # Alibaba and DeepSeek (Zhipu's status is unknown)
    assert distinct.loc[2024, "United States"] == 1


def test_base_family_and_lineage_shares():
    families = ad.base_family(pd.Series(["Llama 2-13B", "Vicuna-7B v0", "Qwen-14B", "", None, "BLOOM-7.1B"]))
    assert families.tolist() == ["Meta Llama", "Meta Llama", "Qwen", "", "", "Other"]
    lineage = ad.lineage_table(releases()).set_index("base_family")
    assert lineage.loc["Meta Llama", "models"] == 2
    assert lineage.loc["Meta Llama", "share"] == pytest.approx(2 / 3)


def test_open_releases_by_lab_month():
    frame = pd.DataFrame(
        {
            "lab": ["deepseek", "deepseek", "qwen", "qwen"],
            "release_date": pd.to_datetime(["2025-01-20", "2025-03-24", "2025-01-25", "2024-12-01"]),
            "open_weights": [True, True, True, True],
        }
    )
    table = ad.open_releases_by_lab_period(frame, "2025-01-01", "2025-03-31", freq="M")
    assert list(table.columns) == ["2025-01", "2025-02", "2025-03", "total"]
    assert table.loc["deepseek", "total"] == 2
    assert table.loc["qwen", "total"] == 1  # the December 2024 release is outside the window
    quarters = ad.open_releases_by_lab_period(frame, "2024-10-01", "2025-03-31")
    assert list(quarters.columns) == ["2024Q4", "2025Q1", "total"]
    assert quarters.loc["qwen"].tolist() == [1, 1, 2]


def measurements():
    rows = [
        (
            "M1",
            "downloads_share",
            "china",
            17.1,
            "percent",
            "2024-08",
            "2025-08",
            "S1",
            "https://news.example/a",
        ),
        (
            "M2",
            "downloads_share",
            "united_states",
            15.8,
            "percent",
            "2024-08",
            "2025-08",
            "S1",
            "https://news.example/a",
        ),
        (
            "M3",
            "downloads_count",
            "china",
            39.6,
            "millions",
            "2026-01",
            "2026-07",
            "S2",
            "https://raw.githubusercontent.com/x",
        ),
        (
            "M4",
            "downloads_count",
            "united_states",
            20.8,
            "millions",
            "2026-01",
            "2026-07",
            "S2",
            "https://raw.githubusercontent.com/x",
        ),
        (
            "M5",
            "downloads_count",
            "united_states",
            7.5,
            "millions",
            "2026-01",
            "2026-07",
            "S2",
            "https://raw.githubusercontent.com/x",
        ),
        (
            "M6",
            "inference_token_share",
            "china",
            72.7,
            "percent",
            "2026-01",
            "2026-01",
            "S3",
            "https://natolambert.com/s",
        ),
    ]
    columns = [
        "measurement_id",
        "metric",
        "origin",
        "value",
        "unit",
        "period_start",
        "period_end",
        "source_title",
        "source_url",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    frame["publisher"] = frame["source_title"]
    frame["subject"] = ["all Chinese", "all US", "Qwen", "Gemma", "Llama", "top ten"]
    return frame


def test_reported_via_flags_secondary_reports():
    kinds = ad.reported_via(measurements()["source_url"])
    assert kinds.tolist() == ["secondary", "secondary", "primary", "primary", "primary", "primary"]


def test_paired_measurements_pair_china_with_us_and_sum_several_us_rows():
    pairs = ad.paired_measurements(measurements())
    assert len(pairs) == 2  # M6 has no US counterpart
    shares = pairs.set_index("china_ids").loc["M1"]
    assert shares["ratio"] == pytest.approx(17.1 / 15.8)
    counts = pairs.set_index("china_ids").loc["M3"]
    assert counts["united_states"] == pytest.approx(28.3)
    assert counts["us_ids"] == "M4;M5"
    # each side says what it counts: here one family against two, not whole countries
    assert (counts["china_subject"], counts["us_subject"]) == ("Qwen", "Gemma; Llama")
    assert counts["period"] == "2026-01 to 2026-07"


def claims():
    return pd.DataFrame(
        {
            "claim_id": ["C2", "C1", "C3"],
            "doc_id": ["000_x", "000_x", "001_y"],
            "question": ["adoption", "adoption", "policy"],
            "claim_type": ["empirical", "opinion", "empirical"],
            "paraphrase": ["b", "a", "c"],
            "verdict": ["supported", pd.NA, "contradicted"],
            "verdict_note": ["note", pd.NA, "x"],
            "evidence_link": ["01_adoption.html#sec-x", pd.NA, "y"],
        }
    )


def test_drivers_table_reads_verdicts_and_rejects_unknown_claims():
    drivers = [{"driver": "capability", "evidence": "e", "strength": "strong", "claims": ["C2", "C1"]}]
    table = ad.drivers_table(drivers, claims())
    assert table.loc[0, "verdicts"] == "C2: supported; C1: pending"
    with pytest.raises(KeyError):
        ad.drivers_table([{"driver": "x", "evidence": "", "strength": "", "claims": ["C3"]}], claims())


def test_measurement_value_reads_by_id():
    assert ad.measurement_value(measurements(), "M3") == 39.6


def test_attributed_drops_models_without_organisation_or_country():
    frame = pd.DataFrame(
        {"model": ["a", "b", "c"], "attribution": ["organizations_table", "unmapped", pd.NA]}
    )
    assert ad.attributed(frame)["model"].tolist() == ["a", "c"]


def test_token_prices_reads_the_chosen_side_and_refuses_missing_models():
    prices = pd.DataFrame(
        {
            "provider_id": ["deepseek", "openai"],
            "model_id": ["v4", "gpt"],
            "price_input_usd_per_mtok": [0.1, 1.0],
            "price_output_usd_per_mtok": [0.4, 8.0],
        }
    )
    models = {
        "DS": ("deepseek", "v4", "deepseek-v4", "China"),
        "GPT": ("openai", "gpt", "o200k_base", "United States"),
    }
    out = ad.token_prices(prices, models, side="output")
    assert out["usd_per_million_tokens"].tolist() == [0.4, 8.0]
    assert ad.token_prices(prices, models, side="input")["usd_per_million_tokens"].tolist() == [0.1, 1.0]
    with pytest.raises(KeyError):
        ad.token_prices(prices, {"X": ("openai", "missing", "o200k_base", "United States")})


def test_max_token_tax_and_wide_table():
    tax = pd.DataFrame(
        {
            "tokenizer": ["a", "a", "a", "b", "b", "b"],
            "language": ["en", "hi", "th", "en", "hi", "th"],
            "ratio": [1.0, 3.0, 2.0, 1.0, 2.5, 4.0],
            "ci_low": [1.0, 2.9, 1.9, 1.0, 2.4, 3.9],
            "ci_high": [1.0, 3.1, 2.1, 1.0, 2.6, 4.1],
        }
    )
    top = ad.max_token_tax(tax)
    assert (top["tokenizer"], top["language"], top["ratio"]) == ("b", "th", 4.0)
    assert ad.max_token_tax(tax, ["a"])["language"] == "hi"
    wide = ad.token_tax_wide(tax, {"hi": "Hindi", "th": "Thai"})
    assert wide.loc["Thai", "b"] == 4.0
    assert "en" not in wide.index


def test_releases_in_window_stacks_sources_and_top_lab_share():
    a = pd.DataFrame(
        {
            "model": ["m1", "m2"],
            "lab": ["x", "y"],
            "release_date": ["2025-01-10", "2025-05-01"],
            "open_weights": [True, False],
        }
    )
    b = pd.DataFrame({"name": ["m3"], "org": ["z"], "date": ["2025-02-01"], "open_weights": [pd.NA]})
    sources = {"A": (a, "model", "lab", "release_date"), "B": (b, "name", "org", "date")}
    table = ad.releases_in_window(sources, "2025-01-01", "2025-03-31")
    assert table["model"].tolist() == ["m1", "m3"]
    assert table["source"].tolist() == ["A", "B"]
    frame = releases()
    assert ad.top_lab_share(frame, top=1) == pytest.approx(2 / 5)  # Alibaba 2 of 5 open releases


def test_adoption_drivers_fill_every_sentence_and_cite_adoption_claims():
    values = {
        "eci_best_open_model": "M",
        "eci_gap_points_latest": 10.0,
        "eci_lag_months_latest": 9.9,
        "best_open_model_cn_share_since_2024": 0.75,
        "price_cn_open_at_best": 1.2,
        "price_us_closed_at_best": 1.1,
        "permissive_share_eci_cn": 0.8,
        "permissive_share_eci_us": 0.2,
        "permissive_share_2024_cn": 0.4,
        "permissive_share_2024_us": 0.4,
        "derivatives_qwen": 113000.0,
        "derivatives_llama": 27000.0,
        "derivatives_share_cn": 63.0,
        "qwen_beats_o200k": 8,
        "languages_compared": 9,
        "token_tax_max_ratio": 3.0,
        "token_tax_max_tokenizer": "DeepSeek V4",
        "token_tax_max_language": "Hindi",
        "access_not_served_all": 9,
        "access_high_blocked": 6,
        "access_total_blocked": 12,
        "access_high_served": 5,
        "access_total_served": 50,
    }
    rows = ad.adoption_drivers(values)
    assert [r["driver"] for r in rows][:3] == ["Capability", "Cost", "Licence"]
    assert "10.0 ECI points" in rows[0]["evidence"] and "75%" in rows[0]["evidence"]
    assert "113,000 Qwen-based" in rows[4]["evidence"]
    access = next(r for r in rows if r["driver"] == "Access")
    assert "6 of 12 countries" in access["evidence"] and access["claims"] == ["C001"]
    with pytest.raises(KeyError):
        ad.adoption_drivers({})


def test_release_lab_and_licence_facts():
    frame = releases()
    census = ad.releases_by_group_year(frame, [2023, 2024])
    facts = ad.release_facts(census, census, year=2024, catalogue_year=2024)
    assert facts["open_share_lm_2024_cn"] == pytest.approx(2 / 3)
    assert facts["open_releases_lm_2024_us"] == 1
    labs = ad.lab_facts(frame.assign(org_id=frame["lab"]))
    assert labs["open_labs_2024_cn"] == 2
    assert labs["top3_share_cn"] == 1.0
    licences = ad.licence_mix(frame.assign(period="2024"), ["country_group", "period"])
    leading = ad.licence_mix(frame, ["country_group"])
    lic = ad.licence_facts(licences, leading)
    assert lic["permissive_share_2024_cn"] == pytest.approx(1 / 3)
    assert lic["permissive_share_eci_us"] == 0.0


def test_token_facts():
    tax = pd.DataFrame(
        {
            "tokenizer": ["qwen3.6"] * 3 + ["o200k_base"] * 3,
            "language": ["en", "hi", "th"] * 2,
            "ratio": [1.0, 2.4, 1.2, 1.0, 1.9, 1.8],
            "ci_low": [1.0] * 6,
            "ci_high": [1.0] * 6,
            "segments": [10] * 6,
        }
    )
    facts = ad.token_facts(tax, {"hi": "Hindi"}, ["qwen3.6", "o200k_base"])
    assert facts["token_tax_max_language"] == "Hindi"
    assert facts["token_tax_max_tokenizer"] == "Qwen3.6"  # the readable name, not the id
    assert facts["qwen_beats_o200k"] == 1  # Thai only
    assert facts["languages_compared"] == 2


def test_period_labels_and_pair_labels():
    frame = measurements()
    frame.loc[5, ["period_start", "period_end"]] = ["2023-01", pd.NA]
    overview = ad.measurements_overview(frame)
    assert overview["period"].tolist()[-1] == "from 2023-01"
    pairs = ad.paired_measurements(measurements())
    assert pairs.loc[0, "label"] == "Download share, 2024-08 to 2025-08\nS1 · percent"
    assert pairs["pair"].tolist() == ["Download share (2024-08 to 2025-08)", "Downloads (2026-01 to 2026-07)"]


def test_measurements_overview_names_metrics_and_units_in_words():
    frame = measurements()
    frame.loc[5, ["metric", "unit"]] = ["other", "trillion tokens"]
    frame.loc[4, "unit"] = "percentage_points"
    overview = ad.measurements_overview(frame).set_index("measurement_id")
    assert overview.loc["M1", "metric"] == "Download share"
    assert overview.loc["M6", "metric"] == "Tokens served"  # an "other" metric is named by its unit
    assert overview.loc["M5", "unit"] == "percentage points"


def test_plot_functions_return_figures_with_the_expected_panels():
    import matplotlib.pyplot as plt

    from openweights.analysis import capability as cap
    from openweights.plots import adoption as plots

    frame = releases()
    census = ad.releases_by_group_year(frame, [2023, 2024])
    figures = [
        plots.plot_releases(census, census, "census", "catalogue"),
        plots.plot_mix(ad.accessibility_mix(frame, ["country_group"]), "country_group"),
        plots.plot_mix(ad.accessibility_mix(frame, ["country_group", "year"]), ["country_group", "year"]),
        plots.plot_notable(ad.notable_by_group_year(frame, [2023, 2024])),
        plots.plot_pairs(ad.paired_measurements(measurements())),
    ]
    models = cap.add_openness(
        pd.DataFrame(
            {
                "model_name": ["a", "b", "c"],
                "eci_score": [100.0, 110.0, 120.0],
                "release_date": pd.to_datetime(["2024-01-01", "2024-03-01", "2024-05-01"]),
                "open_weights": [True, False, True],
                "country_group": ["China", "United States", "United States"],
            }
        )
    )
    by_openness = cap.running_frontier(models, "openness")
    figures.append(
        plots.plot_frontiers(
            by_openness, cap.running_frontier(models, "country_group"), cap.open_leader_by_month(models)
        )
    )
    gaps = cap.gap_series(by_openness, "openness", cap.CLOSED, cap.OPEN)
    figures.append(
        plots.plot_gap_and_lag(gaps, cap.lag_history(models, "openness", cap.CLOSED, cap.OPEN, gaps["month"]))
    )
    figures.append(plots.plot_capability_price(models.assign(price_blended=[0.5, 2.0, 1.0])))
    tax = pd.DataFrame(
        {
            "tokenizer": ["qwen3.6", "qwen3.6", "o200k_base", "o200k_base"],
            "language": ["en", "th"] * 2,
            "ratio": [1.0, 1.2, 1.0, 1.8],
            "ci_low": [1.0, 1.1, 1.0, 1.7],
            "ci_high": [1.0, 1.3, 1.0, 1.9],
        }
    )
    figures.append(plots.plot_token_tax(tax, {"th": "Thai"}))
    cost = pd.DataFrame(
        {"model": ["m", "m", "n", "n"], "language": ["en", "th"] * 2, "usd": [0.001, 0.002, 0.01, 0.02]}
    )
    figures.append(plots.plot_cost(cost, {"th": "Thai", "en": "English"}))
    panels = [len([ax for ax in fig.axes if ax.get_label() != "<colorbar>"]) for fig in figures]
    assert panels == [2, 1, 1, 1, 1, 2, 2, 1, 1, 1]
    assert figures[0].axes[1].get_ylim()[1] == pytest.approx(1.05)
    for fig in figures:
        plt.close(fig)


def test_relative_efficiency_sorts_languages_into_three_groups():
    wide = pd.DataFrame(
        {"a": [0.8, 1.0, 1.2, 1.04], "b": [1.0, 1.0, 1.0, 1.0]}, index=["Chinese", "Thai", "Hindi", "Malay"]
    )
    assert ad.relative_efficiency(wide, "a", "b") == {
        "more": ["Chinese"],
        "level": ["Malay", "Thai"],
        "less": ["Hindi"],
    }
    assert ad.relative_efficiency(wide, "a", "b", tolerance=0.01)["less"] == ["Hindi", "Malay"]
    with pytest.raises(ValueError, match="tolerance"):
        ad.relative_efficiency(wide, "a", "b", tolerance=-0.1)


def test_value_text_writes_counts_whole_and_keeps_decimals():
    assert ad.value_text(151448.0) == "151,448"
    assert ad.value_text(17.1) == "17.1"
    assert ad.value_text(0.63) == "0.63"
    assert ad.value_text(float("nan")) == "–"
