"""Epoch AI "AI Models" database (``all_ai_models.csv``) → one tidy row per model.

Upstream: https://epoch.ai/data/all_ai_models.csv (CC BY 4.0, cite Epoch AI). Both header schemas are accepted:
the 2025 file (``Country (from Organization)``) and later files (``Country (of organization)``, plus the new
columns ``Open model weights?`` and ``Frontier model``, which are used when present).

Output columns (one row per ``model``; sorted by ``model``)
-----------------------------------------------------------
model                  str    Epoch's model name (the key; whitespace collapsed)
publication_date       date   publication date (NA when Epoch has none)
year                   int    year of ``publication_date`` (NA when no date)
domains                str    ';'-joined domains, e.g. ``Language;Vision``
is_language            bool   ``Language`` is one of the domains
organizations_raw      str    ';'-joined organisation names as Epoch spells them; the first is the primary one
org_categorizations    str    ';'-joined Epoch organisation categories (Industry, Academia, ...)
countries_raw          str    ';'-joined Epoch country names (not aligned one-to-one with organisations)
accessibility          str    one of ``ACCESSIBILITY_LEVELS`` (normalised from ``Model accessibility``)
open_weights           bool   ``Open model weights?`` when the file has it, else derived from accessibility
                              (open_* → True; api/hosted/unreleased → False; unknown → NA)
frontier_model         bool   ``Frontier model`` when the file has it, else NA
parameters             int    number of parameters (count; NA when unknown)
training_compute_flop  float  training compute in FLOP (NA when unknown)
notable                bool   any ``Notability criteria`` is given
base_model             str    name of the model this one was fine-tuned from ("" when none)

Free-text columns (abstracts, notes, references, authors, links) are never read into the output.

Rules
-----
- Placeholder rows, empty except for the bookkeeping fields ``Confidence`` and ``Last modified`` (seen at the
  end of the 2025 export), are dropped; a row with other content but no model name raises ``SourceError``.
- Multi-valued fields are split with :func:`openweights.sources.parsing.split_multi` (a comma *not* followed
  by a space separates values; ``"SambaNova Systems, Inc"`` stays one organisation).
- Duplicate model names: rows with the same name *and* the same publication date are one entry listed twice
  (seen in the 2025 file); they are merged field by field, the earliest row's non-empty value winning, and
  the merge is listed in ``frame.attrs["merged_duplicates"]``. The same name with different dates raises
  :class:`~openweights.errors.SourceError` (duplicate key).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from openweights.errors import SourceError
from openweights.sources.parsing import (
    check_not_after,
    clean_text,
    parse_bool,
    parse_column,
    parse_date,
    parse_float,
    parse_int,
    read_csv,
    split_multi,
)

__all__ = [
    "read",
    "implausible_parameters",
    "COLUMNS",
    "ACCESSIBILITY_LEVELS",
    "normalise_accessibility",
    "open_weights_from_accessibility",
]

FILE_NAME = "all_ai_models.csv"

COLUMNS = [
    "model",
    "publication_date",
    "year",
    "domains",
    "is_language",
    "organizations_raw",
    "org_categorizations",
    "countries_raw",
    "accessibility",
    "open_weights",
    "frontier_model",
    "parameters",
    "training_compute_flop",
    "notable",
    "base_model",
]

#: Normalised accessibility levels, from most to least open (used to rank ECI versions too).
ACCESSIBILITY_LEVELS = (
    "open_unrestricted",
    "open_restricted",
    "open_noncommercial",
    "api",
    "hosted",
    "unreleased",
    "unknown",
)

_ACCESSIBILITY = {
    "open weights (unrestricted)": "open_unrestricted",
    "open weights (restricted use)": "open_restricted",
    "open weights (non-commercial)": "open_noncommercial",
    "open weights (noncommercial)": "open_noncommercial",
    "api access": "api",
    "hosted access (no api)": "hosted",
    "unreleased": "unreleased",
    "": "unknown",
    "unknown": "unknown",
}

COUNTRY_COLUMNS = ("Country (from Organization)", "Country (of organization)")
_REQUIRED = [
    "Model",
    "Domain",
    "Organization",
    "Organization categorization",
    "Publication date",
    "Notability criteria",
    "Parameters",
    "Training compute (FLOP)",
    "Model accessibility",
    "Base model",
    COUNTRY_COLUMNS,
]
#: Columns Epoch fills in for every record, even placeholders; a row with nothing else is dropped.
_BOOKKEEPING = frozenset({"Confidence", "Last modified"})
_OPTIONAL = {"open_weights": "Open model weights?", "frontier": "Frontier model"}


def normalise_accessibility(value: object, *, file: str | Path, row: int | str, column: str) -> str:
    """Epoch's ``Model accessibility`` text → one of :data:`ACCESSIBILITY_LEVELS` (unknown text raises)."""
    key = clean_text(value).lower()
    if key not in _ACCESSIBILITY:
        raise SourceError(file, row, column, "an Epoch accessibility label such as 'API access'", value)
    return _ACCESSIBILITY[key]


