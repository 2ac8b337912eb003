"""Prices from the installed ``genai-prices`` package (Pydantic's price database, MIT licence).

Upstream: https://github.com/pydantic/genai-prices; the data ships inside the Python package as
``genai_prices/data.py`` (a list of ``Provider`` objects). The package version pins the snapshot: build
records the version and the sha256 of that file in ``datapackage.json`` (see :func:`package_info`).

"Current" price rule
--------------------
A model's ``prices`` is either one ``ModelPrice`` or a list of ``ConditionalPrice`` entries. Following the
package's own rule (the last active entry wins), the current price is the **last** entry whose constraint is
none or a start date on or before :data:`AS_OF`. Entries constrained to a time of day are rates for part of
each day; such models get ``time_of_day_pricing = True``. In the package they are *peak* surcharges (DeepSeek's
API: 1.32 / 3.96 USD per Mtok in two daily windows against 0.66 / 1.98 otherwise), though the format also allows
off-peak discounts. Either way the price columns show the **highest** rate of the day, per price kind, and the
``offpeak_*`` columns the lowest: a buyer who cannot move work to cheap hours pays the former, and it errs
against the hypothesis that first-party Chinese APIs are cheap. :data:`AS_OF` is a fixed date (not "today") so
that builds are reproducible; change it together with the pinned package version.
Tiered prices (``TieredPrices``: a base rate and higher rates above a context size) contribute their **base**
(first tier) rate and set ``tiered = True``. Request-specific variants (batch, flex, priority) are ignored.

:func:`read` columns (key ``provider_id, model_id``)
----------------------------------------------------
provider_id, model_id, name, price_input_usd_per_mtok, price_output_usd_per_mtok,
price_cache_read_usd_per_mtok, price_cache_write_usd_per_mtok (USD per million tokens; NA when the package
has no such price; the day's highest rate under time-of-day pricing), offpeak_price_input_usd_per_mtok,
offpeak_price_output_usd_per_mtok (the day's lowest rate; NA for one rate all day), tiered (bool),
time_of_day_pricing (bool), valid_from (date the current dated price started; NA for a price without a start
date), deprecated (bool), context_window (tokens).

:func:`read_changes` columns (key ``provider_id, model_id, valid_from``)
------------------------------------------------------------------------
One row per dated price entry: provider_id, model_id, valid_from, price_input_usd_per_mtok,
price_output_usd_per_mtok, previous_input_usd_per_mtok, previous_output_usd_per_mtok (the price in force just
before, NA when unknown), scheduled (bool: ``valid_from`` is after :data:`AS_OF`). Time-of-day rates carry no
date in the package, so a change lists the dated (all-day or off-peak) rate only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from openweights.digest import sha256_bytes
from openweights.errors import SourceError
from openweights.sources.parsing import parse_int, parse_price_per_mtok

__all__ = ["read", "read_changes", "package_info", "AS_OF", "COLUMNS", "CHANGE_COLUMNS"]

#: Date at which "current" prices are taken (fixed for reproducible builds; see the module docstring).
AS_OF = dt.date(2026, 12, 7)
PACKAGE = "genai-prices"
SOURCE_URL = "https://github.com/pydantic/genai-prices"
DATA_FILE = "genai_prices/data.py"

COLUMNS = [
    "provider_id",
    "model_id",
    "name",
    "price_input_usd_per_mtok",
    "price_output_usd_per_mtok",
    "price_cache_read_usd_per_mtok",
    "price_cache_write_usd_per_mtok",
    "offpeak_price_input_usd_per_mtok",
    "offpeak_price_output_usd_per_mtok",
    "tiered",
    "time_of_day_pricing",
    "valid_from",
    "deprecated",
    "context_window",
]
CHANGE_COLUMNS = [
    "provider_id",
    "model_id",
    "valid_from",
    "price_input_usd_per_mtok",
    "price_output_usd_per_mtok",
    "previous_input_usd_per_mtok",
    "previous_output_usd_per_mtok",
    "scheduled",
]
_KEYS = {
    "price_input_usd_per_mtok": "input_mtok",
    "price_output_usd_per_mtok": "output_mtok",
    "price_cache_read_usd_per_mtok": "cache_read_mtok",
    "price_cache_write_usd_per_mtok": "cache_write_mtok",
}
_OFFPEAK = {
    "price_input_usd_per_mtok": "offpeak_price_input_usd_per_mtok",
    "price_output_usd_per_mtok": "offpeak_price_output_usd_per_mtok",
}


def package_info() -> dict[str, Any]:
    """Version, data-file path inside the package, sha256 and size of the installed price data."""
    import genai_prices

    data_path = Path(genai_prices.__file__).with_name("data.py")
    data = data_path.read_bytes()
    return {
        "package": PACKAGE,
        "version": metadata.version(PACKAGE),
        "path": DATA_FILE,
        "sha256": sha256_bytes(data),
        "bytes": len(data),
        "url": SOURCE_URL,
        "as_of": AS_OF.isoformat(),
    }


def _providers(providers: Sequence[Any] | None) -> Sequence[Any]:
    if providers is not None:
        return providers
    from genai_prices.data import providers as bundled

    return bundled


def _entries(model: Any) -> list[tuple[Any, Any]]:
    """(constraint, ModelPrice) pairs in the package's order."""
    prices = model.prices
    if isinstance(prices, list):
        return [(p.constraint, p.prices) for p in prices]
    return [(None, prices)]


