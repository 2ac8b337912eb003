"""Parsers shared by the source readers: property tests (hypothesis) and the documented edge cases."""

import datetime as dt
import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openweights.errors import SourceError
from openweights.sources.parsing import (
    loose_name,
    parse_bool,
    parse_date,
    parse_float,
    parse_int,
    parse_price_per_mtok,
    parse_price_per_token_to_mtok,
    split_multi,
    strict_name,
)

finite = st.floats(allow_nan=False, allow_infinity=False)
garbage = st.text(min_size=1, max_size=12).filter(lambda s: any(c.isalpha() for c in s) and s.strip())
prices = st.decimals(min_value=0, max_value=Decimal("0.01"), places=12, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(finite)
def test_parse_float_round_trips_repr(x):
    assert parse_float(repr(x)) == x


@settings(max_examples=100, deadline=None)
@given(garbage)
def test_parse_float_rejects_text_with_letters(text):
    try:
        value = parse_float(text)
    except SourceError as exc:
        assert "expected" in str(exc)
    else:  # only exponent forms such as "1e5" contain a letter and are numbers
        assert value is not None and "e" in text.lower()


@settings(max_examples=200, deadline=None)
@given(prices)
def test_price_per_token_round_trips_and_is_never_negative(d):
    result = parse_price_per_token_to_mtok(format(d, "f"))
    assert result is not None and result >= 0
    assert result == float((d * 1_000_000).quantize(Decimal("0.000001")))
    assert math.isclose(parse_price_per_token_to_mtok(float(d)) or 0.0, result, rel_tol=1e-9, abs_tol=1e-6)


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=Decimal("-1000"), max_value=Decimal("-0.000001"), places=6))
def test_negative_prices_are_rejected_except_the_sentinel(d):
    if d == -1:
        assert parse_price_per_token_to_mtok("-1") is None
        return
    with pytest.raises(SourceError, match="price >= 0"):
        parse_price_per_token_to_mtok(str(d))
    with pytest.raises(SourceError):
        parse_price_per_mtok(float(d))


def test_implausibly_large_prices_are_rejected_not_overflowed():
    for text in ("1E100", "2", "1e30"):  # USD per token: 2 USD is 2 million per million tokens
        with pytest.raises(SourceError, match="at most"):
            parse_price_per_token_to_mtok(text)
    with pytest.raises(SourceError, match="at most"):
        parse_price_per_mtok("1E40")
    assert parse_price_per_token_to_mtok("1") == 1_000_000.0  # the ceiling itself is allowed


@settings(max_examples=100, deadline=None)
@given(garbage)
def test_price_parser_rejects_garbage(text):
    if text.strip() == "-1":
        return
    try:
        value = parse_price_per_token_to_mtok(text)
    except SourceError as exc:
        assert "price" in str(exc)
    else:
        assert value is not None and value >= 0 and "e" in text.lower()


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_parse_date_round_trips_iso(d):
    assert parse_date(d.isoformat()) == d
    assert parse_date(d) == d


@settings(max_examples=100, deadline=None)
@given(garbage)
def test_parse_date_rejects_garbage(text):
    with pytest.raises(SourceError, match="date"):
        parse_date(text)


def test_missing_values_are_na():
    for parser in (parse_float, parse_int, parse_price_per_mtok, parse_price_per_token_to_mtok, parse_date):
        assert parser(None) is None
        assert parser("") is None
        assert parser("   ") is None
        assert parser(float("nan")) is None


def test_openrouter_sentinel_and_units():
    assert parse_price_per_token_to_mtok("-1") is None
    assert parse_price_per_token_to_mtok("0") == 0.0
    assert parse_price_per_token_to_mtok("0.0000025") == 2.5
    assert parse_price_per_token_to_mtok("1.5e-7") == 0.15
    assert parse_price_per_token_to_mtok("0.0000000000001") == 0.0  # below 6 decimals of USD/Mtok


def test_errors_name_file_row_and_column():
    with pytest.raises(SourceError) as info:
        parse_float("12o", file="x.csv", row=7, column="Parameters")
    message = str(info.value)
    assert "x.csv" in message and "row 7" in message and "'Parameters'" in message and "12o" in message


def test_numbers_reject_separators_and_non_finite():
    for text in ("1,000", "1_000", "nan", "inf", "-inf", "0x10", "1.2.3"):
        with pytest.raises(SourceError):
            parse_float(text)
    assert parse_float("1.1999999999999999e+24") == float("1.1999999999999999e+24")
    assert parse_float("-3", minimum=None) == -3.0
    with pytest.raises(SourceError, match=">= 0"):
        parse_float("-3", minimum=0)


def test_parse_int():
    assert parse_int("8192") == 8192
    assert parse_int("8192.0") == 8192
    assert parse_int(1e6) == 1_000_000
    with pytest.raises(SourceError, match="whole number"):
        parse_int("8192.5")


def test_dates_month_precision_and_impossible_dates():
    assert parse_date("2025-03") == dt.date(2025, 3, 1)
    assert parse_date(dt.datetime(2025, 3, 4, 12)) == dt.date(2025, 3, 4)
    with pytest.raises(SourceError, match="real calendar date"):
        parse_date("2025-25-11")
    with pytest.raises(SourceError):
        parse_date("03/04/2025")


def test_parse_bool():
    assert parse_bool("Yes") is True and parse_bool("false") is False and parse_bool(True) is True
    assert parse_bool("") is None and parse_bool("Unknown") is None
    with pytest.raises(SourceError):
        parse_bool("maybe")


def test_split_multi_keeps_commas_followed_by_a_space():
    assert split_multi("DeepSeek,Peking University") == ["DeepSeek", "Peking University"]
    assert split_multi("Harbor Systems, Inc,Lotus Lab") == ["Harbor Systems, Inc", "Lotus Lab"]
    assert split_multi("Institute of\nTechnology ,Other") == ["Institute of Technology", "Other"]
    assert split_multi("") == [] and split_multi(None) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Claude 3.5 Sonnet", "claude-3-5-sonnet-20241022"),
        ("Qwen3-235B-A22B", "qwen/qwen3-235b-a22b-instruct-2507"),
        ("Lotus Chat 70B", "lotus/lotus-chat-70b-instruct:free"),
        ("Gemini 3.1 Pro", "gemini-3.1-pro-preview"),
        ("Mixtral 8x7B", "mixtral-8x7b-instruct"),
    ],
)
def test_loose_names_match_across_spellings(a, b):
    assert loose_name(a) == loose_name(b)


def test_strict_names_keep_versions_apart():
    assert strict_name("DeepSeek-R1 (May 2025)") != strict_name("DeepSeek-R1")
    assert strict_name("Kimi K2.5") == strict_name("moonshotai/kimi-k2.5") == "kimik25"
