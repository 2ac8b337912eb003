"""Inventory of organisation names per upstream source, checked against our curated alias table.

Lists every raw organisation name that the report's sources use, and reports which ones are not yet
mapped in ``data/curated/organization_aliases.csv`` (and which aliases point to an unknown ``org_id``).
It never writes the curated tables: new organisations must be researched and added by hand.

Sources (folder layout of the shared reference snapshots):

* ``epoch``              - Epoch AI ``all_ai_models.csv``: 'Organization' of models published in any year
* ``eci``                - Epoch Capabilities Index ``epoch_capabilities_index.csv``: 'Organization'
* ``modelsdev_lab``      - models.dev ``models/<lab>/`` folder names
* ``modelsdev_provider`` - models.dev ``providers/<provider>/`` folder names
* ``openrouter``         - OpenRouter ``models.json``: author prefix of ``id`` (before '/', leading '~' removed)
* ``genai_prices``       - provider ids bundled with the installed ``genai-prices`` package

Epoch cells may list several organisations separated by commas; each one is a raw name.

Usage::

    .venv/bin/python tools/curation/org_inventory.py [REFERENCE_DIR] [--list] [--suggest-epoch] [--strict]

``--list`` prints every raw name with its source and current org_id. ``--suggest-epoch`` prints draft
``organizations.csv`` rows for Epoch names that are still missing (country and type from Epoch's own fields,
``attribution_method=epoch_country_field``; XX where Epoch's field does not resolve); review them (group membership, country) before adding. The curated tables are also schema-checked
(unique slug ids, 2-letter codes, enums, sorted unique aliases that all resolve, a source_url on every row).
``--strict`` exits with status 1 when anything is missing, dangling or fails those checks.
``--aliases`` / ``--organizations`` point the check at other copies of the tables.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import sys
from pathlib import Path

from openweights.schemas import CURATED_SCHEMAS

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_REFERENCE_DIR = REPO_ROOT.parent / "shared" / "reference"
CURATED_DIR = REPO_ROOT / "data" / "curated"
ALIASES_CSV = CURATED_DIR / "organization_aliases.csv"
ORGANIZATIONS_CSV = CURATED_DIR / "organizations.csv"

SOURCES = ("eci", "epoch", "genai_prices", "modelsdev_lab", "modelsdev_provider", "openrouter")
EPOCH_MIN_DATE = ""  # every year: the processed Epoch table keeps all years
EPOCH_SOURCE_URL = "https://epoch.ai/data/ai-models"

# Epoch's country names -> ISO 3166-1 alpha-2 ("Multinational" -> XX, our code for multinational/unknown).
EPOCH_COUNTRY_ISO = {
    "Argentina": "AR",
    "Armenia": "AM",
    "Australia": "AU",
    "Austria": "AT",
    "Belgium": "BE",
    "Brazil": "BR",
    "Canada": "CA",
    "Chile": "CL",
    "China": "CN",
    "Croatia": "HR",
    "Czechia": "CZ",
    "Denmark": "DK",
    "Egypt": "EG",
    "Estonia": "EE",
    "Finland": "FI",
    "France": "FR",
    "Germany": "DE",
    "Greece": "GR",
    "Hong Kong": "HK",
    "Hungary": "HU",
    "India": "IN",
    "Indonesia": "ID",
    "Iran (Islamic Republic of)": "IR",
    "Ireland": "IE",
    "Israel": "IL",
    "Italy": "IT",
    "Japan": "JP",
    "Korea (Republic of)": "KR",
    "Lebanon": "LB",
    "Lithuania": "LT",
    "Luxembourg": "LU",
    "Macao": "MO",
    "Malaysia": "MY",
    "Mexico": "MX",
    "Multinational": "XX",
    "Netherlands": "NL",
    "New Zealand": "NZ",
    "Nigeria": "NG",
    "Norway": "NO",
    "Pakistan": "PK",
    "Poland": "PL",
    "Portugal": "PT",
    "Qatar": "QA",
    "Romania": "RO",
    "Russia": "RU",
    "Saudi Arabia": "SA",
    "Singapore": "SG",
    "Slovenia": "SI",
    "South Africa": "ZA",
    "Spain": "ES",
    "Sweden": "SE",
    "Switzerland": "CH",
    "Taiwan": "TW",
    "Thailand": "TH",
    "Turkey": "TR",
    "Türkiye": "TR",
    "Ukraine": "UA",
    "United Arab Emirates": "AE",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    "United Kingdom": "GB",
    "United States of America": "US",
    "United States": "US",
    "Vietnam": "VN",
}
# Epoch's 'Organization categorization' -> our org_type.
EPOCH_CATEGORY_TYPE = {
    "Industry": "other",
    "Academia": "academic",
    "Government": "state",
    "Research collective": "nonprofit",
}


def split_cell(value: str | None) -> list[str]:
    """Split a multi-valued Epoch cell on commas; blanks dropped, whitespace stripped."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def split_countries(value: str | None) -> list[str]:
    """Split an Epoch country cell. Epoch writes Hong Kong as "Hong Kong, China", which a plain comma split
    turns into two tokens; they are merged back so countries stay aligned with organisations."""
    tokens = split_cell(value)
    merged: list[str] = []
    for token in tokens:
        if token == "China" and merged and merged[-1] == "Hong Kong":
            continue
        merged.append(token)
    return merged


