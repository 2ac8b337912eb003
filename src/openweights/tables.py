"""Tables as the book shows them: a missing value reads as a dash, not as NaN, <NA>, NaT or None."""

from __future__ import annotations

import pandas as pd

BLANK = "–"  # en dash: "no value", as in printed statistical tables


def readable(frame: pd.DataFrame, blank: str = BLANK) -> pd.DataFrame:
    """`frame` with every missing cell shown as `blank`.

    Only columns that have a missing value change (to object dtype); numbers keep their values, so round
    before calling. Dates in such a column print as ``YYYY-MM-DD``.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"readable() takes a DataFrame, not {type(frame).__name__}")
    out = frame.copy()
    for column in out.columns[out.isna().any()]:
        values = out[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            values = values.dt.strftime("%Y-%m-%d")
        out[column] = values.astype(object).where(values.notna(), blank)
    return out
