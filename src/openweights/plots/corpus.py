"""Figures of the corpus chapter."""

from __future__ import annotations

import numpy as np
import pandas as pd

from openweights import figures
from openweights.analysis.corpus import CLAIM_TYPES, QUESTION_LABELS, QUESTIONS


def plot_claims_by_question(claims: pd.DataFrame):
    """Horizontal stacked bars: claims per question, split by claim type."""
    table = pd.crosstab(claims["question"], claims["claim_type"]).reindex(
        index=[q for q in QUESTIONS if q in set(claims["question"])], columns=list(CLAIM_TYPES), fill_value=0
    )
    fig, ax = figures.new_figure(height=3.6)
    left = np.zeros(len(table))
    labels = [QUESTION_LABELS[q] for q in table.index]
    for claim_type, color in zip(CLAIM_TYPES, figures.CATEGORICAL, strict=False):
        ax.barh(labels, table[claim_type], left=left, color=color, label=claim_type)
        left += table[claim_type].to_numpy()
    ax.invert_yaxis()
    ax.set_xlabel("Claims")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.legend(ncols=4, loc="lower right", bbox_to_anchor=(1, 1.0))
    return fig


def plot_documents_by_question(by_question: pd.DataFrame):
    """Heat map of claim counts: article × question."""
    table = by_question.drop(index="total", columns="total")
    fig, ax = figures.new_figure(height=3.2)
    image = ax.imshow(table.to_numpy(), cmap="Blues", aspect="auto")
    ax.set_xticks(range(table.shape[1]), [QUESTION_LABELS[q] for q in table.columns], rotation=20, ha="right")
    ax.set_yticks(range(table.shape[0]), [doc[:3] for doc in table.index])
    ax.set_ylabel("Article (file number)")
    ax.grid(False)
    for (row, col), value in np.ndenumerate(table.to_numpy()):
        color = "white" if value > table.to_numpy().max() / 2 else "black"
        ax.text(col, row, str(value), ha="center", va="center", color=color, fontsize=9)
    fig.colorbar(image, ax=ax, label="Claims")
    return fig
