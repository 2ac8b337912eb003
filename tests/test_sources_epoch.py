"""Epoch readers: all_ai_models.csv (both schemas) and the ECI file, on synthetic fixtures."""

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from openweights.errors import SourceError
from openweights.sources import eci, epoch_models

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
EPOCH = FIXTURES / "epoch"


def _copy(tmp_path: Path, name: str, edit) -> Path:
    path = tmp_path / name
    folder = EPOCH if (EPOCH / name).is_file() else FIXTURES / "epoch-current"
    text = (folder / name).read_text(encoding="utf-8")
    path.write_text(edit(text), encoding="utf-8")
    return path


def test_epoch_2025_schema():
    frame = epoch_models.read(EPOCH).set_index("model")
    assert list(frame.reset_index().columns) == epoch_models.COLUMNS
    assert frame.index.is_monotonic_increasing and frame.index.is_unique
    lotus = frame.loc["Lotus-Chat 70B"]
    assert lotus.publication_date == dt.date(2024, 5, 1) and lotus.year == 2024
    assert lotus.accessibility == "open_unrestricted" and lotus.open_weights
    assert lotus.parameters == 70_000_000_000 and lotus.training_compute_flop == 8.4e23
    assert lotus.notable and lotus.is_language and lotus.countries_raw == "China"
    assert pd.isna(lotus.frontier_model)
    maple = frame.loc["Maple Vision"]
    assert maple.domains == "Vision;Language" and maple.organizations_raw == "Maple AI;Northfield University"
    assert not maple.open_weights and not maple.notable
    # a comma followed by a space belongs to the name
    assert frame.loc["Harbor Coder", "organizations_raw"] == "Harbor Systems, Inc;Lotus Lab"
    assert frame.loc["Fjord-3B", "base_model"] == "Lotus-Chat 70B"
    assert frame.loc["Orchid-Speech", "accessibility"] == "unknown"
    assert pd.isna(frame.loc["Orchid-Speech", "open_weights"]) and pd.isna(frame.loc["Orchid-Speech", "year"])
    # free text never comes through
    assert not any("abstract" in c.lower() or "author" in c.lower() for c in frame.columns)


def test_epoch_placeholder_rows_dropped_and_same_date_duplicates_merged():
    frame = epoch_models.read(EPOCH)
    assert len(frame) == 7  # 9 rows: one placeholder, one duplicate merged
    assert frame.attrs["merged_duplicates"] == ["Kestrel"]
    kestrel = frame.set_index("model").loc["Kestrel"]
    assert kestrel.accessibility == "unreleased"  # filled from the second row
    assert kestrel.training_compute_flop == 5e20  # kept from the first row
    assert kestrel.notable


def test_epoch_later_schema_uses_new_columns():
    frame = epoch_models.read(FIXTURES / "epoch_later").set_index("model")
    assert frame.attrs["country_column"] == "Country (of organization)"
    assert not frame.loc["Lotus-Chat 70B", "frontier_model"]
    assert frame.loc["Maple Vision", "frontier_model"]
    assert not frame.loc["Maple Vision", "open_weights"]
    assert pd.isna(frame.loc["Orchid-Speech", "open_weights"])


def test_epoch_same_name_other_date_is_a_duplicate_key(tmp_path):
    path = _copy(
        tmp_path,
        "all_ai_models.csv",
        lambda t: t.replace(
            "Kestrel,Games,Kestrel Org,Research collective,,2021-06-30,,Hist",
            "Kestrel,Games,Kestrel Org,Research collective,,2021-07-30,,Hist",
        ),
    )
    with pytest.raises(
        SourceError, match=r"all_ai_models.csv, row \d+, column 'Model': expected a unique model name"
    ):
        epoch_models.read(path)


