"""Schemas of the curated tables that we write by hand.

A schema lists the columns in order, the key, the columns that must be filled, the allowed values of
categorical columns, the date and URL columns. `validate` returns every problem it finds, each naming
the table, the 1-based data row, the column and what was expected, so that a curator can fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

URL_PATTERN = re.compile(r"^https?://[^\s]+$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
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
    min_rows: int = 1


VERDICTS = ("supported", "partly_supported", "contradicted", "not_testable")

CURATED_SCHEMAS: dict[str, TableSchema] = {}


def register(schema: TableSchema) -> TableSchema:
    CURATED_SCHEMAS[schema.name] = schema
    return schema


register(
    TableSchema(
        name="corpus/documents",
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
        ),
        key=("doc_id",),
        required=("doc_id", "outlet", "headline", "is_derivative", "word_count", "source_url"),
        enums={"is_derivative": YES_NO},
        dates=("publication_date", "original_publication_date"),
        urls=("original_url", "copy_url", "source_url"),
        numbers=("word_count",),
        min_rows=5,
    )
)

register(
    TableSchema(
        name="corpus/claims",
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
            "question": ("adoption", "cost_control", "policy", "sustainability", "context"),
            "claim_type": ("empirical", "forecast", "opinion", "anecdote"),
            "testable": YES_NO,
            "verdict": VERDICTS,
        },
        numbers=("figure_value",),
        min_rows=40,
    )
)


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or str(value).strip() == ""


def validate(df: pd.DataFrame, schema: TableSchema) -> list[str]:
    """Every problem in `df` against `schema`; an empty list means the table is valid."""
    problems: list[str] = []
    where = f"data/curated/{schema.name}.csv"
    if list(df.columns) != list(schema.columns):
        missing = [c for c in schema.columns if c not in df.columns]
        extra = [c for c in df.columns if c not in schema.columns]
        problems.append(
            f"{where}: columns differ from the schema (missing {missing}, unexpected {extra}, or order)"
        )
        return problems
    if len(df) < schema.min_rows:
        problems.append(f"{where}: {len(df)} rows, expected at least {schema.min_rows}")
    duplicated = df.duplicated(list(schema.key), keep=False)
    for row in df.index[duplicated]:
        problems.append(
            f"{where}: row {row + 1}, key {schema.key}: duplicate value {tuple(df.loc[row, list(schema.key)])}"
        )
    for row, record in df.iterrows():
        line = f"{where}: row {row + 1}"
        for column in schema.required:
            if _blank(record[column]):
                problems.append(f"{line}, column {column}: expected a value, found nothing")
        for column, allowed in schema.enums.items():
            value = record[column]
            if not _blank(value) and str(value) not in allowed:
                problems.append(f"{line}, column {column}: expected one of {allowed}, found {value!r}")
        for column in schema.dates:
            value = record[column]
            if _blank(value):
                continue
            text = str(value)
            if not DATE_PATTERN.match(text) or pd.isna(
                pd.to_datetime(text, errors="coerce", format="%Y-%m-%d")
            ):
                problems.append(f"{line}, column {column}: expected a date YYYY-MM-DD, found {value!r}")
        for column in schema.urls:
            value = record[column]
            if not _blank(value) and not URL_PATTERN.match(str(value)):
                problems.append(f"{line}, column {column}: expected an http(s) URL, found {value!r}")
        for column in schema.numbers:
            value = record[column]
            if not _blank(value) and pd.isna(pd.to_numeric(str(value), errors="coerce")):
                problems.append(f"{line}, column {column}: expected a number, found {value!r}")
    return problems
