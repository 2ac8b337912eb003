"""Bootstrap resampling, in one place: resamples as row counts, so that every estimate in a chapter can be
recomputed for all resamples at once with matrix products or weighted refits, and percentile intervals.

The counts are drawn with a fixed seed, so intervals are reproducible byte for byte. The tests check the
percentile intervals these give against ``scipy.stats.bootstrap`` on simple statistics.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["resample_counts", "multinomial_counts", "percentile_interval"]


def resample_counts(n: int, n_boot: int, seed: int | Sequence[int]) -> np.ndarray:
    """(n_boot, n) matrix: how often each of n rows is drawn in each resample with replacement (rows sum to n).

    ``seed`` may be a sequence (for example a seed and a hash of a language), so that one group's resamples do
    not change when other groups are added."""
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n, size=(n_boot, n))
    offsets = (np.arange(n_boot) * n)[:, None]
    return np.bincount((draws + offsets).ravel(), minlength=n_boot * n).reshape(n_boot, n)


def multinomial_counts(n: int, n_boot: int, seed: int) -> np.ndarray:
    """The same resampling drawn as multinomial counts (the stream the logistic-model bootstrap has always
    used; kept so that its intervals do not move)."""
    rng = np.random.default_rng(seed)
    return rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot)


def percentile_interval(draws: np.ndarray, confidence: float = 0.95, axis: int | None = None) -> tuple:
    """Lower and upper percentile bounds of bootstrap ``draws`` at ``confidence`` (along ``axis``)."""
    alpha = (1 - confidence) / 2
    low, high = np.quantile(draws, [alpha, 1 - alpha], axis=axis)
    return low, high