def _find(reference_dir: Path, *candidates: str) -> Path:
    for rel in candidates:
        path = reference_dir / rel
        if path.exists():
            return path
    raise FileNotFoundError(f"none of {candidates} under {reference_dir}")


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _epoch_country_column(row: dict[str, str]) -> str:
    # The 2025 release calls it 'Country (from Organization)', later ones 'Country (of organization)'.
    for name in ("Country (from Organization)", "Country (of organization)", "Country"):
        if name in row:
            return name
    raise KeyError("no country column in Epoch file")


def epoch_rows(reference_dir: Path) -> list[dict[str, str]]:
    path = _find(reference_dir, "epoch/all_ai_models.csv", "all_ai_models.csv")
    return [r for r in _read_csv(path) if (r.get("Publication date") or "") >= EPOCH_MIN_DATE]


def epoch_names(reference_dir: Path) -> collections.Counter:
    """Raw Epoch organisation names (models of every year) with their model counts."""
    counts: collections.Counter = collections.Counter()
    for row in epoch_rows(reference_dir):
        for org in dict.fromkeys(split_cell(row.get("Organization"))):
            counts[org] += 1
    return counts


def eci_names(reference_dir: Path) -> collections.Counter:
    path = _find(reference_dir, "epoch/epoch_capabilities_index.csv", "epoch_capabilities_index.csv")
    counts: collections.Counter = collections.Counter()
    for row in _read_csv(path):
        for org in dict.fromkeys(split_cell(row.get("Organization"))):
            counts[org] += 1
    return counts


def modelsdev_names(reference_dir: Path, kind: str) -> collections.Counter:
    base = _find(reference_dir, f"models.dev/{kind}", kind)
    return collections.Counter({p.name: 1 for p in sorted(base.iterdir()) if p.is_dir()})


def openrouter_names(reference_dir: Path) -> collections.Counter:
    path = _find(reference_dir, "openrouter/models.json", "models.json")
    payload = json.loads(path.read_text(encoding="utf-8"))
    models = payload["data"] if isinstance(payload, dict) else payload
    counts: collections.Counter = collections.Counter()
    for model in models:
        model_id = model.get("id") or ""
        if "/" in model_id:
            counts[model_id.split("/", 1)[0].lstrip("~")] += 1
    return counts


def genai_prices_names() -> collections.Counter:
    """Provider ids bundled with the installed genai-prices package (empty if it is not installed)."""
    try:
        from genai_prices import data as gp_data  # type: ignore[import-not-found]
    except ImportError:
        print("warning: genai-prices is not importable; genai_prices source skipped", file=sys.stderr)
        return collections.Counter()
    return collections.Counter({p.id: len(p.models) for p in gp_data.providers})


def inventory(reference_dir: Path) -> dict[str, collections.Counter]:
    """All raw names per source (value: number of models or rows that use the name)."""
    return {
        "eci": eci_names(reference_dir),
        "epoch": epoch_names(reference_dir),
        "genai_prices": genai_prices_names(),
        "modelsdev_lab": modelsdev_names(reference_dir, "models"),
        "modelsdev_provider": modelsdev_names(reference_dir, "providers"),
        "openrouter": openrouter_names(reference_dir),
    }


