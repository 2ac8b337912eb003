"""openweights.data.load: typed tables by resource name, refused when the file changed since the build."""

import importlib.util
import shutil
from pathlib import Path

import pandas as pd
import pytest

from openweights.build import build
from openweights.data import load, resource
from openweights.errors import DataPackageError
from openweights.paths import DATAPACKAGE_PATH

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
CURATED = FIXTURES / "curated"


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("genai_providers", FIXTURES / "genai_providers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("loader") / "processed"
    build(FIXTURES, out, curated_dir=CURATED, genai_providers=module.providers())
    return out


def _load(package, name, **kw):
    return load(
        name, datapackage_path=package / "datapackage.json", processed_dir=package, curated_dir=CURATED, **kw
    )


def test_dtypes_follow_the_schema(package):
    eci = _load(package, "eci_models")
    assert eci["eci_score"].dtype == "float64"
    assert str(eci["n_versions"].dtype) == "Int64"
    assert str(eci["open_weights"].dtype) == "boolean"
    assert pd.api.types.is_datetime64_any_dtype(eci["release_date"])
    assert eci.set_index("model_name").loc["Tern 1", "release_date"] is pd.NaT
    assert pd.isna(eci.set_index("model_name").loc["Tern 1", "org_id"])  # empty string → NA
    epoch = _load(package, "epoch_models")
    assert epoch.set_index("model").loc["Lotus-Chat 70B", "parameters"] == 70_000_000_000


def test_curated_tables_by_name_or_path(package):
    by_name = _load(package, "nested.extra")
    by_path = _load(package, "curated/nested/extra.csv")
    assert by_name.equals(by_path)
    assert str(by_name["count"].dtype) == "Int64" and str(by_name["flag"].dtype) == "boolean"
    assert len(_load(package, "organizations")) == 5


def test_changed_file_is_refused_with_the_rebuild_hint(package, tmp_path):
    copy = tmp_path / "processed"
    shutil.copytree(package, copy)
    path = copy / "openrouter_models.csv"
    path.write_text(path.read_text().replace("131072", "131073"))
    with pytest.raises(DataPackageError) as info:
        load("openrouter_models", datapackage_path=copy / "datapackage.json", processed_dir=copy)
    message = str(info.value)
    assert "openrouter_models.csv changed since datapackage.json was written" in message
    assert "python -m openweights data build" in message
    unchecked = load(
        "openrouter_models", datapackage_path=copy / "datapackage.json", processed_dir=copy, verify=False
    )
    assert 131073 in unchecked["context_length"].tolist()


def test_unknown_and_missing(package, tmp_path):
    with pytest.raises(DataPackageError, match="no table named 'nope'.*known: .*eci_models"):
        resource("nope", package / "datapackage.json")
    with pytest.raises(DataPackageError, match="not found"):
        load("eci_models", datapackage_path=tmp_path / "datapackage.json")


@pytest.mark.skipif(not DATAPACKAGE_PATH.is_file(), reason="data/datapackage.json not built yet")
def test_committed_tables_load():
    eci = load("eci_models")
    assert len(eci) > 0 and set(eci["country_group"].dropna()) <= {
        "China",
        "United States",
        "Europe",
        "Other",
    }
    identity = load("model_identity")
    assert identity["model_key"].is_unique


@pytest.mark.parametrize(
    ("column", "old", "new", "message"),
    [
        ("context_length", "131072", "lots", "does not match its schema.*'lots'"),
        ("context_length", "131072", "1.5", "does not match its schema"),
    ],
)
def test_values_that_break_the_schema_are_refused_with_the_file_named(package, column, old, new, message):
    path = package / "openrouter_models.csv"
    text = path.read_text()
    assert old in text
    broken = package.parent / "broken"
    shutil.copytree(package, broken, dirs_exist_ok=True)
    (broken / "openrouter_models.csv").write_text(text.replace(old, new, 1))
    with pytest.raises(DataPackageError, match=f"openrouter_models.csv {message}"):
        load(
            "openrouter_models",
            datapackage_path=broken / "datapackage.json",
            processed_dir=broken,
            verify=False,
        )


def test_booleans_other_than_true_and_false_are_refused(package, tmp_path):
    copy = tmp_path / "processed"
    shutil.copytree(package, copy)
    path = copy / "eci_models.csv"
    lines = path.read_text().splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    column = header.index("open_weights")
    row = next(i for i, line in enumerate(lines[1:], 1) if line.split(",")[column] in ("true", "false"))
    cells = lines[row].split(",")
    cells[column] = "yes"
    lines[row] = ",".join(cells)
    path.write_text("".join(lines))
    with pytest.raises(DataPackageError, match="column 'open_weights': 'yes' is not true or false"):
        load("eci_models", datapackage_path=copy / "datapackage.json", processed_dir=copy, verify=False)


def test_a_header_that_differs_from_the_schema_is_refused(package, tmp_path):
    copy = tmp_path / "processed"
    shutil.copytree(package, copy)
    path = copy / "eci_models.csv"
    text = path.read_text()
    path.write_text(text.replace("open_weights", "open_weight", 1))
    with pytest.raises(DataPackageError, match="eci_models.csv columns differ from its schema"):
        load("eci_models", datapackage_path=copy / "datapackage.json", processed_dir=copy, verify=False)
