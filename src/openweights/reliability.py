"""Reliability of the data pipeline, measured: bad inputs refused, interrupted builds survived.

``python -m openweights.reliability`` runs every kind of bad input in :data:`BAD_INPUTS` against a copy of the
test fixtures (``tests/fixtures/sources``), each through the command line, and checks that the build is refused
with exit status 1 and one line naming the file (and row and column where there is one), and that not one byte of
the output changes; then it interrupts a build between its two renames and checks the old set survives. It prints
one row per check and writes them to ``data/findings/reliability.csv``, which the reproducibility appendix shows.
The test suite (tests/test_pipeline_robustness.py) runs the same cases.

It is a command of its own, not a subcommand of ``python -m openweights``, because it drives that command line:
this module imports :mod:`openweights.cli`, and the command line never imports this module.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from openweights.paths import CURATED_DIR, DATA_DIR, REPO_ROOT

__all__ = [
    "BAD_INPUTS",
    "FIXTURES",
    "RELIABILITY_PATH",
    "fixture_prices",
    "workspace",
    "run_build",
    "snapshot",
    "run",
]

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "sources"
RELIABILITY_PATH = DATA_DIR / "findings" / "reliability.csv"


@contextlib.contextmanager
def fixture_prices(fixtures: Path = FIXTURES) -> Iterator[None]:
    """Price the build from the fixtures' made-up providers instead of the installed genai-prices data."""
    from openweights.sources import genai_prices

    spec = importlib.util.spec_from_file_location("genai_providers", fixtures / "genai_providers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    providers = module.providers()
    real_read, real_changes = genai_prices.read, genai_prices.read_changes
    genai_prices.read = lambda p=None, **kw: real_read(providers)
    genai_prices.read_changes = lambda p=None, **kw: real_changes(providers)
    try:
        yield
    finally:
        genai_prices.read, genai_prices.read_changes = real_read, real_changes


def workspace(tmp_path: Path, fixtures: Path = FIXTURES) -> tuple[Path, Path, Path]:
    raw, curated = tmp_path / "raw", tmp_path / "curated"
    shutil.copytree(fixtures, raw, ignore=shutil.ignore_patterns("curated", "*.py"))
    shutil.copytree(fixtures / "curated", curated)
    shutil.copy(CURATED_DIR / "policy_events.csv", curated / "policy_events.csv")
    out = tmp_path / "out"
    assert run_build(raw, out, curated)[0] == 0
    return raw, curated, out


def run_build(raw: Path, out: Path, curated: Path) -> tuple[int, str]:
    """``data build`` through the command line: (exit status, what it printed on stderr)."""
    from openweights.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["data", "build", "--from", str(raw), "--out", str(out), "--curated", str(curated)])
    return code, err.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
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
        lambda p: _edit(p, b",http://english.www.gov.cn/", b",,http://english.www.gov.cn/"),
        r"policy_events\.csv: (row 1, column source_url: expected a value|line 2: expected \d+ fields)",
    ),
    "curated: invalid URL": (
        "curated",
        P,
        lambda p: _edit(p, b"http://english.www.gov.cn/", b"english.www.gov.cn/"),
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


def _check_case(name: str, root: Path) -> dict:
    raw, curated, out = workspace(root)
    before = snapshot(out)
    folder, rel, edit, pattern = BAD_INPUTS[name]
    edit((raw if folder == "raw" else curated) / rel)
    code, err = run_build(raw, out, curated)
    return {
        "check": f"bad input: {name}",
        "refused": code == 1,
        "one_line": err.count("\n") == 1 and "Traceback" not in err,
        "names_the_place": bool(re.search(pattern, err)),
        "output_unchanged": snapshot(out) == before and not list(root.glob(".build-*")),
    }


def _check_interrupted(root: Path) -> dict:
    from openweights.build import pipeline as pipeline_module

    raw, curated, out = workspace(root)
    before = snapshot(out)
    _edit(raw / C, b"125.25", b"126.25")
    real_replace = os.replace

    def interrupted(src, dst):
        if Path(src).name == "tables":
            raise KeyboardInterrupt
        return real_replace(src, dst)

    pipeline_module.os.replace = interrupted
    try:
        code, err = run_build(raw, out, curated)
    finally:
        pipeline_module.os.replace = real_replace
    kept = snapshot(out) == before and not list(root.glob(".build-*"))
    code_after, _ = run_build(raw, out, curated)
    return {
        "check": "build interrupted between its renames",
        "refused": code == 130,
        "one_line": err.count("\n") == 1,
        "names_the_place": "interrupted" in err,
        "output_unchanged": kept and code_after == 0 and snapshot(out) != before,
    }


def run(fixtures: Path = FIXTURES) -> pd.DataFrame:
    """Every check, one row each, with whether it passed (all four conditions)."""
    rows = []
    with fixture_prices(fixtures):
        for name in BAD_INPUTS:
            with tempfile.TemporaryDirectory() as tmp:
                rows.append(_check_case(name, Path(tmp)))
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(_check_interrupted(Path(tmp)))
    frame = pd.DataFrame(rows)
    frame["passed"] = frame[["refused", "one_line", "names_the_place", "output_unchanged"]].all(axis=1)
    return frame


def committed() -> pd.DataFrame:
    """The committed results of :func:`run` (``data/findings/reliability.csv``)."""
    return pd.read_csv(RELIABILITY_PATH)


def summary(table: pd.DataFrame) -> dict:
    """Named values for the appendix: checks run and passed, and kinds of bad input among them."""
    bad = table["check"].str.startswith("bad input")
    return {
        "reliability_checks": int(len(table)),
        "reliability_passed": int(table["passed"].sum()),
        "reliability_bad_kinds": int(bad.sum()),
        "reliability_bad_refused": int((bad & table["passed"]).sum()),
    }


def main() -> int:
    """Run every check, write ``data/findings/reliability.csv`` and print the table; exit 1 if any check failed."""
    table = run()
    RELIABILITY_PATH.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(RELIABILITY_PATH, index=False, lineterminator="\n")
    print(table.to_string(index=False))
    print(f"{int(table['passed'].sum())} of {len(table)} checks passed → {RELIABILITY_PATH}")
    return 0 if table["passed"].all() else 1


if __name__ == "__main__":
    raise SystemExit(main())