def open_weights_from_accessibility(level: str) -> bool | None:
    """open_* → True; api/hosted/unreleased → False; unknown → None (NA)."""
    if level == "unknown":
        return None
    return level.startswith("open_")


def _merge_duplicates(frame: pd.DataFrame, path: Path) -> tuple[pd.DataFrame, list[str]]:
    names = frame["Model"]
    dup_mask = names.duplicated(keep=False)
    if not dup_mask.any():
        return frame, []
    keep_rows: list[int] = []
    merged_rows: dict[int, pd.Series] = {}
    merged: list[str] = []
    seen: set[str] = set()
    for idx, name in names.items():
        if not dup_mask[idx]:
            keep_rows.append(idx)
            continue
        if name in seen:
            continue
        seen.add(name)
        group = frame[names == name]
        dates = {d for d in group["Publication date"].map(clean_text)}
        if len(dates) > 1:
            second = int(group.index[1]) + 1
            raise SourceError(
                path,
                second,
                "Model",
                f"a unique model name (first seen in row {int(group.index[0]) + 1})",
                f"{name!r} again with another publication date",
            )
        combined = group.iloc[0].copy()
        for _, other in group.iloc[1:].iterrows():
            empty = combined.map(clean_text) == ""
            combined[empty] = other[empty]
        merged_rows[idx] = combined
        keep_rows.append(idx)
        merged.append(name)
    out = frame.loc[keep_rows].copy()
    for idx, row in merged_rows.items():
        out.loc[idx] = row
    return out, merged


def _join(values: list[str]) -> str:
    return ";".join(values)