def _start(constraint: Any) -> dt.date | None:
    return getattr(constraint, "start_date", None)


def _is_time_of_day(constraint: Any) -> bool:
    return constraint is not None and hasattr(constraint, "start_time")


def _price(price: Any, key: str, where: str) -> tuple[float | None, bool]:
    value = getattr(price, key, None) if price is not None else None
    tiered = hasattr(value, "base") and hasattr(value, "tiers")
    if tiered:
        value = value.base
    return parse_price_per_mtok(value, file=DATA_FILE, row=where, column=key), tiered


def _current(entries: list[tuple[Any, Any]], as_of: dt.date) -> tuple[Any, dt.date | None]:
    chosen: tuple[Any, dt.date | None] | None = None
    for constraint, price in entries:
        if _is_time_of_day(constraint):
            continue
        start = _start(constraint)
        if start is None or start <= as_of:
            chosen = (price, start)
    if chosen is None:
        return entries[0][1], _start(entries[0][0])
    return chosen


def _walk(providers: Sequence[Any]):  # noqa: ANN202 - iterator of (where, provider, model)
    seen: dict[tuple[str, str], str] = {}
    for i, provider in enumerate(providers):
        for j, model in enumerate(provider.models):
            where = f"providers[{i}].models[{j}]"
            key = (provider.id, model.id)
            if key in seen:
                raise SourceError(DATA_FILE, where, "id", f"a unique model id (first at {seen[key]})", key)
            seen[key] = where
            yield where, provider, model


def read(providers: Sequence[Any] | None = None, *, as_of: dt.date = AS_OF) -> pd.DataFrame:
    """Current prices, one row per (provider_id, model_id); ``providers`` defaults to the installed data."""
    records = []
    for where, provider, model in _walk(_providers(providers)):
        entries = _entries(model)
        price, start = _current(entries, as_of)
        daily = [price] + [p for c, p in entries if _is_time_of_day(c)]
        record: dict[str, Any] = {"provider_id": provider.id, "model_id": model.id, "name": model.name or ""}
        tiered = False
        for column, key in _KEYS.items():
            rates = []
            for rate_price in daily:
                rate, is_tiered = _price(rate_price, key, where)
                tiered = tiered or is_tiered
                rates.append(rate)
            known = [r for r in rates if r is not None]
            record[column] = max(known) if known else None
            if column in _OFFPEAK:
                record[_OFFPEAK[column]] = min(known) if len(daily) > 1 and known else None
        record.update(
            {
                "tiered": tiered,
                "time_of_day_pricing": len(daily) > 1,
                "valid_from": start,
                "deprecated": bool(model.deprecated),
                "context_window": parse_int(
                    model.context_window, file=DATA_FILE, row=where, column="context_window", minimum=0
                ),
            }
        )
        records.append(record)
    if not records:
        raise SourceError(DATA_FILE, None, None, "at least one priced model", "none")
    out = pd.DataFrame.from_records(records, columns=COLUMNS)
    return out.sort_values(["provider_id", "model_id"], kind="stable").reset_index(drop=True)


def read_changes(providers: Sequence[Any] | None = None, *, as_of: dt.date = AS_OF) -> pd.DataFrame:
    """Dated price changes recorded by the package (may be empty)."""
    records = []
    for where, provider, model in _walk(_providers(providers)):
        entries = [(c, p) for c, p in _entries(model) if not _is_time_of_day(c)]
        previous: tuple[float | None, float | None] = (None, None)
        ordered = sorted(enumerate(entries), key=lambda e: (_start(e[1][0]) or dt.date.min, e[0]))
        for _, (constraint, price) in ordered:
            new_in, _ = _price(price, "input_mtok", where)
            new_out, _ = _price(price, "output_mtok", where)
            start = _start(constraint)
            if start is not None:
                records.append(
                    {
                        "provider_id": provider.id,
                        "model_id": model.id,
                        "valid_from": start,
                        "price_input_usd_per_mtok": new_in,
                        "price_output_usd_per_mtok": new_out,
                        "previous_input_usd_per_mtok": previous[0],
                        "previous_output_usd_per_mtok": previous[1],
                        "scheduled": start > as_of,
                    }
                )
            previous = (new_in, new_out)
    out = pd.DataFrame.from_records(records, columns=CHANGE_COLUMNS)
    if out.empty:
        return out
    out = out.drop_duplicates(["provider_id", "model_id", "valid_from"], keep="last")
    return out.sort_values(["provider_id", "model_id", "valid_from"], kind="stable").reset_index(drop=True)
