"""Capability frontiers on the Epoch Capabilities Index (ECI): open versus closed, China versus the United States.

Input is a frame with one row per model (as ``load("eci_models")``): ``model_name``, ``eci_score`` (ECI
points), ``release_date`` and a grouping column (``openness`` from :func:`add_openness`, or
``country_group``). Every function is pure and returns a new, sorted frame or a small Series.

Definitions used in the report
------------------------------
frontier
    For a group, the best ECI score among the group's models released on or before a date (a running
    maximum by release date). Read monthly, the value for a month is the best model released up to the
    end of that month. Ties go to the earlier release.
gap
    Leader's frontier minus follower's frontier at a date, in ECI points.
lag
    How long before "now" the leader's frontier first reached the score that the follower's frontier
    has now: ``now - first release date of a leader model scoring >= follower best``, in months of
    365.25 / 12 days. Zero when the follower is level or ahead. "Now" is the latest release date in the
    data, not the wall clock.
bootstrap interval of the lag
    Resample models with replacement (a fixed seed), recompute the lag on each resample with "now"
    held fixed, and take percentiles. All resamples are computed at once from a (resamples × models)
    count matrix.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from openweights.analysis import prices
from openweights.analysis.resampling import percentile_interval, resample_counts

OPEN = "Open weights"
CLOSED = "Closed"
DAYS_PER_MONTH = 365.25 / 12


def add_openness(models: pd.DataFrame, column: str = "open_weights") -> pd.DataFrame:
    """Add ``openness`` ("Open weights" / "Closed"; NA when the weights' status is unknown)."""
    out = models.copy()
    flags = out[column].astype("boolean")
    out["openness"] = pd.Series(pd.NA, index=out.index, dtype="string")
    out.loc[flags.eq(True).fillna(False), "openness"] = OPEN
    out.loc[flags.eq(False).fillna(False), "openness"] = CLOSED
    return out


def _clean(models: pd.DataFrame, group: str) -> pd.DataFrame:
    frame = models.loc[
        models["eci_score"].notna() & models["release_date"].notna() & models[group].notna(),
        ["model_name", "eci_score", "release_date", group],
    ].copy()
    frame["release_date"] = pd.to_datetime(frame["release_date"])
    frame["eci_score"] = frame["eci_score"].astype(float)
    return frame.sort_values(["release_date", "model_name"], kind="stable", ignore_index=True)


def frontier_records(models: pd.DataFrame, group: str) -> pd.DataFrame:
    """The models that set a new best score for their group when released (the frontier's steps).

    Returns ``group value, model_name, release_date, eci_score`` sorted by group and date; a model that
    only equals the previous best is not a record (ties go to the earlier release).
    """
    frame = _clean(models, group)
    rows = []
    for value, block in frame.groupby(group, sort=True):
        best = -np.inf
        for row in block.itertuples(index=False):
            if row.eci_score > best:
                best = row.eci_score
                rows.append((value, row.model_name, row.release_date, row.eci_score))
    return pd.DataFrame(rows, columns=[group, "model_name", "release_date", "eci_score"])


def month_range(start, end) -> pd.DatetimeIndex:
    """Month starts from the month of ``start`` to the month of ``end``, inclusive."""
    first = pd.Timestamp(start).to_period("M").to_timestamp()
    last = pd.Timestamp(end).to_period("M").to_timestamp()
    return pd.date_range(first, last, freq="MS")


def running_frontier(models: pd.DataFrame, group: str, start=None, end=None) -> pd.DataFrame:
    """Monthly frontier per group: the best model released up to the end of each month.

    Returns ``month`` (month start), the group column, ``best_score``, ``best_model``,
    ``best_release_date``; months before a group's first model are omitted. ``start`` and ``end``
    default to the first and last release month in the data.
    """
    frame = _clean(models, group)
    records = frontier_records(models, group)
    months = month_range(
        frame["release_date"].min() if start is None else start,
        frame["release_date"].max() if end is None else end,
    )
    month_ends = months + pd.offsets.MonthEnd(0)
    pieces = []
    for value, block in records.groupby(group, sort=True):
        dates = block["release_date"].to_numpy()
        index = np.searchsorted(dates, month_ends.to_numpy(), side="right") - 1
        keep = index >= 0
        chosen = block.iloc[index[keep]]
        pieces.append(
            pd.DataFrame(
                {
                    "month": months[keep],
                    group: value,
                    "best_score": chosen["eci_score"].to_numpy(),
                    "best_model": chosen["model_name"].to_numpy(),
                    "best_release_date": chosen["release_date"].to_numpy(),
                }
            )
        )
    columns = ["month", group, "best_score", "best_model", "best_release_date"]
    if not pieces:
        return pd.DataFrame(columns=columns)
    return pd.concat(pieces, ignore_index=True)[columns].sort_values([group, "month"], ignore_index=True)


def gap_series(frontier: pd.DataFrame, group: str, leader: str, follower: str) -> pd.DataFrame:
    """Monthly ``leader - follower`` frontier gap in ECI points, for months where both have a model."""
    wide = frontier.pivot(index="month", columns=group, values="best_score")
    gap = (wide[leader] - wide[follower]).dropna()
    return gap.rename("gap_points").rename_axis("month").reset_index()


def now_of(models: pd.DataFrame) -> pd.Timestamp:
    """ "Now" for the capability measures: the latest release date in the data."""
    return pd.Timestamp(pd.to_datetime(models["release_date"]).max())


def best_at(models: pd.DataFrame, group: str, date=None) -> pd.DataFrame:
    """Best model of each group released on or before ``date`` (default: now)."""
    frame = _clean(models, group)
    date = frame["release_date"].max() if date is None else pd.Timestamp(date)
    frame = frame[frame["release_date"] <= date]
    index = frame.sort_values(["eci_score", "release_date"], ascending=[False, True]).groupby(group).head(1)
    return index.rename(columns={"eci_score": "best_score", "model_name": "best_model"}).sort_values(
        group, ignore_index=True
    )[[group, "best_model", "best_score", "release_date"]]


def gap_now(models: pd.DataFrame, group: str, leader: str, follower: str, date=None) -> float:
    """Leader's best score minus follower's best score at ``date`` (default: now), in ECI points."""
    best = best_at(models, group, date).set_index(group)["best_score"]
    return float(best[leader] - best[follower])


def standing_at(
    models: pd.DataFrame, date, label: str, leader: str = "United States", follower: str = "China"
) -> dict:
    """How the follower's best model stood against the leader's models released by ``date`` (a claim's
    publication date): its name and score, the gap to the leader's best, and how many of the leader's scored
    models it matched or beat, overall and among open-weight ones. Names end in ``_{label}``."""
    best = best_at(models, "country_group", date).set_index("country_group")
    released = pd.to_datetime(models["release_date"]) <= pd.Timestamp(date)
    ahead = models[released & models["country_group"].eq(leader) & models["eci_score"].notna()]
    beaten = ahead["eci_score"].astype(float).le(best.loc[follower, "best_score"])
    is_open = ahead["openness"].eq(OPEN)
    return {
        f"best_cn_model_{label}": str(best.loc[follower, "best_model"]),
        f"best_cn_score_{label}": float(best.loc[follower, "best_score"]),
        f"best_us_model_{label}": str(best.loc[leader, "best_model"]),
        f"eci_gap_cn_us_{label}": float(best.loc[leader, "best_score"] - best.loc[follower, "best_score"]),
        f"us_models_beaten_{label}": int(beaten.sum()),
        f"us_models_scored_{label}": len(ahead),
        f"us_open_beaten_{label}": int((beaten & is_open).sum()),
        f"us_open_scored_{label}": int(is_open.sum()),
    }


def _day_numbers(dates: pd.Series) -> np.ndarray:
    return (pd.to_datetime(dates).to_numpy().astype("datetime64[D]").astype(np.int64)).astype(float)


def _lag_days(
    score: np.ndarray,
    day: np.ndarray,
    is_leader: np.ndarray,
    is_follower: np.ndarray,
    weights: np.ndarray,
    now_day: float | np.ndarray,
) -> np.ndarray:
    """Lag in days for each row of ``weights`` (resamples × models; a model counts when its weight > 0).

    ``now_day`` is one day number, or one per row of ``weights``."""
    present = weights > 0
    follower_best = np.where(present & is_follower, score, -np.inf).max(axis=1)
    reached = present & is_leader & (score[None, :] >= follower_best[:, None])
    first = np.where(reached, day[None, :], np.inf).min(axis=1)
    lag = np.where(np.isfinite(first), now_day - first, 0.0)
    lag = np.maximum(lag, 0.0)
    return np.where(np.isfinite(follower_best), lag, np.nan)


def _lag_inputs(models: pd.DataFrame, group: str, leader: str, follower: str):
    frame = _clean(models, group)
    frame = frame[frame[group].isin([leader, follower])].reset_index(drop=True)
    return (
        frame,
        frame["eci_score"].to_numpy(),
        _day_numbers(frame["release_date"]),
        frame[group].eq(leader).to_numpy(),
        frame[group].eq(follower).to_numpy(),
    )


def lag_months(models: pd.DataFrame, group: str, leader: str, follower: str, now=None) -> pd.Series:
    """How many months before ``now`` the leader's frontier first reached the follower's best score now.

    Returns a Series: ``follower_model``, ``follower_score``, ``leader_model`` (first leader model at or
    above that score; empty when none), ``leader_date``, ``lag_months`` (0 when the follower is level
    or ahead), ``now``.
    """
    now = now_of(models) if now is None else pd.Timestamp(now)
    frame, score, day, is_leader, is_follower = _lag_inputs(models, group, leader, follower)
    keep = (frame["release_date"] <= now).to_numpy()
    frame = frame[keep].reset_index(drop=True)
    score, day, is_leader, is_follower = score[keep], day[keep], is_leader[keep], is_follower[keep]
    now_day = float(_day_numbers(pd.Series([now]))[0])
    lag = _lag_days(score, day, is_leader, is_follower, np.ones((1, len(frame))), now_day)[0]
    follower = frame[is_follower].sort_values(["eci_score", "release_date"], ascending=[False, True]).iloc[0]
    reached = frame[is_leader & (score >= follower["eci_score"])]
    first = reached.sort_values(["release_date", "model_name"]).head(1)
    return pd.Series(
        {
            "follower_model": follower["model_name"],
            "follower_score": float(follower["eci_score"]),
            "leader_model": first["model_name"].iloc[0] if len(first) else "",
            "leader_date": first["release_date"].iloc[0] if len(first) else pd.NaT,
            "lag_months": lag / DAYS_PER_MONTH,
            "now": now,
        }
    )


def bootstrap_lag(
    models: pd.DataFrame,
    group: str,
    leader: str,
    follower: str,
    now=None,
    n_boot: int = 500,
    seed: int = 20260410,
    confidence: float = 0.9,
) -> pd.Series:
    """Point estimate and percentile bootstrap interval of :func:`lag_months` (models resampled).

    Returns ``estimate, low, high, n_boot, confidence`` with the lag in months. Resamples that draw
    no follower model are dropped (their lag is undefined).
    """
    now = now_of(models) if now is None else pd.Timestamp(now)
    frame, score, day, is_leader, is_follower = _lag_inputs(models, group, leader, follower)
    keep = (frame["release_date"] <= now).to_numpy()
    score, day, is_leader, is_follower = score[keep], day[keep], is_leader[keep], is_follower[keep]
    now_day = float(_day_numbers(pd.Series([now]))[0])
    estimate = _lag_days(score, day, is_leader, is_follower, np.ones((1, len(score))), now_day)[0]
    weights = resample_counts(len(score), n_boot, seed)
    draws = _lag_days(score, day, is_leader, is_follower, weights, now_day)
    draws = draws[np.isfinite(draws)] / DAYS_PER_MONTH
    low, high = percentile_interval(draws, confidence)
    return pd.Series(
        {
            "estimate": estimate / DAYS_PER_MONTH,
            "low": float(low),
            "high": float(high),
            "n_boot": int(len(draws)),
            "confidence": confidence,
        }
    )


def lag_history(models: pd.DataFrame, group: str, leader: str, follower: str, months) -> pd.DataFrame:
    """:func:`lag_months` evaluated at the end of each month in ``months`` (only data released by then).

    The last month is evaluated at "now" (the latest release date) when that comes before its end.
    Months before both groups have released a model are skipped. All months are computed at once:
    row m of the weight matrix keeps the models released by month m's end.
    """
    latest = now_of(models)
    months = [pd.Timestamp(month) for month in months]
    ends = [min(month + pd.offsets.MonthEnd(0), latest) for month in months]
    released = pd.to_datetime(models["release_date"])
    first_release = models.assign(_released=released).groupby(group)["_released"].min()
    both_present = max(first_release.get(leader, pd.NaT), first_release.get(follower, pd.NaT))
    evaluated = [(month, end) for month, end in zip(months, ends, strict=True) if end >= both_present]
    if pd.isna(both_present) or not evaluated:
        return pd.DataFrame(columns=["month", "lag_months"])
    frame, score, day, is_leader, is_follower = _lag_inputs(models, group, leader, follower)
    end_dates = pd.Series([end for _, end in evaluated])
    weights = (frame["release_date"].to_numpy()[None, :] <= end_dates.to_numpy()[:, None]).astype(float)
    lag = _lag_days(score, day, is_leader, is_follower, weights, _day_numbers(end_dates))
    return pd.DataFrame(
        {"month": [month for month, _ in evaluated], "lag_months": lag / DAYS_PER_MONTH},
        columns=["month", "lag_months"],
    )


def open_leader_by_month(models: pd.DataFrame, start=None, end=None) -> pd.DataFrame:
    """Month by month, the best open-weight model so far and the country group of its developer.

    ``models`` needs ``openness`` (see :func:`add_openness`) and ``country_group``. Months run from
    ``start`` to ``end``, by default the first and last release month of *all* models (so the open
    leader is carried forward to "now"). Returns ``month, best_model, best_score, country_group``.
    """
    dates = pd.to_datetime(models["release_date"])
    start = dates.min() if start is None else start
    end = dates.max() if end is None else end
    open_models = models[models["openness"].eq(OPEN).fillna(False)].assign(all_open="all")
    frontier = running_frontier(open_models, "all_open", start=start, end=end)
    groups = open_models.drop_duplicates("model_name").set_index("model_name")["country_group"]
    frontier["country_group"] = frontier["best_model"].map(groups)
    return frontier[["month", "best_model", "best_score", "country_group"]].reset_index(drop=True)


def share_of_months(leaders: pd.DataFrame, value: str, since, column: str = "country_group") -> float:
    """Share of months from ``since`` on in which ``column`` equals ``value``."""
    window = leaders[leaders["month"] >= pd.Timestamp(since)]
    if window.empty:
        return float("nan")
    return float(window[column].eq(value).mean())


def frontier_at_release(
    models: pd.DataFrame, names, reference: pd.Series, label: str = "reference"
) -> pd.DataFrame:
    """For each named model: its score and the best ``reference`` model released on or before its release.

    ``reference`` is a boolean mask over ``models`` (e.g. closed US models). Returns ``model_name,
    release_date, eci_score, <label>_best_model, <label>_best_score, gap_points`` (reference best minus
    the model's score), in the order of ``names``.
    """
    frame = models.assign(release_date=pd.to_datetime(models["release_date"]))
    ref = frame[reference.to_numpy()].sort_values(["eci_score", "release_date"], ascending=[False, True])
    rows = []
    for name in names:
        model = frame.loc[frame["model_name"] == name].iloc[0]
        before = ref[ref["release_date"] <= model["release_date"]]
        best = before.iloc[0] if len(before) else None
        rows.append(
            {
                "model_name": name,
                "release_date": model["release_date"],
                "eci_score": float(model["eci_score"]),
                f"{label}_best_model": "" if best is None else best["model_name"],
                f"{label}_best_score": np.nan if best is None else float(best["eci_score"]),
                "gap_points": np.nan if best is None else float(best["eci_score"] - model["eci_score"]),
            }
        )
    return pd.DataFrame(rows)


def fill_open_weights(
    models: pd.DataFrame,
    identity: pd.DataFrame,
    catalogue: pd.DataFrame,
    researched: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Fill a model's unknown ``open_weights`` from models.dev, then from our own research.

    ``identity`` links ``eci_model_name`` to ``modelsdev_id``; ``catalogue`` is ``modelsdev_models``
    (``model_id``, ``open_weights``); ``researched`` is the curated ``model_openness`` table
    (``model_name``, ``open_weights`` and ``generally_available`` as "yes"/"no", an optional ``licence`` in
    Epoch's accessibility levels). Epoch's own value always wins, then models.dev. Adds ``openness_source``
    ("Epoch", "models.dev", "our research" or "unknown") and ``gated`` (True for a model that only selected
    customers can use, as researched).

    A researched ``licence`` replaces Epoch's ``accessibility``: it is how we correct a licence Epoch recorded
    wrongly, from the model's own licence file. ``licence_source`` is "our research" where that changed Epoch's
    value, else "Epoch".
    """
    links = identity.loc[identity["eci_model_name"].notna(), ["eci_model_name", "modelsdev_id"]]
    links = links.drop_duplicates("eci_model_name")
    flags = catalogue.set_index("model_id")["open_weights"].astype("boolean")
    linked = links.set_index("eci_model_name")["modelsdev_id"].map(flags)
    out = models.copy()
    own = out["open_weights"].astype("boolean")
    other = out["model_name"].map(linked).astype("boolean")
    if researched is None:
        researched = pd.DataFrame(columns=["model_name", "open_weights", "generally_available"])
    ours = researched.set_index("model_name")
    ours_open = out["model_name"].map(ours["open_weights"].map({"yes": True, "no": False})).astype("boolean")
    out["open_weights"] = own.fillna(other).fillna(ours_open)
    out["openness_source"] = np.select(
        [own.notna(), other.notna(), ours_open.notna()], ["Epoch", "models.dev", "our research"], "unknown"
    )
    out["gated"] = out["model_name"].isin(ours.index[ours["generally_available"].eq("no")])
    licence = ours["licence"] if "licence" in ours else pd.Series(dtype=object)
    corrected = out["model_name"].map(licence.dropna())
    if "accessibility" in out:
        changed = corrected.notna() & corrected.ne(out["accessibility"])
        out["accessibility"] = corrected.fillna(out["accessibility"])
        out["licence_source"] = np.where(changed, "our research", "Epoch")
    return out


def attach_prices(models: pd.DataFrame, identity: pd.DataFrame, prices_: pd.DataFrame) -> pd.DataFrame:
    """Add each model's current list price (USD per million tokens) from genai-prices, where linked.

    ``identity`` links ``eci_model_name`` to a canonical ``model_key`` and its developer (``org_id``), and to
    one listing, ``genai_prices_id`` ("<provider_id>:<model_id>"). The price is the developer's own cheapest
    live listing of the model, chosen as the cost chapter chooses it
    (:func:`openweights.analysis.prices.developer_genai_listings`), else the linked listing (often a host's).
    Adds ``price_provider``, ``price_input`` and ``price_output``; models without a price are dropped.
    """
    links = identity.loc[identity["eci_model_name"].notna()].drop_duplicates("eci_model_name")
    links = links.set_index("eci_model_name")
    own = prices.developer_genai_listings(prices_, identity).set_index("model_key")
    keyed = prices_.assign(price_key=prices_["provider_id"] + ":" + prices_["model_id"]).drop_duplicates(
        "price_key"
    )
    keyed = keyed.set_index("price_key")
    model_key = models["model_name"].map(links["model_key"])
    price_key = models["model_name"].map(links["genai_prices_id"])
    first_party = model_key.isin(own.index)
    out = models.copy()
    out["price_provider"] = model_key.map(own["provider"]).where(first_party, price_key.str.split(":").str[0])
    for column, source in (
        ("price_input", "price_input_usd_per_mtok"),
        ("price_output", "price_output_usd_per_mtok"),
    ):
        linked = price_key.map(keyed[source]).astype(float)
        out[column] = model_key.map(own[column]).astype(float).where(first_party, linked)
    out = out[out["price_input"].notna() & out["price_output"].notna()]
    return out.sort_values("model_name", ignore_index=True)


def cheapest_at_or_above(
    priced: pd.DataFrame, score: float, mask: pd.Series, price: str = "price_blended"
) -> pd.Series:
    """The cheapest model among ``mask`` rows scoring at least ``score`` (ties: higher score, then name)."""
    rows = priced[mask.to_numpy() & (priced["eci_score"] >= score).to_numpy()]
    if rows.empty:
        return pd.Series({"model_name": "", "eci_score": np.nan, price: np.nan})
    best = rows.sort_values([price, "eci_score", "model_name"], ascending=[True, False, True]).iloc[0]
    return best[["model_name", "eci_score", price]]


def cheapest_by_threshold(
    priced: pd.DataFrame, thresholds, segments: dict[str, pd.Series], price: str = "price_blended"
) -> pd.DataFrame:
    """For each ECI threshold and segment (name -> boolean mask over ``priced``), the cheapest model at or above it.

    Returns ``threshold, segment, model_name, eci_score, <price>`` sorted by threshold and segment order.
    """
    rows = []
    for threshold in thresholds:
        for name, mask in segments.items():
            best = cheapest_at_or_above(priced, threshold, mask, price)
            rows.append({"threshold": threshold, "segment": name, **best.to_dict()})
    return pd.DataFrame(rows)


def best_open_by_lab(models: pd.DataFrame, group_value: str, lab: str = "org_id") -> pd.DataFrame:
    """Each lab's best open-weight model in ``group_value`` with the best closed model at its release.

    Returns ``lab, model_name, release_date, eci_score, closed_best_model, closed_best_score,
    gap_points`` sorted by the model's score (best first).
    """
    open_rows = models[
        models["openness"].eq(OPEN).fillna(False) & models["country_group"].eq(group_value).fillna(False)
    ]
    best = open_rows.sort_values(["eci_score", "release_date"], ascending=[False, True]).drop_duplicates(lab)
    table = frontier_at_release(
        models, best["model_name"].tolist(), models["openness"].eq(CLOSED).fillna(False), "closed"
    )
    table.insert(0, "lab", best[lab].to_numpy())
    return table.sort_values("eci_score", ascending=False, ignore_index=True)


def _gated(models: pd.DataFrame) -> pd.Series:
    """The ``gated`` flag (see :func:`fill_open_weights`), all False when the frame has none."""
    return models["gated"] if "gated" in models else pd.Series(False, index=models.index)


def frontier_facts(
    models: pd.DataFrame, n_boot: int = 500, seed: int = 20260410, confidence: float = 0.95
) -> dict:
    """Named values for the text: "now", the open-closed gap and lag with its bootstrap, the best models,
    how openness was known, and the gap without the gated models (which only selected customers can use).
    ``models`` needs ``openness`` and ``openness_source``, and may have ``gated`` (see
    :func:`fill_open_weights`)."""
    now = now_of(models)
    lag = lag_months(models, "openness", CLOSED, OPEN)
    boot = bootstrap_lag(models, "openness", CLOSED, OPEN, n_boot=n_boot, seed=seed, confidence=confidence)
    best = best_at(models, "openness").set_index("openness")
    unknown = models.loc[models["openness"].isna(), "model_name"].sort_values()
    gated = _gated(models)
    return {
        "eci_now": now.date().isoformat(),
        "eci_gap_points_latest": gap_now(models, "openness", CLOSED, OPEN),
        "eci_lag_months_latest": float(boot["estimate"]),
        "eci_lag_months_low": float(boot["low"]),
        "eci_lag_months_high": float(boot["high"]),
        "eci_lag_resamples": int(boot["n_boot"]),
        "eci_best_open_model": str(best.loc[OPEN, "best_model"]),
        "eci_best_open_score": float(best.loc[OPEN, "best_score"]),
        "eci_best_closed_model": str(best.loc[CLOSED, "best_model"]),
        "eci_lag_leader_model": str(lag["leader_model"]),
        "eci_lag_leader_date": lag["leader_date"].date().isoformat(),
        "eci_openness_from_modelsdev": int(models["openness_source"].eq("models.dev").sum()),
        "eci_openness_researched": int(models["openness_source"].eq("our research").sum()),
        "eci_openness_unknown": int(len(unknown)),
        "eci_gated_models": ", ".join(models.loc[gated, "model_name"].sort_values()),
        "eci_gap_points_public_only": gap_now(models[~gated], "openness", CLOSED, OPEN),
        "eci_best_closed_public_model": str(
            best_at(models[~gated], "openness").set_index("openness").loc[CLOSED, "best_model"]
        ),
        "eci_models_total": int(len(models)),
    }


def country_facts(models: pd.DataFrame, since="2024-01-01", year_end="2024-12-31") -> dict:
    """Named values for the text: China's share of months holding the open lead since ``since``, the month
    from which China has held it without a break (empty if it does not hold it now), and the US-minus-China
    gap now, at its narrowest since ``since`` (with the month), at ``year_end``, and now without the gated
    models (``gated``, see :func:`fill_open_weights`), which only selected customers can use."""
    frontier = running_frontier(models, "country_group", end=now_of(models))
    gaps = gap_series(frontier, "country_group", "United States", "China")
    narrowest = gaps[gaps["month"] >= pd.Timestamp(since)].sort_values(["gap_points", "month"]).iloc[0]
    leaders = open_leader_by_month(models)
    others = leaders.loc[leaders["country_group"] != "China", "month"]
    unbroken = leaders.loc[leaders["month"] > (others.max() if len(others) else pd.Timestamp.min), "month"]
    gated = _gated(models)
    return {
        "best_open_model_cn_share_since_2024": share_of_months(leaders, "China", since),
        "cn_open_lead_since": unbroken.min().strftime("%B %Y") if len(unbroken) else "",
        "eci_gap_cn_us_latest": gap_now(models, "country_group", "United States", "China"),
        "eci_gap_cn_us_min": float(narrowest["gap_points"]),
        "eci_gap_cn_us_min_month": narrowest["month"].strftime("%B %Y"),
        "eci_gap_cn_us_end2024": gap_now(models, "country_group", "United States", "China", year_end),
        "eci_gap_cn_us_public_only": gap_now(models[~gated], "country_group", "United States", "China"),
    }


#: Epoch's confidence levels that mark a score as provisional.
PROVISIONAL = ("unverified", "speculative")


def provisional(models: pd.DataFrame) -> pd.Series:
    """Models whose best score Epoch marks as unverified or speculative (all False without a ``confidence``)."""
    if "confidence" not in models:
        return pd.Series(False, index=models.index)
    return models["confidence"].fillna("").astype(str).isin(PROVISIONAL)


def gap_variants(models: pd.DataFrame, date=None) -> pd.DataFrame:
    """The open–closed and China–US gaps now under four samples: every model, without gated models, without
    provisional scores, and without both; with the best model on each side, so a reader sees which single model
    sets each gap."""
    gated, shaky = _gated(models), provisional(models)
    variants = {
        "all models": pd.Series(True, index=models.index),
        "without gated models": ~gated,
        "without provisional scores": ~shaky,
        "without either": ~gated & ~shaky,
    }
    rows = []
    for label, keep in variants.items():
        sample = models[keep]
        best_open = best_at(sample, "openness", date).set_index("openness")
        best_country = best_at(sample, "country_group", date).set_index("country_group")
        rows.append(
            {
                "sample": label,
                "models": int(keep.sum()),
                "best_closed_model": best_open.loc[CLOSED, "best_model"],
                "best_open_model": best_open.loc[OPEN, "best_model"],
                "open_gap": round(
                    float(best_open.loc[CLOSED, "best_score"] - best_open.loc[OPEN, "best_score"]), 4
                ),
                "best_us_model": best_country.loc["United States", "best_model"],
                "best_cn_model": best_country.loc["China", "best_model"],
                "cn_us_gap": round(
                    float(
                        best_country.loc["United States", "best_score"]
                        - best_country.loc["China", "best_score"]
                    ),
                    4,
                ),
            }
        )
    return pd.DataFrame(rows)


def gap_range(gaps: pd.DataFrame, end, months: int = 12) -> dict:
    """Lowest, median and highest month-end gap over the ``months`` months up to ``end`` (a range view, so that a
    reading does not rest on one chosen date)."""
    end = pd.Timestamp(end)
    window = gaps[(gaps["month"] > end - pd.DateOffset(months=months)) & (gaps["month"] <= end)]["gap_points"]
    return {
        "low": round(float(window.min()), 4),
        "median": round(float(window.median()), 4),
        "high": round(float(window.max()), 4),
        "months": int(len(window)),
    }


def robustness_facts(models: pd.DataFrame, recent_months: int = 8) -> dict:
    """Named values for the text: the gaps without provisional scores (and which models then set them), and the
    range of month-end open–closed and China–US gaps over the last 12 and ``recent_months`` months."""
    variants = gap_variants(models).set_index("sample")
    firm, every = variants.loc["without provisional scores"], variants.loc["all models"]
    now = now_of(models)
    shaky = models.loc[provisional(models), "model_name"]
    leaders = [every[c] for c in ("best_closed_model", "best_open_model", "best_us_model", "best_cn_model")]
    recent = provisional(models) & pd.to_datetime(models["release_date"]).gt(now - pd.DateOffset(months=6))
    facts = {
        "eci_provisional_recent": int(recent.sum()),
        "eci_provisional_leaders": " and ".join(dict.fromkeys(m for m in leaders if m in set(shaky)))
        or "none",
        "eci_gap_points_firm": float(firm["open_gap"]),
        "eci_best_open_firm": str(firm["best_open_model"]),
        "eci_gap_cn_us_firm": float(firm["cn_us_gap"]),
        "eci_best_cn_firm": str(firm["best_cn_model"]),
        "eci_gap_months_recent": recent_months,
    }
    for name, group, leader, follower in (
        ("open", "openness", CLOSED, OPEN),
        ("cn_us", "country_group", "United States", "China"),
    ):
        gaps = gap_series(running_frontier(models, group, end=now), group, leader, follower)
        year = gap_range(gaps, now, 12)
        recent = gap_range(gaps, now, recent_months)
        facts.update(
            {
                f"eci_gap_{name}_12m_low": year["low"],
                f"eci_gap_{name}_12m_median": year["median"],
                f"eci_gap_{name}_12m_high": year["high"],
                f"eci_gap_{name}_recent_low": recent["low"],
            }
        )
    return facts
