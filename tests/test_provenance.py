"""No committed file copies the corpus text or a reference snapshot (shared provenance guard)."""

import subprocess
import sys

import pytest

from openweights.paths import REPO_ROOT

GUARD = REPO_ROOT.parent / "shared" / "tools" / "provenance_guard.py"


@pytest.mark.skipif(
    not GUARD.exists(), reason="../shared/tools/provenance_guard.py is not beside this checkout"
)
def test_provenance_guard_reports_nothing():
    result = subprocess.run(
        [sys.executable, str(GUARD), str(REPO_ROOT)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