@pytest.mark.parametrize(
    ("edit", "pattern"),
    [
        (
            lambda t: t.replace("2024-05-01", "2024-13-01", 1),
            r"row 1, column 'Publication date': expected a real",
        ),
        (lambda t: t.replace("70000000000", "70B", 1), r"row 1, column 'Parameters': expected a number"),
        (
            lambda t: t.replace("Open weights (unrestricted)", "Open-ish", 1),
            r"row 1, column 'Model accessibility'",
        ),
        (lambda t: t.replace("Publication date", "Published", 1), r"header, column 'Publication date'"),
        (
            lambda t: t.replace("Country (from Organization)", "Country (from Org)"),
            r"renamed to 'Country \(from Org\)'",
        ),
        (lambda t: t.splitlines()[0] + "\n", r"expected at least one data row"),
        (lambda t: "", r"expected a non-empty file"),
        (lambda t: t.replace("\nQuill,", "\n,"), r"row 9, column 'Model': expected a model name"),
    ],
    ids=["date", "number", "category", "missing-column", "renamed-column", "header-only", "empty", "no-name"],
)
def test_epoch_bad_input(tmp_path, edit, pattern):
    path = _copy(tmp_path, "all_ai_models.csv", edit)
    with pytest.raises(SourceError, match=pattern) as info:
        epoch_models.read(path)
    assert "all_ai_models.csv" in str(info.value)


def test_epoch_wrong_encoding(tmp_path):
    path = tmp_path / "all_ai_models.csv"
    data = (
        (EPOCH / "all_ai_models.csv")
        .read_bytes()
        .replace(b"Orchid Institute", "Orchid Institut\u00e9".encode("latin-1"))
    )
    path.write_bytes(data)
    with pytest.raises(SourceError, match=r"all_ai_models.csv, line 7: expected UTF-8 text"):
        epoch_models.read(path)


def test_eci_collapse_rule():
    frame = eci.read(FIXTURES / "epoch-current").set_index("model_name")
    assert list(frame.reset_index().columns) == eci.COLUMNS
    assert sorted(frame.index) == ["Lotus-Chat 70B", "Maple Vision", "Tern 1", "unnamed-scored"]
    lotus = frame.loc["Lotus-Chat 70B"]
    assert lotus.eci_score == 125.25 and lotus.best_version == "lotus-chat-70b_high"  # max over versions
    assert lotus.release_date == dt.date(2024, 5, 1)  # earliest
    assert lotus.accessibility == "open_unrestricted" and lotus.open_weights  # most open
    assert lotus.n_versions == 2 and lotus.n_scored_versions == 2
    maple = frame.loc["Maple Vision"]
    assert maple.release_date == dt.date(2023, 11, 20) and maple.training_compute_flop == 1e24
    assert maple.accessibility == "api"
    assert "Fjord-3B" not in frame.index  # no score in any version
    assert pd.isna(frame.loc["Tern 1", "release_date"])  # name had a trailing newline
    assert frame.loc["unnamed-scored", "organizations_raw"] == "Maple AI"


@pytest.mark.parametrize(
    ("edit", "pattern"),
    [
        (
            lambda t: t.replace("lotus-chat-70b_high", "lotus-chat-70b"),
            r"row 2, column 'Model version': expected a unique version id",
        ),
        (lambda t: t.replace("125.25", "12o"), r"row 2, column 'ECI Score': expected a number"),
        (lambda t: t.replace("Model name", "Name"), r"header, column 'Model name'"),
        (lambda t: t.replace("2025-02-02", "02/02/2025"), r"row 8, column 'Release date'"),
    ],
    ids=["duplicate-version", "bad-score", "missing-column", "bad-date"],
)
def test_eci_bad_input(tmp_path, edit, pattern):
    path = _copy(tmp_path, "epoch_capabilities_index.csv", edit)
    with pytest.raises(SourceError, match=pattern):
        eci.read(path)


def test_reader_accepts_a_file_or_its_folder(tmp_path):
    shutil.copy(EPOCH / "all_ai_models.csv", tmp_path / "all_ai_models.csv")
    assert epoch_models.read(tmp_path).equals(epoch_models.read(tmp_path / "all_ai_models.csv"))


def test_implausible_parameter_counts_become_missing(tmp_path):
    path = FIXTURES / "epoch-current" / "notable_ai_models.csv"
    text = path.read_text(encoding="utf-8").replace("70000000000", "70000")  # a count 10^6 too small
    (tmp_path / "notable_ai_models.csv").write_text(text, encoding="utf-8")
    frame = epoch_models.read(tmp_path, "notable_ai_models.csv").set_index("model")
    assert pd.isna(frame.loc["Lotus-Chat 70B", "parameters"])
    assert frame.attrs["implausible"] == [(1, "Parameters", "70000")]
