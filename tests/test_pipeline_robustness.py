"""The data pipeline cannot be fooled: bad input, interrupted builds and mirror layouts.

Every bad input is refused through the command line with exit status 1, one line on stderr that names the file
(and the row and column where there is one) and no traceback, and not one byte of the output set changes.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from openweights import build as build_module
from openweights.cli import main
from openweights.paths import CURATED_DIR

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
FIXTURE_CURATED = FIXTURES / "curated"


def _providers():
    spec = importlib.util.spec_from_file_location("genai_providers", FIXTURES / "genai_providers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.providers()


@pytest.fixture(autouse=True)
def _fixture_prices(monkeypatch):
    real_read, real_changes = build_module.genai_prices.read, build_module.genai_prices.read_changes
    providers = _providers()
    monkeypatch.setattr(build_module.genai_prices, "read", lambda p=None, **kw: real_read(providers))
    monkeypatch.setattr(
        build_module.genai_prices, "read_changes", lambda p=None, **kw: real_changes(providers)
    )


def _workspace(tmp_path: Path) -> tuple[Path, Path, Path]:
    raw, curated = tmp_path / "raw", tmp_path / "curated"
    shutil.copytree(FIXTURES, raw, ignore=shutil.ignore_patterns("curated", "*.py"))
    shutil.copytree(FIXTURE_CURATED, curated)
    shutil.copy(CURATED_DIR / "policy_events.csv", curated / "policy_events.csv")
    out = tmp_path / "out"
    assert _run(raw, out, curated)[0] == 0
    return raw, curated, out


def _run(raw: Path, out: Path, curated: Path) -> tuple[int, str]:
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["data", "build", "--from", str(raw), "--out", str(out), "--curated", str(curated)])
    return code, err.getvalue()


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _edit(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data, f"fixture text {old!r} not in {path.name}"
    path.write_bytes(data.replace(old, new, 1))


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


E = "epoch/all_ai_models.csv"
N = "epoch-current/notable_ai_models.csv"
C = "epoch-current/epoch_capabilities_index.csv"
R = "openrouter/models.json"
T = "models.dev/models/maple/maple-vision.toml"
P = "policy_events.csv"
V = "model_identity_overrides.csv"

# name: (folder "raw" or "curated", file, edit, pattern the one-line message must match)
BAD_INPUTS = {
    "empty file": ("raw", E, lambda p: _write(p, b""), r"all_ai_models\.csv: expected a non-empty file"),
    "header only": (
        "raw",
        E,
        lambda p: _write(p, p.read_bytes().split(b"\n")[0] + b"\n"),
        r"all_ai_models\.csv, row 1: expected at least one data row",
    ),
    "missing column": (
        "raw",
        C,
        lambda p: _edit(p, b"ECI Score,", b""),
        r"epoch_capabilities_index\.csv, (header|line \d+)",
    ),
    "renamed column": (
        "raw",
        N,
        lambda p: _edit(p, b"Model,", b"Name,"),
        r"notable_ai_models\.csv, header, column 'Model'",
    ),
    "bad date": (
        "raw",
        E,
        lambda p: _edit(p, b"2023-11-20", b"20/11/2023"),
        r"all_ai_models\.csv, row 2, column 'Publication date'",
    ),
    "date after the snapshot": (
        "raw",
        N,
        lambda p: _edit(p, b"2024-05-01", b"2027-05-01"),
        r"notable_ai_models\.csv, row 1, column 'Publication date': expected a date on or before",
    ),
    "bad number": (
        "raw",
        C,
        lambda p: _edit(p, b"120.5", b"12o.5"),
        r"epoch_capabilities_index\.csv, row 1, column 'ECI Score'",
    ),
    "negative number": (
        "raw",
        E,
        lambda p: _edit(p, b"70000000000", b"-70000000000"),
        r"all_ai_models\.csv, row 1, column 'Parameters'",
    ),
    "duplicate key": (
        "raw",
        R,
        lambda p: _edit(p, b'"id": "tern/tern-1"', b'"id": "fjord/fjord-3b"'),
        r"models\.json, data\[\d+\], column 'id': expected a unique id",
    ),
    "duplicate version": (
        "raw",
        C,
        lambda p: _edit(p, b"lotus-chat-70b_high", b"lotus-chat-70b"),
        r"epoch_capabilities_index\.csv, row 2, column 'Model version'",
    ),
    "unknown code": (
        "raw",
        C,
        lambda p: _edit(p, b"API access", b"Sold by the crate"),
        r"epoch_capabilities_index\.csv, row 2, column 'Model accessibility'",
    ),
    "truncated JSON": ("raw", R, lambda p: _write(p, p.read_bytes()[:700]), r"models\.json, line \d+"),
    "truncated TOML": (
        "raw",
        T,
        lambda p: _write(p, p.read_bytes()[: p.read_bytes().index(b"[modalities]") + 5]),
        r"maple-vision\.toml",
    ),
    "wrong encoding": (
        "raw",
        E,
        lambda p: _edit(p, b"Fjord Labs", "Fj\u00f8rd Labs".encode("latin-1")),
        r"all_ai_models\.csv, line \d+: expected UTF-8 text",
    ),
    "ragged row": (
        "raw",
        C,
        lambda p: _edit(p, b"Lotus-Chat 70B (high)", b"Lotus-Chat 70B (high),extra"),
        r"epoch_capabilities_index\.csv, line 3: expected 11 fields as in the header; found '12 fields'",
    ),
    "row cut off mid-way": (
        "raw",
        C,
        lambda p: _write(p, p.read_bytes()[: p.read_bytes().index(b"maple-vision-2024-01-01_low") + 30]),
        r"epoch_capabilities_index\.csv, line 4: expected a complete last row",
    ),
    "curated: no source URL": (
        "curated",
        P,
        lambda p: _edit(p, b",https://www.lexology.com/", b",,https://www.lexology.com/"),
        r"policy_events\.csv: (row 1, column source_url: expected a value|line 2: expected \d+ fields)",
    ),
    "curated: invalid URL": (
        "curated",
        P,
        lambda p: _edit(p, b"https://www.lexology.com/", b"www.lexology.com/"),
        r"policy_events\.csv: row 1, column source_url: expected an http\(s\) URL",
    ),
    "curated: impossible date": (
        "curated",
        P,
        lambda p: _edit(p, b"E001,2017-07-20", b"E001,2017-02-30"),
        r"policy_events\.csv: row 1, column date: expected a date YYYY-MM-DD, found '2017-02-30'",
    ),
    "curated: ragged row": (
        "curated",
        P,
        lambda p: _edit(p, b"E001,2017-07-20,day", b"E001,2017-07-20,day,extra"),
        r"policy_events\.csv: line 2: expected \d+ fields as in the header, found \d+",
    ),
    "curated: unknown code": (
        "curated",
        P,
        lambda p: _edit(p, b"E001,2017-07-20,day", b"E001,2017-07-20,week"),
        r"policy_events\.csv: row 1, column date_precision: expected one of",
    ),
    "curated: duplicate key": (
        "curated",
        P,
        lambda p: _edit(p, b"\nE002,", b"\nE001,"),
        r"policy_events\.csv: row \d+, key \('event_id',\): duplicate value",
    ),
    "curated: unknown column": (
        "curated",
        P,
        lambda p: _edit(p, b"event_id,date,", b"event_id,when,"),
        r"policy_events\.csv: columns differ from the schema",
    ),
    "override: unknown source id": (
        "curated",
        V,
        lambda p: _write(
            p, p.read_bytes() + b"eci,No Such Model,maple/maple-vision,https://example.org/x,primary\n"
        ),
        r"model_identity_overrides\.csv, row \d+, column 'source_id': expected an id that eci lists",
    ),
    "override: misspelt key": (
        "curated",
        V,
        lambda p: _write(
            p, p.read_bytes() + b"eci,Maple Vision,mapel/maple-vison,https://example.org/x,primary\n"
        ),
        r"model_identity_overrides\.csv, row \d+, column 'model_key': expected the key of a model",
    ),
}


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
    import re

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

    monkeypatch.setattr(build_module.tempfile, "mkdtemp", read_only)
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

    monkeypatch.setattr(build_module.os, "replace", interrupted)
    code, err = _run(raw, out, curated)
    assert code == 130 and "interrupted" in err and err.count("\n") == 1
    monkeypatch.setattr(build_module.os, "replace", real_replace)
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
