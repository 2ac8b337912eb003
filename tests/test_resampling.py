"""The project's bootstrap (openweights.analysis.resampling) against scipy's, on simple statistics."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from openweights.analysis import resampling


def test_resample_counts_draw_with_replacement_reproducibly():
    counts = resampling.resample_counts(40, 500, seed=7)
    assert counts.shape == (500, 40) and (counts.sum(axis=1) == 40).all()
    assert np.array_equal(counts, resampling.resample_counts(40, 500, seed=7))
    assert not np.array_equal(counts, resampling.resample_counts(40, 500, seed=[7, 1]))
    assert resampling.multinomial_counts(40, 20, seed=7).sum(axis=1).tolist() == [40] * 20


@pytest.mark.parametrize("statistic", ["mean", "share"])
def test_percentile_intervals_agree_with_scipy_bootstrap(statistic):
    rng = np.random.default_rng(1)
    data = rng.normal(10, 3, 200) if statistic == "mean" else (rng.random(200) < 0.3).astype(float)
    counts = resampling.resample_counts(len(data), 4000, seed=11)
    ours = resampling.percentile_interval(counts @ data / len(data), 0.95)
    theirs = stats.bootstrap(
        (data,), np.mean, n_resamples=4000, confidence_level=0.95, method="percentile", random_state=3
    ).confidence_interval
    width = theirs.high - theirs.low
    assert abs(ours[0] - theirs.low) < 0.1 * width and abs(ours[1] - theirs.high) < 0.1 * width
