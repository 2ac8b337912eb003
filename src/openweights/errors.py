"""Errors raised by the data pipeline.

Every error that points at data names *where* (file, row, column) and *what* (expected vs found), so that a
reader can open the file and fix it without a debugger. Messages never include a traceback-worthy internal
detail; the CLI prints ``str(error)`` and exits non-zero.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "OpenWeightsError",
    "SourceError",
    "ValidationError",
    "DataPackageError",
    "FetchError",
    "NetworkUnavailableError",
]


def _short(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class OpenWeightsError(Exception):
    """Base class of every error the package raises on purpose."""


class SourceError(OpenWeightsError, ValueError):
    """An upstream file does not look like what its reader expects.

    ``row`` is the 1-based data row (the header is not counted) for CSV files, or a path inside the document for
    JSON/TOML (``data[12]``, ``cost.input``), or a text position (``line 3, column 7``), or ``"header"`` for a
    missing column, or ``None`` when the problem is the whole file (empty, wrong encoding, cut short).
    """

    def __init__(
        self,
        file: str | Path,
        row: int | str | None = None,
        column: str | None = None,
        expected: str = "",
        found: object = None,
    ) -> None:
        self.file = str(file)
        self.row = row
        self.column = column
        self.expected = expected
        self.found = found
        super().__init__(_message(self.file, row, column, expected, found))


def _message(what: str, row: int | str | None, column: str | None, expected: str, found: object) -> str:
    where = [what]
    if isinstance(row, int):
        where.append(f"row {row}")
    elif row is not None:
        where.append(str(row))  # "line 3, column 7", "data[12]", "[cost]", "header"
    if column is not None:
        where.append(f"column {column!r}")
    return f"{', '.join(where)}: expected {expected}; found {_short(found)}"


class ValidationError(OpenWeightsError, ValueError):
    """A processed table failed a check before it was written (nothing was written)."""

    def __init__(
        self,
        table: str,
        row: int | str | None = None,
        column: str | None = None,
        expected: str = "",
        found: object = None,
    ) -> None:
        self.table = table
        self.row = row
        self.column = column
        self.expected = expected
        self.found = found
        super().__init__(_message(f"processed table {table}", row, column, expected, found))


class DataPackageError(OpenWeightsError):
    """data/datapackage.json and the files on disk disagree, or a resource is unknown."""


class FetchError(OpenWeightsError):
    """A download or a copy from a mirror failed; nothing was left half-written."""


class NetworkUnavailableError(FetchError):
    """The network (or the upstream host) cannot be reached at all."""
