"""The build's steps in order (read, attribute, link, validate and write) and the atomic swap of the finished
set into place; :mod:`openweights.build` describes them."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from openweights import tokenizers as tokens
from openweights.build.attribution import OrgAttribution, _read_curated_csv
from openweights.build.datapackage import (
    curated_resources,
    processed_resource,
    raw_resources,
    render_datapackage,
)
from openweights.build.identity import _add_links, _coverage, _identity_table, _slug, link_models
from openweights.build.tables import PROJECT_LICENCE, TABLES, render_csv
from openweights.codes import OVERRIDE_SOURCES
from openweights.errors import OpenWeightsError, SourceError, ValidationError
from openweights.paths import CURATED_DIR, DATAPACKAGE_PATH, PROCESSED_DIR, RAW_DIR
from openweights.schemas import validate_curated
from openweights.sources import catalog, eci, epoch_models, genai_prices, modelsdev, openrouter
from openweights.sources.parsing import snapshot_day

# --- build -------------------------------------------------------------------------------------------------


@dataclass
class BuildResult:
    """What a build produced (also recorded under ``x_build`` in the data package)."""

    out_dir: Path
    datapackage_path: Path
    rows: dict[str, int]
    report: dict[str, Any]
    seconds: float

    def summary(self) -> str:
        lines = [f"built {len(self.rows)} tables in {self.seconds:.1f} s → {self.out_dir}"]
        for name, n in sorted(self.rows.items()):
            lines.append(f"  {name:<22} {n:>6} rows")
        lines.append("unmapped organisation names per source (not in organization_aliases.csv):")
        for source, n in self.report["unmapped_org_names"].items():
            lines.append(f"  {source:<22} {n:>6}")
        lines.append("identity coverage:")
        for name, cov in self.report["identity_coverage"].items():
            share = "n/a" if cov["share"] is None else f"{cov['share']:.1%}"
            lines.append(f"  {name:<40} {cov['linked']:>5}/{cov['total']:<5} {share}")
        for note in self.report["notes"]:
            lines.append(f"note: {note}")
        return "\n".join(lines)


def _read_overrides(curated_dir: Path) -> pd.DataFrame | None:
    path = curated_dir / "model_identity_overrides.csv"
    if not path.is_file():
        return None
    frame = _read_curated_csv(path, ("source", "source_id", "model_key", "source_url"))
    frame.attrs["path"] = str(path)
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        if row.source not in OVERRIDE_SOURCES:
            raise SourceError(path, i, "source", f"one of {', '.join(OVERRIDE_SOURCES)}", row.source)
        if not row.source_id.strip() or not row.model_key.strip():
            raise SourceError(path, i, "source_id", "a source_id and a model_key", row.source_id)
    return frame


def _joined_ids(sellers, models) -> list[str]:
    """A seller's id and its model id as one id, "<seller>:<model>" (how offers and prices are linked)."""
    return [f"{seller}:{model}" for seller, model in zip(sellers, models, strict=True)]


def _split(text: str) -> list[str]:
    return [t for t in text.split(";") if t]


