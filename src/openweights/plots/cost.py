"""Figures of the cost and data-control chapter. Each function returns a matplotlib Figure."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D

from openweights import figures
from openweights.analysis.prices import JURISDICTION_GROUPS, RATING_SCORES, SEGMENTS

OPEN_MARKER = "o"
CLOSED_MARKER = "s"


def _openness_legend(ax, groups: Sequence[str], loc: str = "upper left", extra: Sequence = ()) -> None:
    handles = [
        Line2D([], [], marker="o", linestyle="", color=figures.color_for(g), label=g, markersize=7)
        for g in groups
    ]
    handles += [
        Line2D([], [], marker=OPEN_MARKER, linestyle="", color="#555555", label="Open weights (filled)"),
        Line2D(
            [],
            [],
            marker=CLOSED_MARKER,
            linestyle="",
            markerfacecolor="white",
            color="#555555",
            label="Closed (hollow)",
        ),
    ]
    ax.legend(handles=handles + list(extra), loc=loc, fontsize=9)


def _scatter_models(ax, data: pd.DataFrame, x: str, y: str, size: float = 36) -> None:
    for group in figures.COUNTRY_GROUPS:
        for is_open in (True, False):
            part = data[data["country_group"].eq(group) & data["open_weights"].fillna(False).eq(is_open)]
            if part.empty:
                continue
            color = figures.color_for(group)
            ax.scatter(
                part[x],
                part[y],
                s=size,
                marker=OPEN_MARKER if is_open else CLOSED_MARKER,
                facecolors=color if is_open else "white",
                edgecolors=color,
                linewidths=1.2,
                alpha=0.85,
                zorder=3,
            )


def plot_segment_prices(first_party: pd.DataFrame, price_col: str = "price_blended"):
    """Strip plot of first-party blended prices per segment (log scale), with each segment's median."""
    data = first_party.dropna(subset=[price_col])
    segments = [s for s in SEGMENTS if s in set(data["segment"])]
    fig, ax = figures.new_figure(height=3.8)
    rng = np.random.default_rng(20261123)
    for i, segment in enumerate(segments):
        part = data[data["segment"].eq(segment)].copy()
        part["_y"] = i + rng.uniform(-0.22, 0.22, len(part))
        _scatter_models(ax, part, price_col, "_y", size=22)
        median = part[price_col].median()
        ax.plot([median, median], [i - 0.35, i + 0.35], color="black", linewidth=2, zorder=4)
        ax.annotate(
            f"median {median:.2f}",
            (median, i + 0.36),
            fontsize=9,
            ha="center",
            va="bottom",
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1},  # readable over dots
            zorder=5,
        )
    ax.set_yticks(range(len(segments)), [f"{s}\n({(data['segment'] == s).sum()} models)" for s in segments])
    ax.set_xscale("log")
    figures.plain_log_axis(ax.xaxis)
    ax.invert_yaxis()
    ax.set_xlabel("Blended list price, USD per Mtok (3 input : 1 output, log scale)")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    _openness_legend(
        ax, [g for g in figures.COUNTRY_GROUPS if g in set(data["country_group"])], "lower right"
    )
    return fig