def epoch_attribution(reference_dir: Path) -> dict[str, dict[str, str]]:
    """Epoch's own country and category for each organisation name.

    Countries are aligned with organisations by position only where a row lists as many countries as
    organisations. Otherwise, for an organisation listed alone with several countries, a country shared by all
    such rows is used when it is unique; and in rows where every other organisation's country is known, the
    leftover country is used ("elimination"). Organisations that stay unresolved get an empty country.
    Returns {raw_name: {"country": ISO or "", "org_type": ..., "basis": ...}}.
    """
    aligned: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    unaligned: dict[str, list[set[str]]] = collections.defaultdict(list)
    categories: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    unaligned_rows: list[tuple[list[str], list[str]]] = []
    seen: set[str] = set()
    for row in epoch_rows(reference_dir):
        orgs = split_cell(row.get("Organization"))
        countries = split_countries(row.get(_epoch_country_column(row)))
        cats = split_cell(row.get("Organization categorization"))
        if countries and len(countries) != len(orgs):
            unaligned_rows.append((orgs, countries))
        seen.update(orgs)
        for i, org in enumerate(orgs):
            if len(countries) == len(orgs):
                aligned[org][countries[i]] += 1
            elif countries and len(orgs) == 1:
                # one organisation with several countries (e.g. "United States of America,United Kingdom...")
                unaligned[org].append(set(countries))
            if len(cats) == len(orgs):
                categories[org][cats[i]] += 1
            elif len(set(cats)) == 1:
                categories[org][cats[0]] += 1
    resolved: dict[str, tuple[str, str]] = {}
    for org in set(aligned) | set(unaligned) | set(categories):
        if aligned.get(org):
            resolved[org] = (aligned[org].most_common(1)[0][0], "aligned")
        elif unaligned.get(org):
            common = set.intersection(*unaligned[org]) - {"Multinational"}
            if len(common) == 1:
                resolved[org] = (common.pop(), "common_to_all_rows")
            elif all(s == {"Multinational"} for s in unaligned[org]):
                resolved[org] = ("Multinational", "common_to_all_rows")
    # Elimination: in an unaligned row where every other organisation's country is already known, the
    # countries left over after removing theirs belong to the one unresolved organisation.
    for _ in range(3):
        for orgs, countries in unaligned_rows:
            open_orgs = [o for o in dict.fromkeys(orgs) if o not in resolved]
            if len(open_orgs) != 1:
                continue
            left = collections.Counter(countries)
            for other in orgs:
                if other in resolved and left[resolved[other][0]] > 0:
                    left[resolved[other][0]] -= 1
            rest = {c for c, n in left.items() if n > 0}
            if len(rest) == 1:
                resolved[open_orgs[0]] = (rest.pop(), "elimination")
    result: dict[str, dict[str, str]] = {}
    for org in seen:
        country, basis = resolved.get(org, ("", "none"))
        category = categories[org].most_common(1)[0][0] if categories.get(org) else ""
        result[org] = {
            "country": EPOCH_COUNTRY_ISO.get(country, "") if country else "",
            "country_name": country,
            "org_type": EPOCH_CATEGORY_TYPE.get(category, "other"),
            "basis": basis,
        }
    return result


ORG_COLUMNS = list(CURATED_SCHEMAS["organizations"].columns)
ALIAS_COLUMNS = list(CURATED_SCHEMAS["organization_aliases"].columns)
ORG_TYPES = {"big_tech", "start_up", "academic", "state", "nonprofit", "other"}
ATTRIBUTION_METHODS = {"researched", "epoch_country_field"}
REGION_WORDS = {"global", "unknown", "local", "EU"}


def validate_tables(org_path: Path | None = None, alias_path: Path | None = None) -> list[str]:
    """Schema checks for the two curated tables; returns a list of problems (empty when all is well)."""
    import re

    org_path = org_path or ORGANIZATIONS_CSV
    alias_path = alias_path or ALIASES_CSV
    problems: list[str] = []
    with org_path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != ORG_COLUMNS:
            problems.append(f"organizations.csv columns {reader.fieldnames} != {ORG_COLUMNS}")
        orgs = list(reader)
    with alias_path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != ALIAS_COLUMNS:
            problems.append(f"organization_aliases.csv columns {reader.fieldnames} != {ALIAS_COLUMNS}")
        aliases = list(reader)
    ids = [r["org_id"] for r in orgs]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"duplicate org_id {dup}")
    for r in orgs:
        oid = r["org_id"]
        if not re.fullmatch(r"[a-z0-9_]+", oid):
            problems.append(f"{oid}: org_id is not a lowercase slug")
        for col in ("country", "legal_seat_country"):
            if not re.fullmatch(r"[A-Z]{2}", r[col]):
                problems.append(f"{oid}: {col}={r[col]!r} is not a 2-letter code")
        if r["org_type"] not in ORG_TYPES:
            problems.append(f"{oid}: org_type={r['org_type']!r}")
        for col in ("is_model_developer", "is_host"):
            if r[col] not in ("yes", "no"):
                problems.append(f"{oid}: {col}={r[col]!r}")
        if r["attribution_method"] not in ATTRIBUTION_METHODS:
            problems.append(f"{oid}: attribution_method={r['attribution_method']!r}")
        if not r["source_url"].startswith(("http://", "https://")):
            problems.append(f"{oid}: source_url missing")
        if r["attribution_method"] == "epoch_country_field" and r["source_url"] != EPOCH_SOURCE_URL:
            problems.append(f"{oid}: epoch_country_field rows cite {EPOCH_SOURCE_URL}")
        regions = r["server_regions"]
        if r["is_host"] == "no" and regions:
            problems.append(f"{oid}: server_regions set for a non-host")
        if r["is_host"] == "yes":
            tokens = regions.split(";") if regions else []
            if not tokens:
                problems.append(f"{oid}: host without server_regions (use 'unknown')")
            for t in tokens:
                if t not in REGION_WORDS and not re.fullmatch(r"[A-Z]{2}", t):
                    problems.append(f"{oid}: server_regions token {t!r}")
    known = set(ids)
    keys = [(a["source"], a["raw_name"]) for a in aliases]
    for dup in sorted({k for k in keys if keys.count(k) > 1}):
        problems.append(f"duplicate alias {dup}")
    if keys != sorted(keys):
        problems.append("organization_aliases.csv is not sorted by source, raw_name")
    for a in aliases:
        if a["source"] not in SOURCES:
            problems.append(f"alias source {a['source']!r}")
        if a["org_id"] not in known:
            problems.append(f"alias {a['source']}/{_show(a['raw_name'])} -> unknown org_id {a['org_id']}")
    unused = known - {a["org_id"] for a in aliases}
    for oid in sorted(unused):
        problems.append(f"{oid}: no alias points to this organisation")
    return problems


