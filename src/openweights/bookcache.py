"""Keep the book's execution cache from serving stale outputs.

jupyter-cache keys a notebook on its code only, and Sphinx reads again only the files that changed, so after a
change under ``src/`` or ``data/`` a build would keep the old outputs and pages while every test passes. The rule,
shared by ``make book`` and the test suite's build: unless a build has stamped ``_build`` since ``src/`` and
``data/`` last changed, drop the execution cache and Sphinx's doctrees, so that every chapter runs again.

Sphinx also skips writing, and so copying ``_static/`` and ``assets/``, when no page changed: after a change
there (the book's CSS, scripts, logo), drop the doctrees only, so every page is written again from the cached
outputs without re-executing anything.

``python -m openweights.bookcache clear-if-stale`` applies the rule before a build; ``stamp`` marks a finished one.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from openweights.paths import DATA_DIR, REPO_ROOT

BUILD_DIR = REPO_ROOT / "_build"
WATCHED = (REPO_ROOT / "src", DATA_DIR)
LAYOUT = (REPO_ROOT / "_static", REPO_ROOT / "assets")


def newest_mtime(*folders: Path) -> float:
    """The latest modification time of any file under ``folders`` (0 when there is none)."""
    return max(
        (p.stat().st_mtime for folder in folders for p in folder.rglob("*") if p.is_file()), default=0.0
    )


def clear_if_stale(
    build_dir: Path = BUILD_DIR, watched: tuple[Path, ...] = WATCHED, layout: tuple[Path, ...] = LAYOUT
) -> str:
    """Drop the execution cache and doctrees unless the build stamp is newer than every watched file; drop
    only the doctrees when just the layout files (``_static/``, ``assets/``) are newer.

    No stamp counts as stale: a cache of unknown age may hold outputs of older code or data.
    Returns what was dropped and why, or "" when nothing was.
    """
    cache, stamp, doctrees = build_dir / ".jupyter_cache", build_dir / ".book-built", build_dir / ".doctrees"
    built = stamp.stat().st_mtime if stamp.exists() else None
    if cache.exists() and (built is None or built < newest_mtime(*watched)):
        for folder in (cache, doctrees):
            shutil.rmtree(folder, ignore_errors=True)
        return "src/ or data/ changed since the last build (or no build stamp): re-executing every chapter"
    if doctrees.exists() and built is not None and built < newest_mtime(*layout):
        shutil.rmtree(doctrees, ignore_errors=True)
        return "_static/ or assets/ changed since the last build: writing every page again"
    return ""


def stamp(build_dir: Path = BUILD_DIR) -> None:
    """Mark a finished build: its cache now matches the current ``src/`` and ``data/``."""
    build_dir.mkdir(parents=True, exist_ok=True)
    (build_dir / ".book-built").touch()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("clear-if-stale", "stamp"))
    parser.add_argument("--build-dir", type=Path, default=BUILD_DIR, help="the book's build folder")
    args = parser.parse_args(argv)
    if args.action == "stamp":
        stamp(args.build_dir)
    elif reason := clear_if_stale(args.build_dir):
        print(reason)
    return 0


if __name__ == "__main__":
    sys.exit(main())
