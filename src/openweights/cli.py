"""Command line: ``python -m openweights data fetch|build|check`` and ``findings build|check|diff|release``.

- ``data fetch [--from DIR] [--raw DIR]``: download every upstream snapshot into ``data/raw/<source>/<date>/``
  (or copy it from a mirror laid out like ``../shared/reference``). Offline without ``--from``: one message,
  exit status 2.
- ``data build [--from DIR] [--out DIR]``: raw + curated → ``data/processed/*.csv`` and
  ``data/datapackage.json`` (``--from`` reads a mirror directly; ``--out`` writes the tables and a
  ``datapackage.json`` into another folder). Prints row counts, unmapped organisation names per source and
  identity coverage.
- ``data check [--from DIR]``: every processed and curated table matches its sha256 and row count in the data
  package; lists organisation names missing from ``organization_aliases.csv``. Exit status 1 on a mismatch.

Errors print one line (``error: ...``) without a traceback.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd

from openweights.digest import sha256_bytes
from openweights.errors import NetworkUnavailableError, OpenWeightsError
from openweights.paths import CURATED_DIR, DATAPACKAGE_PATH, RAW_DIR, SNAPSHOTS_DIR

__all__ = ["main", "check"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m openweights", description="Data pipeline of the report.")
    top = parser.add_subparsers(dest="group", required=True)
    data = top.add_parser("data", help="fetch, build and check the data")
    sub = data.add_subparsers(dest="command", required=True)

    fetch = sub.add_parser("fetch", help="download upstream snapshots into data/raw/")
    fetch.add_argument(
        "--from", dest="mirror", type=Path, help="copy from a local mirror instead of the network"
    )
    fetch.add_argument("--raw", type=Path, default=RAW_DIR, help="where to write (default: data/raw)")
    fetch.add_argument("--timeout", type=float, default=30.0, help="seconds per request (default 30)")
    fetch.add_argument("--retries", type=int, default=3, help="attempts per download (default 3)")
    fetch.add_argument("--quiet", action="store_true", help="no progress bars")
    fetch.add_argument(
        "--snapshots",
        type=Path,
        default=SNAPSHOTS_DIR,
        help="where to record what was fetched (default data/snapshots)",
    )

    build = sub.add_parser("build", help="build data/processed/*.csv and data/datapackage.json")
    build.add_argument(
        "--from", dest="raw", type=Path, default=None, help="raw folder or mirror (default data/raw)"
    )
    build.add_argument("--out", type=Path, default=None, help="output folder (default data/processed)")
    build.add_argument("--curated", type=Path, default=None, help="curated tables (default data/curated)")

    check = sub.add_parser(
        "check", help="verify tables against datapackage.json; list unmapped organisations"
    )
    check.add_argument("--from", dest="raw", type=Path, default=None, help="also verify raw snapshots in DIR")

    snapshot = sub.add_parser(
        "snapshot", help="record the snapshots in DIR (dates, sha256, sizes) in data/snapshots/<source>.json"
    )
    snapshot.add_argument("--from", dest="raw", type=Path, required=True, help="raw folder or mirror")
    snapshot.add_argument("--accessed", default=None, help="the date the copy was taken (YYYY-MM-DD)")

    archive = sub.add_parser(
        "archive", help="pack the raw snapshots with their checksums for deposit in a long-term archive"
    )
    archive.add_argument("--from", dest="raw", type=Path, default=RAW_DIR, help="raw folder or mirror")
    archive.add_argument("--out", type=Path, default=Path("_build") / "archive", help="where to write")

    found = top.add_parser("findings", help="the findings table: build, check, diff, release")
    fsub = found.add_subparsers(dest="command", required=True)
    fsub.add_parser("build", help="collect the executed chapters' values into data/findings/findings.csv")
    fsub.add_parser("check", help="fail when findings.csv differs from what the chapters glue")
    diff = fsub.add_parser("diff", help="print each finding that moved since the committed findings.csv")
    diff.add_argument("--against", type=Path, default=None, help="findings file to compare with")
    release = fsub.add_parser(
        "release", help="keep the previous edition's findings and write data/findings/changelog.csv"
    )
    release.add_argument("edition", help="this edition's date, YYYY-MM-DD")
    release.add_argument(
        "--previous", required=True, help="the previous edition's date (its file in editions/)"
    )
    return parser


def findings_command(args: argparse.Namespace, out=None) -> int:
    """``findings build|check|diff|release``; returns an exit code."""
    from openweights import findings

    out = out or sys.stdout
    current = findings.collect()
    if args.command == "build":
        findings.FINDINGS_DIR.mkdir(parents=True, exist_ok=True)
        findings.FINDINGS_PATH.write_bytes(findings.render(current))
        print(
            f"{len(current)} findings from {current['chapter'].nunique()} pages → {findings.FINDINGS_PATH}",
            file=out,
        )
        return 0
    if args.command == "check":
        stale = findings.stale_rows(findings.read(), current)
        for row in stale.itertuples():
            print(
                f"stale: {row.chapter}::{row.name}: committed {row.value_committed!r}, now {row.value_now!r}",
                file=out,
            )
        print(
            "findings check: "
            + (
                "OK"
                if stale.empty
                else f"{len(stale)} stale row(s); run `python -m openweights findings build`"
            ),
            file=out,
        )
        return 1 if len(stale) else 0
    if args.command == "diff":
        old = findings.read(args.against)
        changes = findings.compare(old, current, "now", "committed")
        for line in findings.changelog_lines(changes):
            print(line, file=out)
        print(f"{len(changes)} finding(s) changed", file=out)
        return 0
    previous = findings.read(findings.edition_path(args.previous))
    changes = findings.compare(previous, current, args.edition, args.previous)
    findings.CHANGELOG_PATH.write_bytes(findings.render_changelog(changes))
    findings.FINDINGS_PATH.write_bytes(findings.render(current))
    for line in findings.changelog_lines(changes):
        print(line, file=out)
    print(f"{len(changes)} finding(s) changed → {findings.CHANGELOG_PATH}", file=out)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.group == "findings":
            return findings_command(args)
        if args.command == "fetch":
            from openweights.fetch import fetch

            written = fetch(
                args.raw,
                mirror=args.mirror,
                timeout=args.timeout,
                retries=args.retries,
                progress=not args.quiet,
                snapshots_dir=args.snapshots,
            )
            for source, folder in written.items():
                print(f"{source:<12} → {folder}")
            return 0
        if args.command in ("snapshot", "archive"):
            from openweights import snapshots

            if args.command == "archive":
                print(f"archive → {snapshots.archive(args.raw, args.out)}")
                return 0
            for source in snapshots.catalog.SOURCES:
                recorded = snapshots.record(args.raw, source, accessed=args.accessed)
                print(f"{source:<14} {recorded['date_published']} → data/snapshots/{source}.json")
            return 0
        if args.command == "build":
            from openweights.build import build

            result = build(args.raw, args.out, curated_dir=args.curated)
            print(result.summary())
            print(f"data package → {result.datapackage_path}")
            return 0
        return check(args.raw)
    except NetworkUnavailableError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (OpenWeightsError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except PermissionError as exc:
        print(
            f"error: cannot write {exc.filename}: permission denied; make the folder writable",
            file=sys.stderr,
        )
        return 1
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "interrupted: nothing was changed (a partly written set stays aside and is removed by the next build)",
            file=sys.stderr,
        )
        return 130


def _names(frame: pd.DataFrame, column: str, multi: bool) -> list[str]:
    values = frame[column].tolist()
    if not multi:
        return [v for v in values if v]
    return [n for v in values for n in v.split(";") if n]


def check(
    raw_dir: Path | None = None,
    *,
    datapackage_path: Path | None = None,
    processed_dir: Path | None = None,
    curated_dir: Path | None = None,
    out=None,
) -> int:
    """Verify the data package against the files; list unmapped organisation names. Returns an exit code."""
    from openweights.build import OrgAttribution, curated_resource_name, raw_resources
    from openweights.data import datapackage, table_path

    out = out or sys.stdout
    dp_path = Path(datapackage_path) if datapackage_path is not None else DATAPACKAGE_PATH
    curated_dir = Path(curated_dir) if curated_dir is not None else CURATED_DIR
    package = datapackage(dp_path)
    problems: list[str] = []
    tables = {}
    for res in package["resources"]:
        path = str(res.get("path", ""))
        if not path.startswith(("processed/", "curated/")):
            continue
        file = table_path(res, datapackage_path=dp_path, processed_dir=processed_dir, curated_dir=curated_dir)
        if not file.is_file():
            problems.append(f"{path}: missing")
            continue
        data = file.read_bytes()
        if sha256_bytes(data) != res.get("x_sha256"):
            problems.append(f"{path}: changed since datapackage.json was written")
            continue
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, na_filter=False)
        if len(frame) != res.get("x_rows"):
            problems.append(f"{path}: {len(frame)} rows, datapackage.json says {res.get('x_rows')}")
        tables[res["name"]] = frame
    leftovers = sorted(p.name for p in dp_path.parent.glob(".build-*"))
    if leftovers:
        problems.append(
            f"leftover folders of an interrupted build: {', '.join(leftovers)} (the next build removes them)"
        )
    from openweights.schemas import validate_curated

    problems.extend(f"curated table: {p}" for p in validate_curated(curated_dir))
    known = {r["name"] for r in package["resources"]}
    for file in sorted(curated_dir.rglob("*.csv")) if curated_dir.is_dir() else []:
        rel = file.relative_to(curated_dir).as_posix()
        if curated_resource_name(rel) not in known:
            problems.append(f"curated/{rel}: not in datapackage.json")
    if raw_dir is not None:
        if not Path(raw_dir).is_dir():
            raise OpenWeightsError(f"{raw_dir}: no such folder; give the raw folder or mirror with --from")
        recorded = {r["name"]: r for r in package["resources"]}
        for entry in raw_resources(Path(raw_dir)):
            old = recorded.get(entry["name"])
            if old is None or old.get("x_sha256") != entry["x_sha256"]:
                problems.append(f"raw {entry['path']}: differs from the snapshot the tables were built from")

    orgs = OrgAttribution(curated_dir)
    sources = (
        ("epoch", "epoch_models", "organizations_raw", True),
        ("epoch", "notable_models", "organizations_raw", True),
        ("eci", "eci_models", "organizations_raw", True),
        ("modelsdev_lab", "modelsdev_models", "lab", False),
        ("modelsdev_provider", "modelsdev_offers", "provider", False),
        ("openrouter", "openrouter_models", "author", False),
        ("genai_prices", "genai_prices", "provider_id", False),
    )
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for source, table, column, multi in sources:
        if table not in tables:
            continue
        for name in _names(tables[table], column, multi):
            if orgs.org_id(source, name) is None:
                counts[source][name] += 1
    print("organisation names not in organization_aliases.csv (source: name ×rows):", file=out)
    for source, *_ in sources:
        names = counts.get(source, {})
        print(f"  {source}: {len(names)}", file=out)
        for name in sorted(names):
            print(f"    {name} ×{names[name]}", file=out)
    for note in orgs.notes:
        print(f"note: {note}", file=out)
    for problem in problems:
        print(f"problem: {problem}", file=out)
    print("data check: " + ("OK" if not problems else f"{len(problems)} problem(s)"), file=out)
    return 1 if problems else 0
