"""Download upstream snapshots into ``data/raw/<source>/<snapshot-date>/`` (or copy them from a local mirror).

``fetch()`` gets every resource of :data:`openweights.sources.catalog.RAW_RESOURCES`:

- Epoch ``all_ai_models.csv`` directly; the ECI CSV out of ``https://epoch.ai/data/benchmark_data.zip``;
- models.dev as the GitHub repository tarball, keeping only ``models/`` and ``providers/`` (symlinks in the
  archive are written as text files holding the link target, the form the reader follows);
- OpenRouter's ``/api/v1/models`` JSON.

Each download has a timeout, up to ``retries`` attempts with exponential backoff (an unreachable network fails
at once, with one message), a size limit, a ``Content-Length`` check (a download cut short raises
:class:`~openweights.errors.SourceError`) and a tqdm progress bar. Files are written into a hidden staging
folder and the whole ``<source>/<date>/`` folder is moved into place only when every file of that source is
complete, so nothing is ever left half-written. ``manifest.json`` in each folder records, per resource, the
URL, sha256, bytes and snapshot date (read back by the build for the data package).

``fetch(mirror=DIR)`` copies from a folder laid out like ``../shared/reference`` instead (sha256 checked after
the copy; snapshot dates from the mirror's README). ``openweights data build --from DIR`` can also read such a
mirror directly, without copying.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import shutil
import socket
import tarfile
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

import urllib3
from tqdm import tqdm
from urllib3.exceptions import MaxRetryError, NameResolutionError, NewConnectionError, ProtocolError
from urllib3.util import Retry

from openweights import __version__, snapshots
from openweights.digest import sha256_file
from openweights.errors import FetchError, NetworkUnavailableError, SourceError
from openweights.paths import RAW_DIR, SNAPSHOTS_DIR
from openweights.sources import catalog
from openweights.sources.catalog import RawResource

__all__ = ["fetch", "download", "OFFLINE_HINT"]

OFFLINE_HINT = (
    "use a local mirror instead: `python -m openweights data fetch --from ../shared/reference` "
    "(or build straight from it with `python -m openweights data build --from ../shared/reference`), "
    "or run `make data`"
)
USER_AGENT = f"openweights/{__version__} (research report data pipeline)"
_CHUNK = 1 << 16
_UNREACHABLE = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ECONNREFUSED, errno.EADDRNOTAVAIL}


#: Answers worth asking again for: rate limiting and the server's own failures.
RETRY_STATUSES = (429, 500, 502, 503, 504)


def retry_policy(attempts: int, backoff: float) -> Retry:
    """urllib3's retry policy for a download: up to ``attempts`` tries in all, waiting ``backoff`` seconds times
    2**(try - 1) between them, or as long as a 429 or 503 answer's Retry-After header asks; connection errors
    and the statuses of :data:`RETRY_STATUSES` are retried, other HTTP errors are final."""
    return Retry(
        total=max(1, attempts) - 1,
        backoff_factor=backoff,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )


def _is_unreachable(exc: BaseException) -> bool:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, NameResolutionError | socket.gaierror | ConnectionRefusedError):
        return True
    if isinstance(reason, NewConnectionError):
        return True
    return isinstance(reason, OSError) and reason.errno in _UNREACHABLE


def download(
    url: str,
    dest: Path,
    *,
    max_bytes: int = 100_000_000,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 1.0,
    expected_sha256: str | None = None,
    progress: bool = True,
) -> tuple[str, int]:
    """Download ``url`` to ``dest`` (via ``dest.part``) → (sha256, bytes). Nothing is left on failure.

    ``retries`` is the number of attempts in all (see :func:`retry_policy`); urllib3 makes them."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    pool = urllib3.PoolManager(
        retries=retry_policy(retries, backoff),
        timeout=urllib3.Timeout(connect=timeout, read=timeout),
        headers={"User-Agent": USER_AGENT},
    )
    try:
        response = pool.request("GET", url, preload_content=False)
    except MaxRetryError as exc:
        if _is_unreachable(exc):
            host = urllib.parse.urlsplit(url).hostname
            raise NetworkUnavailableError(
                f"network unreachable (cannot reach {host}); {OFFLINE_HINT}"
            ) from exc
        raise FetchError(f"{url}: failed after {max(1, retries)} attempts ({exc.reason})") from exc
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(f"{url}: {exc}") from exc
    try:
        if response.status >= 400:
            tried = f" after {max(1, retries)} attempts" if response.status in RETRY_STATUSES else ""
            raise FetchError(f"{url}: HTTP {response.status} {response.reason}{tried}")
        return _save(response, url, dest, part, max_bytes, expected_sha256, progress)
    finally:
        response.release_conn()
        part.unlink(missing_ok=True)


