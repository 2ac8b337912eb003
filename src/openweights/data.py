"""Read the project's tables: ``load("eci_models")``, ``load("organizations")``, ``load("corpus.claims")``.

The notebooks read data only through :func:`load`. A name is a resource name from ``data/datapackage.json``:
a processed table (``data/processed/<name>.csv``) or a curated table (``data/curated/<path>.csv`` is named
``<path>`` with ``/`` written as ``.``; ``load("corpus/claims")`` and ``load("corpus/claims.csv")`` work too).

Before reading, the file's sha256 is compared with the data package; a mismatch raises
:class:`~openweights.errors.DataPackageError` telling you to rebuild. Columns get dtypes from the schema:
``integer`` → ``Int64``, ``number`` → ``float64``, ``boolean`` → ``boolean``, ``date`` → ``datetime64``,
``string`` → text with empty cells as NA.
"""

from __future__ import annotations

import hashlib
import io
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from openweights.errors import DataPackageError
from openweights.paths import DATA_DIR, DATAPACKAGE_PATH, REPO_ROOT

__all__ = ["load", "resources", "resource", "datapackage", "table_path", "REBUILD_HINT"]

REBUILD_HINT = "run `python -m openweights data build`"


@lru_cache(maxsize=4)
def _package(path: str, mtime_ns: int) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def datapackage(path: Path | None = None) -> dict[str, Any]:
    """The parsed data package (cached until the file changes)."""
    path = Path(path) if path is not None else DATAPACKAGE_PATH
    if not path.is_file():
        raise DataPackageError(f"{_show(path)} not found; {REBUILD_HINT}")
    return _package(str(path), path.stat().st_mtime_ns)


def resources(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """Resource name → descriptor, for processed and curated tables (raw snapshots excluded)."""
    return {
        r["name"]: r
        for r in datapackage(path)["resources"]
        if str(r.get("path", "")).startswith(("processed/", "curated/"))
    }


def _normalise(name: str) -> str:
    name = name.strip()
    if name.endswith(".csv"):
        name = name[: -len(".csv")]
    for prefix in ("data/", "processed/", "curated/"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return name.replace("/", ".").lower()


def resource(name: str, path: Path | None = None) -> dict[str, Any]:
    """Descriptor of one table by resource name (or curated path); unknown names list the known ones."""
    table = resources(path)
    key = _normalise(name)
    if key not in table:
        known = ", ".join(sorted(table))
        shown = _show(Path(path) if path is not None else DATAPACKAGE_PATH)
        raise DataPackageError(f"no table named {name!r} in {shown}; known: {known}")
    return table[key]


def _show(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def _convert(frame: pd.DataFrame, fields: list[dict[str, Any]]) -> pd.DataFrame:
    out = {}
    for f in fields:
        col = frame[f["name"]]
        kind = f.get("type", "string")
        empty = col == ""
        if kind == "integer":
            out[f["name"]] = pd.to_numeric(col.mask(empty), errors="raise").astype("Int64")
        elif kind == "number":
            out[f["name"]] = pd.to_numeric(col.mask(empty), errors="raise").astype("float64")
        elif kind == "boolean":
            values = col.map({"true": True, "false": False, "": pd.NA})
            out[f["name"]] = values.astype("boolean")
        elif kind == "date":
            out[f["name"]] = pd.to_datetime(col.mask(empty), format="%Y-%m-%d")
        else:
            out[f["name"]] = col.mask(empty)
    return pd.DataFrame(out, index=frame.index)


def table_path(
    desc: dict[str, Any],
    *,
    datapackage_path: Path | None = None,
    processed_dir: Path | None = None,
    curated_dir: Path | None = None,
) -> Path:
    """Where a processed/curated resource lives on disk.

    Paths in the package are relative to ``data/`` (``processed/x.csv``, ``curated/y.csv``). For a package
    written elsewhere (``data build --out DIR`` writes ``DIR/datapackage.json`` beside the tables), pass
    ``processed_dir``/``curated_dir``; by default they are ``<package folder>/processed`` (or the package
    folder itself when it has no ``processed`` sub-folder) and ``<package folder>/curated``.
    """
    base = Path(datapackage_path).parent if datapackage_path is not None else DATA_DIR
    rel = str(desc["path"])
    if rel.startswith("processed/"):
        folder = processed_dir or (base / "processed" if (base / "processed").is_dir() else base)
        return Path(folder) / rel[len("processed/") :]
    if rel.startswith("curated/"):
        return Path(curated_dir or base / "curated") / rel[len("curated/") :]
    return base / rel


def load(
    name: str,
    *,
    datapackage_path: Path | None = None,
    processed_dir: Path | None = None,
    curated_dir: Path | None = None,
    verify: bool = True,
) -> pd.DataFrame:
    """A processed or curated table as a typed DataFrame, after checking its sha256 (see module docs)."""
    desc = resource(name, datapackage_path)
    path = table_path(
        desc, datapackage_path=datapackage_path, processed_dir=processed_dir, curated_dir=curated_dir
    )
    shown = _show(path)
    if not path.is_file():
        raise DataPackageError(f"{shown} is missing; {REBUILD_HINT}")
    data = path.read_bytes()
    if verify and hashlib.sha256(data).hexdigest() != desc.get("x_sha256"):
        raise DataPackageError(f"{shown} changed since datapackage.json was written; {REBUILD_HINT}")
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    fields = desc.get("schema", {}).get("fields", [])
    if [f["name"] for f in fields] != list(frame.columns):
        raise DataPackageError(f"{shown} columns differ from its schema in datapackage.json; {REBUILD_HINT}")
    return _convert(frame, fields)
