"""Figures of the sustainability chapter: openness trajectories, the logistic model, business models, state signals."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap

from openweights import figures
from openweights.analysis.scenarios import BACKING, THEMES

OPEN_CMAP = LinearSegmentedColormap.from_list(
    "closed_to_open", [figures.color_for("Closed"), "#F7F7F7", figures.color_for("Open weights")]
)


def plot_open_share_heatmap(share: pd.DataFrame, count: pd.DataFrame, n_chinese: int):
    """Lab × half-year heat map of the open share of releases; each cell shows the number of releases.

    `share` and `count` come from `openness.heatmap_matrix`; the first `n_chinese` rows are Chinese labs.
    """
    fig, ax = figures.new_figure(height=6.2)
    values = np.ma.masked_invalid(share.to_numpy(dtype=float))
    ax.set_facecolor("#E6E6E6")
    image = ax.imshow(values, cmap=OPEN_CMAP, vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(share.shape[1]), list(share.columns), rotation=30, ha="right")
    ax.set_yticks(range(share.shape[0]), list(share.index))
    ax.grid(False)
    for (row, col), n in np.ndenumerate(count.to_numpy(dtype=float)):
        if not np.isnan(n):
            ax.text(col, row, str(int(n)), ha="center", va="center", fontsize=9, color="#222222")
    ax.axhline(n_chinese - 0.5, color="black", linewidth=1.2)
    ax.text(share.shape[1] - 0.45, n_chinese / 2 - 0.5, "China", rotation=-90, va="center", fontsize=9)
    ax.text(
        share.shape[1] - 0.45,
        (n_chinese + share.shape[0]) / 2 - 0.5,
        "US",
        rotation=-90,
        va="center",
        fontsize=9,
    )
    fig.colorbar(image, ax=ax, label="Share of releases with open weights", fraction=0.04, pad=0.06)
    ax.set_xlabel("Half-year of release (numbers: releases; grey: none)")
    return fig


def plot_group_share(
    by_group: pd.DataFrame,
    groups=("China", "United States"),
    epoch_end: str | None = None,
    cross_check: pd.DataFrame | None = None,
    labels: tuple[str, str] = ("", ""),
):
    """Open share of releases per half-year for the chosen country groups, marker area ∝ releases.

    ``cross_check`` (same columns) is drawn dashed; ``labels`` name the two series in the legend.
    ``epoch_end`` shades the half-years after a change of source (none when the series has one source)."""
    fig, ax = figures.new_figure(height=3.8)
    frames = [by_group] + ([cross_check] if cross_check is not None else [])
    halves = sorted(set().union(*(f["half_year"].unique() for f in frames)))
    position = {h: i for i, h in enumerate(halves)}
    for group in groups:
        rows = by_group[by_group["country_group"].astype(str).eq(group)]
        x = rows["half_year"].map(position)
        ax.plot(x, rows["open_share"], color=figures.color_for(group), label=group, linewidth=1.8)
        ax.scatter(x, rows["open_share"], s=rows["releases"] * 3, color=figures.color_for(group), zorder=3)
        if cross_check is not None:
            rows = cross_check[cross_check["country_group"].astype(str).eq(group)]
            ax.plot(
                rows["half_year"].map(position),
                rows["open_share"],
                color=figures.color_for(group),
                ls="--",
                lw=1,
            )
    if cross_check is not None:
        ax.plot([], [], color="#555555", lw=1.8, label=labels[0])
        ax.plot([], [], color="#555555", lw=1, ls="--", label=labels[1])
    if epoch_end is not None and epoch_end in position:
        ax.axvspan(position[epoch_end] + 0.5, len(halves) - 0.5, color="#EEEEEE", zorder=0)
        ax.text(
            position[epoch_end] + 0.6, 1.02, "after Epoch's snapshot: ECI and models.dev only", fontsize=9
        )
    ax.set_xticks(range(len(halves)), halves, rotation=30, ha="right")
    ax.set_ylim(0, 1.08)
    ax.set_ylabel("Share of releases with open weights")
    ax.legend(loc="lower left")
    return fig


def plot_odds_ratios(table: pd.DataFrame, labels: dict[str, str]):
    """Forest plot of odds ratios (log scale) with bootstrap intervals, for the terms in `labels` (in order)."""
    rows = table.set_index("term").loc[list(labels)]
    fig, ax = figures.new_figure(height=0.34 * len(rows) + 1.2)
    y = np.arange(len(rows))[::-1]
    ax.hlines(y, rows["low"], rows["high"], color=figures.CATEGORICAL[0], linewidth=2)
    ax.scatter(rows["odds_ratio"], y, color=figures.CATEGORICAL[0], zorder=3)
    ax.axvline(1, color="#555555", linewidth=1, linestyle="--")
    ax.set_xscale("log")
    ticks = [
        t
        for t in (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20)
        if rows["low"].min() / 1.5 <= t <= rows["high"].max() * 1.5
    ]
    ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
    ax.minorticks_off()
    ax.set_yticks(y, [labels[t] for t in rows.index])
    ax.set_xlabel("Odds ratio of an open-weight release (log scale)")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    return fig


def plot_predicted(predicted: pd.DataFrame):
    """Predicted P(open weights) per country group and year with bootstrap bands."""
    fig, ax = figures.new_figure(height=3.8)
    for group, rows in predicted.groupby("country_group", sort=False):
        color = figures.color_for(group)
        ax.plot(rows["year"], rows["p_open"], color=color, label=group, linewidth=1.8)
        ax.fill_between(rows["year"], rows["low"], rows["high"], color=color, alpha=0.15, linewidth=0)
    ax.set_ylim(0, 1)
    ax.set_xlabel("Year")
    ax.set_ylabel("Predicted probability of open weights")
    ax.legend(loc="upper left", ncols=2)
    return fig


def plot_calibration(calibration: pd.DataFrame):
    """Reliability diagram: observed share of open models against mean predicted probability per bin."""
    fig, ax = figures.new_figure(width=4.8, height=4.2)
    ax.plot([0, 1], [0, 1], color="#555555", linestyle="--", linewidth=1, label="perfect calibration")
    ax.plot(
        calibration["mean_predicted"],
        calibration["observed_share"],
        marker="o",
        color=figures.CATEGORICAL[0],
        label="out-of-fold predictions",
    )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("Mean predicted probability (bin)")
    ax.set_ylabel("Observed share with open weights")
    ax.grid(axis="x")
    ax.legend(loc="upper left")
    return fig


def plot_backing(by_backing: pd.DataFrame):
    """Horizontal bars: each lab's open share of recent releases, coloured by how its openness is paid for."""
    rows = by_backing[by_backing["releases"] > 0]
    fig, ax = figures.new_figure(height=0.32 * len(rows) + 1.4)
    colors = dict(zip(BACKING, figures.CATEGORICAL, strict=False))
    y = np.arange(len(rows))[::-1]
    ax.barh(y, rows["open_share"], color=[colors[b] for b in rows["backing"]])
    for yi, (share, n) in zip(y, zip(rows["open_share"], rows["releases"], strict=True), strict=True):
        ax.text(share + 0.01, yi, f"{n} release{'s' if n != 1 else ''}", va="center", fontsize=9)
    ax.set_yticks(y, rows["lab"])
    ax.set_xlim(0, 1.2)
    ax.set_xlabel("Share of releases with open weights")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    handles = [ax.bar(0, 0, color=colors[b], label=b) for b in BACKING if b in set(rows["backing"])]
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(-0.3, 1.0), fontsize=9, ncols=1)
    return fig