def _save(
    response: urllib3.BaseHTTPResponse,
    url: str,
    dest: Path,
    part: Path,
    max_bytes: int,
    expected_sha256: str | None,
    progress: bool,
) -> tuple[str, int]:
    digest = hashlib.sha256()
    received = 0
    declared = response.headers.get("Content-Length")
    declared_n = int(declared) if declared and declared.isdigit() else None
    if declared_n is not None and declared_n > max_bytes:
        raise FetchError(f"{url}: {declared_n} bytes is over the {max_bytes}-byte limit")
    bar = tqdm(
        total=declared_n, unit="B", unit_scale=True, desc=PurePosixPath(url).name[:30], disable=not progress
    )
    try:
        with part.open("wb") as fh:
            try:
                for chunk in response.stream(_CHUNK):
                    received += len(chunk)
                    if received > max_bytes:
                        raise FetchError(f"{url}: more than the {max_bytes}-byte limit")
                    digest.update(chunk)
                    fh.write(chunk)
                    bar.update(len(chunk))
            except (ProtocolError, urllib3.exceptions.IncompleteRead) as exc:
                raise _cut_short(dest, declared_n, received) from exc
    finally:
        bar.close()
    if declared_n is not None and received != declared_n:
        raise _cut_short(dest, declared_n, received)
    if received == 0:
        raise SourceError(dest.name, None, None, "a non-empty download", "0 bytes")
    sha = digest.hexdigest()
    if expected_sha256 is not None and sha != expected_sha256:
        raise SourceError(dest.name, None, None, f"sha256 {expected_sha256}", f"sha256 {sha}")
    os.replace(part, dest)
    return sha, received


def _cut_short(dest: Path, declared: int | None, received: int) -> SourceError:
    return SourceError(
        dest.name, None, None, f"{declared} bytes (Content-Length)", f"{received} bytes: cut short"
    )


def _extract_zip_member(archive: Path, member: str, dest: Path) -> None:
    try:
        with zipfile.ZipFile(archive) as zf:
            names = [n for n in zf.namelist() if PurePosixPath(n).name == member]
            if not names:
                raise SourceError(
                    archive.name, None, member, f"a member named {member}", "not in the archive"
                )
            dest.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(sorted(names, key=len)[0]) as src, dest.open("wb") as out:
                shutil.copyfileobj(src, out)
    except zipfile.BadZipFile as exc:
        raise SourceError(archive.name, None, None, "a complete zip archive", str(exc)) from exc


def _extract_tar_prefix(archive: Path, prefix: str, dest: Path) -> int:
    """Extract members under ``<top>/<prefix>`` into ``dest`` (symlinks become text files holding the target)."""
    count = 0
    try:
        with tarfile.open(archive, "r:*") as tf:
            for member in tf:
                parts = PurePosixPath(member.name).parts
                rel = PurePosixPath(*parts[1:]) if len(parts) > 1 else None
                if rel is None or not str(rel).startswith(prefix) or ".." in rel.parts:
                    continue
                target = dest / rel.relative_to(prefix.rstrip("/"))
                if member.isdir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                if member.issym():
                    target.write_text(member.linkname + "\n", encoding="utf-8")
                elif member.isfile():
                    src = tf.extractfile(member)
                    assert src is not None
                    with src, target.open("wb") as out:
                        shutil.copyfileobj(src, out)
                else:
                    continue
                count += 1
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise SourceError(archive.name, None, None, "a complete tar.gz archive", str(exc)) from exc
    if count == 0:
        raise SourceError(archive.name, None, prefix, f"files under {prefix}", "none")
    return count


