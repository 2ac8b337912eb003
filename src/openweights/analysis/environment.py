"""What the book was built with: package versions for the reproducibility appendix."""

from __future__ import annotations

import platform
from importlib import metadata

import pandas as pd

KEY_PACKAGES = (
    "jupyter-book",
    "sphinx",
    "myst-nb",
    "nbval",
    "pandas",
    "numpy",
    "matplotlib",
    "scikit-learn",
    "genai-prices",
    "tokenizers",
    "tiktoken",
    "playwright",
    "ruff",
)


def package_versions(packages=KEY_PACKAGES) -> pd.DataFrame:
    """Installed version of each package (and of Python), in the order given."""
    rows = [("python", platform.python_version())]
    for name in packages:
        try:
            rows.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            rows.append((name, "not installed"))
    return pd.DataFrame(rows, columns=["package", "version"])