def plot_price_capability(
    priced: pd.DataFrame,
    steps: pd.DataFrame,
    capability_col: str = "eci_score",
    price_col: str = "price_blended",
    thresholds: Sequence[float] = (),
):
    """Price (log) against ECI score for each model, with the cost frontier as a step line.

    The frontier at capability c is the cheapest price among models scoring at least c, so the line
    steps up at each frontier model (``steps``, ascending capability) and is flat between them.
    """
    data = priced.dropna(subset=[capability_col, price_col])
    fig, ax = figures.new_figure(height=4.8)
    _scatter_models(ax, data, capability_col, price_col)
    xs = steps[capability_col].to_numpy(dtype=float)
    ys = steps[price_col].to_numpy(dtype=float)
    lo = float(data[capability_col].min()) - 1
    # the frontier price on (x[k-1], x[k]] is y[k]: a "pre" step
    ax.step(np.r_[lo, xs], np.r_[ys[0], ys], where="pre", color="black", linewidth=1.2, zorder=2)
    for k, (_, row) in enumerate(steps.iterrows()):
        above = k % 2 == 0
        ax.annotate(
            str(row["name"]),
            (row[capability_col], row[price_col]),
            xytext=(-5, 7) if above else (5, -11),
            textcoords="offset points",
            ha="right" if above else "left",
            fontsize=9,
        )
    for threshold in thresholds:
        ax.axvline(threshold, color="#999999", linestyle=":", linewidth=1, zorder=1)
    ax.set_yscale("log")
    figures.plain_log_axis(ax.yaxis)
    ax.set_xlabel("Epoch Capabilities Index (ECI)")
    ax.set_ylabel("Blended list price, USD per Mtok (log)")
    ax.grid(axis="both")
    frontier = Line2D([], [], color="black", linewidth=1.2, label="cost frontier (cheapest at or above)")
    groups = [g for g in figures.COUNTRY_GROUPS if g in set(data["country_group"])]
    _openness_legend(ax, groups, extra=[frontier])
    return fig


def plot_host_spread(comparison: pd.DataFrame, model_keys: Sequence[str]):
    """For chosen models: the range of independent hosts' prices (min to max), their median, and the developer's price."""
    data = comparison.set_index("model_key").loc[list(model_keys)].reset_index()
    fig, ax = figures.new_figure(height=0.32 * len(data) + 1.4)
    for i, row in data.iterrows():
        openness = "Open weights" if bool(row["open_weights"]) else "Closed"
        color = figures.color_for(openness)
        ax.plot([row["price_min"], row["price_max"]], [i, i], color=color, linewidth=4, alpha=0.6)
        ax.plot(row["price_median"], i, marker="|", color="black", markersize=12, markeredgewidth=2)
        if pd.notna(row["price_first_party"]):
            ax.plot(
                row["price_first_party"], i, marker="D", color="black", markerfacecolor="white", markersize=6
            )
    labels = [f"{row['name']} ({int(row['hosts'])})" for _, row in data.iterrows()]
    ax.set_yticks(range(len(data)), labels, fontsize=9)
    ax.invert_yaxis()
    ax.set_xscale("log")
    figures.plain_log_axis(ax.xaxis)
    ax.set_xlabel("Blended price, USD per Mtok (log); number of hosts in brackets")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    handles = [
        Line2D(
            [], [], color=figures.color_for("Open weights"), linewidth=4, label="Open weights: hosts' range"
        ),
        Line2D([], [], color=figures.color_for("Closed"), linewidth=4, label="Closed: resellers' range"),
        Line2D([], [], marker="|", color="black", linestyle="", markersize=10, label="median host"),
        Line2D(
            [],
            [],
            marker="D",
            color="black",
            markerfacecolor="white",
            linestyle="",
            label="developer's own API",
        ),
    ]
    ax.legend(handles=handles, loc="upper right", fontsize=9)
    return fig


