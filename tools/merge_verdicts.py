"""Write chapters' verdicts into data/curated/corpus/claims.csv.

Usage: python tools/merge_verdicts.py VERDICTS.csv [...]   (columns: claim_id, verdict, evidence_link, verdict_note)
"""

import sys
from pathlib import Path

import pandas as pd

from openweights.analysis.ledger import merge_verdicts
from openweights.paths import CURATED_DIR

CLAIMS = CURATED_DIR / "corpus" / "claims.csv"


def main(paths: list[str]) -> int:
    claims = pd.read_csv(CLAIMS, dtype=str, keep_default_na=False)
    for path in paths:
        verdicts = pd.read_csv(Path(path), dtype=str, keep_default_na=False)
        claims = merge_verdicts(claims, verdicts)
        print(f"{path}: {len(verdicts)} verdicts merged")
    claims.to_csv(CLAIMS, index=False, lineterminator="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