def assemble(
    raw_dir: Path, curated_dir: Path, genai_providers: Sequence[Any] | None = None
) -> tuple[dict[str, pd.DataFrame], dict[str, Any]]:
    """Read, attribute and link → processed frames (schema column order) and a build report."""
    timings: dict[str, float] = {}

    def timed(label: str, fn: Any, *args: Any, **kw: Any) -> Any:
        start = time.perf_counter()
        result = fn(*args, **kw)
        timings[label] = round(time.perf_counter() - start, 3)
        return result

    snapshots = {name: snapshot_day(date) for name, date in catalog.snapshot_dates(raw_dir).items()}
    epoch = timed(
        "epoch_models",
        epoch_models.read,
        catalog.locate(raw_dir, "epoch"),
        latest=snapshots["raw.epoch.all_ai_models"],
    )
    current_dir = catalog.locate(raw_dir, "epoch-current")
    notable = timed(
        "notable_models",
        epoch_models.read,
        current_dir,
        "notable_ai_models.csv",
        latest=snapshots["raw.epoch-current.notable_ai_models"],
    )
    eci_frame = timed(
        "eci", eci.read, current_dir, latest=snapshots["raw.epoch-current.epoch_capabilities_index"]
    )
    md_models, md_offers = timed("modelsdev", modelsdev.read_all, catalog.locate(raw_dir, "models.dev"))
    orouter = timed("openrouter", openrouter.read, catalog.locate(raw_dir, "openrouter"))
    genai = timed("genai_prices", genai_prices.read, genai_providers)
    changes = timed("genai_price_changes", genai_prices.read_changes, genai_providers)
    token_counts = timed("token_counts", tokens.token_count_table)

    orgs = OrgAttribution(curated_dir)
    # the census and the notable models spell organisations the same way (Epoch's names)
    epoch, notable = (
        orgs.apply(
            frame,
            "epoch",
            map(_split, frame["organizations_raw"]),
            map(_split, frame["countries_raw"]),
            multi=True,
        )
        for frame in (epoch, notable)
    )
    eci_frame = orgs.apply(
        eci_frame,
        "eci",
        map(_split, eci_frame["organizations_raw"]),
        map(_split, eci_frame["countries_raw"]),
        multi=True,
    )
    md_models = orgs.apply(md_models, "modelsdev_lab", [[lab] for lab in md_models["lab"]])
    md_offers = orgs.apply(
        md_offers, "modelsdev_provider", [[p] for p in md_offers["provider"]], prefix="provider_"
    )
    orouter = orgs.apply(orouter, "openrouter", [[a] for a in orouter["author"]])
    genai = orgs.apply(genai, "genai_prices", [[p] for p in genai["provider_id"]], prefix="provider_")

    org_slug = {
        name: (org or _slug(_split(raw)[0]) if (org or raw) else "unknown")
        for name, org, raw in zip(
            eci_frame["model_name"], eci_frame["org_id"], eci_frame["organizations_raw"], strict=True
        )
    }
    start = time.perf_counter()
    identity = link_models(
        md_models, orouter, eci_frame, epoch, genai, md_offers, _read_overrides(curated_dir), org_slug
    )
    links = identity.links
    tables = {
        "epoch_models": _add_links(epoch, "epoch", epoch["model"], links),
        "notable_models": notable,
        "eci_models": _add_links(eci_frame, "eci", eci_frame["model_name"], links),
        "modelsdev_models": _add_links(md_models, "modelsdev", md_models["model_id"], links),
        "modelsdev_offers": _add_links(
            md_offers,
            "modelsdev_offers",
            _joined_ids(md_offers["provider"], md_offers["model_key"]),
            links,
        ),
        "openrouter_models": _add_links(orouter, "openrouter", orouter["id"], links),
        "genai_prices": _add_links(
            genai,
            "genai_prices",
            _joined_ids(genai["provider_id"], genai["model_id"]),
            links,
        ),
        "genai_price_changes": changes,
        "token_counts": token_counts,
    }
    names = {("modelsdev", m): n for m, n in zip(md_models["model_id"], md_models["name"], strict=True)}
    names.update({("openrouter", i): n for i, n in zip(orouter["id"], orouter["name"], strict=True)})
    names.update({("eci", n): n for n in eci_frame["model_name"]})
    tables["model_identity"] = _identity_table(identity, tables, names)
    timings["identity"] = round(time.perf_counter() - start, 3)
    tables = {name: frame[TABLES[name].columns] for name, frame in tables.items()}

    md_report = md_models.attrs.get("report", {})
    notes = list(orgs.notes)
    if md_report.get("dangling_links"):
        notes.append(
            f"models.dev: skipped {len(md_report['dangling_links'])} links whose target file is missing"
        )
    if md_report.get("invalid_dates"):
        notes.append(f"models.dev: {len(md_report['invalid_dates'])} impossible calendar date(s) kept as NA")
    if epoch.attrs.get("merged_duplicates"):
        notes.append(f"epoch: merged duplicate rows of {', '.join(epoch.attrs['merged_duplicates'])}")
    for label, frame in (("epoch", epoch), ("notable", notable)):
        for row, column, value in frame.attrs.get("implausible", []):
            notes.append(f"{label}: row {row} {column} {value} is implausible, kept as NA")
    if orgs.unknown_countries:
        notes.append(f"unknown country names: {', '.join(sorted(orgs.unknown_countries))}")
    report = {
        "unmapped_org_names": orgs.unmapped_counts(),
        "unknown_country_names": sorted(orgs.unknown_countries),
        "identity_coverage": _coverage(tables),
        "modelsdev": {
            "toml_files_read": md_report.get("toml_files_read"),
            "links_followed": md_report.get("links_followed"),
            "dangling_links": md_report.get("dangling_links", []),
            "non_toml_files_skipped": md_report.get("non_toml_files_skipped"),
            "invalid_dates": [list(x) for x in md_report.get("invalid_dates", [])],
        },
        "epoch_merged_duplicates": epoch.attrs.get("merged_duplicates", []),
        "epoch_country_column": epoch.attrs.get("country_column"),
        "notable_country_column": notable.attrs.get("country_column"),
        "implausible_values": {
            label: [list(x) for x in frame.attrs.get("implausible", [])]
            for label, frame in (("epoch_models", epoch), ("notable_models", notable))
        },
        "genai_prices_as_of": genai_prices.AS_OF.isoformat(),
        "notes": notes,
        "x_timings_seconds": timings,  # not written to the data package (varies run to run)
    }
    return tables, report


