"""Shared test settings."""

import os

# Tests never reach a model hub or download tokeniser files.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
