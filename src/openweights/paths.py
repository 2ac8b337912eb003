"""Where things live. Every path is absolute, derived from this file, never from the working directory."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
CURATED_DIR = DATA_DIR / "curated"
PROCESSED_DIR = DATA_DIR / "processed"
DATAPACKAGE_PATH = DATA_DIR / "datapackage.json"
# One metadata file per upstream source: where it comes from, and what was fetched (openweights.snapshots).
SNAPSHOTS_DIR = DATA_DIR / "snapshots"
CHAPTERS_DIR = REPO_ROOT / "chapters"
# Sibling folder with upstream snapshots; present on developers' machines and in CI, never required.
SHARED_REFERENCE_DIR = REPO_ROOT.parent / "shared" / "reference"
