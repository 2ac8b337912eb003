"""The data package: every raw snapshot, processed table and curated CSV with its source, snapshot date,
licence, sha256 and row count, rendered with sorted keys and no timestamp."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from openweights import tokenizers as tokens
from openweights.build.tables import PROJECT_LICENCE, Table
from openweights.digest import sha256_bytes, sha256_file
from openweights.schemas import CURATED_SCHEMAS, frictionless_schema
from openweights.sources import catalog, genai_prices
from openweights.sources.parsing import read_text

# --- data package ------------------------------------------------------------------------------------------


def hash_tree(root: Path) -> tuple[str, int, int]:
    """(sha256, bytes, files) of a folder: sha256 of the sorted lines ``<relative path>\\t<file sha256>\\n``; a
    symbolic link counts as a file holding its target path."""
    lines = []
    total = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in filenames:
            path = Path(dirpath) / name
            if path.is_symlink():
                # a real link hashes as the text link that an archive download writes (its target path), so a
                # mirror checked out with git and one unpacked from an archive give the same data package
                target = os.readlink(path).encode("utf-8")
                digest, size = sha256_bytes(target), len(target)
            else:
                digest, size = sha256_file(path)
            total += size
            lines.append(f"{PurePosixPath(os.path.relpath(path, root)).as_posix()}\t{digest}\n")
    lines.sort()
    return sha256_bytes("".join(lines).encode("utf-8")), total, len(lines)


def raw_resources(raw_dir: Path) -> list[dict[str, Any]]:
    """Data-package entries for every raw snapshot found under ``raw_dir`` (sha256 computed from disk)."""
    dates = catalog.snapshot_dates(raw_dir)
    out = []
    for res in catalog.RAW_RESOURCES:
        path = catalog.locate(raw_dir, res.source) / res.path
        entry: dict[str, Any] = {
            "name": res.name,
            "title": res.title,
            "path": f"{res.source}/{res.path}",
            "x_role": "raw snapshot (path relative to the raw folder; never committed)",
            "x_source": res.source,
            "x_snapshot_date": dates[res.name],
            "x_attribution": res.attribution,
            "x_short_title": res.short_title,
            "sources": [{"title": res.title, "path": res.url}],
            "licenses": [res.licence],
        }
        if res.kind == "tree":
            digest, size, files = hash_tree(path)
            entry.update(
                {
                    "format": "toml-tree",
                    "x_files": files,
                    "x_hash_method": "sha256 of the sorted lines '<relative path><TAB><file sha256>'",
                }
            )
        else:
            digest, size = sha256_file(path)
            entry["format"] = PurePosixPath(res.path).suffix.lstrip(".")
        entry.update({"hash": f"sha256:{digest}", "x_sha256": digest, "bytes": size})
        out.append(entry)
    info = genai_prices.package_info()
    out.append(
        {
            "name": "python.genai-prices.data",
            "title": f"genai-prices {info['version']} price data (installed Python package)",
            "path": info["path"],
            "format": "py",
            "x_role": "installed package data (path inside site-packages)",
            "x_source": "genai-prices",
            "x_package_version": info["version"],
            "x_snapshot_date": f"package version {info['version']}; prices as of {info['as_of']}",
            "x_attribution": "Pydantic, genai-prices, https://github.com/pydantic/genai-prices (MIT)",
            "x_short_title": f"genai-prices {info['version']}",
            "x_as_of": info["as_of"],
            "sources": [{"title": "genai-prices", "path": info["url"]}],
            "licenses": [catalog.MIT],
            "hash": f"sha256:{info['sha256']}",
            "x_sha256": info["sha256"],
            "bytes": info["bytes"],
        }
    )
    token_sources = tokens.source_info()
    out.append(
        {
            "name": "python.tokens.sources",
            "title": "Django translation catalogues and tokeniser files (installed Python packages)",
            "path": "django/conf/locale; tokeniser package data",
            "format": "po;tiktoken;json",
            "x_role": "installed package data (read at build time; the text is never stored)",
            "x_source": "python packages",
            "x_package_version": token_sources["versions"],
            "x_snapshot_date": token_sources["versions"],
            "x_short_title": "Django translation catalogues and tokeniser files",
            "x_attribution": "Django Software Foundation and translators (BSD-3-Clause); tokenisers of Alibaba "
            "Qwen, DeepSeek, OpenAI and Meta as shipped by their PyPI packages",
            "sources": [
                {"title": "Django translation catalogues", "path": "https://pypi.org/project/Django/"}
            ],
            "licenses": [{"name": "BSD-3-Clause", "path": "https://opensource.org/license/bsd-3-clause"}],
            "x_hash_method": "sha256 of the sorted lines '<catalogue path><TAB><sha256>' and '<tokeniser><TAB><sha256>'",
            "hash": f"sha256:{token_sources['sha256']}",
            "x_sha256": token_sources["sha256"],
            "bytes": token_sources["bytes"],
        }
    )
    return out


def _infer_type(values: list[str]) -> str:
    present = [v for v in values if v != ""]
    if not present:
        return "string"
    # leading zeros ("007") mean an identifier, kept as text
    if all(re.fullmatch(r"-?(0|[1-9]\d*)", v) for v in present):
        return "integer"
    if all(re.fullmatch(r"-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?", v) for v in present):
        return "number"
    if all(v in ("true", "false") for v in present):
        return "boolean"
    if all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) for v in present):
        try:
            for v in present:
                dt.date.fromisoformat(v)
            return "date"
        except ValueError:
            return "string"
    return "string"


def curated_resource_name(rel: str) -> str:
    """``corpus/claims.csv`` → ``corpus.claims`` (the name ``openweights.data.load`` accepts)."""
    stem = rel[: -len(".csv")] if rel.endswith(".csv") else rel
    return re.sub(r"[^a-z0-9._-]+", "_", stem.replace("/", ".").lower())


def curated_resources(curated_dir: Path) -> list[dict[str, Any]]:
    """Entries for every ``*.csv`` under the curated folder (recursively); the schema is generated from the table's
    declaration in :mod:`openweights.schemas` (inferred from the text only for a table without one)."""
    out = []
    if not curated_dir.is_dir():
        return out
    for path in sorted(curated_dir.rglob("*.csv")):
        rel = PurePosixPath(os.path.relpath(path, curated_dir)).as_posix()
        data = path.read_bytes()
        text = read_text(path) if data.strip() else ""
        frame = (
            pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
            if text
            else pd.DataFrame()
        )
        declared = CURATED_SCHEMAS.get(rel[: -len(".csv")])
        schema = (
            frictionless_schema(declared, [str(c) for c in frame.columns])
            if declared is not None
            else {"fields": [{"name": str(c), "type": _infer_type(frame[c].tolist())} for c in frame.columns]}
        )
        out.append(
            {
                "name": curated_resource_name(rel),
                **({"title": declared.title} if declared is not None and declared.title else {}),
                "path": f"curated/{rel}",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "x_role": "curated table (written by the project)",
                "x_rows": len(frame),
                "hash": f"sha256:{sha256_bytes(data)}",
                "x_sha256": sha256_bytes(data),
                "bytes": len(data),
                "schema": schema,
                "licenses": [PROJECT_LICENCE],
                "sources": [{"title": "written by the project; a source_url on every row where applicable"}],
            }
        )
    return out


def processed_resource(table: Table, data: bytes, rows: int, raw: dict[str, dict]) -> dict[str, Any]:
    licences = [PROJECT_LICENCE]
    for name in table.sources:
        for lic in raw[name]["licenses"]:
            if lic["name"] not in {known["name"] for known in licences}:
                licences.append(lic)
    return {
        "name": table.name,
        "title": table.title,
        "path": f"processed/{table.name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "x_role": "processed table (built by openweights.build; facts and figures only)",
        "description": table.description or table.title,
        "x_rows": rows,
        "hash": f"sha256:{sha256_bytes(data)}",
        "x_sha256": sha256_bytes(data),
        "bytes": len(data),
        "schema": {"fields": [f.descriptor() for f in table.fields], "primaryKey": list(table.key)},
        "licenses": licences,
        "sources": [
            {"title": raw[n]["title"], "path": raw[n]["sources"][0]["path"], "x_resource": n}
            for n in table.sources
        ],
    }


def render_datapackage(package: dict[str, Any]) -> bytes:
    return (json.dumps(package, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
