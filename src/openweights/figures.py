"""The report's one plotting style.

Every figure in the book goes through this module: it fixes the style, the colour-blind-safe palette
(Okabe & Ito 2008) with one colour per country group and per openness category, and the source line
printed under each figure. Alt text and captions live in the notebook cell's ``mystnb`` metadata,
where MyST-NB puts them into the HTML; ``tests/test_notebooks_meta.py`` checks every figure has both.
"""

from __future__ import annotations

import functools
import io
import json
import re
import textwrap
from collections.abc import Iterable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless and deterministic; figures are shown as PNG via `show`
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib import ticker  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from openweights import countries  # noqa: E402
from openweights.digest import sha256_file  # noqa: E402
from openweights.paths import DATAPACKAGE_PATH  # noqa: E402

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

COUNTRY_GROUPS = countries.GROUPS  # the palette keys, in figure order
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


# Fraction of the figure's height kept free under the axes for the source line.
SOURCE_BAND = 0.05


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
    fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=9, color="#555555", wrap=True)
    fit_layout(fig)
    return fig


def fit_layout(fig: Figure, source_band: float = SOURCE_BAND) -> Figure:
    """Fit axes and their labels in the figure, keeping the bottom `source_band` free for the source line.

    Same result as ``fig.tight_layout(rect=(0, source_band, 1, 1))`` at about half the cost: given a
    rect, matplotlib runs its whole layout twice, and `savefig` draws the figure an extra time while
    any layout engine is attached. Laying out once, lifting the bottom margin and detaching the engine
    avoids both; `tests/test_figures.py` checks that the axes land where tight_layout puts them.
    """
    fig.tight_layout()
    fig.set_layout_engine(None)  # nothing left to lay out: savefig then draws only once
    params = fig.subplotpars
    bottom = min(params.bottom + source_band, params.top - 0.05)
    grids = [ax.get_gridspec() for ax in fig.axes if ax.get_gridspec() is not None]
    rows = grids[0].nrows if grids else 1
    # hspace is relative to the axes' height; keep the gap between rows the same in inches
    height = params.top - params.bottom
    gap = params.hspace * height / (rows + (rows - 1) * params.hspace)
    new_axes_height = (params.top - bottom - (rows - 1) * gap) / rows
    fig.subplots_adjust(bottom=bottom, hspace=gap / new_axes_height if rows > 1 else params.hspace)
    return fig


def plain_number(value: float, counts: bool = False) -> str:
    """A tick label without exponents: 0.1, 1, 1,000 (or 10M, 1B for counts)."""
    if counts:
        for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
            if abs(value) >= size:
                return f"{value / size:g}{suffix}"
    return f"{value:,.0f}" if abs(value) >= 1 else f"{value:g}"


def plain_log_axis(axis, counts: bool = False) -> None:
    """Log scale labelled in plain numbers (0.1, 1, 10; or 10M, 1B for counts) rather than 10^x.

    Readers outside science read plain numbers faster, and it keeps matplotlib's math-text parser
    (about 0.1 s per chapter) out of the build. Minor ticks stay unlabelled and mark only 2 and 5
    in each decade: marks at 3, 4, 6, 7, 8 and 9 cannot be read without labels, and each one costs
    matplotlib a tick object to build (about 0.05 s per log axis).
    """
    axis.set_major_formatter(ticker.FuncFormatter(lambda value, _: plain_number(value, counts)))
    axis.set_minor_locator(ticker.LogLocator(subs=(2.0, 5.0)))
    axis.set_minor_formatter(ticker.NullFormatter())


#: Figures are drawn at twice the layout resolution, so they stay sharp on high-density screens, and stored
#: as 256-colour PNGs, which keeps them smaller than full-colour ones at the layout resolution.
PIXEL_DENSITY = 2
PALETTE_COLOURS = 256


def display_width(fig: Figure) -> int:
    """The width in CSS pixels a figure is shown at: its width at the layout resolution."""
    return round(fig.get_figwidth() * plt.rcParams["savefig.dpi"])


def render(fig: Figure) -> None:
    """Draw the figure once at ``PIXEL_DENSITY`` times the layout resolution (text and layout scale with it)."""
    fig.set_dpi(plt.rcParams["savefig.dpi"] * PIXEL_DENSITY)
    fig.canvas.draw()


