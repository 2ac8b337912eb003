"""Time the data build and its peak memory: on the reference snapshots and on synthetic inputs at 1x/10x/100x.

Usage: ``python tools/bench_pipeline.py [--scales 1 10 100] [--skip-reference]``

Synthetic inputs are generated in a temporary folder by replicating the test fixtures
(``tests/fixtures/sources``: invented models) with numbered names, so rows, TOML files and catalogue entries
grow by the scale factor; nothing is copied from the snapshots. Each scenario runs in its own process, so the
peak resident memory (``ru_maxrss``) is that scenario's alone. Roughly linear growth of time and memory with
the scale shows that no step is quadratic in the number of models.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import multiprocessing as mp
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from openweights.paths import SHARED_REFERENCE_DIR  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "sources"


def _scale_csv(src: Path, dst: Path, scale: int, columns: dict[str, str]) -> None:
    """Repeat every data row ``scale`` times, suffixing the given columns with ``sep + copy number``."""
    rows = list(csv.reader(io.StringIO(src.read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    idx = {header.index(c): sep for c, sep in columns.items()}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for i in range(scale):
        for row in body:
            writer.writerow(
                [v.strip() + f"{idx[j]}s{i}" if j in idx and v.strip() else v for j, v in enumerate(row)]
            )
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(out.getvalue(), encoding="utf-8")


def _suffix_toml_name(path: str, i: int) -> str:
    return re.sub(r"\.toml$", f"-s{i}.toml", path)


def make_synthetic(root: Path, scale: int) -> Path:
    """Write a raw folder laid out like ../shared/reference with ``scale`` copies of every fixture record."""
    shutil.copy(FIXTURES / "README.md", root / "README.md")
    _scale_csv(
        FIXTURES / "epoch" / "all_ai_models.csv", root / "epoch" / "all_ai_models.csv", scale, {"Model": " "}
    )
    _scale_csv(
        FIXTURES / "epoch-current" / "epoch_capabilities_index.csv",
        root / "epoch-current" / "epoch_capabilities_index.csv",
        scale,
        {"Model version": "-", "Model name": " "},
    )
    _scale_csv(
        FIXTURES / "epoch-current" / "notable_ai_models.csv",
        root / "epoch-current" / "notable_ai_models.csv",
        scale,
        {"Model": " "},
    )
    doc = json.loads((FIXTURES / "openrouter" / "models.json").read_text(encoding="utf-8"))
    items = []
    for i in range(scale):
        for item in doc["data"]:
            base, sep, variant = item["id"].partition(":")
            items.append({**item, "id": f"{base}-s{i}{sep}{variant}"})
    (root / "openrouter").mkdir(parents=True)
    (root / "openrouter" / "models.json").write_text(json.dumps({"data": items}), encoding="utf-8")
    src_tree = FIXTURES / "models.dev"
    for path in sorted(p for p in src_tree.rglob("*") if p.is_file()):
        rel = path.relative_to(src_tree).as_posix()
        copies = range(scale) if path.suffix == ".toml" and "/models/" in f"/{rel}" else [None]
        for i in copies:
            target = root / "models.dev" / (rel if i is None else _suffix_toml_name(rel, i))
            target.parent.mkdir(parents=True, exist_ok=True)
            text = path.read_text(encoding="utf-8")
            if i is not None:
                text = re.sub(r'(base_model = "[^"]+)"', rf'\1-s{i}"', text)
                if text.strip().endswith(".toml") and "\n" not in text.strip():
                    text = _suffix_toml_name(text.strip(), i) + "\n"
            target.write_text(text, encoding="utf-8")
    return root


def _genai(scale: int):
    import importlib.util

    spec = importlib.util.spec_from_file_location("genai_providers", FIXTURES / "genai_providers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.providers(scale * 3)


def _run(raw: str, scale: int | None, queue) -> None:
    from openweights import tokenizers as tokens
    from openweights.build import build

    out = Path(tempfile.mkdtemp(prefix="bench-out-"))
    try:
        start = time.perf_counter()
        kwargs = {}
        if scale is not None:
            # Token counts do not depend on the upstream files: count them (cached) before the clock starts,
            # so that the synthetic runs show how the rest of the build grows with its input.
            tokens.token_count_table()
            start = time.perf_counter()
            # the synthetic copies rename every model, so the fixtures' identity overrides name nothing: leave them out
            curated = Path(raw) / "curated"
            shutil.copytree(
                FIXTURES / "curated", curated, ignore=shutil.ignore_patterns("model_identity_overrides.csv")
            )
            kwargs = {"curated_dir": curated, "genai_providers": _genai(scale)}
        result = build(raw, out / "processed", **kwargs)
        seconds = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows = sum(n for name, n in result.rows.items() if scale is None or name != "token_counts")
        queue.put((seconds, peak_mb, rows))
    finally:
        shutil.rmtree(out, ignore_errors=True)


def measure(raw: Path, scale: int | None) -> tuple[float, float, int]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_run, args=(str(raw), scale, queue))
    proc.start()
    result = queue.get(timeout=600)
    proc.join()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--skip-reference", action="store_true")
    args = parser.parse_args(argv)
    print(f"{'scenario':<28} {'rows out':>9} {'seconds':>8} {'peak MB':>8}")
    print("(synthetic runs exclude the fixed-size token_counts table, counted before the clock starts)")
    if not args.skip_reference:
        if SHARED_REFERENCE_DIR.is_dir():
            seconds, peak, rows = measure(SHARED_REFERENCE_DIR, None)
            print(f"{'reference snapshots':<28} {rows:>9} {seconds:>8.2f} {peak:>8.0f}")
        else:
            print(f"{'reference snapshots':<28} skipped: {SHARED_REFERENCE_DIR} not found")
    base = None
    for scale in args.scales:
        with tempfile.TemporaryDirectory(prefix="bench-raw-") as tmp:
            raw = make_synthetic(Path(tmp), scale)
            seconds, peak, rows = measure(raw, scale)
        note = ""
        if base is None:
            base = (scale, seconds, rows)
        else:
            note = f"  ({seconds / base[1]:.1f}x time for {rows / base[2]:.0f}x rows)"
        print(f"{f'synthetic {scale}x fixtures':<28} {rows:>9} {seconds:>8.2f} {peak:>8.0f}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