def _links_as_text(root: Path) -> None:
    """Replace each symbolic link under ``root`` by a text file holding its target path, as an archive download
    writes it, so that a fetched snapshot has one layout whatever the mirror's links were."""
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            target = os.readlink(path)
            path.unlink()
            path.write_text(target, encoding="utf-8")


def _tree_stats(root: Path) -> tuple[int, int]:
    files = [p for p in root.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _copy_from_mirror(res: RawResource, mirror: Path, staging: Path) -> dict[str, Any]:
    src = catalog.locate(mirror, res.source) / res.path
    dst = staging / res.path
    if res.kind == "tree":
        if not src.is_dir():
            raise FetchError(
                f"{src} not found in the mirror (expected a folder laid out like ../shared/reference)"
            )
        shutil.copytree(src, dst, symlinks=True)
        _links_as_text(dst)
        files, size = _tree_stats(dst)
        return {"files": files, "bytes": size}
    if not src.is_file():
        raise FetchError(
            f"{src} not found in the mirror (expected a folder laid out like ../shared/reference)"
        )
    expected = sha256_file(src)[0]
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    found = sha256_file(dst)[0]
    if found != expected:
        raise SourceError(dst, None, None, f"sha256 {expected} (as in the mirror)", f"sha256 {found}")
    return {"sha256": found, "bytes": dst.stat().st_size}


def validate_snapshot(source: str, folder: Path) -> None:
    """Read a fetched snapshot with its source's reader; raises :class:`SourceError` naming file, row and column."""
    from openweights.sources import eci, epoch_models, modelsdev, openrouter

    readers = {
        "epoch": lambda: epoch_models.read(folder),
        "epoch-current": lambda: (epoch_models.read(folder, "notable_ai_models.csv"), eci.read(folder)),
        "models.dev": lambda: modelsdev.read_all(folder),
        "openrouter": lambda: openrouter.read(folder),
    }
    if source in readers:
        readers[source]()


def _install(staging: Path, final: Path) -> None:
    """Move a completed staging folder to ``final``, replacing an older copy only after the move succeeds."""
    old = None
    if final.exists():
        old = final.with_name(f".old-{final.name}-{os.getpid()}")
        os.replace(final, old)
    try:
        os.replace(staging, final)
    except OSError:
        if old is not None:
            os.replace(old, final)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def fetch(
    raw_dir: Path | str = RAW_DIR,
    *,
    mirror: Path | str | None = None,
    snapshot_date: str | None = None,
    urls: Mapping[str, str] | None = None,
    sources: tuple[str, ...] | None = None,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 1.0,
    progress: bool = True,
    snapshots_dir: Path | None = SNAPSHOTS_DIR,
) -> dict[str, Path]:
    """Fetch every source into ``raw_dir/<source>/<date>/``; returns source → folder written.

    ``urls`` overrides download URLs by resource name (tests point them at a local server); ``mirror`` copies
    from a folder laid out like ``../shared/reference``; ``snapshot_date`` defaults to today (network) or the
    mirror README's dates. Each source fetched is recorded in ``snapshots_dir/<source>.json`` (dates, sha256,
    sizes and, for a repository, the commit; see :mod:`openweights.snapshots`); ``None`` records nothing.
    """
    raw_dir = Path(raw_dir)
    mirror_dir = Path(mirror) if mirror is not None else None
    if mirror_dir is not None and not mirror_dir.is_dir():
        raise FetchError(f"mirror folder {mirror_dir} does not exist")
    mirror_dates = catalog.snapshot_dates(mirror_dir) if mirror_dir is not None else {}
    today = snapshot_date or dt.date.today().isoformat()
    written: dict[str, Path] = {}
    for source in sources or catalog.SOURCES:
        resources = [r for r in catalog.RAW_RESOURCES if r.source == source]
        (raw_dir / source).mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".fetch-", dir=raw_dir / source))
        try:
            manifest: dict[str, Any] = {"source": source, "resources": {}}
            downloads: dict[str, Path] = {}
            for res in resources:
                if mirror_dir is not None:
                    info = _copy_from_mirror(res, mirror_dir, staging)
                    info.update({"url": res.url, "copied_from": "local mirror"})
                    info["snapshot_date"] = snapshot_date or mirror_dates.get(res.name, "unknown")
                else:
                    url = (urls or {}).get(res.name, res.download_url)
                    info = _fetch_one(res, url, staging, downloads, timeout, retries, backoff, progress)
                    info["snapshot_date"] = today
                manifest["resources"][res.name] = info
            shutil.rmtree(staging / ".downloads", ignore_errors=True)
            dates = sorted(r["snapshot_date"] for r in manifest["resources"].values())
            folder_date = dates[-1] if dates and catalog.DATE_DIR_RE.match(dates[-1]) else today
            manifest["snapshot_date"] = folder_date
            (staging / "manifest.json").write_text(
                json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
            )
            final = raw_dir / source / folder_date
            validate_snapshot(source, staging)  # a snapshot that cannot be read never replaces one that can
            _install(staging, final)
            written[source] = final
            if snapshots_dir is not None:
                commits = {i["commit"] for i in manifest["resources"].values() if i.get("commit")}
                snapshots.record(
                    raw_dir,
                    source,
                    accessed=None if mirror_dir is not None else dt.date.today().isoformat(),
                    commit=commits.pop() if len(commits) == 1 else None,
                    folder=snapshots_dir,
                )
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            if not any((raw_dir / source).iterdir()):
                (raw_dir / source).rmdir()
    return written


