"""Tables as the book shows them: rounded floats, dates as text, and a missing value as a dash, not as NaN,
<NA>, NaT or None."""

from __future__ import annotations

import pandas as pd

BLANK = "–"  # en dash: "no value", as in printed statistical tables


def dates_as_text(dates: pd.Series, monthly: bool = False) -> pd.Series:
    """Datetimes as ``YYYY-MM-DD`` text (``YYYY-MM`` when `monthly`); missing dates stay missing."""
    return dates.dt.strftime("%Y-%m" if monthly else "%Y-%m-%d").astype("string")


def running_list(names) -> str:
    """Names as running text, sorted and without repeats: "A", "A and B", "A, B and C" ("none" if empty)."""
    names = sorted({str(name) for name in names})
    if not names:
        return "none"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def tidy(frame: pd.DataFrame, decimals: int = 1) -> pd.DataFrame:
    """A frame for display: floats rounded to ``decimals``, dates as ``YYYY-MM-DD`` (months as ``YYYY-MM``)."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = dates_as_text(out[column], monthly=column == "month")
        elif pd.api.types.is_float_dtype(out[column]):
            out[column] = out[column].round(decimals)
    return out


def decimals_needed(values: pd.Series, most: int = 6) -> int:
    """The fewest decimals (at most `most`) that show every value of a float column exactly as it is."""
    numbers = values.dropna().astype(float)
    for decimals in range(most + 1):
        if (numbers.round(decimals) - numbers).abs().le(1e-9).all():
            return decimals
    return most


def readable(frame: pd.DataFrame, blank: str = BLANK) -> pd.DataFrame:
    """`frame` with every missing cell shown as `blank`.

    Only columns that have a missing value change (to object dtype). Numbers keep their values, so round
    before calling; in such a column a float prints with the decimals its most precise value needs, so the
    column reads 2.150, 1.522 and not 2.15, 1.522. Dates in such a column print as ``YYYY-MM-DD``.
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"readable() takes a DataFrame, not {type(frame).__name__}")
    out = frame.copy()
    for column in out.columns[out.isna().any()]:
        values = out[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            values = dates_as_text(values)
        elif pd.api.types.is_float_dtype(values):
            decimals = decimals_needed(values)
            values = values.map(lambda v, d=decimals: v if pd.isna(v) else f"{v:.{d}f}")
        out[column] = values.astype(object).where(values.notna(), blank)
    return out