def build(
    raw_dir: Path | str | None = None,
    out_dir: Path | str | None = None,
    *,
    curated_dir: Path | str | None = None,
    datapackage_path: Path | str | None = None,
    genai_providers: Sequence[Any] | None = None,
) -> BuildResult:
    """Build every processed table and the data package; write atomically or not at all.

    ``raw_dir`` defaults to ``data/raw`` (fetched layout) and may be a mirror such as ``../shared/reference``.
    ``out_dir`` defaults to ``data/processed``; the data package goes to ``data/datapackage.json`` for the
    default output and to ``<out_dir>/datapackage.json`` otherwise (paths inside it stay ``processed/...``).
    """
    started = time.perf_counter()
    raw_dir = Path(raw_dir) if raw_dir is not None else RAW_DIR
    out_dir = Path(out_dir) if out_dir is not None else PROCESSED_DIR
    curated_dir = Path(curated_dir) if curated_dir is not None else CURATED_DIR
    if datapackage_path is None:
        datapackage_path = (
            DATAPACKAGE_PATH if out_dir.resolve() == PROCESSED_DIR.resolve() else out_dir / "datapackage.json"
        )
    datapackage_path = Path(datapackage_path)
    missing = [s for s in catalog.SOURCES if not catalog.locate(raw_dir, s).is_dir()]
    if missing:
        raise OpenWeightsError(
            f"no raw data for {', '.join(missing)} under {raw_dir}; run `python -m openweights data fetch` "
            "or build from a mirror with `--from ../shared/reference`"
        )

    curated_problems = validate_curated(curated_dir)
    if curated_problems:
        more = f" (and {len(curated_problems) - 1} more)" if len(curated_problems) > 1 else ""
        raise OpenWeightsError(f"curated table: {curated_problems[0]}{more}; nothing was written")
    tables, report = assemble(raw_dir, curated_dir, genai_providers)
    raw = {r["name"]: r for r in raw_resources(raw_dir)}
    rendered: dict[str, tuple[bytes, int]] = {}
    for name, table in TABLES.items():
        frame = tables[name]
        if table.optional and frame.empty:
            continue
        rendered[name] = render_csv(table, frame)
    resources = list(raw.values())
    resources += [processed_resource(TABLES[n], data, rows, raw) for n, (data, rows) in rendered.items()]
    resources += curated_resources(curated_dir)
    names = [r["name"] for r in resources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ValidationError("datapackage", None, "name", "unique resource names", dupes)
    x_build = {k: v for k, v in report.items() if not k.startswith("x_")}
    package = {
        "profile": "data-package",
        "name": "openweights",
        "title": "Chinese open-weight AI models: processed tables and their sources",
        "description": (
            "Processed tables (facts and figures only) derived from upstream snapshots, and the project's "
            "curated tables. Raw snapshot paths are relative to a raw folder (data/raw/<source>/<date>/ after "
            "`python -m openweights data fetch`, or a mirror laid out like ../shared/reference); other paths "
            "are relative to this file. Rebuild with `python -m openweights data build`."
        ),
        "licenses": [PROJECT_LICENCE],
        "resources": sorted(resources, key=lambda r: r["name"]),
        "x_build": x_build,
    }
    package_bytes = render_datapackage(package)

    _write_atomically(
        out_dir,
        {f"{n}.csv": data for n, (data, _) in rendered.items()},
        datapackage_path,
        package_bytes,
        stale=[f"{n}.csv" for n, t in TABLES.items() if t.optional and n not in rendered],
    )
    return BuildResult(
        out_dir=out_dir,
        datapackage_path=datapackage_path,
        rows={n: rows for n, (_, rows) in rendered.items()},
        report=report,
        seconds=time.perf_counter() - started,
    )


def _write_atomically(
    out_dir: Path, files: dict[str, bytes], datapackage_path: Path, package: bytes, stale: Sequence[str] = ()
) -> None:
    """Write the new set of tables to a complete folder beside ``out_dir`` and swap it in as a whole.

    The folder is renamed into place (one ``rename`` replaces the set; files of the old set that the new one does
    not have, such as ``stale`` optional tables, go with it), then the data package is replaced. An interruption
    before the swap leaves the old set untouched; between the two renames, ``data check`` reports the mismatch.
    Leftover ``.build-*`` folders of a killed build are removed by the next build and reported by ``data check``.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    datapackage_path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in sorted(out_dir.parent.glob(".build-*")):
        # a build killed between the two renames left the old set here and no out_dir: put it back first
        if not any(out_dir.iterdir()) and (leftover / "previous").is_dir():  # killed between the renames
            out_dir.rmdir()
            os.replace(leftover / "previous", out_dir)
        shutil.rmtree(leftover, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir.parent))
    try:
        new_set = tmp / "tables"
        new_set.mkdir()
        keep = {p.name for p in out_dir.iterdir() if p.is_file() and not p.name.endswith(".csv")}
        for name in keep:  # files that are not tables (a data package written beside --out) stay
            shutil.copy2(out_dir / name, new_set / name)
        for name, data in files.items():
            (new_set / name).write_bytes(data)
        for name in stale:
            (new_set / name).unlink(missing_ok=True)
        (tmp / "datapackage.json").write_bytes(package)
        old_set = tmp / "previous"
        os.replace(out_dir, old_set)
        try:
            os.replace(new_set, out_dir)
        except BaseException:  # interrupted between the two renames: put the old set back
            if not out_dir.exists():
                os.replace(old_set, out_dir)
            raise
        _replace_across(tmp / "datapackage.json", datapackage_path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _replace_across(src: Path, dst: Path) -> None:
    """``os.replace`` when on the same file system, else copy to a temp file beside ``dst`` and replace."""
    try:
        os.replace(src, dst)
    except OSError:
        fd, tmp_name = tempfile.mkstemp(prefix=".datapackage-", dir=dst.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(src.read_bytes())
        os.replace(tmp_name, dst)
