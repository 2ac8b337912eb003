"""genai-prices reader: current-price rule, tiers, time-of-day prices, dated changes; the installed package."""

import datetime as dt
import importlib.util
from decimal import Decimal
from pathlib import Path

import pandas as pd
from genai_prices import types as t

from openweights.sources import genai_prices

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def _providers(scale=1):
    spec = importlib.util.spec_from_file_location("genai_providers", FIXTURES / "genai_providers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.providers(scale)


def test_current_prices_follow_the_last_active_entry():
    frame = genai_prices.read(_providers(), as_of=dt.date(2026, 11, 23)).set_index(
        ["provider_id", "model_id"]
    )
    assert list(frame.reset_index().columns) == genai_prices.COLUMNS
    chat = frame.loc[("lotus", "lotus-chat-70b")]
    assert (chat.price_input_usd_per_mtok, chat.price_output_usd_per_mtok) == (0.2, 0.8)
    assert chat.valid_from == dt.date(2026, 1, 1) and chat.context_window == 131072
    earlier = genai_prices.read(_providers(), as_of=dt.date(2025, 12, 31)).set_index(
        ["provider_id", "model_id"]
    )
    assert earlier.loc[("lotus", "lotus-chat-70b"), "price_input_usd_per_mtok"] == 0.3
    assert pd.isna(earlier.loc[("lotus", "lotus-chat-70b"), "valid_from"])


def test_tiers_and_time_of_day_prices():
    frame = genai_prices.read(_providers()).set_index(["provider_id", "model_id"])
    flash = frame.loc[("lotus", "lotus-flash")]
    assert (
        flash.tiered
        and flash.price_input_usd_per_mtok == 0.05
        and flash.price_cache_read_usd_per_mtok == 0.01
    )
    night = frame.loc[("lotus", "lotus-night")]
    # An off-peak discount: the all-day rate is the day's highest, the discount the lowest.
    assert night.time_of_day_pricing and night.deprecated
    assert (night.price_input_usd_per_mtok, night.offpeak_price_input_usd_per_mtok) == (0.5, 0.25)
    assert (night.price_output_usd_per_mtok, night.offpeak_price_output_usd_per_mtok) == (2.0, 1.0)
    assert pd.isna(night.price_cache_read_usd_per_mtok)
    assert pd.isna(flash.offpeak_price_input_usd_per_mtok)


def test_peak_surcharge_is_the_shown_price():
    # DeepSeek's layout: a dated off-peak rate, then peak windows that cost more.
    peak = t.ConditionalPrice(
        constraint=t.TimeOfDateConstraint(start_time=dt.time(1, 0), end_time=dt.time(4, 0)),
        prices=t.ModelPrice(input_mtok=Decimal("1.32"), output_mtok=Decimal("3.96")),
    )
    dated = t.ConditionalPrice(
        constraint=t.StartDateConstraint(start_date=dt.date(2026, 8, 17)),
        prices=t.ModelPrice(input_mtok=Decimal("0.66"), output_mtok=Decimal("1.98")),
    )
    flat = t.ConditionalPrice(prices=t.ModelPrice(input_mtok=Decimal("0.435"), output_mtok=Decimal("0.87")))
    model = t.ModelInfo(id="pro", match=t.ClauseEquals(equals="pro"), name="Pro", prices=[flat, dated, peak])
    provider = t.Provider(id="lab", name="Lab", api_pattern=r"https://lab\.example", models=[model])
    row = genai_prices.read([provider], as_of=dt.date(2026, 11, 23)).iloc[0]
    assert (row.price_input_usd_per_mtok, row.price_output_usd_per_mtok) == (1.32, 3.96)
    assert (row.offpeak_price_input_usd_per_mtok, row.offpeak_price_output_usd_per_mtok) == (0.66, 1.98)
    assert row.valid_from == dt.date(2026, 8, 17)
    changes = genai_prices.read_changes([provider], as_of=dt.date(2026, 11, 23))
    assert changes["price_output_usd_per_mtok"].tolist() == [1.98]


def test_dated_changes():
    changes = genai_prices.read_changes(_providers(), as_of=dt.date(2026, 11, 23))
    assert list(changes.columns) == genai_prices.CHANGE_COLUMNS
    assert changes["valid_from"].tolist() == [dt.date(2026, 1, 1), dt.date(2027, 6, 1)]
    assert changes["previous_input_usd_per_mtok"].tolist() == [0.3, 0.2]
    assert changes["scheduled"].tolist() == [False, True]


def test_installed_package_is_readable_and_pinned():
    info = genai_prices.package_info()
    assert info["version"] and len(info["sha256"]) == 64 and info["bytes"] > 0
    frame = genai_prices.read()
    assert len(frame) > 100 and frame.set_index(["provider_id", "model_id"]).index.is_unique
    prices = frame[["price_input_usd_per_mtok", "price_output_usd_per_mtok"]]
    assert (prices.fillna(0) >= 0).all().all()
