"""ruff lint and format over the package, the tests and the notebooks."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from openweights.paths import REPO_ROOT

RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
TARGETS = ["src", "tests", "chapters", "tools"]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff(command):
    assert RUFF, "ruff is not installed (it is in requirements.txt)"
    targets = [t for t in TARGETS if (REPO_ROOT / t).exists()]
    result = subprocess.run([RUFF, *command, *targets], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
