"""`make bench`: how long the book takes to build and each chapter to execute.

Prints: a clean build (no _build, no execution cache), a rebuild with nothing changed, each chapter's
execution time in a fresh kernel, the time of a bare notebook that only imports the same libraries
(the chapter's first code cell), and their ratio (the chapter's overhead); the weight of every page
(all it downloads, uncompressed) against the budget; then the data pipeline's own benchmark when the
upstream snapshots are available.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from openweights import pageweight

REPO_ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TARGETS = {"clean build (s)": 120.0, "no-change rebuild (s)": 15.0, "overhead ratio": 2.0}


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed


def execute(notebook, path: Path) -> float:
    start = time.perf_counter()
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return time.perf_counter() - start


def bare_imports(notebook):
    first_code = next(c for c in notebook.cells if c.cell_type == "code")
    return nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(first_code.source)], metadata=notebook.metadata
    )


def chapter_ratios(pattern: str, repeats: int) -> float:
    """Print each chapter's run time, its bare-import time and their ratio; return the worst ratio.

    Runs alternate (bare, chapter, bare, chapter, ...) so that noise from other tenants of the
    machine falls on both, and each time is the fastest of `repeats` runs.
    """
    print(f"{'chapter':32s} {'run (s)':>8s} {'bare (s)':>9s} {'ratio':>6s}")
    worst = 0.0
    for path in sorted((REPO_ROOT / "chapters").glob(pattern)):
        notebook = nbformat.read(path, as_version=4)
        bare_times, run_times = [], []
        for _ in range(repeats):
            bare_times.append(execute(bare_imports(notebook), path))
            run_times.append(execute(nbformat.read(path, as_version=4), path))
        bare, run = min(bare_times), min(run_times)
        worst = max(worst, run / bare)
        print(f"{path.name:32s} {run:8.2f} {bare:9.2f} {run / bare:6.2f}")
    print(f"worst overhead ratio {worst:.2f} (target <= {TARGETS['overhead ratio']:.0f})")
    return worst


def page_weights() -> None:
    """Print what each built page downloads, heaviest first, against the budget."""
    weights = pageweight.measure(REPO_ROOT / "_build" / "html")
    budget = pageweight.BUDGET_BYTES
    print(f"{'page (all it loads)':40s} {'MB':>6s}   budget {budget / 1e6:.1f} MB")
    for page, size in sorted(weights.items(), key=lambda item: -item[1]):
        print(f"{page:40s} {size / 1e6:6.2f}{'   over budget' if size > budget else ''}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", metavar="GLOB", help="only time these chapters (no build, no pipeline)")
    parser.add_argument("--repeats", type=int, default=3, help="runs per chapter; the fastest counts")
    args = parser.parse_args()
    if args.chapters:
        chapter_ratios(args.chapters, args.repeats)
        return 0
    build = [str(BIN / "jupyter-book"), "build", str(REPO_ROOT), "-W", "-n", "--keep-going"]
    shutil.rmtree(REPO_ROOT / "_build", ignore_errors=True)
    clean = timed(build)
    rebuild = timed(build)
    print(f"clean build (s)            {clean:7.1f}   target < {TARGETS['clean build (s)']:.0f}")
    print(f"no-change rebuild (s)      {rebuild:7.1f}   target < {TARGETS['no-change rebuild (s)']:.0f}")
    print()
    page_weights()
    print()
    chapter_ratios("*.ipynb", args.repeats)
    pipeline = REPO_ROOT / "tools" / "bench_pipeline.py"
    if pipeline.exists():
        print()
        subprocess.run([sys.executable, str(pipeline)], cwd=REPO_ROOT, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