def plot_breakeven(
    result: pd.Series,
    api_prices: dict[str, float],
    volumes: np.ndarray | None = None,
):
    """Monthly cost against monthly token volume: each API (a line through the origin) against an
    always-on self-hosted deployment (flat up to its capacity). Log-log axes.

    ``result`` is one row of ``cost_model.evaluate_reference_models`` (monthly_fixed_cost_usd,
    capacity_tokens_per_month, model); ``api_prices`` maps a label to a blended USD/Mtok price.
    """
    volumes = np.logspace(7, 11, 200) if volumes is None else volumes
    fig, ax = figures.new_figure(height=4.2)
    fixed = float(result["monthly_fixed_cost_usd"])
    capacity = float(result["capacity_tokens_per_month"])
    within = volumes[volumes <= capacity]
    ax.plot(
        within,
        np.full(len(within), fixed),
        color="black",
        linewidth=2.2,
        label=f"Self-hosted {result['model']}",
    )
    ax.axvline(capacity, color="black", linestyle=":", linewidth=1)
    ax.annotate(
        "capacity of one deployment",
        (capacity, fixed),
        xytext=(-4, 10),
        textcoords="offset points",
        ha="right",
        fontsize=9,
    )
    for (label, price), color in zip(api_prices.items(), figures.CATEGORICAL, strict=False):
        ax.plot(
            volumes,
            volumes / 1e6 * price,
            color=color,
            linewidth=1.6,
            label=f"{label} ({price:.2f} USD/Mtok)",
        )
        crossing = fixed / price * 1e6
        if volumes[0] <= crossing <= min(capacity, volumes[-1]):
            ax.plot(crossing, fixed, marker="o", color=color, zorder=4)
    ax.set_xscale("log")
    ax.set_yscale("log")
    figures.plain_log_axis(ax.xaxis, counts=True)
    figures.plain_log_axis(ax.yaxis)
    ax.minorticks_off()  # ten decades of unlabelled minor ticks add clutter and a fifth of a second
    ax.set_xlabel("Tokens per month (log)")
    ax.set_ylabel("USD per month (log)")
    ax.grid(axis="both")
    ax.legend(loc="upper left", fontsize=9)
    return fig


ASSUMPTION_LABELS = {
    "utilisation": "Utilisation",
    "throughput": "Throughput, tokens/s",
    "gpu_price": "GPU price, USD/GPU-hour",
    "memory_overhead_fraction": "Memory overhead",
    "usable_memory_fraction": "Usable GPU memory",
    "api_price": "API price",
    "api_input_token_share": "Input share of tokens",
    "ops_fte": "Operations staff, FTE",
    "ops_cost_per_fte_year": "Cost per FTE-year, USD",
}


def _short(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:g}"


