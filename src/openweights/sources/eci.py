"""Epoch Capabilities Index (``epoch_capabilities_index.csv``) → one row per model.

Upstream: the ECI file inside https://epoch.ai/data/benchmark_data.zip (CC BY 4.0, cite Epoch AI); the
interactive index is https://epoch.ai/benchmarks/eci. The file lists *model versions* (reasoning settings,
hosts, dated snapshots) with columns ``Model version, ECI Score, Release date, Organization, Country,
Model accessibility, Training compute (FLOP), Confidence, Model name, Description, Display name``.

Collapse rule (one row per ``Model name``)
------------------------------------------
- ``eci_score``: the **maximum** ECI over the model's versions that have a score (the best setting its maker
  offers); ``best_version`` is that version (ties → alphabetically first version id).
- ``release_date``: the **earliest** release date among all the model's versions (NA if none has one).
- ``accessibility``: the **most open** accessibility among the versions, in the order of
  :data:`openweights.sources.epoch_models.ACCESSIBILITY_LEVELS`.
- ``training_compute_flop``: the largest value given for any version.
- organisation and country: from the first version (file order) that names them.
- Models with no score in any version are dropped. A version without ``Model name`` is grouped under its
  ``Model version`` id. ``n_versions`` counts all version rows of the model, ``n_scored_versions`` those with a
  score. ``Description`` and ``Display name`` are not read.

Output columns (key ``model_name``; sorted)
-------------------------------------------
model_name             str    Epoch's model name (whitespace collapsed)
eci_score              float  ECI points (dimensionless index), max over versions
release_date           date   earliest release date over versions
year                   int    year of ``release_date``
organizations_raw      str    ';'-joined organisation names as spelled in the file
countries_raw          str    ';'-joined country names as spelled in the file
accessibility          str    normalised level (most open over versions)
open_weights           bool   derived from ``accessibility`` (NA when unknown)
training_compute_flop  float  FLOP (max over versions; NA when unknown)
n_versions             int    version rows in the file for this model
n_scored_versions      int    version rows with an ECI score
best_version           str    ``Model version`` id holding the maximum score
version_ids            str    ';'-joined sorted ``Model version`` ids (identifiers, used for linking)
confidence             str    Epoch's confidence in the best version's score (``CONFIDENCE_LEVELS``; "unverified" and
                              "speculative" mark provisional scores)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from openweights.errors import SourceError
from openweights.sources.epoch_models import (
    ACCESSIBILITY_LEVELS,
    normalise_accessibility,
    open_weights_from_accessibility,
)
from openweights.sources.parsing import (
    check_not_after,
    clean_text,
    parse_column,
    parse_date,
    parse_float,
    read_csv,
    split_multi,
)

__all__ = ["read", "COLUMNS"]

FILE_NAME = "epoch_capabilities_index.csv"

COLUMNS = [
    "model_name",
    "eci_score",
    "release_date",
    "year",
    "organizations_raw",
    "countries_raw",
    "accessibility",
    "open_weights",
    "training_compute_flop",
    "n_versions",
    "n_scored_versions",
    "best_version",
    "version_ids",
    "confidence",
]
#: Epoch's confidence in a score, from firm to provisional; a missing column or cell reads "unknown".
CONFIDENCE_LEVELS = ("confident", "likely", "speculative", "unverified", "unknown")

_REQUIRED = [
    "Model version",
    "ECI Score",
    "Release date",
    "Organization",
    "Country",
    "Model accessibility",
    "Training compute (FLOP)",
    "Model name",
]
_RANK = {level: i for i, level in enumerate(ACCESSIBILITY_LEVELS)}


def read(path_or_dir: str | Path, latest: dt.date | None = None) -> pd.DataFrame:
    """Read the ECI CSV (a file, or a directory containing it) → one validated row per model; a release date
    after ``latest`` (the snapshot's date) is an error naming its row."""
    path = Path(path_or_dir)
    if path.is_dir():
        path = path / FILE_NAME
    frame, _ = read_csv(path, _REQUIRED)
    blank = frame.apply(lambda col: col.str.strip() == "").all(axis=1)
    frame = frame[~blank]
    rows = [int(i) + 1 for i in frame.index]
    kw = {"file": path, "rows": rows}

    versions = [clean_text(v) for v in frame["Model version"]]
    seen: dict[str, int] = {}
    for version, row in zip(versions, rows, strict=True):
        if not version:
            raise SourceError(path, row, "Model version", "a version id", "an empty cell")
        if version in seen:
            raise SourceError(
                path,
                row,
                "Model version",
                f"a unique version id (first seen in row {seen[version]})",
                version,
            )
        seen[version] = row
    scores = parse_column(frame["ECI Score"], parse_float, column="ECI Score", **kw)
    dates = parse_column(frame["Release date"], parse_date, column="Release date", **kw)
    check_not_after(dates, latest, path, rows, "Release date")
    compute = parse_column(
        frame["Training compute (FLOP)"], parse_float, column="Training compute (FLOP)", minimum=0, **kw
    )
    access = [
        normalise_accessibility(v, file=path, row=r, column="Model accessibility")
        for v, r in zip(frame["Model accessibility"], rows, strict=True)
    ]
    names = [clean_text(n) or v for n, v in zip(frame["Model name"], versions, strict=True)]
    orgs = [split_multi(v) for v in frame["Organization"]]
    countries = [split_multi(v) for v in frame["Country"]]
    confidence = [
        clean_text(v).lower() or "unknown"
        for v in (frame["Confidence"] if "Confidence" in frame else [""] * len(frame))
    ]
    for value, row in zip(confidence, rows, strict=True):
        if value not in CONFIDENCE_LEVELS:
            raise SourceError(path, row, "Confidence", f"one of {', '.join(CONFIDENCE_LEVELS)}", value)

    groups: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        groups.setdefault(name, []).append(i)

    records = []
    for name, idxs in groups.items():
        scored = [i for i in idxs if scores[i] is not None]
        if not scored:
            continue
        best = min(scored, key=lambda i: (-scores[i], versions[i]))
        known_dates = [dates[i] for i in idxs if dates[i] is not None]
        release = min(known_dates) if known_dates else None
        level = min((access[i] for i in idxs), key=_RANK.__getitem__)
        known_compute = [compute[i] for i in idxs if compute[i] is not None]
        org = next((orgs[i] for i in idxs if orgs[i]), [])
        country = next((countries[i] for i in idxs if countries[i]), [])
        records.append(
            {
                "model_name": name,
                "eci_score": scores[best],
                "release_date": release,
                "year": release.year if release else None,
                "organizations_raw": ";".join(org),
                "countries_raw": ";".join(country),
                "accessibility": level,
                "open_weights": open_weights_from_accessibility(level),
                "training_compute_flop": max(known_compute) if known_compute else None,
                "n_versions": len(idxs),
                "n_scored_versions": len(scored),
                "best_version": versions[best],
                "version_ids": ";".join(sorted(versions[i] for i in idxs)),
                "confidence": confidence[best],
            }
        )
    if not records:
        raise SourceError(path, None, "ECI Score", "at least one model with a score", "no scores")
    out = pd.DataFrame.from_records(records, columns=COLUMNS)
    return out.sort_values("model_name", kind="stable").reset_index(drop=True)
