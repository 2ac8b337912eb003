"""Figures of the adoption chapter: releases and openness, licences, capability frontiers, adoption
figures and the token tax. Each function takes the frame an analysis function returns and gives a Figure."""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from openweights import figures
from openweights.analysis.adoption import CATEGORIES, UNKNOWN
from openweights.analysis.capability import CLOSED, OPEN
from openweights.tokenizers import tokenizer_label

CATEGORY_COLORS = {**figures.ACCESSIBILITY_COLORS, UNKNOWN: "#D9D9D9"}


def plot_releases(census: pd.DataFrame, catalogue: pd.DataFrame, census_label: str, catalogue_label: str):
    """Left: releases per year and country group (census). Right: share with open weights, census
    (solid) and catalogue (dashed), both from :func:`~openweights.analysis.adoption.releases_by_group_year`."""
    fig, (left, right) = figures.new_figure(ncols=2, width=8.6, height=4.0)
    for group in figures.COUNTRY_GROUPS:
        rows = census[census["country_group"] == group]
        color = figures.color_for(group)
        left.plot(rows["year"], rows["releases"], marker="o", ms=3, color=color, label=group)
        right.plot(rows["year"], rows["open_share"], marker="o", ms=3, color=color)
        extra = catalogue[(catalogue["country_group"] == group) & (catalogue["known"] >= 3)]
        right.plot(extra["year"], extra["open_share"], marker="s", ms=4, ls="--", color=color)
    left.set_title(f"Language-model releases ({census_label})")
    left.set_ylabel("Models per year")
    left.legend(loc="upper left")
    right.set_title("Share released with open weights")
    right.set_ylim(0, 1.05)
    right.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    right.plot([], [], ls="-", color="#555555", label=census_label)
    right.plot([], [], ls="--", marker="s", color="#555555", label=catalogue_label)
    right.legend(loc="lower left")
    for ax in (left, right):
        ax.xaxis.get_major_locator().set_params(integer=True)
    return fig


def plot_mix(mix: pd.DataFrame, row: str, value: str = "share", categories=CATEGORIES, xlabel: str = "Share"):
    """Horizontal stacked bars of accessibility (or licence) categories per row label.

    ``row`` is a column name or a list of them (joined into one label, e.g. "China · 2024").
    """
    rows = [row] if isinstance(row, str) else list(row)
    mix = mix.assign(row_label=mix[rows].astype(str).agg(" · ".join, axis=1))
    table = mix.pivot_table(index="row_label", columns="category", values=value, aggfunc="sum", sort=False)
    table = table.reindex(columns=list(categories), fill_value=0.0)
    fig, ax = figures.new_figure(height=0.45 * len(table) + 1.6)
    left = np.zeros(len(table))
    labels = [str(i) for i in table.index]
    for category in categories:
        values = table[category].to_numpy(dtype=float)
        ax.barh(labels, values, left=left, color=CATEGORY_COLORS[category], label=category, edgecolor="white")
        left += values
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    if value == "share":
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.legend(ncols=3 if len(categories) > 3 else 2, loc="lower left", bbox_to_anchor=(0, 1.0))
    return fig


def plot_notable(table: pd.DataFrame):
    """Grouped bars: notable models per year (rows of ``table``) and country group (columns)."""
    fig, ax = figures.new_figure(height=3.6)
    years = table.index.to_numpy()
    width = 0.8 / len(table.columns)
    for i, group in enumerate(table.columns):
        ax.bar(
            years + (i - 1.5) * width, table[group], width=width, color=figures.color_for(group), label=group
        )
    ax.set_ylabel("Notable models")
    ax.set_xticks(years)
    ax.legend(ncols=4, loc="upper left")
    return fig


def _date_axis(ax):
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _step(ax, frame: pd.DataFrame, color: str, label: str, ls: str = "-"):
    ax.step(frame["month"], frame["best_score"], where="post", color=color, label=label, ls=ls, lw=1.8)


def plot_frontiers(by_openness: pd.DataFrame, by_country: pd.DataFrame, leaders: pd.DataFrame):
    """Left: best open-weight and best closed ECI by month, the open frontier's dots coloured by the
    developer's country group. Right: best Chinese and best US model (any openness)."""
    fig, (left, right) = figures.new_figure(ncols=2, width=8.6, height=4.0, sharey=True)
    for openness in (CLOSED, OPEN):
        _step(left, by_openness[by_openness["openness"] == openness], figures.color_for(openness), openness)
    for group, rows in leaders.groupby("country_group", sort=True):
        left.scatter(
            rows["month"],
            rows["best_score"],
            s=9,
            color=figures.color_for(group),
            zorder=3,
            label=f"open leader: {group}",
        )
    for group in ("United States", "China"):
        _step(right, by_country[by_country["country_group"] == group], figures.color_for(group), group)
    left.set_title("Open weights vs closed")
    right.set_title("China vs United States")
    left.set_ylabel("Best ECI score so far")
    for ax in (left, right):
        ax.legend(loc="upper left", fontsize=9)
        _date_axis(ax)
    return fig