def read_aliases(path: Path | None = None) -> dict[tuple[str, str], str]:
    path = path or ALIASES_CSV
    if not path.exists():
        return {}
    return {(r["source"], r["raw_name"]): r["org_id"] for r in _read_csv(path)}


def read_org_ids(path: Path | None = None) -> set[str]:
    path = path or ORGANIZATIONS_CSV
    if not path.exists():
        return set()
    return {r["org_id"] for r in _read_csv(path)}


def _show(name: str) -> str:
    """Raw names can hold line breaks (one Epoch cell does); show them escaped."""
    return name.replace("\n", "\\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference_dir", nargs="?", type=Path, default=DEFAULT_REFERENCE_DIR)
    parser.add_argument("--list", action="store_true", help="print every raw name per source")
    parser.add_argument(
        "--suggest-epoch",
        action="store_true",
        help="print draft epoch_country_field rows for missing Epoch names",
    )
    parser.add_argument("--aliases", type=Path, default=ALIASES_CSV, help="alias table to check")
    parser.add_argument(
        "--organizations", type=Path, default=ORGANIZATIONS_CSV, help="organisation table to check"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 if anything is missing, dangling or fails the schema checks",
    )
    args = parser.parse_args(argv)

    names = inventory(args.reference_dir)
    aliases = read_aliases(args.aliases)
    org_ids = read_org_ids(args.organizations)

    missing = {src: sorted(n for n in names[src] if (src, n) not in aliases) for src in SOURCES}
    dangling = sorted((s, n, o) for (s, n), o in aliases.items() if o not in org_ids)
    stale = sorted((s, n) for (s, n) in aliases if s in names and names[s] and n not in names[s])

    if args.list:
        for src in SOURCES:
            for name, count in sorted(names[src].items()):
                print(f"{src}\t{_show(name)}\t{count}\t{aliases.get((src, name), '')}")

    print(f"reference dir: {args.reference_dir}")
    for src in SOURCES:
        print(f"{src:20s} raw names: {len(names[src]):4d}   missing from aliases: {len(missing[src])}")
        for name in missing[src]:
            print(f"    MISSING  {src}\t{_show(name)}\t({names[src][name]})")
    for src, name, org in dangling:
        print(f"    DANGLING {src}\t{name} -> {org} (org_id not in organizations.csv)")
    for src, name in stale:
        print(f"    STALE    {src}\t{name} (alias no longer seen in this snapshot)")

    if args.suggest_epoch and missing["epoch"]:
        attribution = epoch_attribution(args.reference_dir)
        writer = csv.writer(sys.stdout)
        print("# draft rows - review org_id, group membership and country before adding")
        for name in missing["epoch"]:
            a = attribution.get(name, {"country": "", "org_type": "other"})
            country = a["country"] or "XX"  # unresolved by Epoch's field: research it, or keep XX
            writer.writerow(
                [
                    "?",
                    name,
                    country,
                    a["org_type"],
                    "yes",
                    "no",
                    country,
                    "",
                    "epoch_country_field",
                    EPOCH_SOURCE_URL,
                ]
            )

    if args.organizations.exists() and args.aliases.exists():
        schema = validate_tables(args.organizations, args.aliases)
    else:
        schema = ["curated tables missing"]
    for problem in schema:
        print(f"    SCHEMA   {problem}")
    print(f"schema problems: {len(schema)}")

    problems = sum(map(len, missing.values())) + len(dangling) + len(schema)
    return 1 if (args.strict and problems) else 0


if __name__ == "__main__":
    sys.exit(main())