def plot_signals(signals: pd.DataFrame, external: pd.DataFrame):
    """Timeline of Chinese policy events by theme, coloured by stance toward open weights.

    `external` (date, theme) adds precedents from outside the policy table as hollow markers.
    """
    fig, ax = figures.new_figure(width=7.6, height=3.6)
    rows = {t: i for i, t in enumerate(THEMES[::-1])}
    for stance in ("promote", "neutral", "restrict"):
        subset = signals[signals["stance_open_weights"].eq(stance)]
        ax.scatter(
            subset["date"],
            subset["theme"].map(rows),
            color=figures.color_for(stance),
            s=45,
            label=f"{stance} ({len(subset)})",
            zorder=3,
        )
    ext_dates = pd.to_datetime(external["date"])
    ax.scatter(
        ext_dates,
        external["theme"].map(rows) + 0.18,
        facecolors="none",
        edgecolors="black",
        s=45,
        label=f"precedent outside the table ({len(external)})",
        zorder=3,
    )
    ax.set_yticks(list(rows.values()), list(rows.keys()))
    ax.set_ylim(-1.6, len(rows) - 0.5)
    ax.grid(axis="x")
    ax.legend(
        loc="lower left",
        fontsize=9,
        ncols=2,
        title="Stance toward open weights",
        title_fontsize=9,
        alignment="left",
        frameon=True,
        framealpha=0.9,
        edgecolor="#DDDDDD",
    )
    return fig