def plot_gap_and_lag(gaps: pd.DataFrame, lags: pd.DataFrame):
    """Left: closed-minus-open frontier gap (ECI points). Right: lag of the open frontier (months)."""
    fig, (left, right) = figures.new_figure(ncols=2, width=8.6, height=3.4)
    left.plot(gaps["month"], gaps["gap_points"], color=figures.color_for(OPEN))
    left.axhline(0, color="#555555", lw=0.8)
    left.set_title("Gap: best closed minus best open")
    left.set_ylabel("ECI points")
    right.plot(lags["month"], lags["lag_months"], color=figures.color_for(OPEN))
    right.set_title("Lag of the open frontier")
    right.set_ylabel("Months")
    for ax in (left, right):
        _date_axis(ax)
    return fig


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:g}"


def plot_pairs(pairs: pd.DataFrame):
    """For each China-vs-US measurement pair, both values as bars scaled to the larger one (= 1).

    ``pairs`` is :func:`~openweights.analysis.adoption.paired_measurements` output; rows are labelled
    with its ``label`` column.
    """
    fig, ax = figures.new_figure(height=0.55 * len(pairs) + 1.4, width=8.0)
    scale = pairs[["china", "united_states"]].max(axis=1)
    y = np.arange(len(pairs))
    for offset, column, group in ((-0.2, "china", "China"), (0.2, "united_states", "United States")):
        values = pairs[column] / scale
        ax.barh(y + offset, values, height=0.38, color=figures.color_for(group), label=group)
        for yi, v, raw in zip(y + offset, values, pairs[column], strict=True):
            ax.text(v + 0.01, yi, _number(raw), va="center", fontsize=9)
    # Wrap long labels so that tight_layout can fit them instead of clipping at the figure edge.
    labels = [
        "\n".join(textwrap.fill(line, 34) for line in str(label).split("\n")) for label in pairs["label"]
    ]
    ax.set_yticks(y, labels, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.2)
    ax.set_xlabel("Value relative to the larger of the pair")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.legend(ncols=2, loc="lower left", bbox_to_anchor=(0, 1.0))
    return fig


TOKENIZER_STYLE = {
    "qwen3.6": ("China", "o"),
    "qwen3": ("China", "^"),
    "deepseek-v4": ("China", "s"),
    "o200k_base": ("United States", "o"),
    "cl100k_base": ("United States", "^"),
    "llama3": ("United States", "s"),
}


def plot_token_tax(tax: pd.DataFrame, language_names: dict[str, str]):
    """Dot plot: tokens relative to English per language (rows) and tokeniser (markers, 95% interval)."""
    table = tax[tax["language"] != "en"]
    order = table.groupby("language")["ratio"].mean().sort_values().index.tolist()
    fig, ax = figures.new_figure(height=0.42 * len(order) + 1.6)
    names = sorted(
        table["tokenizer"].unique(),
        key=lambda n: (list(TOKENIZER_STYLE).index(n) if n in TOKENIZER_STYLE else 99, n),
    )
    offsets = np.linspace(-0.3, 0.3, len(names))
    for offset, name in zip(offsets, names, strict=True):
        rows = table[table["tokenizer"] == name].set_index("language").loc[order]
        group, marker = TOKENIZER_STYLE.get(name, ("Other", "D"))
        y = np.arange(len(order)) + offset
        err = np.vstack([rows["ratio"] - rows["ci_low"], rows["ci_high"] - rows["ratio"]])
        ax.errorbar(
            rows["ratio"],
            y,
            xerr=err,
            fmt=marker,
            ms=4.5,
            color=figures.color_for(group),
            label=tokenizer_label(name),
            lw=0.8,
        )
    ax.axvline(1, color="#555555", lw=0.8)
    ax.set_yticks(np.arange(len(order)), [language_names.get(code, code) for code in order])
    ax.invert_yaxis()
    ax.set_xlabel("Tokens relative to the same text in English")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.legend(ncols=3, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=9)
    return fig