def _fetch_one(
    res: RawResource,
    url: str,
    staging: Path,
    downloads: dict[str, Path],
    timeout: float,
    retries: int,
    backoff: float,
    progress: bool,
) -> dict[str, Any]:
    kw = {"max_bytes": res.max_bytes, "timeout": timeout, "retries": retries, "backoff": backoff}
    if res.archive_member is None:
        sha, size = download(url, staging / res.path, progress=progress, **kw)
        return {"url": res.url, "download_url": url, "sha256": sha, "bytes": size}
    if url not in downloads:
        name = f"archive-{len(downloads)}{'.zip' if url.endswith('.zip') else '.tar.gz'}"
        archive = staging / ".downloads" / name
        sha, size = download(url, archive, progress=progress, **kw)
        downloads[url] = archive
    archive = downloads[url]
    info: dict[str, Any] = {"url": res.url, "download_url": url, "archive_sha256": sha256_file(archive)[0]}
    if zipfile.is_zipfile(archive):
        _extract_zip_member(archive, res.archive_member, staging / res.path)
        info.update(
            {"sha256": sha256_file(staging / res.path)[0], "bytes": (staging / res.path).stat().st_size}
        )
    else:
        _extract_tar_prefix(archive, res.archive_member, staging / res.path)
        files, size = _tree_stats(staging / res.path)
        info.update({"files": files, "bytes": size})
        commit = archive_commit(archive)
        if commit:
            info["commit"] = commit
    return info


def archive_commit(archive: Path) -> str | None:
    """The commit a GitHub source archive was made from: GitHub writes it into the tar's global pax header
    (``comment``); None for other archives."""
    try:
        with tarfile.open(archive, "r:*") as tar:
            tar.next()
            comment = tar.pax_headers.get("comment", "")
    except (tarfile.TarError, EOFError, OSError):
        return None
    return comment if re.fullmatch(r"[0-9a-f]{40}", comment) else None
