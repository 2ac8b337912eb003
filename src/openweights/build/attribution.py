"""Organisation attribution: every raw organisation name of every source to an ``org_id``, a country and a
country group, through the curated organisations and alias tables."""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from openweights import countries
from openweights.codes import ALIAS_SOURCES
from openweights.errors import SourceError
from openweights.schemas import CURATED_SCHEMAS
from openweights.sources.parsing import clean_text, read_text

# --- organisation attribution ------------------------------------------------------------------------------

# One definition of the curated tables' columns: their schemas.
ORG_COLUMNS = CURATED_SCHEMAS["organizations"].columns
ALIAS_COLUMNS = CURATED_SCHEMAS["organization_aliases"].columns


def _name_key(name: str) -> str:
    return clean_text(name).casefold()


def _read_curated_csv(path: Path, required: Sequence[str]) -> pd.DataFrame:
    """A curated CSV as text cells; zero data rows allowed; missing columns raise SourceError."""
    text = read_text(path)
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False)
    frame.columns = [str(c).strip() for c in frame.columns]
    for column in required:
        if column not in frame.columns:
            raise SourceError(path, "header", column, f"a column named {column!r}", list(frame.columns))
    return frame


class OrgAttribution:
    """Maps raw organisation names to org_id → country → country group, counting unmapped names."""

    def __init__(self, curated_dir: Path) -> None:
        self.notes: list[str] = []
        self.org_country: dict[str, str | None] = {}
        self.aliases: dict[tuple[str, str], str] = {}
        self.unmapped: dict[str, set[str]] = defaultdict(set)
        self.unknown_countries: set[str] = set()
        orgs_path = curated_dir / "organizations.csv"
        alias_path = curated_dir / "organization_aliases.csv"
        if orgs_path.is_file():
            orgs = _read_curated_csv(orgs_path, ("org_id", "country"))
            for i, (org_id, country) in enumerate(zip(orgs["org_id"], orgs["country"], strict=True), start=1):
                org_id = org_id.strip()
                if not org_id:
                    raise SourceError(orgs_path, i, "org_id", "a non-empty org_id", org_id)
                if org_id in self.org_country:
                    raise SourceError(orgs_path, i, "org_id", "a unique org_id", org_id)
                iso = countries.to_iso2(country)
                if country.strip() and iso is None and country.strip().upper() not in countries.UNKNOWN_CODES:
                    raise SourceError(orgs_path, i, "country", "an ISO alpha-2 code or country name", country)
                self.org_country[org_id] = iso
        else:
            self.notes.append(f"{orgs_path.name} not found: every organisation is unmapped")
        if alias_path.is_file():
            aliases = _read_curated_csv(alias_path, ALIAS_COLUMNS)
            for i, row in enumerate(aliases[list(ALIAS_COLUMNS)].itertuples(index=False), start=1):
                source, raw, org_id = (v.strip() for v in row)
                if source not in ALIAS_SOURCES:
                    raise SourceError(alias_path, i, "source", f"one of {', '.join(ALIAS_SOURCES)}", source)
                key = (source, _name_key(raw))
                if key in self.aliases and self.aliases[key] != org_id:
                    raise SourceError(
                        alias_path,
                        i,
                        "raw_name",
                        f"one org_id per (source, raw_name) ({self.aliases[key]})",
                        raw,
                    )
                self.aliases[key] = org_id
        else:
            self.notes.append(f"{alias_path.name} not found: every organisation is unmapped")

    def org_id(self, source: str, raw: str) -> str | None:
        org = self.aliases.get((source, _name_key(raw)))
        if org is None or org not in self.org_country:
            self.unmapped[source].add(clean_text(raw))
            return None
        return org

    def attribute(self, source: str, raw_names: Sequence[str], source_countries: Sequence[str] = ()) -> dict:
        names = [n for n in raw_names if clean_text(n)]
        ids = [self.org_id(source, n) for n in names]
        primary = ids[0] if ids else None
        if primary is not None:
            country, how = self.org_country[primary], "organizations_table"
        elif source_countries:
            country = countries.to_iso2(source_countries[0])
            if country is None:
                self.unknown_countries.add(source_countries[0])
            how = "source_field_unmapped"
        else:
            country, how = None, "unmapped"
        return {
            "org_id": primary or "",
            "org_ids": ";".join(dict.fromkeys(i for i in ids if i)),
            "country": country or "",
            "country_group": countries.country_group(country),
            "attribution": how,
        }

    def apply(
        self,
        frame: pd.DataFrame,
        source: str,
        names: Iterable[Sequence[str]],
        source_countries: Iterable[Sequence[str]] | None = None,
        prefix: str = "",
        multi: bool = False,
    ) -> pd.DataFrame:
        names = list(names)
        place = list(source_countries) if source_countries is not None else [()] * len(names)
        rows = [self.attribute(source, n, c) for n, c in zip(names, place, strict=True)]
        cols = ["org_id"] + (["org_ids"] if multi else []) + ["country", "country_group", "attribution"]
        out = frame.copy()
        for col in cols:
            out[prefix + col] = [r[col] for r in rows]
        return out

    def unmapped_counts(self) -> dict[str, int]:
        return {s: len(self.unmapped.get(s, ())) for s in ALIAS_SOURCES}