def plot_cost(cost: pd.DataFrame, language_names: dict[str, str]):
    """Heat map of USD per 1,000 English-equivalent words: models (rows) by language (columns)."""
    table = cost.pivot(index="model", columns="language", values="usd")
    columns = ["en"] + [c for c in table.columns if c != "en"]
    table = table[columns].sort_values("en")
    fig, ax = figures.new_figure(height=0.42 * len(table) + 1.8, width=8.4)
    image = ax.imshow(np.log10(table.to_numpy()), cmap="Oranges", aspect="auto")
    ax.set_xticks(range(len(columns)), [language_names.get(c, c) for c in columns], rotation=35, ha="right")
    ax.set_yticks(range(len(table)), table.index)
    ax.grid(False)
    high = np.nanmax(np.log10(table.to_numpy()))
    for (r, c), value in np.ndenumerate(table.to_numpy()):
        color = "white" if np.log10(value) > high - 0.5 else "black"
        ax.text(
            c,
            r,
            f"{value:.4f}" if value < 0.01 else f"{value:.3f}",
            ha="center",
            va="center",
            fontsize=9,
            color=color,
        )
    fig.colorbar(image, ax=ax, label="log10 USD per 1,000 words")
    return fig


def plot_capability_price(priced: pd.DataFrame, price: str = "price_blended"):
    """Scatter: ECI score against blended list price (log scale); colour = country group, marker = openness."""
    fig, ax = figures.new_figure(height=4.2)
    markers = {OPEN: "o", CLOSED: "s"}
    for (group, openness), rows in priced.groupby(["country_group", "openness"], sort=True):
        ax.scatter(
            rows[price],
            rows["eci_score"],
            s=28,
            marker=markers[openness],
            color=figures.color_for(group),
            label=f"{group}, {openness.lower()}",
            alpha=0.85,
            edgecolor="white",
            linewidth=0.5,
        )
    ax.set_xscale("log")
    figures.plain_log_axis(ax.xaxis)
    ax.set_xlabel("Blended list price, USD per million tokens (3 input : 1 output, log scale)")
    ax.set_ylabel("ECI score")
    ax.grid(axis="x")
    ax.legend(loc="lower right", fontsize=9)
    return fig


def plot_base_origins(shares: pd.DataFrame, period: str = "year"):
    """Share of each base origin among regional models with a known base, per period, with 95% intervals."""
    fig, ax = figures.new_figure(width=6.4, height=3.8)
    colors = {"Own or regional": figures.color_for("Other")}
    for origin, rows in shares.groupby("base_origin", sort=False):
        color = colors[origin] if origin in colors else figures.color_for(origin)
        x = rows[period].astype(int) if period == "year" else rows[period]
        ax.plot(x, rows["share"], marker="o", ms=4, color=color, label=origin, linewidth=1.8)
        ax.fill_between(x, rows["low"], rows["high"], color=color, alpha=0.12, linewidth=0)
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_ylabel("Share of models with a known base")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left", ncols=2, fontsize=9)
    return fig


def plot_located_share(by_country: pd.DataFrame, names: dict[str, str], minimum: float = 6.0):
    """DeepSeek's share of AI users by country (Microsoft): a dot for a printed value, a bar for a map class,
    coloured by whether a US lab does not serve the country; countries whose class starts at ``minimum`` or above."""
    rows = by_country[by_country["low"].ge(minimum)].iloc[::-1]
    fig, ax = figures.new_figure(width=6.4, height=0.2 * len(rows) + 1.3)
    colors = {True: figures.CATEGORICAL[1], False: figures.CATEGORICAL[0]}
    y = np.arange(len(rows))
    not_served = rows["us_labs_not_serving"].gt(0).to_numpy()
    for i, (row, blocked) in enumerate(zip(rows.itertuples(), not_served, strict=True)):
        color = colors[bool(blocked)]
        if row.printed:
            ax.scatter(row.low, i, color=color, s=22, zorder=3)
        else:
            ax.hlines(i, row.low, row.high, color=color, linewidth=5)
    ax.set_yticks(y, [names.get(c, c) for c in rows["country"]], fontsize=9)
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0f}%")
    ax.set_xlabel("DeepSeek's share of AI users")
    ax.scatter([], [], color=colors[True], label="not served by at least one US lab")
    ax.scatter([], [], color=colors[False], label="served by OpenAI, Anthropic and Google")
    ax.legend(loc="lower right", fontsize=9)
    ax.grid(axis="x")
    return fig
