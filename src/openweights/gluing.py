"""`glue` for the chapters: glue a value for `{glue:text}` and remember it, so that the chapter's own
verdict notes can cite it by name (see :func:`openweights.analysis.ledger.fill_notes`)."""

from __future__ import annotations

from typing import Any

# myst_nb.glue imports this module on its first call; importing it here puts that cost with the
# chapter's imports, where a reader (and `make bench`'s bare notebook) expects it.
from myst_nb.ext.glue import glue as _myst_glue

_GLUED: dict[str, Any] = {}


def glue(name: str, value: Any, display: bool = True) -> None:
    """``myst_nb.glue``, and keep ``value`` under ``name`` for :func:`glued`."""
    _GLUED[name] = value
    _myst_glue(name, value, display=display)


def glue_all(values: dict[str, Any]) -> dict[str, Any]:
    """Glue each value under its name for ``{glue:text}`` in the chapter text (not displayed); return ``values``.

    Analysis functions return their named values; the notebook glues them with this."""
    for name, value in values.items():
        glue(name, value, display=False)
    return values


def glued() -> dict[str, Any]:
    """Every value glued so far in this process (this kernel's chapter), by name."""
    return dict(_GLUED)


def count_text(count: int) -> str:
    """A count for prose: "none" for zero (a bare "0" before a verb reads like a typo), else the number
    with thousands separators ("1,234")."""
    count = int(count)
    if count < 0:
        raise ValueError(f"a count cannot be negative: {count}")
    return "none" if count == 0 else f"{count:,}"
