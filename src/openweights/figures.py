"""The report's one plotting style.

Every figure in the book goes through this module: it fixes the style, the colour-blind-safe palette
(Okabe & Ito 2008) with one colour per country group and per openness category, and the source line
printed under each figure. Alt text and captions live in the notebook cell's ``mystnb`` metadata,
where MyST-NB puts them into the HTML; ``tests/test_notebooks_meta.py`` checks every figure has both.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import matplotlib

matplotlib.use("Agg")  # headless and deterministic; figures are shown as PNG via `show`
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

# Okabe-Ito colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#8C8C8C",
}

COUNTRY_GROUPS = ("China", "United States", "Europe", "Other")
COUNTRY_COLORS = {
    "China": OKABE_ITO["vermillion"],
    "United States": OKABE_ITO["blue"],
    "Europe": OKABE_ITO["bluish_green"],
    "Other": OKABE_ITO["grey"],
}

OPENNESS_CATEGORIES = ("Open weights", "Closed")
OPENNESS_COLORS = {"Open weights": OKABE_ITO["orange"], "Closed": OKABE_ITO["sky_blue"]}

# Finer accessibility categories share the openness hues, lighter for more restricted terms.
ACCESSIBILITY_COLORS = {
    "Open (unrestricted)": OKABE_ITO["orange"],
    "Open (restricted use)": "#F3C768",
    "Open (non-commercial)": OKABE_ITO["yellow"],
    "Closed": OKABE_ITO["sky_blue"],
}

STANCE_COLORS = {
    "promote": OKABE_ITO["bluish_green"],
    "engage": OKABE_ITO["bluish_green"],
    "restrict": OKABE_ITO["vermillion"],
    "neutral": OKABE_ITO["grey"],
}

# Generic categorical cycle for anything that is not a country group or openness category.
CATEGORICAL = [
    OKABE_ITO[k]
    for k in ("blue", "orange", "bluish_green", "reddish_purple", "sky_blue", "vermillion", "yellow")
]

STYLE = {
    "figure.figsize": (7.0, 4.2),
    "figure.dpi": 110,  # equal to savefig.dpi: tight_layout then measures text as it is saved
    "savefig.dpi": 110,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.8,
    "axes.prop_cycle": matplotlib.cycler(color=CATEGORICAL),
    "legend.frameon": False,
    "legend.fontsize": 9,
    "svg.hashsalt": "openweights",
}


def apply_style() -> None:
    """Set the report's matplotlib style for the current process."""
    plt.rcParams.update(STYLE)


def new_figure(ncols: int = 1, nrows: int = 1, width: float = 7.0, height: float = 4.2, **kwargs):
    """Return (fig, axes) in the report style, with room at the bottom for the source line."""
    apply_style()
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), **kwargs)
    return fig, axes


def color_for(category: str) -> str:
    """The fixed colour of a country group, openness or accessibility category, or stance."""
    for table in (COUNTRY_COLORS, OPENNESS_COLORS, ACCESSIBILITY_COLORS, STANCE_COLORS):
        if category in table:
            return table[category]
    raise KeyError(f"no fixed colour for category {category!r}; add it to openweights.figures")


def colors_for(categories: Iterable[str]) -> list[str]:
    return [color_for(c) for c in categories]


def add_source(fig: Figure, source: str) -> Figure:
    """Print the source line under the figure, e.g. "Source: Epoch AI (CC BY 4.0), snapshot 2025-04"."""
    if not source or not source.strip():
        raise ValueError("every figure needs a source line")
    text = source if source.startswith("Source") else f"Source: {source}"
    fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=8, color="#555555", wrap=True)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def to_png(fig: Figure) -> bytes:
    """Render a figure to PNG bytes with no timestamp or software tag, so output bytes are reproducible."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def show(fig: Figure, source: str) -> None:
    """Add the source line, display the figure as PNG only, and close it.

    PNG only (no SVG) because nbval compares SVG text; matplotlib's own repr is never shown, so cell
    outputs carry no object addresses.
    """
    from IPython.display import Image, display

    add_source(fig, source)
    png = to_png(fig)
    plt.close(fig)
    display(Image(data=png, format="png"))