def to_png(fig: Figure, drawn: bool = False) -> bytes:
    """The figure as PNG bytes, at ``PIXEL_DENSITY`` times the layout resolution and reduced to a palette of
    ``PALETTE_COLOURS`` (no dithering, so flat colours stay flat), with no timestamp or software tag, so output
    bytes are reproducible. With ``drawn``, the pixels of the last :func:`render` are used as they are."""
    from PIL import Image as PILImage

    if not drawn:
        render(fig)
    image = PILImage.fromarray(np.asarray(fig.canvas.buffer_rgba())).convert("RGB")
    palette = image.quantize(
        colors=PALETTE_COLOURS, method=PILImage.Quantize.FASTOCTREE, dither=PILImage.Dither.NONE
    )
    out = io.BytesIO()
    palette.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def _drawn_texts(fig: Figure) -> Iterable:
    """Titles, axis labels, annotations, legends, the source line and the tick labels in view."""
    for ax in fig.axes:
        # matplotlib has no public accessor for the left and right title artists
        yield from (ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label, *ax.texts)
        for axis in (ax.xaxis, ax.yaxis):
            yield from _tick_labels_in_view(axis)
        if ax.get_legend() is not None:
            yield ax.get_legend()
    yield from (*fig.texts, *fig.legends)


def _tick_labels_in_view(axis) -> list:
    low, high = sorted(axis.get_view_interval())
    slack = 1e-9 * (high - low)
    locations = axis.get_majorticklocs()
    ticks = axis.get_major_ticks(len(locations))
    in_view = [tick for tick, loc in zip(ticks, locations, strict=True) if low - slack <= loc <= high + slack]
    return [label for tick in in_view for label in (tick.label1, tick.label2)]


