"""Where each upstream snapshot comes from, under which licence, and how it is laid out on disk.

A *raw folder* holds one sub-folder per source (``epoch/``, ``epoch-current/``, ``models.dev/``, ``openrouter/``).
Two layouts are accepted for each source, and :func:`locate` finds the files in either:

- mirror layout (``../shared/reference``): ``<raw>/<source>/<files>``; snapshot dates come from the mirror's
  ``README.md`` table. A source may also sit in a dated mirror folder named after it (``epoch-2026-07/`` for
  ``epoch-current``, see :data:`MIRROR_FOLDERS`); the newest such folder is used;
- fetched layout (``data/raw`` after ``openweights data fetch``): ``<raw>/<source>/<snapshot-date>/<files>``
  plus ``manifest.json`` (written by :mod:`openweights.fetch`); the latest date folder is used.

Resource paths recorded in ``datapackage.json`` are relative to the source snapshot folder prefixed with the
source name (``epoch/all_ai_models.csv``, ``models.dev/models``), so both layouts give the same data package.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from openweights.paths import SNAPSHOTS_DIR

__all__ = [
    "RawResource",
    "RAW_RESOURCES",
    "SOURCES",
    "MIRROR_FOLDERS",
    "locate",
    "snapshot_dates",
    "DATE_DIR_RE",
]

DATE_DIR_RE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


@dataclass(frozen=True)
class RawResource:
    """One upstream file (or TOML tree) and how to get it."""

    name: str  #: datapackage resource name
    source: str  #: folder under the raw dir
    path: str  #: path inside the source snapshot folder (a file, or a folder for ``kind == "tree"``)
    title: str
    short_title: str  #: how a figure's source line names it ("Epoch AI, Notable AI Models")
    url: str  #: canonical page / API address
    download_url: str  #: what ``data fetch`` downloads
    archive_member: str | None  #: file (or folder prefix) to take out of a downloaded zip / tar.gz
    licence: dict
    attribution: str
    kind: str = "file"  #: "file" or "tree"
    max_bytes: int = 100_000_000


def _resources(folder: Path) -> tuple[RawResource, ...]:
    """Every resource of the metadata files, sources in :data:`SOURCE_ORDER`, resources in file order."""
    files = sorted(
        folder.glob("*.json"), key=lambda p: SOURCE_ORDER.index(p.stem) if p.stem in SOURCE_ORDER else 99
    )
    resources = []
    for path in files:
        meta = json.loads(path.read_text(encoding="utf-8"))
        resources += [RawResource(source=meta["source"], **entry) for entry in meta["resources"]]
    return tuple(resources)


SOURCE_ORDER = ("epoch", "epoch-current", "models.dev", "openrouter")
RAW_RESOURCES: tuple[RawResource, ...] = _resources(SNAPSHOTS_DIR)
MIT = next(r.licence for r in RAW_RESOURCES if r.licence.get("name") == "MIT")

SOURCES: tuple[str, ...] = tuple(dict.fromkeys(r.source for r in RAW_RESOURCES))

#: Sources that a mirror may hold in dated folders of another name: ``epoch-current`` as ``epoch-2026-07/``.
MIRROR_FOLDERS: dict[str, re.Pattern[str]] = {"epoch-current": re.compile(r"^epoch-\d{4}-\d{2}(-\d{2})?$")}


def locate(raw_dir: Path, source: str) -> Path:
    """The folder holding ``source``'s files: the latest ``<date>`` sub-folder if any, else ``<raw>/<source>``,
    else (mirror layout) the newest dated mirror folder of :data:`MIRROR_FOLDERS`."""
    base = Path(raw_dir) / source
    if not base.is_dir() and source in MIRROR_FOLDERS and Path(raw_dir).is_dir():
        dated = sorted(
            p for p in Path(raw_dir).iterdir() if p.is_dir() and MIRROR_FOLDERS[source].match(p.name)
        )
        return dated[-1] if dated else base
    if not base.is_dir():
        return base
    dated = sorted(p for p in base.iterdir() if p.is_dir() and DATE_DIR_RE.match(p.name))
    return dated[-1] if dated else base


def _readme_rows(raw_dir: Path) -> list[tuple[str, str]]:
    """(folder pattern, snapshot) pairs from a mirror README's markdown table."""
    readme = Path(raw_dir) / "README.md"
    if not readme.is_file():
        return []
    rows: list[tuple[str, str]] = []
    header: list[str] | None = None
    for line in readme.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = [c.lower() for c in cells]
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        if "folder" in header and "snapshot" in header and len(cells) == len(header):
            folder = cells[header.index("folder")].strip("`")
            rows.append((folder, cells[header.index("snapshot")]))
    return rows


def snapshot_dates(raw_dir: Path) -> dict[str, str]:
    """Resource name → snapshot date, from fetch manifests or the mirror README ("unknown" otherwise)."""
    raw_dir = Path(raw_dir)
    readme = _readme_rows(raw_dir)
    out: dict[str, str] = {}
    for res in RAW_RESOURCES:
        folder = locate(raw_dir, res.source)
        manifest = folder / "manifest.json"
        date = None
        if manifest.is_file():
            try:
                data = json.loads(manifest.read_text(encoding="utf-8"))
                date = data.get("resources", {}).get(res.name, {}).get("snapshot_date")
            except (json.JSONDecodeError, AttributeError):
                date = None
        if date is None:
            target = f"{folder.name if folder.parent == raw_dir else res.source}/{res.path}"
            for pattern, snap in readme:
                prefix = pattern.split("<", 1)[0].rstrip("/")
                if prefix == target or prefix.startswith(target + "/") or target.startswith(prefix + "/"):
                    date = snap
                    break
        out[res.name] = date or "unknown"
    return out
