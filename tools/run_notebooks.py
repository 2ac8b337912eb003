"""Execute chapter notebooks in place so that they are committed with fresh, deterministic outputs.

Usage: python tools/run_notebooks.py [chapters/NAME.ipynb ...]   (default: every chapter)
Execution metadata (timings) is dropped so that a re-run with unchanged code gives identical files.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO_ROOT = Path(__file__).resolve().parents[1]


def run(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    elapsed = time.perf_counter() - start
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    for key in ("widgets", "jupytext"):
        notebook.metadata.pop(key, None)
    nbformat.write(notebook, path)
    return elapsed


def main(argv: list[str]) -> int:
    # the summary (intro.ipynb) runs last: it reads the findings table that the chapters' values go into
    paths = [Path(a).resolve() for a in argv] or [
        *sorted((REPO_ROOT / "chapters").glob("*.ipynb")),
        REPO_ROOT / "intro.ipynb",
    ]
    for path in paths:
        print(f"{path.relative_to(REPO_ROOT)}: {run(path):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
