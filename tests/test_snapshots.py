"""Snapshot metadata (data/snapshots) and the archive of the raw snapshots (openweights.snapshots)."""

from __future__ import annotations

import shutil
import tarfile
from pathlib import Path

import pytest

from openweights import snapshots
from openweights.errors import OpenWeightsError
from openweights.paths import SHARED_REFERENCE_DIR, SNAPSHOTS_DIR
from openweights.sources import catalog

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


@pytest.fixture
def records(tmp_path):
    folder = tmp_path / "snapshots"
    shutil.copytree(SNAPSHOTS_DIR, folder)
    return folder


def test_every_source_has_one_metadata_file_with_its_facts():
    for source in catalog.SOURCES:
        meta = snapshots.read(source)
        assert meta["source"] == source and meta["producer"] and meta["citation"]
        for resource in meta["resources"]:
            assert resource["url"].startswith("https://") and resource["download_url"].startswith("https://")
            assert resource["licence"]["name"] and resource["attribution"]
    assert {r.source for r in catalog.RAW_RESOURCES} == set(catalog.SOURCES)


@pytest.mark.skipif(not SHARED_REFERENCE_DIR.is_dir(), reason="needs ../shared/reference")
def test_the_records_describe_the_reference_snapshots():
    assert snapshots.check(SHARED_REFERENCE_DIR) == []


def test_record_check_archive_and_restore(tmp_path, records):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES, raw, symlinks=True)
    for source in catalog.SOURCES:
        snapshots.record(raw, source, accessed="2026-12-07", folder=records)
    assert snapshots.check(raw, records) == []
    first = snapshots.archive(raw, tmp_path / "a", records)
    second = snapshots.archive(raw, tmp_path / "b", records)
    assert first.read_bytes() == second.read_bytes()  # deterministic: no timestamps, sorted members
    restored = tmp_path / "restored"
    with tarfile.open(first) as tar:
        tar.extractall(restored, filter="data")
    assert (restored / "SHA256SUMS").is_file() and (restored / "snapshots" / "models.dev.json").is_file()
    assert snapshots.check(restored / "raw", records) == []
    assert catalog.snapshot_dates(restored / "raw") == catalog.snapshot_dates(raw)
    # a changed byte is caught, and an archive of bytes that differ from the records is refused
    csv = raw / "epoch" / "all_ai_models.csv"
    csv.write_bytes(csv.read_bytes() + b"\n")
    assert [p.split(":")[0] for p in snapshots.check(raw, records)] == ["raw.epoch.all_ai_models"]
    with pytest.raises(OpenWeightsError, match="differ from data/snapshots"):
        snapshots.archive(raw, tmp_path / "c", records)