def tick_label_collisions(fig: Figure, tolerance_px: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of tick labels on one axis of a drawn figure that are printed over each other.

    Only horizontal labels count: the boxes matplotlib reports for rotated labels are upright rectangles
    around slanted text, which overlap for neighbours whose letters do not touch.
    """
    renderer = fig.canvas.get_renderer()
    collisions = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            labels = [
                t
                for t in _tick_labels_in_view(axis)
                if t.get_visible() and t.get_text().strip() and t.get_rotation() == 0
            ]
            boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in labels]
            for i, (text, box) in enumerate(boxes):
                for other, other_box in boxes[i + 1 :]:
                    width = min(box.x1, other_box.x1) - max(box.x0, other_box.x0)
                    height = min(box.y1, other_box.y1) - max(box.y0, other_box.y0)
                    if width > tolerance_px and height > tolerance_px:
                        collisions.append((text, other))
    return collisions


def text_overflow(fig: Figure, tolerance_px: float = 0.5) -> list[tuple[str, float]]:
    """Text that runs off the edge of a drawn figure, as (text, pixels beyond the edge).

    tight_layout cannot catch these: it counts an x label as one pixel wide, so a label longer than
    its axes is cut off at the figure's edge in the PNG without any warning.
    """
    renderer, edge = fig.canvas.get_renderer(), fig.bbox
    overflow = []
    for artist in _drawn_texts(fig):
        text = artist.get_text() if hasattr(artist, "get_text") else "legend"
        if not artist.get_visible() or not text.strip():
            continue
        box = artist.get_window_extent(renderer)
        beyond = max(edge.x0 - box.x0, box.x1 - edge.x1, edge.y0 - box.y0, box.y1 - edge.y1)
        if beyond > tolerance_px:
            overflow.append((text, round(float(beyond), 1)))
    return overflow


#: Smallest text a figure may carry, in points at the size it is drawn (readable when scaled to a phone's column).
MIN_FONT_POINTS = 9.0


def small_text(fig: Figure, minimum: float = MIN_FONT_POINTS) -> list[tuple[str, float]]:
    """Visible texts of ``fig`` set in a smaller size than ``minimum`` points, as (text, size)."""
    from matplotlib.text import Text

    return [
        (text.get_text(), float(text.get_fontsize()))
        for text in fig.findobj(Text)
        if text.get_visible() and text.get_text().strip() and text.get_fontsize() < minimum - 1e-9
    ]


#: Where the numbers behind each figure are written (served with the book; linked from each figure's caption).
FIGURE_DATA_DIR = Path(__file__).resolve().parents[2] / "_static" / "figure-data"


def _number(value) -> str:
    import datetime as _dt

    if isinstance(value, (np.datetime64, _dt.date)):
        return str(np.datetime_as_string(np.datetime64(value, "D")))
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not np.isfinite(number):
        return ""
    return f"{number:.6g}"


def _is_numeric_text(text: str) -> bool:
    return bool(re.fullmatch(r"[-−+]?[\d.,%]+", text.strip())) or not text.strip()


def plotted_data(fig: Figure) -> pd.DataFrame:
    """The numbers a figure draws, one row per point: panel, series, kind (line, points, bar, cell), x, y, value.

    Lines and markers give their x and y; bars their position and length; a heat map each cell's row, column and
    value. Tick labels stand in for positions on category axes, so a row reads as the reader sees the figure."""
    from matplotlib.collections import LineCollection, PathCollection, PolyCollection
    from matplotlib.image import AxesImage
    from matplotlib.patches import Rectangle

    rows = []

    def category(axis, position) -> str:
        """A position on a category axis as its tick label; a number elsewhere."""
        ticks = axis.get_ticklocs()
        labels = [label.get_text() for label in axis.get_ticklabels()]
        if len(ticks) == len(labels) and any(labels) and not all(_is_numeric_text(t) for t in labels):
            by_position = {round(float(t), 6): text for t, text in zip(ticks, labels, strict=True)}
            return by_position.get(round(float(position), 6), _number(position))
        return _number(position)

    for panel, ax in enumerate(fig.axes, start=1):
        title = ax.get_title("left") or ax.get_title() or f"panel {panel}"
        for line in ax.get_lines():
            label = line.get_label()
            if label.startswith("_") and len(line.get_xdata()) < 2:
                continue  # reference lines (a dashed "no difference" line) carry no data
            for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True):
                rows.append(
                    (
                        title,
                        label,
                        "line",
                        category(ax.xaxis, x) if isinstance(x, (int, float, np.number)) else _number(x),
                        _number(y),
                        "",
                    )
                )
        for collection in ax.collections:
            if isinstance(collection, LineCollection):  # interval whiskers (hlines, vlines)
                for segment in collection.get_segments():
                    (x0, y0), (x1, _) = segment[0], segment[-1]
                    rows.append(
                        (
                            title,
                            collection.get_label(),
                            "segment",
                            _number(x0),
                            category(ax.yaxis, y0),
                            _number(x1),
                        )
                    )
                continue
            if isinstance(collection, PolyCollection):  # shaded bands (fill_between): their outline
                for path in collection.get_paths():
                    for x, y in path.vertices:
                        rows.append((title, collection.get_label(), "band", _number(x), _number(y), ""))
                continue
            if isinstance(collection, PathCollection):
                for x, y in collection.get_offsets():
                    rows.append(
                        (title, collection.get_label(), "points", _number(x), category(ax.yaxis, y), "")
                    )
        for patch in ax.patches:
            if isinstance(patch, Rectangle) and (patch.get_width() or patch.get_height()):
                x, y, w, h = patch.get_x(), patch.get_y(), patch.get_width(), patch.get_height()
                if abs(h) < abs(w) or ax.get_yaxis().get_ticklabels() and h < 1:  # horizontal bar
                    rows.append(
                        (
                            title,
                            patch.get_label(),
                            "bar",
                            _number(x),
                            category(ax.yaxis, y + h / 2),
                            _number(w),
                        )
                    )
                else:
                    rows.append(
                        (
                            title,
                            patch.get_label(),
                            "bar",
                            category(ax.xaxis, x + w / 2),
                            _number(y),
                            _number(h),
                        )
                    )
        for image in ax.get_images():
            if isinstance(image, AxesImage):
                array = np.ma.filled(np.asarray(image.get_array(), dtype=float), np.nan)
                for (r, c), value in np.ndenumerate(array):
                    rows.append(
                        (title, "cell", "cell", category(ax.xaxis, c), category(ax.yaxis, r), _number(value))
                    )
    frame = pd.DataFrame(rows, columns=["panel", "series", "kind", "x", "y", "value"])
    frame["series"] = frame["series"].where(~frame["series"].str.startswith("_"), "")
    return frame


def write_plotted_data(fig: Figure, name: str, source: str) -> Path:
    """Write :func:`plotted_data` to ``_static/figure-data/<name>.csv`` under a header naming the source."""
    if not re.fullmatch(r"fig-[a-z0-9-]+", name):
        raise ValueError(f"a figure's data is named by its figure label (fig-...), not {name!r}")
    FIGURE_DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = FIGURE_DATA_DIR / f"{name}.csv"
    text = f"# {source}\n# The numbers drawn in figure {name} of the report, one row per point.\n"
    text += plotted_data(fig).to_csv(index=False, lineterminator="\n")
    path.write_text(text, encoding="utf-8")
    return path


@functools.cache
def _package_resources() -> dict[str, dict]:
    package = json.loads(DATAPACKAGE_PATH.read_text(encoding="utf-8"))
    return {resource["name"]: resource for resource in package["resources"]}


def _upstream_label(resource: dict) -> str:
    licence = ", ".join(
        (lic.get("title") or lic.get("name", "")).removesuffix(" License")
        for lic in resource.get("licenses", [])
    )
    label = f"{resource['x_short_title']} ({licence})" if licence else resource["x_short_title"]
    if resource.get("x_as_of"):
        return f"{label}, prices as of {resource['x_as_of']}"
    date = resource.get("x_snapshot_date", "")
    return f"{label}, snapshot {date}" if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", date) else label


def source_line(*tables: str, note: str | None = None) -> str:
    """A figure's source line from the data package: for each table it draws on (a processed or curated
    resource name, e.g. ``"eci_models"``, ``"policy_events"``, ``"corpus.claims"``), the upstream snapshots
    it comes from with their licence and snapshot date, or "our ... table (CC BY 4.0)" for a table we wrote;
    ``note`` adds what the figure itself computes ("our logistic model")."""
    resources = _package_resources()
    by_title = {r["title"]: r for r in resources.values() if "x_short_title" in r}
    parts: list[str] = []
    for table in tables:
        if table not in resources:
            raise KeyError(f"no resource {table!r} in data/datapackage.json")
        resource = resources[table]
        titles = [source["title"] for source in resource.get("sources", [])]
        upstream = [by_title[title] for title in titles if title in by_title]
        if upstream:
            parts += [_upstream_label(r) for r in upstream]
        else:
            name = table.split(".")[-1].replace("_", " ")
            parts.append(f"our {name} table (CC BY 4.0)")
    if note:
        parts.append(note)
    return "Source: " + "; ".join(dict.fromkeys(parts))


def show(fig: Figure, source: str, name: str | None = None) -> None:
    """Add the source line, display the figure as PNG only, and close it.

    PNG only (no SVG) because nbval compares SVG text; matplotlib's own repr is never shown, so cell
    outputs carry no object addresses. Fails, rather than show a figure with text cut off at its edge or
    with tick labels printed over each other.
    """
    from IPython.display import Image, display

    add_source(fig, source)
    data_path = write_plotted_data(fig, name, source) if name else None
    # one high-density draw serves both the checks (pixel tolerances scaled to it) and the image
    width = display_width(fig)
    render(fig)
    tolerance = 0.5 * PIXEL_DENSITY
    overflow = [(t, round(px / PIXEL_DENSITY, 1)) for t, px in text_overflow(fig, tolerance_px=tolerance)]
    collisions, small = tick_label_collisions(fig, tolerance_px=tolerance), small_text(fig)
    png = to_png(fig, drawn=True)
    plt.close(fig)
    if small:
        details = "; ".join(f"{textwrap.shorten(text, 40)!r} at {size:g} pt" for text, size in small)
        raise ValueError(f"figure text smaller than {MIN_FONT_POINTS:g} pt: {details}")
    if overflow:
        details = "; ".join(f"{textwrap.shorten(text, 60)!r} by {pixels:g} px" for text, pixels in overflow)
        raise ValueError(f"figure text runs off the edge: {details}; shorten it or widen the figure")
    if collisions:
        details = "; ".join(f"{first!r} and {second!r}" for first, second in collisions)
        raise ValueError(f"tick labels overlap: {details}; wrap or shorten them, or widen the figure")
    metadata = None
    if data_path is not None:
        digest = sha256_file(data_path)[0]
        metadata = {"figure_data": {"path": f"_static/figure-data/{data_path.name}", "sha256": digest}}
    display(Image(data=png, format="png", width=width), metadata=metadata)
