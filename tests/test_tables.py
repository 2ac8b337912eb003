import numpy as np
import pandas as pd
import pytest

from openweights import tables
from openweights.tables import BLANK, readable


def test_missing_cells_read_as_a_dash():
    frame = pd.DataFrame(
        {
            "name": ["a", None],
            "score": [1.5, np.nan],
            "open": pd.array([True, pd.NA], dtype="boolean"),
            "date": pd.to_datetime(["2025-01-02", None]),
            "count": [1, 2],
        }
    )
    shown = readable(frame)
    assert shown.iloc[1].tolist() == [BLANK, BLANK, BLANK, BLANK, 2]
    assert shown.iloc[0].tolist() == ["a", "1.5", True, "2025-01-02", 1]
    assert shown["count"].dtype == frame["count"].dtype  # complete columns keep their type
    html = shown.to_html()
    assert not any(token in html for token in (">NaN<", "&lt;NA&gt;", ">NaT<", ">None<"))
    assert frame["score"].isna().iloc[1]  # the input is not modified


def test_readable_rejects_a_series():
    with pytest.raises(TypeError, match="DataFrame"):
        readable(pd.Series([1.0, np.nan]))


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
    assert out.loc[0, "month"] == "2024-03"
    assert out.loc[0, "release_date"] == "2024-03-05"
    assert out.loc[0, "x"] == 1.3
    assert out.loc[0, "n"] == 3


def test_readable_prints_a_float_column_with_one_number_of_decimals():
    frame = pd.DataFrame({"price": [2.15, 1.522, np.nan, 2.0], "whole": [89.0, 100.0, np.nan, 275.0]})
    shown = readable(frame)
    assert shown["price"].tolist() == ["2.150", "1.522", BLANK, "2.000"]
    assert shown["whole"].tolist() == ["89", "100", BLANK, "275"]
    assert tables.decimals_needed(pd.Series([0.1 + 0.2, 1.0])) == 1  # float noise is not a decimal
