"""The field vocabulary (openweights.fields) is the one place a column's title and meaning are written: every
column of every table has an entry, none is stale, the data package carries them, and the book's table headers
read them rather than a second list."""

from __future__ import annotations

import json

import pytest

from openweights import tables
from openweights.build.tables import TABLES
from openweights.fields import FIELDS, field_title
from openweights.paths import DATAPACKAGE_PATH
from openweights.schemas import CURATED_SCHEMAS, frictionless_schema


def _table_columns() -> set[str]:
    curated = {column for schema in CURATED_SCHEMAS.values() for column in schema.columns}
    processed = {f.name for table in TABLES.values() for f in table.fields}
    return curated | processed


def test_every_column_of_every_table_has_a_title_and_a_description():
    missing = sorted(_table_columns() - set(FIELDS))
    assert not missing, f"add these columns to openweights.fields.FIELDS: {missing}"
    assert all(title.strip() and description.strip() for title, description in FIELDS.values())


def test_the_vocabulary_holds_no_column_that_no_table_has():
    assert not sorted(set(FIELDS) - _table_columns())


def test_a_label_is_written_once():
    """A column of a table takes its header from the vocabulary; tables.HEADER_LABELS only names the columns that
    analysis code derives."""
    assert not sorted(set(tables.HEADER_LABELS) & set(FIELDS))


@pytest.mark.parametrize("name", ["source_url", "model_key", "price_input_usd_per_mtok", "verdict"])
def test_book_headers_are_the_field_titles(name):
    if name in FIELDS:
        assert tables.header_label(name) == field_title(name) == FIELDS[name][0]


def _titles(resource_fields) -> list[str]:
    return [f["title"] for f in resource_fields]


def test_no_two_columns_of_a_table_read_the_same():
    for schema in CURATED_SCHEMAS.values():
        titles = _titles(frictionless_schema(schema, list(schema.columns))["fields"])
        assert len(set(titles)) == len(titles), schema.name
    for table in TABLES.values():
        titles = _titles(f.descriptor() for f in table.fields)
        assert len(set(titles)) == len(titles), table.name


def test_the_data_package_carries_each_fields_title_and_description():
    package = json.loads(DATAPACKAGE_PATH.read_text(encoding="utf-8"))
    tables_ = [r for r in package["resources"] if r["path"].startswith(("curated/", "processed/"))]
    assert len(tables_) >= 25
    for resource in tables_:
        assert resource.get("title"), resource["name"]
        for field in resource["schema"]["fields"]:
            assert field["title"], (resource["name"], field["name"])
            assert field["description"], (resource["name"], field["name"])


def test_a_description_that_lists_its_codes_lists_them_all():
    """A description may spell out a column's allowed codes with their meanings; then it names every one, so a code
    added to the schema fails here until the description is brought up to date."""
    import re

    allowed: dict[str, set[str]] = {}
    for schema in CURATED_SCHEMAS.values():
        for column, codes in schema.enums.items():
            allowed.setdefault(column, set()).update(codes)
    for table in TABLES.values():
        for f in table.fields:
            if f.enum:
                allowed.setdefault(f.name, set()).update(f.enum)
    stale = {}
    for column, codes in allowed.items():
        codes = {c for c in codes if c}
        named = {c for c in codes if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", FIELDS[column][1])}
        if named and named != codes:
            stale[column] = sorted(codes - named)
    assert not stale, f"descriptions that miss some of their codes: {stale}"
