"""Schemas of the curated tables that we write by hand.

A schema lists the columns in order, the key, the columns that must be filled, the allowed values of
categorical columns, the date and URL columns. `validate` returns every problem it finds, each naming
the table, the 1-based data row, the column and what was expected, so that a curator can fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from openweights.codes import (
    ALIAS_SOURCES,
    CLAIM_TYPES,
    DIMENSIONS,
    INSTRUMENTS,
    LEVELS,
    MODES,
    OVERRIDE_SOURCES,
    QUESTIONS,
    RATINGS,
    SERVICE_PROVIDERS,
    STANCES_CHINESE_AI,
    STANCES_OPEN_WEIGHTS,
    TARGETS,
    VERDICTS,
)
from openweights.fields import field_description, field_title
from openweights.sourcekinds import KINDS

URL_PATTERN = re.compile(r"https?://\S+")  # the whole cell (Frictionless patterns are anchored)
YES_NO = ("yes", "no")


@dataclass(frozen=True)
class TableSchema:
    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    required: tuple[str, ...] = ()
    enums: dict[str, tuple[str, ...]] = field(default_factory=dict)
    dates: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    #: numbers that must be whole (counts, years): ``integer`` in the data package
    integers: tuple[str, ...] = ()
    min_rows: int = 1
    #: what the table holds, one line (the resource's title in the data package)
    title: str = ""
    #: descriptions of columns whose sense in this table is narrower than the vocabulary's (openweights.fields)
    descriptions: dict[str, str] = field(default_factory=dict)
    #: headers of columns that must read apart from another column's in this table
    titles: dict[str, str] = field(default_factory=dict)


SOURCE_KINDS = KINDS  # primary, news, secondary: one list, in openweights.sourcekinds

CURATED_SCHEMAS: dict[str, TableSchema] = {}


def frictionless_schema(schema: TableSchema, header: list[str]) -> dict:
    """The Frictionless Table Schema of a curated table, generated from its :class:`TableSchema` (the one place
        its columns, key, required columns, allowed values, dates, URLs and numbers are declared) for the columns
        of ``header``: each field's title and description come from the vocabulary (:mod:`openweights.fields`) unless
    the table narrows one; numbers are ``number``, dates ``date``, URLs strings of format ``uri``; required columns and
        allowed values are constraints; the key is the primary key; an empty cell is a missing value."""
    fields = []
    for column in header:
        field_: dict = {
            "name": column,
            "title": schema.titles.get(column) or field_title(column),
            "description": schema.descriptions.get(column) or field_description(column),
            "type": "string",
        }
        if column in schema.integers:
            field_["type"] = "integer"
        elif column in schema.numbers:
            field_["type"] = "number"
        elif column in schema.dates:
            field_["type"] = "date"
        constraints: dict = {}
        if column in schema.urls:
            field_["format"] = "uri"
            constraints["pattern"] = URL_PATTERN.pattern
        if column in schema.required:
            constraints["required"] = True
        if column in schema.enums:
            constraints["enum"] = list(schema.enums[column])
        if constraints:
            field_["constraints"] = constraints
        fields.append(field_)
    return {"fields": fields, "primaryKey": list(schema.key), "missingValues": [""]}


def register(schema: TableSchema) -> TableSchema:
    CURATED_SCHEMAS[schema.name] = schema
    return schema


register(
    TableSchema(
        name="corpus/documents",
        title="The five press articles of the corpus: outlet, author, dates and whether each copies another outlet's piece",
        columns=(
            "doc_id",
            "outlet",
            "author",
            "headline",
            "publication_date",
            "date_precision",
            "language_of_copy",
            "is_derivative",
            "original_outlet",
            "original_author",
            "original_headline",
            "original_publication_date",
            "original_url",
            "copy_url",
            "word_count",
            "source_url",
            "source_kind",
        ),
        key=("doc_id",),
        required=("doc_id", "outlet", "headline", "is_derivative", "word_count", "source_url"),
        enums={
            "source_kind": SOURCE_KINDS,
            "is_derivative": YES_NO,
            "date_precision": ("day", "month", "unknown"),
        },
        dates=("publication_date", "original_publication_date"),
        urls=("original_url", "copy_url", "source_url"),
        integers=("word_count",),
        min_rows=5,
    )
)

register(
    TableSchema(
        name="corpus/claims",
        title="Claims made in the corpus articles, paraphrased, with the question each bears on and our verdict",
        columns=(
            "claim_id",
            "doc_id",
            "paraphrase",
            "question",
            "claim_type",
            "actors",
            "figure_value",
            "figure_unit",
            "figure_context",
            "testable",
            "test_plan",
            "verdict",
            "evidence_link",
            "verdict_note",
        ),
        key=("claim_id",),
        required=("claim_id", "doc_id", "paraphrase", "question", "claim_type", "testable"),
        enums={
            "question": QUESTIONS,
            "claim_type": CLAIM_TYPES,
            "testable": YES_NO,
            "verdict": VERDICTS,
        },
        integers=("figure_value",),
        min_rows=40,
    )
)


#: What each Frictionless type means to a curator, for messages
_EXPECTED_TYPE = {"date": "a date YYYY-MM-DD", "number": "a number", "integer": "a whole number"}


def _problem(error, descriptor: dict, where: str) -> str:
    """A Frictionless cell or row error as one line naming the file, the 1-based data row, the column and what
    was expected."""
    # Frictionless counts the header as row 1; the book counts data rows from 1
    line = f"{where}: row {error.row_number - 1}"
    if error.type == "primary-key":
        key = tuple(descriptor["primaryKey"])
        return f"{line}, key {key}: duplicate value {tuple(error.cells)}"
    field_ = next(f for f in descriptor["fields"] if f["name"] == error.field_name)
    found = error.cell
    if error.type == "type-error" and field_.get("format") == "uri":
        return f"{line}, column {field_['name']}: expected an http(s) URL, found {found!r}"
    if error.type == "type-error":
        return f"{line}, column {field_['name']}: expected {_EXPECTED_TYPE[field_['type']]}, found {found!r}"
    constraints = field_.get("constraints", {})
    if '"required"' in error.note:
        return f"{line}, column {field_['name']}: expected a value, found nothing"
    if '"enum"' in error.note:
        return (
            f"{line}, column {field_['name']}: expected one of {tuple(constraints['enum'])}, found {found!r}"
        )
    if '"pattern"' in error.note and field_.get("format") == "uri":
        return f"{line}, column {field_['name']}: expected an http(s) URL, found {found!r}"
    return f"{line}, column {field_['name']}: {error.note}, found {found!r}"  # pragma: no cover - other kinds


def validate(
    df: pd.DataFrame, schema: TableSchema, where: str | None = None, min_rows: bool = True
) -> list[str]:
    """Every problem in `df` against `schema`; an empty list means the table is valid.

    The column list and the table's size are checked here; every cell and key is checked by Frictionless against
    the table's schema descriptor (:func:`frictionless_schema`, the one written into ``datapackage.json``), so the
    build and ``frictionless validate`` refuse the same rows. ``where`` names the file in messages (default
    ``data/curated/<name>.csv``); ``min_rows`` checks the table's expected size, which a data build skips (a test
    fixture is small on purpose)."""
    import frictionless  # half a second to import: only when a table is checked

    problems: list[str] = []
    where = where or f"data/curated/{schema.name}.csv"
    if list(df.columns) != list(schema.columns):
        missing = [c for c in schema.columns if c not in df.columns]
        extra = [c for c in df.columns if c not in schema.columns]
        problems.append(
            f"{where}: columns differ from the schema (missing {missing}, unexpected {extra}, or order)"
        )
        return problems
    if min_rows and len(df) < schema.min_rows:
        problems.append(f"{where}: {len(df)} rows, expected at least {schema.min_rows}")
    descriptor = frictionless_schema(schema, list(df.columns))
    cells = df.astype(object).where(df.notna(), "").map(lambda v: str(v).strip())
    resource = frictionless.Resource(
        data=[list(df.columns), *cells.to_numpy().tolist()],
        schema=frictionless.Schema.from_descriptor(descriptor),
    )
    report = resource.validate(frictionless.Checklist(skip_errors=["blank-row"]))
    problems.extend(
        _problem(error, descriptor, where) for error in (e for task in report.tasks for e in task.errors)
    )
    return problems


ISO_OR_BLOCS = re.compile(r"^([A-Z]{2}|EU|INT)$")

POLICY_EVENT_COLUMNS = (
    "event_id",
    "date",
    "date_precision",
    "jurisdiction",
    "level",
    "actor",
    "instrument",
    "target",
    "stance_open_weights",
    "stance_chinese_ai",
    "summary",
    "source_url",
    "source_url_2",
    "binding",
    "status",
    "ban_scope",
    "source_kind",
    "source_kind_2",
)
#: What a restriction covers (``ban_scope`` holds one or more, ';'-joined).
BAN_SCOPES = (
    "service_or_app",
    "devices",
    "download_or_run_weights",
    "self_hosted_use",
    "chips_or_compute",
    "exports_of_models",
    "other",
)

register(
    TableSchema(
        name="policy_events",
        title="Policy events on AI by the US, China, the EU and the bridge countries: instrument, target, stance and source",
        columns=POLICY_EVENT_COLUMNS,
        key=("event_id",),
        # Every column but the optional second source and the ban scope (restrictions only).
        required=tuple(
            c for c in POLICY_EVENT_COLUMNS if c not in ("source_url_2", "source_kind_2", "ban_scope")
        ),
        enums={
            "date_precision": ("day", "month"),
            "level": LEVELS,
            "instrument": INSTRUMENTS,
            "target": TARGETS,
            "stance_open_weights": STANCES_OPEN_WEIGHTS,
            "stance_chinese_ai": STANCES_CHINESE_AI,
            "binding": ("yes", "no", "unknown"),
            "status": ("enacted", "proposed", "reported", "lapsed"),
            "source_kind": SOURCE_KINDS,
            "source_kind_2": SOURCE_KINDS,
        },
        dates=("date",),
        urls=("source_url", "source_url_2"),
        min_rows=60,
    )
)

register(
    TableSchema(
        name="adoption_measurements",
        title="Published measurements of who uses Chinese and other AI models: shares, counts and survey figures",
        columns=(
            "measurement_id",
            "metric",
            "subject",
            "origin",
            "geography",
            "value",
            "value_high",
            "unit",
            "period_start",
            "period_end",
            "method",
            "publisher",
            "source_title",
            "source_url",
            "source_kind",
            "source_url_2",
            "source_kind_2",
            "published_date",
            "caveat",
        ),
        key=("measurement_id",),
        required=(
            "measurement_id",
            "metric",
            "subject",
            "origin",
            "geography",
            "value",
            "unit",
            "method",
            "source_url",
            "source_kind",
            "caveat",
        ),
        enums={
            "source_kind": SOURCE_KINDS,
            "source_kind_2": SOURCE_KINDS,
            "metric": (
                "market_share",
                "user_share",
                "traffic_share",
                "downloads_share",
                "derivatives_share",
                "inference_token_share",
                "downloads_count",
                "derivatives_count",
                "survey_share",
                "model_count",
                "benchmark_gap",
                "other",
            ),
            "origin": ("china", "united_states", "europe", "other", "all"),
        },
        dates=("published_date",),
        urls=("source_url", "source_url_2"),
        numbers=("value", "value_high"),
        min_rows=10,
    )
)

register(
    TableSchema(
        name="lab_economics",
        title="How AI labs fund themselves: revenue engines, capex pledges, funding rounds, valuations, prices and statements",
        columns=(
            "fact_id",
            "lab",
            "parent_company",
            "fact_type",
            "value",
            "unit",
            "period",
            "description",
            "source_url",
            "source_kind",
            "published_date",
        ),
        key=("fact_id",),
        required=("fact_id", "lab", "fact_type", "description", "source_url"),
        enums={
            "source_kind": SOURCE_KINDS,
            "fact_type": (
                "revenue_engine",
                "capex_pledge",
                "funding_round",
                "valuation",
                "revenue",
                "api_price_input",
                "api_price_output",
                "ipo",
                "open_weights_policy",
                # what an executive said in public, for claims about a person's words
                "executive_statement",
            ),
        },
        urls=("source_url",),
        numbers=("value",),
        min_rows=30,
    )
)

register(
    TableSchema(
        name="organizations",
        title="Organisations that build or host models, with country, type and where their servers are",
        columns=(
            "org_id",
            "canonical_name",
            "country",
            "org_type",
            "is_model_developer",
            "is_host",
            "legal_seat_country",
            "server_regions",
            "attribution_method",
            "source_url",
            "source_kind",
        ),
        key=("org_id",),
        required=("org_id", "canonical_name", "country", "org_type", "attribution_method", "source_url"),
        enums={
            "source_kind": SOURCE_KINDS,
            "org_type": ("big_tech", "start_up", "academic", "state", "nonprofit", "other"),
            "is_model_developer": YES_NO,
            "is_host": YES_NO,
            "attribution_method": ("researched", "epoch_country_field"),
        },
        urls=("source_url",),
        min_rows=50,
    )
)

register(
    TableSchema(
        name="organization_aliases",
        title="Names under which each source spells an organisation, mapped to the organisation's id",
        columns=("source", "raw_name", "org_id"),
        key=("source", "raw_name"),
        required=("source", "raw_name", "org_id"),
        enums={"source": ALIAS_SOURCES},
        min_rows=50,
    )
)

register(
    TableSchema(
        name="cost_parameters",
        title="Parameters of the self-hosting cost model: GPU prices, throughput, memory and API prices",
        columns=(
            "parameter",
            "value",
            "unit",
            "low",
            "high",
            "applies_to",
            "source_url",
            "source_kind",
            "source_date",
            "note",
        ),
        key=("parameter", "applies_to"),
        required=("parameter", "value", "unit", "source_url", "source_date"),
        enums={"source_kind": SOURCE_KINDS},
        dates=("source_date",),
        urls=("source_url",),
        numbers=("value", "low", "high"),
        min_rows=5,
    )
)

register(
    TableSchema(
        name="data_control_matrix",
        title="What each way of running a model leaves under the user's control, dimension by dimension",
        columns=(
            "mode",
            "dimension",
            "rating",
            "summary",
            "source_url",
            "source_kind",
            "source_url_2",
            "source_kind_2",
        ),
        key=("mode", "dimension"),
        required=("mode", "dimension", "rating", "summary", "source_url"),
        enums={
            "source_kind": SOURCE_KINDS,
            "mode": MODES,
            "dimension": DIMENSIONS,
            "rating": RATINGS,
        },
        # a summary that joins two facts (a policy and a law) cites one source for each
        urls=("source_url", "source_url_2"),
        min_rows=24,
    )
)

register(
    TableSchema(
        name="reference_models",
        title="The open-weight models priced in the self-hosting cost model, with size, precision and hardware",
        columns=(
            "model",
            "developer",
            "origin",
            "size_class",
            "architecture",
            "total_params_b",
            "active_params_b",
            "default_precision",
            "licence",
            "gpu_type",
            "benchmark_gpus",
            "throughput_parameter",
            "gpu_price_parameter",
            "gpu_memory_parameter",
            "api_price_input_parameter",
            "api_price_output_parameter",
            # how the model is named in the processed catalogues (host prices) and in the capability index;
            # an empty eci_model_name means the index does not score the model
            "catalogue_model_key",
            "eci_model_name",
            "source_url",
            "source_kind",
            "note",
        ),
        key=("model",),
        required=(
            "model",
            "developer",
            "total_params_b",
            "active_params_b",
            "default_precision",
            "source_url",
        ),
        enums={"source_kind": SOURCE_KINDS, "default_precision": ("bf16", "fp8", "int4")},
        urls=("source_url",),
        numbers=("total_params_b", "active_params_b"),
        integers=("benchmark_gpus",),
        min_rows=3,
    )
)

register(
    TableSchema(
        name="published_breakeven",
        title="Self-hosting break-even points that other studies have published",
        # `value` is text on purpose: studies report ranges such as "6-24" or "<3".
        columns=(
            "study",
            "model",
            "hardware",
            "metric",
            "value",
            "unit",
            "assumptions",
            "source_url",
            "source_kind",
        ),
        key=("study", "model", "hardware", "metric"),
        required=("study", "model", "metric", "value", "unit", "source_url"),
        enums={"source_kind": SOURCE_KINDS},
        urls=("source_url",),
        min_rows=3,
    )
)

register(
    TableSchema(
        # Openness of index models that neither Epoch nor models.dev records, from our own research.
        name="model_openness",
        title="Openness of capability-index models that neither Epoch nor models.dev records",
        columns=(
            "model_name",
            "open_weights",
            "generally_available",
            "licence",
            "evidence",
            "source_url",
            "source_kind",
        ),
        key=("model_name",),
        required=("model_name", "open_weights", "generally_available", "evidence", "source_url"),
        enums={
            "source_kind": SOURCE_KINDS,
            "open_weights": YES_NO,
            "generally_available": YES_NO,
            "licence": ("open_unrestricted", "open_restricted", "open_noncommercial"),
        },
        urls=("source_url",),
        min_rows=1,
    )
)

register(
    TableSchema(
        name="model_identity_overrides",
        title="Hand-made links from a source's model id to the project's model key",
        columns=("source", "source_id", "model_key", "source_url", "source_kind"),
        titles={"source": "Source catalogue"},
        key=("source", "source_id"),
        required=("source", "source_id", "model_key", "source_url"),
        enums={
            "source_kind": SOURCE_KINDS,
            "source": OVERRIDE_SOURCES,
        },
        urls=("source_url",),
        min_rows=1,
    )
)

#: Regions outside the US, the EU/EEA, the UK, Switzerland and China (issue 28's definition; see chapter 1.3).
REGIONS = (
    "east_asia",
    "south_east_asia",
    "south_asia",
    "central_asia",
    "middle_east_north_africa",
    "sub_saharan_africa",
    "latin_america",
    "rest_of_europe",
)

register(
    TableSchema(
        name="regional_models",
        title="Models built outside the US, Europe and China, with the base model each starts from",
        columns=(
            "model_id",
            "model",
            "builder",
            "builder_country",
            "builder_type",
            "region",
            "release_date",
            "base_model",
            "base_developer",
            "base_developer_country",
            "parameters_billion",
            "licence",
            "source_url",
            "source_kind",
            "source_url_2",
            "source_kind_2",
            "note",
        ),
        key=("model_id",),
        required=(
            "model_id",
            "model",
            "builder",
            "builder_country",
            "builder_type",
            "region",
            "base_model",
            "source_url",
            "source_kind",
        ),
        enums={
            "builder_type": ("government", "university", "company", "nonprofit", "unknown"),
            "region": REGIONS,
            "source_kind": SOURCE_KINDS,
            "source_kind_2": SOURCE_KINDS,
        },
        urls=("source_url", "source_url_2"),
        numbers=("parameters_billion",),
        min_rows=80,
    )
)

register(
    TableSchema(
        name="service_access",
        title="Whether OpenAI, Anthropic and Google serve each country, from their own lists",
        columns=("country", "provider", "service", "offered", "as_of", "source_url", "source_kind", "note"),
        key=("country", "provider", "service", "as_of"),
        required=("country", "provider", "service", "offered", "as_of", "source_url", "source_kind"),
        enums={
            "provider": SERVICE_PROVIDERS,
            "offered": ("yes", "no", "not_listed"),
            "source_kind": SOURCE_KINDS,
        },
        urls=("source_url",),
        min_rows=20,
    )
)

register(
    TableSchema(
        name="chinese_api_data",
        title="Where Chinese labs' APIs process data, how long they keep it, and under which law",
        columns=(
            "provider",
            "endpoint",
            "processing_location",
            "retention",
            "training_use",
            "governing_law",
            "source_url",
            "source_kind",
            "source_url_2",
            "source_kind_2",
            "note",
        ),
        key=("provider",),
        required=("provider", "endpoint", "processing_location", "source_url", "source_kind"),
        enums={"source_kind": SOURCE_KINDS, "source_kind_2": SOURCE_KINDS},
        urls=("source_url", "source_url_2"),
        min_rows=5,
    )
)

register(
    TableSchema(
        name="lab_flagships",
        title="Each major lab's flagship model and whether its weights are open",
        columns=(
            "lab",
            "flagship_model",
            "release_date",
            "open_weights",
            "licence",
            "other_open_models_2026",
            "source_url",
            "source_kind",
            "source_url_2",
            "source_kind_2",
            "note",
        ),
        key=("lab",),
        required=("lab", "flagship_model", "open_weights", "source_url", "source_kind"),
        enums={
            "open_weights": ("yes", "no", "partial", "unknown"),
            "source_kind": SOURCE_KINDS,
            "source_kind_2": SOURCE_KINDS,
        },
        urls=("source_url", "source_url_2"),
        min_rows=10,
    )
)


def ragged_rows(text: str) -> list[tuple[int, int, int]]:
    """(line, fields, header fields) of each CSV record whose field count differs from the header's, and of a last
    record cut off before its line break (a copy that stopped mid-row); an empty list for a well-formed file."""
    import csv
    import io

    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        return []
    bad = []
    cut_off = bool(text) and not text.endswith(("\n", "\r"))
    records = [(reader.line_num, record) for record in reader if record]
    for number, (line, record) in enumerate(records, start=1):
        if cut_off and number == len(records):
            bad.append((line, -1, len(header)))  # the last row stops before its line break
        elif len(record) != len(header):
            bad.append((line, len(record), len(header)))
    return bad


def validate_curated(curated_dir, min_rows: bool = False) -> list[str]:
    """Problems in every curated table that has a schema (ragged or cut-off rows, columns, required values, codes,
    dates, URLs, numbers, keys), each naming file, row and column; an empty list when all are valid."""
    from pathlib import Path

    problems: list[str] = []
    for name, schema in sorted(CURATED_SCHEMAS.items()):
        path = Path(curated_dir) / f"{name}.csv"
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"{path}: expected UTF-8 text, found a byte that is not ({exc.reason})")
            continue
        for line, found, wanted in ragged_rows(text):
            if found < 0:
                problems.append(
                    f"{path}: line {line}: the file ends mid-row (no final line break); a cut-off copy?"
                )
            else:
                problems.append(
                    f"{path}: line {line}: expected {wanted} fields as in the header, found {found}"
                )
        if problems and problems[-1].startswith(str(path)):
            continue
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)
        problems.extend(validate(frame, schema, where=str(path), min_rows=min_rows))
    return problems