def plot_tornado(sensitivity: pd.DataFrame, unit: str = "USD per Mtok", drop_flat: bool = True):
    """Tornado chart: the metric with each assumption at its low and high value, around the baseline.

    ``sensitivity`` is the frame of ``cost_model.sensitivity`` (sorted by swing). Assumptions that do not
    move the metric are left out when ``drop_flat``. Each label gives the low and high value tried.
    """
    data = sensitivity[sensitivity["swing"] > 0] if drop_flat else sensitivity
    order = data.drop_duplicates("assumption")["assumption"].tolist()
    baseline = float(sensitivity["baseline"].iloc[0])
    fig, ax = figures.new_figure(height=0.5 * len(order) + 1.5)
    labels = []
    for i, assumption in enumerate(order):
        part = data[data["assumption"].eq(assumption)].set_index("bound")
        for bound, color in (
            ("low", figures.OKABE_ITO["sky_blue"]),
            ("high", figures.OKABE_ITO["vermillion"]),
        ):
            value = float(part.loc[bound, "value"])
            ax.barh(i, value - baseline, left=baseline, color=color, height=0.6)
        low, high = float(part.loc["low", "assumption_value"]), float(part.loc["high", "assumption_value"])
        labels.append(f"{ASSUMPTION_LABELS.get(assumption, assumption)}\n{_short(low)} to {_short(high)}")
    ax.axvline(baseline, color="black", linewidth=1)
    ax.set_yticks(range(len(order)), labels, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlabel(f"Self-hosting cost, {unit} (baseline {baseline:.2f})")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    handles = [
        Line2D([], [], color=figures.OKABE_ITO["sky_blue"], linewidth=6, label="assumption at its low value"),
        Line2D(
            [], [], color=figures.OKABE_ITO["vermillion"], linewidth=6, label="assumption at its high value"
        ),
    ]
    ax.legend(handles=handles, loc="lower right", fontsize=9)
    return fig


def plot_control_matrix(wide: pd.DataFrame):
    """Heat map of data-control ratings: deployment modes × control dimensions (none, partial, full)."""
    scores = wide.apply(lambda col: col.map(RATING_SCORES)).to_numpy(dtype=float)
    fig, ax = figures.new_figure(width=8.6, height=4.2)
    cmap = ListedColormap(["#F4D6C6", "#F7EBC0", "#CDE8D8"])
    ax.imshow(scores, cmap=cmap, vmin=-0.5, vmax=2.5, aspect="auto")
    for (row, col), _ in np.ndenumerate(scores):
        ax.text(col, row, str(wide.iat[row, col]), ha="center", va="center", fontsize=9)
    ax.set_xticks(range(wide.shape[1]), [textwrap.fill(c, 12) for c in wide.columns], fontsize=9)
    ax.set_yticks(range(wide.shape[0]), wide.index, fontsize=9)
    ax.tick_params(axis="x", labeltop=True, labelbottom=False, length=0)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return fig


def plot_jurisdictions(table: pd.DataFrame, names: dict[str, str] | None = None):
    """Heat map: for each open model, how many of its hosts have their legal seat in each country group."""
    names = names or {}
    counts = table[list(JURISDICTION_GROUPS)]
    fig, ax = figures.new_figure(height=0.34 * len(counts) + 1.5)
    image = ax.imshow(counts.to_numpy(), cmap="Blues", aspect="auto")
    peak = counts.to_numpy().max()
    for (row, col), value in np.ndenumerate(counts.to_numpy()):
        ax.text(
            col,
            row,
            str(value),
            ha="center",
            va="center",
            fontsize=9,
            color="white" if value > peak / 2 else "black",
        )
    ax.set_xticks(range(counts.shape[1]), counts.columns)
    ax.set_yticks(range(counts.shape[0]), [names.get(k, k) for k in counts.index], fontsize=9)
    ax.set_xlabel("Legal seat of the host (country group)")
    ax.grid(False)
    fig.colorbar(image, ax=ax, label="Hosts")
    return fig


def plot_breakeven_range(comparators: pd.DataFrame, assumed_utilisation: float):
    """Share of one deployment's capacity that self-hosting needs to break even, per reference model,
    against closed APIs of similar capability (closed colour) and hosts of the same weights (open colour):
    a bar from the dearest to the cheapest option, a tick at the median. Right of the 100% line
    self-hosting never pays; the dotted line is the cost model's assumed utilisation."""
    data = comparators[comparators["priced_options"].gt(0)].reset_index(drop=True)
    fig, ax = figures.new_figure(height=0.42 * len(data) + 1.6)
    colors = {"closed": figures.color_for("Closed"), "hosts": figures.color_for("Open weights")}
    labels = []
    for i, row in data.iterrows():
        kind = "closed" if row["comparator"].startswith("closed") else "hosts"
        low, high = row["utilisation_needed_dearest"], row["utilisation_needed_cheapest"]
        ax.plot([low, high], [i, i], color=colors[kind], linewidth=5, alpha=0.7, solid_capstyle="butt")
        ax.plot(
            row["utilisation_needed_median"], i, marker="|", color="black", markersize=13, markeredgewidth=2
        )
        labels.append(
            f"{row['model']}: {'closed' if kind == 'closed' else 'hosts'} ({int(row['priced_options'])})"
        )
    ax.axvline(1.0, color="black", linewidth=1.2)
    ax.axvline(assumed_utilisation, color="black", linewidth=1, linestyle=":")
    ax.set_yticks(range(len(data)), labels, fontsize=9)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _: f"{v:.0%}" if v >= 0.01 else f"{v:.1%}"))
    ax.set_xlabel("Capacity needed to break even (log); over 100%: never")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    handles = [
        Line2D([], [], color=colors["closed"], linewidth=5, label="closed APIs, similar capability"),
        Line2D([], [], color=colors["hosts"], linewidth=5, label="hosts of the same weights"),
        Line2D([], [], marker="|", color="black", linestyle="", markersize=10, label="median option"),
        Line2D([], [], color="black", linestyle=":", label="assumed utilisation"),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=9, bbox_to_anchor=(0, 1.0), ncol=2, frameon=False)
    return fig
