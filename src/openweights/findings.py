"""The findings table: every value a chapter glues, with its unit, data date, chapter and source tables.

Chapters compute; this module collects. After the chapters are executed (``make notebooks``),
``python -m openweights findings build`` reads the values each executed chapter glued and writes them to
``data/findings/findings.csv``, one row per value, together with the ledger's verdicts. Pages that cite another
page's values (the summary, the claims ledger, a chapter that summarises its sub-pages) read this table through
:func:`values`, never another notebook's stored outputs, so every dependency between pages runs through one
committed file, and ``findings check`` (run by the tests) fails when that file no longer matches the chapters.

``findings diff`` compares the committed table with the one the chapters give now and prints each value that
moved and each verdict that flipped; ``findings release EDITION`` keeps the committed table as the previous
edition's and writes the comparison to ``data/findings/changelog.csv``, which the page "What changed in this
edition" shows.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import math
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from openweights.paths import CHAPTERS_DIR, CURATED_DIR, DATA_DIR, DATAPACKAGE_PATH

__all__ = [
    "FINDINGS_DIR",
    "FINDINGS_PATH",
    "CHANGELOG_PATH",
    "COLUMNS",
    "CHANGELOG_COLUMNS",
    "collect",
    "render",
    "read",
    "values",
    "unit_of",
    "compare",
    "stale_rows",
]

FINDINGS_DIR = DATA_DIR / "findings"
FINDINGS_PATH = FINDINGS_DIR / "findings.csv"
EDITIONS_DIR = FINDINGS_DIR / "editions"
CHANGELOG_PATH = FINDINGS_DIR / "changelog.csv"
CLAIMS_PATH = CURATED_DIR / "corpus" / "claims.csv"
COLUMNS = ["chapter", "name", "value", "kind", "unit", "data_date", "source_tables"]
CHANGELOG_COLUMNS = ["edition", "previous", "chapter", "name", "change", "old", "new", "difference", "unit"]
VERDICT_CHAPTER = "05_claims_ledger"
_GLUE_MIME = "application/papermill.record/text/plain"
_LOAD_RE = re.compile(r"""\bload\(\s*["']([^"']+)["']""")
#: Pages that are not chapters with findings of their own.
_SKIP = frozenset({"06_data", "07_reproducibility", "08_changes"})
#: Relative change below which a number has not moved (rounding noise of re-execution).
_TOLERANCE = 1e-9

#: Unit of a glued value, from the words in its name: the first rule whose pattern matches wins.
_UNIT_RULES: tuple[tuple[str, str], ...] = (
    (r"^policy_gap", "months"),
    (r"^corpus_", "count"),
    (r"_fte$", "engineers (full-time equivalent)"),
    (r"_days$", "days"),
    (r"^ai_index_notable|^derivatives_(?!share)|^price_(changes|increases)|_models$", "count"),
    (r"^frontier_threshold|^mixed_margin", "ECI points"),
    (r"^input_per_output|^output_to_input|premium|discount|spread_|_to_|_trend_(low|high)$", "ratio"),
    (r"(^|_)(share|pct|rate|skill|fraction|prob|utilisation)(_|$)|_share_|^survey_", "share (0-1)"),
    (r"(^|_)(odds_ratio|or)(_|$)|_or_|trend_or|_ratio", "ratio"),
    (r"usd|price|cost|_per_mtok", "USD"),
    (r"months?(_|$)", "months"),
    (r"eci|points", "ECI points"),
    (r"_q25$|_q75$|_max$|_min$", "USD"),
    (r"tokens?(_|$)|mtok", "tokens"),
    (r"brier", "Brier score"),
    (r"(^|_)(n|count|labs|models|releases|events|rows|hosts|claims|acts|measurements)(_|$)", "count"),
    (r"year", "year"),
)


def unit_of(name: str, kind: str) -> str:
    """A value's unit, read from its name (``"text"`` for text, ``"number"`` when no rule applies)."""
    if kind in ("text", "boolean"):
        return kind
    for pattern, unit in _UNIT_RULES:
        if re.search(pattern, name):
            return unit
    return "count" if kind == "integer" else "number"


def _literal(text: str) -> tuple[Any, str]:
    """A glued plain-text value as a Python value and its kind (integer, number, boolean, text)."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return text, "text"
    if isinstance(value, bool):
        return value, "boolean"
    if isinstance(value, int):
        return value, "integer"
    if isinstance(value, float):
        return value, "number"
    if isinstance(value, str):
        return value, "text"
    return text, "text"


def _glued(notebook: Mapping[str, Any]) -> dict[str, str]:
    values: dict[str, str] = {}
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            data = output.get("data", {})
            if name and _GLUE_MIME in data:
                text = data[_GLUE_MIME]
                values[name] = "".join(text) if isinstance(text, list) else str(text)
    return values


def _loaded_tables(notebook: Mapping[str, Any]) -> list[str]:
    tables: set[str] = set()
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "code":
            tables.update(
                t.replace("/", ".").removesuffix(".csv") for t in _LOAD_RE.findall("".join(cell["source"]))
            )
    return sorted(tables)


def _data_dates(package: Mapping[str, Any]) -> dict[str, str]:
    """Table name → the newest snapshot date of the upstream files it is built from ('' for curated tables)."""
    snapshots = {r["name"]: str(r.get("x_snapshot_date", "")) for r in package["resources"]}
    dates: dict[str, str] = {}
    for resource in package["resources"]:
        found = [snapshots.get(s.get("x_resource", ""), "") for s in resource.get("sources", [])]
        found = [d for d in found if re.match(r"^\d{4}-\d{2}", d)]
        dates[resource["name"]] = max(found) if found else ""
    return dates


def collect(
    chapters_dir: Path | None = None, claims_path: Path | None = None, datapackage_path: Path | None = None
) -> pd.DataFrame:
    """Every glued value of every executed chapter, plus each claim's verdict, as a findings frame."""
    chapters_dir = Path(chapters_dir) if chapters_dir else CHAPTERS_DIR
    package = json.loads(Path(datapackage_path or DATAPACKAGE_PATH).read_text(encoding="utf-8"))
    dates = _data_dates(package)
    rows: list[dict[str, str]] = []
    for path in sorted(chapters_dir.glob("*.ipynb")):
        if path.stem in _SKIP:
            continue
        notebook = json.loads(path.read_text(encoding="utf-8"))
        tables = _loaded_tables(notebook)
        data_date = max((dates.get(t, "") for t in tables), default="")
        for name, text in sorted(_glued(notebook).items()):
            _, kind = _literal(text)
            rows.append(
                {
                    "chapter": path.stem,
                    "name": name,
                    "value": text,
                    "kind": kind,
                    "unit": unit_of(name, kind),
                    "data_date": data_date,
                    "source_tables": ";".join(tables),
                }
            )
    claims = pd.read_csv(claims_path or CLAIMS_PATH, dtype=str, keep_default_na=False)
    for claim in claims.sort_values("claim_id").itertuples():
        rows.append(
            {
                "chapter": VERDICT_CHAPTER,
                "name": f"verdict_{claim.claim_id}",
                "value": repr(claim.verdict),
                "kind": "text",
                "unit": "verdict",
                "data_date": "",
                "source_tables": "corpus.claims",
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    dupes = frame[frame.duplicated(["chapter", "name"], keep=False)]
    if not dupes.empty:
        raise ValueError(f"a value is glued twice in one chapter: {sorted(set(dupes['name']))}")
    return frame.sort_values(["chapter", "name"], ignore_index=True)


def render(frame: pd.DataFrame) -> bytes:
    """The findings frame as CSV bytes (LF line ends, every field quoted as needed)."""
    buffer = io.StringIO()
    frame[COLUMNS].to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue().encode("utf-8")


def render_changelog(changes: pd.DataFrame) -> bytes:
    """The changelog frame as CSV bytes."""
    buffer = io.StringIO()
    changes[CHANGELOG_COLUMNS].to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def read(path: Path | None = None) -> pd.DataFrame:
    """A committed findings table (strings; empty cells stay empty strings)."""
    path = Path(path) if path else FINDINGS_PATH
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: run `python -m openweights findings build`")
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@lru_cache(maxsize=4)
def _values(path: str, mtime_ns: int) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for row in read(Path(path)).itertuples():
        out.setdefault(row.chapter, {})[row.name] = _literal(row.value)[0]
    return out


def values(chapter: str, path: Path | None = None) -> dict[str, Any]:
    """The findings of ``chapter`` (a page stem) as Python values, by glue name."""
    path = Path(path) if path else FINDINGS_PATH
    table = _values(str(path), path.stat().st_mtime_ns) if path.is_file() else {}
    if chapter not in table:
        known = ", ".join(sorted(table)) or "none"
        raise KeyError(f"no findings for page {chapter!r} in {path.name} (pages with findings: {known})")
    return dict(table[chapter])


def _number(value: str) -> float | None:
    parsed, kind = _literal(value)
    return float(parsed) if kind in ("integer", "number") else None


def compare(old: pd.DataFrame, new: pd.DataFrame, edition: str, previous: str) -> pd.DataFrame:
    """Each finding that moved, appeared or went between two findings tables (verdict flips included)."""
    merged = old.merge(new, on=["chapter", "name"], how="outer", suffixes=("_old", "_new"), indicator="side")
    rows = []
    for row in merged.itertuples():
        old_value = "" if row.side == "right_only" else row.value_old
        new_value = "" if row.side == "left_only" else row.value_new
        unit = row.unit_new if row.side != "left_only" else row.unit_old
        difference = ""
        if row.side == "left_only":
            change = "removed"
        elif row.side == "right_only":
            change = "added"
        else:
            a, b = _number(old_value), _number(new_value)
            if a is not None and b is not None:
                if math.isclose(a, b, rel_tol=_TOLERANCE, abs_tol=_TOLERANCE):
                    continue
                change, difference = "moved", repr(round(b - a, 6))
            elif old_value == new_value:
                continue
            else:
                change = "verdict flipped" if unit == "verdict" else "changed"
        rows.append(
            {
                "edition": edition,
                "previous": previous,
                "chapter": row.chapter,
                "name": row.name,
                "change": change,
                "old": old_value,
                "new": new_value,
                "difference": difference,
                "unit": unit,
            }
        )
    frame = pd.DataFrame(rows, columns=CHANGELOG_COLUMNS)
    return frame.sort_values(["chapter", "name"], ignore_index=True)


def stale_rows(committed: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Rows that differ between the committed findings table and what the chapters glue now."""
    key = ["chapter", "name"]
    merged = committed.merge(current, on=key, how="outer", suffixes=("_committed", "_now"), indicator="side")
    differs = merged["side"] != "both"
    for column in COLUMNS[2:]:
        differs |= merged[f"{column}_committed"].fillna("") != merged[f"{column}_now"].fillna("")
    return merged.loc[differs, key + ["value_committed", "value_now"]].reset_index(drop=True)


def edition_path(edition: str) -> Path:
    """Where the findings of a past edition are kept."""
    if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", edition):
        raise ValueError(f"an edition is named by its date (YYYY-MM or YYYY-MM-DD), not {edition!r}")
    return EDITIONS_DIR / f"{edition}.csv"


def changelog_lines(changes: pd.DataFrame, limit: int | None = None) -> Iterable[str]:
    """Human-readable lines for ``findings diff``."""
    shown = changes if limit is None else changes.head(limit)
    for row in shown.itertuples():
        detail = f"{row.old or '-'} -> {row.new or '-'}"
        if row.difference:
            detail += f" ({float(row.difference):+g})"
        yield f"{row.change:<15} {row.chapter}::{row.name}: {detail}"


def changelog(path: Path | None = None) -> pd.DataFrame:
    """The committed changelog of findings (strings)."""
    return read(path or CHANGELOG_PATH)


def change_counts(changes: pd.DataFrame) -> pd.DataFrame:
    """Findings per page and kind of change (moved, added, removed, changed, verdict flipped)."""
    kinds = ["moved", "changed", "verdict flipped", "added", "removed"]
    table = pd.crosstab(changes["chapter"], changes["change"]).reindex(columns=kinds, fill_value=0)
    table.loc["all pages"] = table.sum()
    return table


def chapters(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """Every page's findings as Python values: page stem → {glue name: value} (the summary glues them all)."""
    path = Path(path) if path else FINDINGS_PATH
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: run `python -m openweights findings build`")
    return {page: dict(values) for page, values in _values(str(path), path.stat().st_mtime_ns).items()}
