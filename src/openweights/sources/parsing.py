"""Parsers shared by every source reader: numbers, prices, dates, booleans, multi-valued fields, raw files.

Every parser takes the raw value plus where it came from (``file``, ``row``, ``column``) and either returns a
clean Python value, ``None`` for a missing value (NA), or raises :class:`openweights.errors.SourceError` naming
that place. Nothing here guesses: text that is not exactly a number, a date or a boolean is rejected.

Units and conventions
---------------------
- Numbers: plain decimal or scientific notation (``7e9``, ``1.2E+24``); no thousands separators, no
  underscores, no ``nan``/``inf``. Empty text or ``None`` is NA.
- Prices: the project stores every price in **US dollars per million tokens** (``usd_per_mtok``).
  ``parse_price_per_token_to_mtok`` converts OpenRouter's USD-per-token strings (multiply by 10**6 in decimal
  arithmetic, round to 6 decimals); ``parse_price_per_mtok`` checks models.dev/genai-prices values that are
  already USD per million tokens. Prices are never negative; the only negative input accepted is the
  documented sentinel ``-1`` ("variable or unknown" at OpenRouter), which becomes NA.
- Dates: ``YYYY-MM-DD``; ``YYYY-MM`` (month precision, used by models.dev) becomes the first day of that month;
  ``datetime.date``/``datetime.datetime`` values (unquoted TOML dates) pass through as dates.
- Multi-valued text fields (Epoch): values are separated by a comma *not followed by a space*; a comma followed
  by a space belongs to a name (``"SambaNova Systems, Inc"``). Whitespace inside a value is collapsed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pandas as pd

from openweights.errors import SourceError

__all__ = [
    "NA_PRICE_SENTINELS",
    "CALENDAR_DATE",
    "parse_float",
    "parse_int",
    "parse_price_per_token_to_mtok",
    "parse_price_per_mtok",
    "parse_date",
    "parse_bool",
    "split_multi",
    "clean_text",
    "read_text",
    "read_csv",
    "parse_column",
]

#: Raw price values meaning "variable or unknown" (OpenRouter); they become NA, never a negative price.
NA_PRICE_SENTINELS = frozenset({"-1"})

_NUMBER_RE = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
#: ``SourceError.expected`` of a well-formed date that is not on the calendar (e.g. month 25).
CALENDAR_DATE = "a real calendar date"
_MTOK = Decimal(1_000_000)
_SIX_PLACES = Decimal("0.000001")
# No language model costs a million USD per million tokens; a larger value is a unit or parsing error
# (and would overflow the six-decimal rounding).
MAX_PRICE_PER_MTOK = Decimal(1_000_000)

_TRUE = frozenset({"true", "yes", "y", "1", "checked"})
_FALSE = frozenset({"false", "no", "n", "0", "unchecked"})
_NA_WORDS = frozenset({"", "unknown", "n/a", "na", "none", "null"})


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, str) and value.strip() == ""


def parse_float(
    value: Any,
    *,
    file: str | Path = "<value>",
    row: int | str | None = None,
    column: str | None = None,
    minimum: float | None = None,
) -> float | None:
    """Parse a finite number; ``None``/empty → ``None``. ``minimum`` rejects smaller values."""
    if _is_missing(value):
        return None
    if isinstance(value, bool):
        raise SourceError(file, row, column, "a number", value)
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip()
        if not _NUMBER_RE.match(text):
            raise SourceError(file, row, column, "a number (e.g. 7e9 or 0.25)", value)
        number = float(text)
    if not math.isfinite(number):
        raise SourceError(file, row, column, "a finite number", value)
    if minimum is not None and number < minimum:
        raise SourceError(file, row, column, f"a number >= {minimum:g}", value)
    return number


def parse_int(
    value: Any,
    *,
    file: str | Path = "<value>",
    row: int | str | None = None,
    column: str | None = None,
    minimum: int | None = None,
) -> int | None:
    """Parse a whole number (``8192``, ``8192.0`` or ``1e6`` are accepted; ``8192.5`` is not)."""
    number = parse_float(value, file=file, row=row, column=column)
    if number is None:
        return None
    if not number.is_integer():
        raise SourceError(file, row, column, "a whole number", value)
    result = int(number)
    if minimum is not None and result < minimum:
        raise SourceError(file, row, column, f"a whole number >= {minimum}", value)
    return result


def _to_decimal(value: Any, file: str | Path, row: int | str | None, column: str | None) -> Decimal:
    if isinstance(value, bool):
        raise SourceError(file, row, column, "a price", value)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise SourceError(file, row, column, "a finite price", value)
        number = Decimal(repr(value))
    else:
        text = str(value).strip()
        if not _NUMBER_RE.match(text):
            raise SourceError(file, row, column, "a price in decimal notation (e.g. 0.0000025)", value)
        try:
            number = Decimal(text)
        except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
            raise SourceError(file, row, column, "a price", value) from exc
    if not number.is_finite():
        raise SourceError(file, row, column, "a finite price", value)
    return number


def parse_price_per_token_to_mtok(
    value: Any,
    *,
    file: str | Path = "<value>",
    row: int | str | None = None,
    column: str | None = None,
) -> float | None:
    """USD per token (string or number) → USD per million tokens, rounded to 6 decimals.

    ``None``, empty text and the sentinel ``"-1"`` (OpenRouter: variable or unknown) → ``None``. Any other
    negative value or non-number raises :class:`SourceError`.
    """
    if _is_missing(value):
        return None
    if str(value).strip() in NA_PRICE_SENTINELS or (isinstance(value, int | float) and value == -1):
        return None
    number = _to_decimal(value, file, row, column)
    if number < 0:
        raise SourceError(file, row, column, "a price >= 0 (or the sentinel -1 for unknown)", value)
    return _per_mtok(number * _MTOK, value, file, row, column)


def parse_price_per_mtok(
    value: Any,
    *,
    file: str | Path = "<value>",
    row: int | str | None = None,
    column: str | None = None,
) -> float | None:
    """A price already in USD per million tokens (models.dev, genai-prices): >= 0, rounded to 6 decimals."""
    if _is_missing(value):
        return None
    number = _to_decimal(value, file, row, column)
    if number < 0:
        raise SourceError(file, row, column, "a price >= 0 USD per million tokens", value)
    return _per_mtok(number, value, file, row, column)


def _per_mtok(per_mtok: Decimal, value: Any, file, row, column) -> float:
    """A non-negative price in USD per million tokens, checked against the ceiling and rounded to 6 decimals."""
    if per_mtok > MAX_PRICE_PER_MTOK:
        raise SourceError(
            file, row, column, f"a price of at most {MAX_PRICE_PER_MTOK} USD per million tokens", value
        )
    return float(per_mtok.quantize(_SIX_PLACES, rounding=ROUND_HALF_EVEN)) + 0.0  # + 0.0 turns -0.0 into 0.0


def parse_date(
    value: Any,
    *,
    file: str | Path = "<value>",
    row: int | str | None = None,
    column: str | None = None,
) -> dt.date | None:
    """``YYYY-MM-DD`` or ``YYYY-MM`` (→ day 1) or a date object → ``datetime.date``; empty → ``None``."""
    if _is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = _DATE_RE.match(text)
    if not match:
        raise SourceError(file, row, column, "a date YYYY-MM-DD (or YYYY-MM)", value)
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3) or 1)
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise SourceError(file, row, column, CALENDAR_DATE, value) from exc


def parse_bool(
    value: Any,
    *,
    file: str | Path = "<value>",
    row: int | str | None = None,
    column: str | None = None,
) -> bool | None:
    """``true/false``, ``yes/no``, ``1/0`` (any case) or a bool → bool; empty or ``unknown`` → ``None``."""
    if isinstance(value, bool):
        return value
    if _is_missing(value):
        return None
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text in _NA_WORDS:
        return None
    raise SourceError(file, row, column, "a yes/no value (true/false, yes/no, 1/0)", value)


_MULTI_SPLIT = re.compile(r",(?! )")
_SPACES = re.compile(r"\s+")


def clean_text(value: Any) -> str:
    """Collapse runs of whitespace (including newlines) to one space and strip; NA → ``""``."""
    if _is_missing(value):
        return ""
    return _SPACES.sub(" ", str(value)).strip()


def split_multi(value: Any) -> list[str]:
    """Split an Epoch multi-valued field: separators are commas not followed by a space.

    ``"DeepSeek,Peking University"`` → two values; ``"SambaNova Systems, Inc,Adobe"`` → ``["SambaNova
    Systems, Inc", "Adobe"]``. Empty parts are dropped; order is kept (the first value is the primary one).
    """
    text = clean_text(value)
    if not text:
        return []
    return [part.strip() for part in _MULTI_SPLIT.split(text) if part.strip()]


def read_bytes(path: str | Path) -> bytes:
    """Read a raw file; an empty (0-byte or whitespace-only) file raises :class:`SourceError`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise SourceError(path, None, None, "an existing file", "no such file") from exc
    if not data.strip():
        raise SourceError(path, None, None, "a non-empty file", f"{len(data)} bytes")
    return data


def decode_utf8(data: bytes, path: str | Path) -> str:
    """Decode UTF-8 (a leading BOM is dropped); other encodings raise :class:`SourceError` with the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.start + 4]
        raise SourceError(path, f"line {line}", None, "UTF-8 text", f"byte(s) {bad!r}") from exc


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file, rejecting empty files and other encodings with a :class:`SourceError`."""
    return decode_utf8(read_bytes(path), path)


def _missing_column_error(path: Path, wanted: Sequence[str], columns: Sequence[str]) -> SourceError:
    close = difflib.get_close_matches(wanted[0], list(columns), n=1, cutoff=0.6)
    found = f"renamed to {close[0]!r}?" if close else f"columns {list(columns)[:8]}"
    expected = " or ".join(repr(w) for w in wanted)
    return SourceError(path, "header", wanted[0], f"a column named {expected}", found)


def read_csv(
    path: str | Path,
    required: Iterable[str | Sequence[str]],
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Read a UTF-8 CSV as text (every cell a ``str``; empty cell → ``""``) and check its header.

    ``required`` lists column names; an entry may be a tuple of alternative names (schema renames), the first
    present one is used. Returns the frame (index = 0-based data row) and a mapping ``wanted[0] → actual``.
    Raises :class:`SourceError` for an empty file, a wrong encoding, a header-only file, unparseable CSV or a
    missing column (with a hint when a similar name exists).
    """
    path = Path(path)
    text = read_text(path)
    from openweights.schemas import ragged_rows

    ragged = ragged_rows(text)
    if ragged:
        line, found, wanted = ragged[0]
        if found < 0:
            raise SourceError(
                path, f"line {line}", None, "a complete last row ending in a line break", "a row cut off"
            )
        raise SourceError(path, f"line {line}", None, f"{wanted} fields as in the header", f"{found} fields")
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    except pd.errors.EmptyDataError as exc:
        raise SourceError(path, None, None, "a CSV header and rows", "no columns") from exc
    except pd.errors.ParserError as exc:
        match = re.search(r"line (\d+)", str(exc))
        row = f"line {match.group(1)}" if match else None
        raise SourceError(path, row, None, "well-formed CSV", str(exc).strip()) from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    duplicated = frame.columns[frame.columns.duplicated()].tolist()
    if duplicated:
        raise SourceError(path, "header", duplicated[0], "unique column names", "a repeated column")
    chosen: dict[str, str] = {}
    for entry in required:
        names = (entry,) if isinstance(entry, str) else tuple(entry)
        actual = next((n for n in names if n in frame.columns), None)
        if actual is None:
            raise _missing_column_error(path, names, frame.columns)
        chosen[names[0]] = actual
    if frame.empty:
        raise SourceError(path, 1, None, "at least one data row", "only a header")
    return frame, chosen


def parse_column(
    values: Iterable[Any],
    parser: Callable[..., Any],
    *,
    file: str | Path,
    column: str,
    rows: Iterable[int | str] | None = None,
    **kwargs: Any,
) -> list[Any]:
    """Apply ``parser`` to each value with its row number (1-based data rows unless ``rows`` is given)."""
    values = list(values)
    row_ids = list(rows) if rows is not None else range(1, len(values) + 1)
    return [
        parser(v, file=file, row=r, column=column, **kwargs) for v, r in zip(values, row_ids, strict=True)
    ]


# --- model names -------------------------------------------------------------------------------------------
# Two normal forms used to link the same model across sources (see ``openweights.build``):
# ``strict_name`` keeps every letter and digit; ``loose_name`` also drops dates and packaging suffixes.

_LOOSE_DATES = (
    re.compile(r"\((?:[a-z]+\.?\s+)?\d{4}\)"),  # "(May 2025)", "(October 2024)", "(2024)"
    re.compile(r"(?<![0-9])20\d{2}[-_]?(?:0[1-9]|1[0-2])[-_]?\d{2}(?![0-9])"),  # 20241022, 2025-07-28
    re.compile(r"[-_ ](?:0[1-9]|1[0-2])[-_]20\d{2}(?![0-9])"),  # -03-2025 (month-year)
    re.compile(r"[-_ ](?:0[1-9]|1[0-2])[-_]\d{2}$"),  # -02-15 (month-day at the end)
    re.compile(r"[-_ ]\d{4}$"),  # -0528, -2507, -2411 (MMDD or YYMM at the end)
)
_LOOSE_SUFFIX = re.compile(
    r"(?:[-_ ]+(?:instruct|chat|it|base|hf|fp8|bf16|pt|latest|preview|exp|experimental|thinking-off))+$"
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _model_part(name: str) -> str:
    text = clean_text(name).lower()
    text = text.split(":", 1)[0] if ":" in text and "/" in text else text  # OpenRouter ":free" variants
    return text.rsplit("/", 1)[-1]


def strict_name(name: str) -> str:
    """Lowercase letters and digits of the model part (after the last ``/``); ``"Kimi K2.5"`` → ``kimik25``."""
    return _NON_ALNUM.sub("", _model_part(name))


def loose_name(name: str) -> str:
    """:func:`strict_name` after dropping dates (``-20241022``, ``-0528``, ``(May 2025)``) and suffixes such as
    ``-instruct``, ``-chat``, ``-it``, ``-base``, ``-preview``, ``-latest``, ``-fp8``."""
    text = _model_part(name)
    previous = None
    while previous != text:
        previous = text
        for pattern in _LOOSE_DATES:
            text = pattern.sub("", text).strip(" -_")
        text = _LOOSE_SUFFIX.sub("", text).strip(" -_")
    return _NON_ALNUM.sub("", text)


def check_not_after(
    dates: Iterable[Any], latest: Any, file: str | Path, rows: Iterable[int], column: str
) -> None:
    """Raise :class:`SourceError` at the first date later than ``latest`` (no check when ``latest`` is None)."""
    if latest is None:
        return
    for value, row in zip(dates, rows, strict=True):
        if value is not None and value > latest:
            raise SourceError(
                file, row, column, f"a date on or before the snapshot's date {latest}", str(value)
            )


def snapshot_day(text: str | None) -> Any:
    """A snapshot date as a day: ``2026-07-19`` itself, ``2025-04`` as its month's last day; None when unknown."""
    import calendar
    import datetime as dt

    if not text or not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        return None
    year, month = int(text[:4]), int(text[5:7])
    day = int(text[8:10]) if len(text) == 10 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)