def read(path_or_dir: str | Path, file_name: str = FILE_NAME, latest: dt.date | None = None) -> pd.DataFrame:
    """Read an Epoch models file (a file, or a directory containing ``file_name``: ``all_ai_models.csv`` or
    ``notable_ai_models.csv``, which share the schema) → validated tidy frame.

    Implausible values are set to NA and listed in ``frame.attrs["implausible"]`` as (row, column, value):
    see :func:`implausible_parameters`. A publication date after ``latest`` (the snapshot's date) is an error
    naming its row: a snapshot cannot list what was published after it was taken."""
    path = Path(path_or_dir)
    if path.is_dir():
        path = path / file_name
    frame, chosen = read_csv(path, _REQUIRED)
    country_col = chosen[COUNTRY_COLUMNS[0]]

    # Drop rows where every field is empty (blank lines at the end of the export).
    content = [c for c in frame.columns if c not in _BOOKKEEPING]
    blank = frame[content].apply(lambda col: col.str.strip() == "").all(axis=1)
    frame = frame[~blank].copy()
    frame["Model"] = frame["Model"].map(clean_text)
    missing_name = frame["Model"] == ""
    if missing_name.any():
        row = int(missing_name.idxmax()) + 1
        raise SourceError(path, row, "Model", "a model name", "an empty cell")
    frame, merged = _merge_duplicates(frame, path)
    if frame.empty:
        raise SourceError(path, 1, "Model", "at least one model row", "only blank rows")

    rows = [int(i) + 1 for i in frame.index]
    kw = {"file": path, "rows": rows}
    dates = parse_column(frame["Publication date"], parse_date, column="Publication date", **kw)
    check_not_after(dates, latest, path, rows, "Publication date")
    accessibility = [
        normalise_accessibility(v, file=path, row=r, column="Model accessibility")
        for v, r in zip(frame["Model accessibility"], rows, strict=True)
    ]
    derived_open = [open_weights_from_accessibility(a) for a in accessibility]
    if _OPTIONAL["open_weights"] in frame.columns:
        stated = parse_column(
            frame[_OPTIONAL["open_weights"]], parse_bool, column=_OPTIONAL["open_weights"], **kw
        )
        open_weights = [s if s is not None else d for s, d in zip(stated, derived_open, strict=True)]
    else:
        open_weights = derived_open
    if _OPTIONAL["frontier"] in frame.columns:
        frontier = parse_column(frame[_OPTIONAL["frontier"]], parse_bool, column=_OPTIONAL["frontier"], **kw)
    else:
        frontier = [None] * len(frame)
    domains = [split_multi(v) for v in frame["Domain"]]

    out = pd.DataFrame(
        {
            "model": frame["Model"].tolist(),
            "publication_date": dates,
            "year": [d.year if d else None for d in dates],
            "domains": [_join(d) for d in domains],
            "is_language": ["Language" in d for d in domains],
            "organizations_raw": [_join(split_multi(v)) for v in frame["Organization"]],
            "org_categorizations": [_join(split_multi(v)) for v in frame["Organization categorization"]],
            "countries_raw": [_join(split_multi(v)) for v in frame[country_col]],
            "accessibility": accessibility,
            "open_weights": open_weights,
            "frontier_model": frontier,
            "parameters": parse_column(frame["Parameters"], _parse_parameters, column="Parameters", **kw),
            "training_compute_flop": parse_column(
                frame["Training compute (FLOP)"],
                parse_float,
                column="Training compute (FLOP)",
                minimum=0,
                **kw,
            ),
            "notable": [clean_text(v) != "" for v in frame["Notability criteria"]],
            "base_model": [clean_text(v) for v in frame["Base model"]],
        },
        columns=COLUMNS,
    )
    flagged = implausible_parameters(out)
    out.loc[flagged, "parameters"] = None
    implausible = [(rows[i], "Parameters", frame["Parameters"].iloc[i]) for i in flagged]
    out = out.sort_values("model", kind="stable").reset_index(drop=True)
    out.attrs["implausible"] = implausible
    out.attrs["merged_duplicates"] = sorted(merged)
    out.attrs["country_column"] = country_col
    return out


#: A language model published from this year on with fewer parameters than this is a unit slip (mirrors have
#: shown counts 1,000 times too small); the smallest notable language models of 2023-2026 have about 10^8.
PLAUSIBLE_LM_FROM_YEAR = 2023
PLAUSIBLE_LM_MIN_PARAMETERS = 10_000_000
#: No model on record has more than 10^14 parameters; a larger count is a unit slip the other way.
PLAUSIBLE_MAX_PARAMETERS = 10**14


def implausible_parameters(frame: pd.DataFrame) -> list[int]:
    """Positions of rows whose parameter count cannot be right: a language model published from
    :data:`PLAUSIBLE_LM_FROM_YEAR` on with fewer than :data:`PLAUSIBLE_LM_MIN_PARAMETERS`, or any model with more
    than :data:`PLAUSIBLE_MAX_PARAMETERS`."""
    params = pd.to_numeric(frame["parameters"], errors="coerce")
    year = pd.to_numeric(frame["year"], errors="coerce")
    recent_lm = frame["is_language"].astype(bool) & year.ge(PLAUSIBLE_LM_FROM_YEAR).fillna(False).astype(bool)
    bad = (recent_lm & params.lt(PLAUSIBLE_LM_MIN_PARAMETERS).fillna(False).astype(bool)) | params.gt(
        PLAUSIBLE_MAX_PARAMETERS
    ).fillna(False).astype(bool)
    return [i for i, flag in enumerate(bad.tolist()) if flag]


def _parse_parameters(value: object, **where: object) -> int | None:
    number = parse_float(value, minimum=0, **where)  # type: ignore[arg-type]
    if number is None:
        return None
    return parse_int(round(number), **where)  # type: ignore[arg-type]
