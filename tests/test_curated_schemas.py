"""Every curated table has a schema and passes it; the validator itself catches bad rows."""

import pandas as pd
import pytest

from openweights.paths import CURATED_DIR
from openweights.schemas import CURATED_SCHEMAS, TableSchema, validate

CURATED_FILES = sorted(
    p.relative_to(CURATED_DIR).with_suffix("").as_posix() for p in CURATED_DIR.rglob("*.csv")
)


def read_curated(name: str) -> pd.DataFrame:
    return pd.read_csv(CURATED_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("name", CURATED_FILES)
def test_every_curated_table_has_a_schema(name):
    assert name in CURATED_SCHEMAS, f"data/curated/{name}.csv has no schema in openweights.schemas"


@pytest.mark.parametrize("name", sorted(CURATED_SCHEMAS))
def test_curated_table_is_valid(name):
    path = CURATED_DIR / f"{name}.csv"
    assert path.exists(), f"schema {name} has no table at {path}"
    problems = validate(read_curated(name), CURATED_SCHEMAS[name])
    assert not problems, "\n".join(problems[:30])


TOY = TableSchema(
    name="toy",
    columns=("id", "kind", "date", "url", "value"),
    key=("id",),
    required=("id", "url"),
    enums={"kind": ("a", "b")},
    dates=("date",),
    urls=("url",),
    numbers=("value",),
)


def toy_frame(**overrides):
    row = {"id": "1", "kind": "a", "date": "2025-01-31", "url": "https://example.org", "value": "3.5"}
    row.update(overrides)
    return pd.DataFrame([row])


def test_validator_accepts_a_good_row():
    assert validate(toy_frame(), TOY) == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"kind": "c"}, "column kind: expected one of"),
        ({"date": "2025-02-30"}, "column date: expected a date"),
        ({"date": "31/01/2025"}, "column date: expected a date"),
        ({"url": ""}, "column url: expected a value"),
        ({"url": "example.org"}, "column url: expected an http(s) URL"),
        ({"url": "ftp://example.org/file"}, "column url: expected an http(s) URL"),
        ({"url": "https://example.org/a page"}, "column url: expected an http(s) URL"),
        ({"value": "three"}, "column value: expected a number"),
        ({"id": "  "}, "column id: expected a value"),
    ],
)
def test_validator_names_row_column_and_expectation(overrides, expected):
    problems = validate(toy_frame(**overrides), TOY)
    assert any("row 1" in p and expected in p for p in problems), problems


def test_validator_catches_duplicate_keys_and_wrong_columns():
    doubled = pd.concat([toy_frame(), toy_frame()], ignore_index=True)
    assert any("duplicate" in p for p in validate(doubled, TOY))
    assert any("columns differ" in p for p in validate(toy_frame().drop(columns="kind"), TOY))
