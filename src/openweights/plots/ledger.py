"""Figure of the claims ledger."""

from __future__ import annotations

import numpy as np
import pandas as pd

from openweights import figures

VERDICT_COLORS = {
    "Supported": figures.OKABE_ITO["bluish_green"],
    "Partly supported": figures.OKABE_ITO["yellow"],
    "Contradicted": figures.OKABE_ITO["vermillion"],
    "Not testable with our data": figures.OKABE_ITO["grey"],
    "No verdict": "#FFFFFF",
}


def plot_verdicts(summary: pd.DataFrame):
    """Horizontal stacked bars of verdict counts per row of a ledger summary (by question or article)."""
    columns = [c for c in VERDICT_COLORS if c in summary.columns]
    fig, ax = figures.new_figure(height=3.4)
    left = np.zeros(len(summary))
    for column in columns:
        values = summary[column].to_numpy()
        ax.barh(
            summary.index, values, left=left, color=VERDICT_COLORS[column], edgecolor="#555555", label=column
        )
        left += values
    ax.invert_yaxis()
    ax.set_xlabel("Claims")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.legend(ncols=3, loc="lower right", bbox_to_anchor=(1, 1.0))
    return fig
