"""Figures of the policy chapter: event timeline, counts by instrument, capability records against policy dates."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.dates as mdates
import matplotlib.patheffects as path_effects
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from openweights import figures
from openweights.analysis.policy import (
    INSTRUMENT_LABELS,
    INSTRUMENTS,
    KEY_EVENTS,
    STANCES_CHINESE_AI,
    bloc_of,
    jurisdiction_order,
)

# Marker shape encodes the stance toward open-weight models.
OPEN_WEIGHT_MARKERS = {"promote": "*", "neutral": "o", "restrict": "X"}
OPEN_WEIGHT_SIZES = {"promote": 120, "neutral": 34, "restrict": 60}
STANCE_LABELS = {"restrict": "Restricts Chinese AI", "engage": "Engages Chinese AI", "neutral": "Neutral"}
# "engage" shares its hue with "promote" in figures.STANCE_COLORS; it is the only green on these figures.


def _offsets(events: pd.DataFrame, window_days: int = 14) -> np.ndarray:
    """Vertical offsets so that close events of one jurisdiction do not hide each other.

    Within a jurisdiction, an event less than ``window_days`` after the previous one joins its cluster; the
    events of a cluster cycle through the offsets 0, +0.2, -0.2, +0.38, -0.38. ``events`` must be sorted by jurisdiction
    and date.
    """
    cycle = np.array([0.0, 0.2, -0.2, 0.38, -0.38])
    offsets = np.zeros(len(events))
    previous_jurisdiction, previous_date, rank = None, None, 0
    for i, (jurisdiction, date) in enumerate(zip(events["jurisdiction"], events["date"], strict=True)):
        close = jurisdiction == previous_jurisdiction and (date - previous_date).days < window_days
        rank = rank + 1 if close else 0
        offsets[i] = cycle[rank % len(cycle)]
        previous_jurisdiction, previous_date = jurisdiction, date
    return offsets


def plot_timeline(events: pd.DataFrame, start: str = "2021-01-01", end: str | None = None):
    """One row per jurisdiction (grouped by bloc); colour = stance toward Chinese AI, shape = toward open weights.

    The axis runs from ``start`` to ``end``; by default it ends two month-starts after the last event, so that a
    table extended with new events is drawn whole.
    """
    order = jurisdiction_order(events)
    end = pd.Timestamp(end) if end is not None else events["date"].max() + pd.offsets.MonthBegin(2)
    shown = events[(events["date"] >= pd.Timestamp(start)) & (events["date"] <= end)].copy()
    shown = shown.sort_values(["jurisdiction", "date", "event_id"])
    shown["y"] = shown["jurisdiction"].map({j: i for i, j in enumerate(order)}) + _offsets(shown)
    fig, ax = figures.new_figure(width=7.6, height=7.4)
    for (stance, ow), group in shown.groupby(["stance_chinese_ai", "stance_open_weights"]):
        ax.scatter(
            group["date"],
            group["y"],
            s=OPEN_WEIGHT_SIZES[ow],
            marker=OPEN_WEIGHT_MARKERS[ow],
            color=figures.color_for(stance),
            edgecolor="white" if ow == "neutral" else "black",
            linewidth=0.5,
            zorder=4 if ow == "promote" else (2 if stance == "neutral" else 3),
        )
    blocs = [bloc_of(j) for j in order]
    for i in range(1, len(order)):
        if blocs[i] != blocs[i - 1]:
            ax.axhline(i - 0.5, color="#999999", linewidth=0.6)
    for bloc in dict.fromkeys(blocs):
        rows = [i for i, b in enumerate(blocs) if b == bloc]
        ax.text(1.01, np.mean(rows), bloc, transform=ax.get_yaxis_transform(), va="center", fontsize=9)
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlim(pd.Timestamp(start), end)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    handles = [Patch(color=figures.color_for(s), label=STANCE_LABELS[s]) for s in STANCES_CHINESE_AI]
    handles += [
        Line2D(
            [],
            [],
            linestyle="",
            marker="*",
            markersize=11,
            color="#666666",
            markeredgecolor="black",
            label="Promotes open weights",
        ),
        Line2D(
            [], [], linestyle="", marker="o", markersize=6, color="#666666", label="Neutral on open weights"
        ),
    ]
    ax.legend(handles=handles, ncols=3, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=9)
    fig.subplots_adjust(right=0.78)
    return fig


def plot_instrument_counts(events: pd.DataFrame):
    """Horizontal stacked bars: events per instrument, split by stance toward Chinese AI."""
    table = pd.crosstab(events["instrument"], events["stance_chinese_ai"]).reindex(
        index=[i for i in INSTRUMENTS if i in set(events["instrument"])],
        columns=list(STANCES_CHINESE_AI),
        fill_value=0,
    )
    fig, ax = figures.new_figure(height=3.8)
    labels = [INSTRUMENT_LABELS[i] for i in table.index]
    left = np.zeros(len(table))
    for stance in STANCES_CHINESE_AI:
        ax.barh(
            labels, table[stance], left=left, color=figures.color_for(stance), label=STANCE_LABELS[stance]
        )
        left += table[stance].to_numpy()
    ax.invert_yaxis()
    ax.set_xlabel("Policy events")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.legend(ncols=3, loc="lower right", bbox_to_anchor=(1, 1.0))
    return fig


def plot_frontier_with_events(
    records: pd.DataFrame,
    open_records: pd.DataFrame,
    events: pd.DataFrame,
    key_events: Mapping[str, str] = KEY_EVENTS,
    start: str = "2022-07-01",
    end: str = "2026-04-10",
):
    """Best ECI score to date for China and the US (solid: any model; dashed: open weights), with policy dates."""
    fig, ax = figures.new_figure(height=4.6)
    stop = pd.Timestamp(end)
    for frame, style, suffix in ((records, "-", "all models"), (open_records, "--", "open weights")):
        for group in ("United States", "China"):
            sub = frame[frame["country_group"].eq(group)].sort_values("release_date")
            if sub.empty:
                continue
            x = list(sub["release_date"]) + [stop]
            y = list(sub["best"]) + [sub["best"].iloc[-1]]
            # a white casing keeps an open-weight record visible where it coincides with the all-model one
            casing = [path_effects.Stroke(linewidth=3.2, foreground="white"), path_effects.Normal()]
            ax.step(
                x,
                y,
                where="post",
                linestyle=style,
                linewidth=2.0 if style == "-" else 1.3,
                color=figures.color_for(group),
                label=f"{group}, {suffix}",
                path_effects=casing if style == "--" else None,
            )
    chosen = events[events["event_id"].isin(list(key_events))].sort_values("date")
    for number, event in enumerate(chosen.itertuples(index=False), start=1):
        ax.axvline(event.date, color="#555555", linewidth=0.8, linestyle=":")
        ax.text(event.date, 1.0, f" {number}", transform=ax.get_xaxis_transform(), fontsize=9, va="bottom")
    ax.set_xlim(pd.Timestamp(start), stop)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_ylabel("Best ECI score to date")
    ax.legend(loc="upper left", fontsize=9)
    numbered = "\n".join(f"{n}  {key_events[e]}" for n, e in enumerate(chosen["event_id"], start=1))
    ax.text(
        0.98,
        0.03,
        numbered,
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        multialignment="left",
        fontsize=9,
        bbox={"facecolor": "white", "edgecolor": "#CCCCCC", "boxstyle": "round,pad=0.4"},
    )
    return fig
