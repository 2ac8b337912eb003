import numpy as np
import pandas as pd
import pytest

from openweights import tables
from openweights.tables import BLANK, readable


def test_missing_cells_read_as_a_dash():
    frame = pd.DataFrame(
        {
            "label": ["a", None],
            "score": [1.5, np.nan],
            "open": pd.array([True, pd.NA], dtype="boolean"),
            "date": pd.to_datetime(["2025-01-02", None]),
            "count": [1, 2],
        }
    )
    shown = readable(frame)
    assert shown.iloc[1].tolist() == [BLANK, BLANK, BLANK, BLANK, 2]
    assert shown.iloc[0].tolist() == ["a", "1.5", "yes", "2025-01-02", 1]
    assert shown["count"].dtype == frame["count"].dtype  # complete columns keep their type
    html = shown.to_html()
    assert not any(token in html for token in (">NaN<", "&lt;NA&gt;", ">NaT<", ">None<"))
    assert frame["score"].isna().iloc[1]  # the input is not modified


def test_readable_rejects_a_series():
    with pytest.raises(TypeError, match="DataFrame"):
        readable(pd.Series([1.0, np.nan]))


def test_sites_names_each_source_site_and_skips_missing_urls():
    first = pd.Series(["https://www.example.org/a?b=1", "https://cdn.deepseek.com/p.html", None])
    second = pd.Series([None, "https://www.aspistrategist.org.au/x/", None])
    assert tables.sites(first).tolist() == ["example.org", "cdn.deepseek.com", ""]
    assert tables.sites(first, second).tolist() == [
        "example.org",
        "cdn.deepseek.com; aspistrategist.org.au",
        "",
    ]


def test_running_list_sorts_drops_repeats_and_joins_with_and():
    assert tables.running_list([]) == "none"
    assert tables.running_list(["India"]) == "India"
    assert tables.running_list(["Malaysia", "India", "India"]) == "India and Malaysia"
    assert tables.running_list(["C", "A", "B"]) == "A, B and C"


def test_tidy_rounds_floats_and_formats_dates():
    frame = pd.DataFrame(
        {
            "month": pd.to_datetime(["2024-03-01"]),
            "release_date": pd.to_datetime(["2024-03-05"]),
            "x": [1.26],
            "n": [3],
        }
    )
    out = tables.tidy(frame)
    assert out["Month"].iloc[0] == "2024-03"
    assert out["Released"].iloc[0] == "2024-03-05"
    assert out["x"].iloc[0] == 1.3
    assert out["n"].iloc[0] == 3


def test_readable_prints_a_float_column_with_one_number_of_decimals():
    frame = pd.DataFrame({"price": [2.15, 1.522, np.nan, 2.0], "whole": [89.0, 100.0, np.nan, 275.0]})
    shown = readable(frame)
    assert shown["Price (USD per Mtok)"].tolist() == ["2.150", "1.522", BLANK, "2.000"]
    assert shown["whole"].tolist() == ["89", "100", BLANK, "275"]
    assert tables.decimals_needed(pd.Series([0.1 + 0.2, 1.0])) == 1  # float noise is not a decimal


def test_headers_read_as_words_and_values_stay_as_they_are():
    frame = pd.DataFrame(
        {"country_group": ["China"], "open_share": [0.5], "kind of claim": ["x"], "o200k_base": [1]}
    )
    assert readable(frame).columns.tolist() == [
        "Country group",
        "Open-weight share",
        "Kind of claim",
        "o200k_base",
    ]
    assert frame.columns[0] == "country_group"  # the input is not modified


def test_a_pivot_keeps_its_value_headers_and_labels_its_axis_names():
    pivot = pd.DataFrame(
        [[3, 1, 4]],
        index=pd.Index(["2025Q1"], name="quarter"),
        columns=pd.Index(["deepseek", "o200k_base", "total"], name="lab"),
    )
    shown = readable(pivot)
    assert shown.columns.tolist() == ["deepseek", "o200k_base", "Total"]  # values of `lab`; an added total
    assert (shown.index.name, shown.columns.name) == ("quarter", "Lab")
    assert shown.index.tolist() == ["2025Q1"]


