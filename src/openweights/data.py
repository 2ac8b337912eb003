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

import csv
import io
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from openweights.digest import sha256_bytes
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


_PANDAS_TYPES = {"integer": "Int64", "number": "float64"}


def _parse(data: bytes, fields: list[dict[str, Any]], shown: str) -> pd.DataFrame:
    """The CSV bytes as a frame typed by the schema: empty cells are NA, integers nullable Int64, numbers
    float64, booleans ("true"/"false") nullable boolean, dates (YYYY-MM-DD) datetime64, the rest text.

    Numbers are parsed by the CSV reader itself, which is about twice as fast as converting text columns
    afterwards and gives the same values; only empty cells count as missing ("NA" stays text).
    """
    names = [f["name"] for f in fields]
    header = next(csv.reader([data.split(b"\n", 1)[0].decode("utf-8").rstrip("\r")]), [])
    if header != names:
        raise DataPackageError(f"{shown} columns differ from its schema in datapackage.json; {REBUILD_HINT}")
    kinds = {f["name"]: f.get("type", "string") for f in fields}
    dtypes = {name: _PANDAS_TYPES.get(kind, str) for name, kind in kinds.items()}
    try:
        frame = pd.read_csv(
            io.BytesIO(data), dtype=dtypes, keep_default_na=False, na_values=[""], encoding="utf-8"
        )
        for name, kind in kinds.items():
            if kind == "boolean":
                values = frame[name].map({"true": True, "false": False})
                bad = frame[name].notna() & values.isna()
                if bad.any():
                    raise ValueError(f"column {name!r}: {frame[name][bad].iloc[0]!r} is not true or false")
                frame[name] = values.astype("boolean")
            elif kind == "date":
                frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d")
    except (ValueError, TypeError) as error:  # TypeError: a fraction in an integer column
        raise DataPackageError(f"{shown} does not match its schema in datapackage.json: {error}") from error
    return frame


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
    if verify and sha256_bytes(data) != desc.get("x_sha256"):
        raise DataPackageError(f"{shown} changed since datapackage.json was written; {REBUILD_HINT}")
    return _parse(data, desc.get("schema", {}).get("fields", []), shown)
