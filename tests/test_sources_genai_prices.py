"""genai-prices reader: current-price rule, tiers, time-of-day prices, dated changes; the installed package."""

import datetime as dt
import importlib.util
from pathlib import Path

import pandas as pd

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
    assert night.time_of_day_pricing and night.price_input_usd_per_mtok == 0.5 and night.deprecated
    assert pd.isna(night.price_cache_read_usd_per_mtok)


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