def test_coded_values_get_their_labels_on_either_axis():
    counts = pd.DataFrame(
        [[11, 3]],
        index=pd.Index(["export_control"], name="instrument"),
        columns=pd.Index(["restrict", "engage"], name="stance_chinese_ai"),
    )
    shown = readable(counts)
    assert shown.index.tolist() == ["Export control"]
    assert shown.columns.tolist() == ["Restrict", "Engage"]
    assert (shown.index.name, shown.columns.name) == ("Instrument", "Stance on Chinese AI")
    by_question = pd.DataFrame({"claims": [9]}, index=pd.Index(["cost_control"], name="question"))
    assert readable(by_question).index.tolist() == ["Cost and data control"]


def test_chapters_levels_and_lists_of_sources_read_in_words():
    frame = pd.DataFrame(
        {
            "chapter": ["01_adoption", "09_unknown"],
            "level": ["sub_national", "national"],
            "sources": ["eci_models;epoch_models", "eci_models;new_table"],
        }
    )
    shown = readable(frame)
    assert shown["Chapter"].tolist() == ["Adoption drivers", "09_unknown"]
    assert shown["Level"].tolist() == ["sub-national", "national"]
    # a list reads in words only when every code in it is known
    assert shown["Sources"].tolist() == ["Epoch Capabilities Index; Epoch AI models", "eci_models;new_table"]
    coverage = pd.DataFrame([[3, 4]], columns=pd.Index(["eci_models", "modelsdev_models"], name="source"))
    assert readable(coverage).columns.tolist() == ["Epoch Capabilities Index", "models.dev"]


def test_labels_that_would_collide_fail():
    with pytest.raises(ValueError, match="read the same"):
        tables.labelled(pd.DataFrame({"claim_id": ["C001"], "claim": ["C001"]}))


def test_cells_of_a_coded_column_take_their_labels():
    events = pd.DataFrame(
        {"instrument": ["export_control", "new_code"], "target": ["ai_general", "compute_chips"]}
    )
    shown = readable(events)
    assert shown["Instrument"].tolist() == ["Export control", "new_code"]  # an unknown code shows as it is
    assert shown["Target"].tolist() == ["AI in general", "Compute and chips"]


def test_lab_ids_read_as_names_when_names_are_given():
    frame = pd.DataFrame({"org_id": ["deepseek", "unknown_lab"], "open_releases": [7, 1]})
    names = {"deepseek": "DeepSeek"}
    assert readable(frame, lab_names=names)["Lab"].tolist() == ["DeepSeek", "unknown_lab"]
    assert readable(frame)["Lab"].tolist() == ["deepseek", "unknown_lab"]
    by_lab = pd.DataFrame({"total": [3]}, index=pd.Index(["deepseek"], name="lab"))
    assert tables.tidy(by_lab, lab_names=names).index.tolist() == ["DeepSeek"]


def test_true_and_false_read_yes_and_no():
    frame = pd.DataFrame({"hedges": [True, False], "flags": pd.Series([False, None], dtype=object)})
    shown = readable(frame)
    assert shown["Hedges"].tolist() == ["yes", "no"]
    assert shown["flags"].tolist() == ["no", BLANK]


def test_row_numbers_are_blank_and_named_row_labels_stay():
    frame = pd.DataFrame({"lab": ["a", "b", "c"]}).iloc[[2, 0]]
    assert readable(frame).index.tolist() == ["", ""]
    by_year = pd.DataFrame({"releases": [4]}, index=pd.Index([2024], name="year"))
    assert readable(by_year).index.tolist() == [2024]
    assert readable(by_year).index.name == "Year"


def test_urls_read_as_their_sites():
    import pandas as pd

    from openweights.tables import readable

    frame = pd.DataFrame({"fact": ["a", "b"], "source_url": ["https://www.reuters.com/x/y", "not a link"]})
    shown = readable(frame)
    assert shown.iloc[:, 1].tolist() == ["reuters.com", "not a link"]
