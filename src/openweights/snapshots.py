"""Each upstream snapshot's own metadata, and an archive of the raw bytes.

``data/snapshots/<source>.json`` holds, once, what the project knows of an upstream source, in the style of
Our World in Data's snapshot files: its producer and citation, and for each resource its title, canonical and
download addresses, licence and attribution (read by :mod:`openweights.sources.catalog`). Its ``snapshot``
section records the copy the committed tables were built from: the snapshot (publication) date, the date it
was taken, for a repository the commit, and for each resource its sha256 and size.

:func:`record` writes that section from a raw folder (``openweights data fetch`` calls it after a download,
with the commit it got; ``openweights data snapshot --from DIR`` for a mirror). :func:`check` compares a raw
folder with the records. :func:`archive` packs the raw snapshots with their checksums into one ``.tar.gz``
for deposit in a long-term archive (Zenodo, a university repository), so the processed tables can be rebuilt
after upstream has moved on; the reproducibility appendix says how to restore one.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path
from typing import Any

from openweights.build.datapackage import hash_tree
from openweights.digest import sha256_bytes, sha256_file
from openweights.errors import OpenWeightsError
from openweights.paths import SNAPSHOTS_DIR
from openweights.sources import catalog

__all__ = ["read", "record", "check", "archive", "fingerprint"]


def read(source: str, folder: Path = SNAPSHOTS_DIR) -> dict[str, Any]:
    """The metadata file of ``source``."""
    return json.loads((Path(folder) / f"{source}.json").read_text(encoding="utf-8"))


def fingerprint(raw_dir: Path, resource: catalog.RawResource) -> dict[str, Any]:
    """sha256 and size of one resource in ``raw_dir`` (a tree: its file count and the sha256 of its listing, as
    in the data package)."""
    path = catalog.locate(raw_dir, resource.source) / resource.path
    if resource.kind == "tree":
        digest, size, files = hash_tree(path)
        return {"sha256": digest, "bytes": size, "files": files}
    digest, size = sha256_file(path)
    return {"sha256": digest, "bytes": size}


def record(
    raw_dir: Path,
    source: str,
    *,
    accessed: str | None = None,
    commit: str | None = None,
    folder: Path = SNAPSHOTS_DIR,
) -> dict[str, Any]:
    """Write the ``snapshot`` section of ``source``'s metadata from the copy in ``raw_dir``; returns it."""
    dates = catalog.snapshot_dates(raw_dir)
    resources = [r for r in catalog.RAW_RESOURCES if r.source == source]
    published = sorted({dates[r.name] for r in resources})
    snapshot = {
        "date_published": published[0] if len(published) == 1 else published,
        "date_accessed": accessed,
        "commit": commit,
        "resources": {r.name: fingerprint(raw_dir, r) for r in resources},
    }
    path = Path(folder) / f"{source}.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta["snapshot"] = snapshot
    path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return snapshot


def check(raw_dir: Path, folder: Path = SNAPSHOTS_DIR) -> list[str]:
    """Resources of ``raw_dir`` whose bytes differ from the recorded snapshot (empty when all match)."""
    problems = []
    for source in catalog.SOURCES:
        recorded = (read(source, folder).get("snapshot") or {}).get("resources", {})
        for resource in (r for r in catalog.RAW_RESOURCES if r.source == source):
            expected = recorded.get(resource.name)
            if expected is None:
                problems.append(f"{resource.name}: no snapshot recorded")
                continue
            found = fingerprint(raw_dir, resource)
            if found["sha256"] != expected["sha256"]:
                problems.append(
                    f"{resource.name}: sha256 {found['sha256'][:12]}…, recorded {expected['sha256'][:12]}…"
                )
    return problems


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), 0, 0o644
    tar.addfile(info, io.BytesIO(data))


def archive(raw_dir: Path, out_dir: Path, folder: Path = SNAPSHOTS_DIR) -> Path:
    """Pack every raw snapshot in ``raw_dir`` (the folders the catalogue locates) in the fetched layout
    (``raw/<source>/...`` with a ``manifest.json`` of snapshot dates), the metadata files and a ``SHA256SUMS`` of
    every packed file into ``out_dir/openweights-snapshots-<newest snapshot date>.tar.gz``; refuses when the raw
    bytes differ from the records. Deterministic: sorted members, no timestamps, no owners.

    To restore: ``tar xzf <archive>``, check ``sha256sum -c SHA256SUMS``, then
    ``python -m openweights data build --from raw``."""
    raw_dir = Path(raw_dir)
    problems = check(raw_dir, folder)
    if problems:
        raise OpenWeightsError("the raw snapshots differ from data/snapshots: " + "; ".join(problems))
    members: dict[str, bytes] = {}
    for resource in catalog.RAW_RESOURCES:
        base = catalog.locate(raw_dir, resource.source)
        target = base / resource.path
        paths = (
            sorted(p for p in target.rglob("*") if p.is_file() or p.is_symlink())
            if target.is_dir()
            else [target]
        )
        for path in paths:
            # a symbolic link is packed as a file holding its target, as `data fetch` stores it
            data = str(path.readlink()).encode() if path.is_symlink() else path.read_bytes()
            members[f"raw/{resource.source}/{path.relative_to(base).as_posix()}"] = data
    dates = catalog.snapshot_dates(raw_dir)
    for source in catalog.SOURCES:
        # a fetch manifest, so that a restored folder keeps its snapshot dates (catalog.snapshot_dates)
        manifest = {
            "source": source,
            "resources": {
                r.name: {"snapshot_date": dates[r.name]} for r in catalog.RAW_RESOURCES if r.source == source
            },
        }
        members[f"raw/{source}/manifest.json"] = (
            json.dumps(manifest, indent=2, sort_keys=True) + "\n"
        ).encode()
    for path in sorted(Path(folder).glob("*.json")):
        members[f"snapshots/{path.name}"] = path.read_bytes()
    sums = "".join(f"{sha256_bytes(data)}  {name}\n" for name, data in sorted(members.items()))
    latest = max(dates.values(), default="undated")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"openweights-snapshots-{latest}.tar.gz"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in sorted(members.items()):
            _add(tar, name, data)
        _add(tar, "SHA256SUMS", sums.encode())
    path.write_bytes(gzip.compress(buffer.getvalue(), mtime=0))
    return path
