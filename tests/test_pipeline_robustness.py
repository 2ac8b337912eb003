"""The data pipeline cannot be fooled: bad input, interrupted builds and mirror layouts.

Every bad input is refused through the command line with exit status 1, one line on stderr that names the file
(and the row and column where there is one) and no traceback, and not one byte of the output set changes.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from openweights import reliability
from openweights.build import pipeline as pipeline_module
from openweights.cli import main
from openweights.reliability import BAD_INPUTS, C, _edit
from openweights.reliability import run_build as _run
from openweights.reliability import snapshot as _snapshot
from openweights.reliability import workspace as _workspace


@pytest.fixture(autouse=True)
def _fixture_prices():
    with reliability.fixture_prices():
        yield


def test_at_least_24_kinds_of_bad_input():
    assert len(BAD_INPUTS) >= 24


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_refused_in_one_line_and_changes_nothing(tmp_path, case):
    raw, curated, out = _workspace(tmp_path)
    before = _snapshot(out)
    folder, rel, edit, pattern = BAD_INPUTS[case]
    edit((raw if folder == "raw" else curated) / rel)
    code, err = _run(raw, out, curated)
    assert code == 1, err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith("error: ")
    assert re.search(pattern, err), err
    assert _snapshot(out) == before
    assert not list(tmp_path.glob(".build-*"))


def test_missing_and_read_only_folders_are_one_line_errors(tmp_path, capsys, monkeypatch):
    raw, curated, out = _workspace(tmp_path)
    assert main(["data", "check", "--from", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such folder" in err
    code, err = _run(tmp_path / "nowhere", out, curated)
    assert code == 1 and "no raw data" in err and err.count("\n") == 1
    before = _snapshot(out)

    def read_only(*args, **kwargs):  # what a read-only data folder answers (root would not be refused)
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(pipeline_module.tempfile, "mkdtemp", read_only)
    code, err = _run(raw, out, curated)
    assert code == 1 and "permission denied" in err and err.count("\n") == 1 and "Traceback" not in err
    assert _snapshot(out) == before


def test_an_interrupted_build_leaves_the_old_set_whole(tmp_path, monkeypatch):
    raw, curated, out = _workspace(tmp_path)
    before = _snapshot(out)
    _edit(raw / C, b"125.25", b"126.25")  # a real change, so a finished build would differ
    real_replace = os.replace

    def interrupted(src, dst):
        if Path(src).name == "tables":  # after the old set is moved aside, before the new one is in place
            raise KeyboardInterrupt
        return real_replace(src, dst)

    monkeypatch.setattr(pipeline_module.os, "replace", interrupted)
    code, err = _run(raw, out, curated)
    assert code == 130 and "interrupted" in err and err.count("\n") == 1
    monkeypatch.setattr(pipeline_module.os, "replace", real_replace)
    assert _snapshot(out) == before and not list(tmp_path.glob(".build-*"))
    # a build killed outright between the renames leaves its folder with the old set and no output folder:
    # the next build puts the old set back first, then writes the new one in full
    aside = tmp_path / ".build-killed" / "previous"
    aside.parent.mkdir()
    shutil.move(str(out), str(aside))
    out.mkdir()
    code, _ = _run(raw, out, curated)
    assert code == 0 and not list(tmp_path.glob(".build-*"))
    after = _snapshot(out)
    assert set(after) == set(before) and after["eci_models.csv"] != before["eci_models.csv"]


def test_the_data_package_does_not_depend_on_how_the_mirror_is_written_or_linked(tmp_path):
    raw, curated, out = _workspace(tmp_path)
    package = (out / "datapackage.json").read_bytes()
    relative = Path(os.path.relpath(raw, Path.cwd()))
    out2 = tmp_path / "out2"
    assert _run(relative, out2, curated)[0] == 0
    assert (out2 / "datapackage.json").read_bytes() == package
    # a git checkout of models.dev has real symbolic links where an archive has text files naming the target
    linked = tmp_path / "linked"
    shutil.copytree(raw, linked)
    converted = 0
    for path in sorted((linked / "models.dev").rglob("*.toml")):
        text = path.read_text(encoding="utf-8")
        if "\n" not in text.strip() and text.strip().startswith("../"):
            path.unlink()
            path.symlink_to(text.strip())
            (raw / path.relative_to(linked)).write_text(text.strip(), encoding="utf-8")
            converted += 1
    assert converted >= 2
    out3, out4 = tmp_path / "out3", tmp_path / "out4"
    assert _run(raw, out3, curated)[0] == 0
    assert _run(linked, out4, curated)[0] == 0
    assert _snapshot(out3) == _snapshot(out4)


def test_the_reliability_table_is_current():
    """The reproducibility appendix shows data/findings/reliability.csv: every check passes, and the committed
    table is what `python -m openweights.reliability` gives now."""
    fresh = reliability.run()
    assert fresh["passed"].all(), fresh.loc[~fresh["passed"], "check"].tolist()
    committed = pd.read_csv(reliability.RELIABILITY_PATH)
    pd.testing.assert_frame_equal(committed, fresh, check_dtype=False)
