"""Unit tests of openweights.analysis.prices on small synthetic frames with hand-checked answers."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from openweights.analysis import prices
from openweights.analysis.prices import CN_OPEN, OTHER, US_CLOSED, WEST_OPEN


# --- blended price -------------------------------------------------------------------------------
def test_blended_price_by_hand():
    # 3:1 mix: (3 * 1 + 5) / 4 = 2
    assert prices.blended_price(1.0, 5.0) == pytest.approx(2.0)
    # 1:1 mix is the plain mean; 0:1 is the output price alone
    assert prices.blended_price(0.28, 0.42, input_per_output=1) == pytest.approx(0.35)
    assert prices.blended_price(0.28, 0.42, input_per_output=0) == pytest.approx(0.42)
    # 10:1 mix: (10 * 2 + 10) / 11 = 30 / 11
    assert prices.blended_price(2.0, 10.0, input_per_output=10) == pytest.approx(30 / 11)


def test_blended_price_on_series_and_missing():
    out = prices.blended_price(pd.Series([1.0, 2.0, np.nan]), pd.Series([5.0, 10.0, 1.0]))
    assert out.iloc[0] == pytest.approx(2.0)
    assert out.iloc[1] == pytest.approx(4.0)
    assert math.isnan(out.iloc[2])


def test_blended_price_rejects_negative_mix():
    with pytest.raises(ValueError):
        prices.blended_price(1.0, 2.0, input_per_output=-1)


@given(
    st.floats(0, 1000, allow_nan=False),
    st.floats(0, 1000, allow_nan=False),
    st.floats(0, 100, allow_nan=False),
)
def test_blended_price_lies_between_input_and_output(p_in, p_out, r):
    value = prices.blended_price(p_in, p_out, r)
    assert min(p_in, p_out) - 1e-9 <= value <= max(p_in, p_out) + 1e-9


def test_add_blended_column():
    frame = pd.DataFrame({"price_input": [1.0, 0.0], "price_output": [5.0, 4.0]})
    out = prices.add_blended(frame)
    assert out["price_blended"].tolist() == pytest.approx([2.0, 1.0])
    assert "price_blended" not in frame.columns  # pure


# --- segments ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("group", "is_open", "expected"),
    [
        ("China", True, CN_OPEN),
        ("China", False, OTHER),
        ("United States", False, US_CLOSED),
        ("United States", True, WEST_OPEN),
        ("Europe", True, WEST_OPEN),
        ("Europe", False, OTHER),
        ("Other", True, OTHER),
        ("China", pd.NA, OTHER),
        (None, True, OTHER),
    ],
)
def test_segment_of(group, is_open, expected):
    assert prices.segment_of(group, is_open) == expected


def test_grouping_by_origin_and_summary():
    frame = pd.DataFrame(
        {
            "model": ["a", "b", "c", "d", "e", "f"],
            "country_group": ["China", "China", "United States", "United States", "Europe", "China"],
            "open_weights": [True, True, False, False, True, False],
            "price_blended": [0.5, 1.5, 10.0, 4.0, 1.0, np.nan],
        }
    )
    summary = prices.segment_summary(prices.assign_segments(frame))
    assert summary.index.tolist() == [CN_OPEN, US_CLOSED, WEST_OPEN]  # fixed order; unpriced "Other" gone
    assert summary.loc[CN_OPEN, "models"] == 2
    assert summary.loc[CN_OPEN, "median"] == pytest.approx(1.0)
    assert summary.loc[US_CLOSED, "median"] == pytest.approx(7.0)
    assert summary.loc[US_CLOSED, "min"] == 4.0 and summary.loc[US_CLOSED, "max"] == 10.0
    assert summary.loc[WEST_OPEN, "models"] == 1
    # quartiles by linear interpolation: 4 + 0.25 * (10 - 4) = 5.5
    assert summary.loc[US_CLOSED, "q25"] == pytest.approx(5.5)
    assert summary.loc[US_CLOSED, "q75"] == pytest.approx(8.5)


# --- cost frontier ----------------------------------------------------------------------------------
@pytest.fixture
def market():
    return pd.DataFrame(
        {
            "model": ["A", "B", "C", "D", "E", "F"],
            "eci_score": [100.0, 90.0, 80.0, 70.0, 90.0, np.nan],
            "price_blended": [10.0, 2.0, 5.0, 1.0, 3.0, 0.1],
            "segment": [US_CLOSED, CN_OPEN, WEST_OPEN, CN_OPEN, US_CLOSED, CN_OPEN],
        }
    )


def test_cost_frontier_cheapest_at_or_above(market):
    frontier = prices.cost_frontier(market).set_index("model")
    assert "F" not in frontier.index  # no capability score
    assert frontier["frontier_price"].to_dict() == {"A": 10.0, "B": 2.0, "E": 2.0, "C": 2.0, "D": 1.0}
    assert sorted(frontier.index[frontier["on_frontier"]]) == ["A", "B", "D"]


def test_cost_frontier_ties_on_price_and_capability():
    tied = pd.DataFrame({"model": ["x", "y"], "eci_score": [50.0, 50.0], "price_blended": [1.0, 1.0]})
    frontier = prices.cost_frontier(tied)
    assert frontier["on_frontier"].sum() == 1
    assert frontier["frontier_price"].tolist() == [1.0, 1.0]


def test_frontier_steps_ascending(market):
    steps = prices.frontier_steps(market)
    assert steps["model"].tolist() == ["D", "B", "A"]
    assert steps["price_blended"].is_monotonic_increasing


def test_cheapest_at_or_above_and_ratios(market):
    cheapest = prices.cheapest_at_or_above(market, thresholds=[85, 75])
    at85 = cheapest[cheapest["threshold"] == 85].set_index("segment")
    assert at85.loc[CN_OPEN, "model"] == "B"
    assert at85.loc[US_CLOSED, "model"] == "E"  # 3 < 10
    assert pd.isna(at85.loc[WEST_OPEN, "model"])  # C (80) is below 85
    at75 = cheapest[cheapest["threshold"] == 75].set_index("segment")
    assert at75.loc[WEST_OPEN, "model"] == "C"
    ratios = prices.threshold_ratios(cheapest).set_index("threshold")
    assert ratios.loc[85, "ratio_us_closed_to_cn_open"] == pytest.approx(1.5)
    assert ratios.loc[75, "ratio_west_open_to_cn_open"] == pytest.approx(2.5)
    assert math.isnan(ratios.loc[85, "ratio_west_open_to_cn_open"])
    assert ratios.loc[85, "cheapest_segment"] == CN_OPEN
    assert ratios.index.tolist() == [75, 85]


# --- host counting and spread -------------------------------------------------------------------
@pytest.fixture
def served():
    return pd.DataFrame(
        {
            "model_key": ["m1", "m1", "m1", "m1", "m1", "m2", "m2", "m3"],
            "host_org_id": ["dev1", "p1", "p1", "p2", "p3", "dev2", "dev2", "p4"],
            "is_first_party": [True, False, False, False, False, True, True, False],
            "price_blended": [3.0, 1.0, 3.0, 2.0, 6.0, 5.0, 4.0, np.nan],
        }
    )


def test_host_spread_counts_duplicates_once_and_excludes_developer(served):
    spread = prices.host_spread(served).set_index("model_key")
    assert spread.loc["m1", "hosts"] == 3  # p1 listed twice counts once; the developer is not a host
    # p1 at its cheapest listing (1.0), p2 2.0, p3 6.0 -> median 2.0 (not 2.5 with the duplicate)
    assert spread.loc["m1", "price_min"] == 1.0
    assert spread.loc["m1", "price_median"] == 2.0
    assert spread.loc["m1", "price_max"] == 6.0
    assert spread.loc["m1", "max_to_min"] == pytest.approx(6.0)
    assert spread.loc["m1", "price_first_party"] == 3.0
    assert spread.loc["m1", "first_party_to_median"] == pytest.approx(1.5)
    # only the developer sells m2: zero hosts, first-party price at its cheapest listing
    assert spread.loc["m2", "hosts"] == 0 and spread.loc["m2", "price_first_party"] == 4.0
    assert math.isnan(spread.loc["m2", "price_median"])
    assert spread.loc["m3", "hosts"] == 1 and spread.loc["m3", "priced_hosts"] == 0
    assert spread.index.tolist() == ["m1", "m3", "m2"]  # most hosts first


def test_host_spread_without_first_party_column(served):
    spread = prices.host_spread(served, first_party_col=None).set_index("model_key")
    assert spread.loc["m1", "hosts"] == 4
    assert spread.loc["m2", "hosts"] == 1


def test_hosts_by_openness():
    spread = pd.DataFrame({"hosts": [1, 3, 8, 0, 2], "open_weights": [True, True, True, False, False]})
    table = prices.hosts_by_openness(spread)
    assert table.loc["Open weights", "median_hosts"] == 3
    assert table.loc["Closed", "median_hosts"] == 1.0
    assert table.loc["Open weights", "share_multi_host"] == pytest.approx(2 / 3, abs=1e-3)
    assert table.index.tolist() == ["Open weights", "Closed"]


def test_is_gateway():
    assert prices.is_gateway("openrouter")
    assert prices.is_gateway("alibaba-coding-plan-cn")
    assert prices.is_gateway("kimi-for-coding")
    assert not prices.is_gateway("deepinfra")
    assert not prices.is_gateway("alibaba")


# --- linking catalogues to developers -------------------------------------------------------------
@pytest.fixture
def catalogue():
    identity = pd.DataFrame(
        {
            "model_key": ["cn/open", "us/closed", "us/open", "x/new"],
            "name": ["CN Open", "US Closed", "US Open", "New"],
            "org_id": ["cnlab", "uslab", "uslab", "xlab"],
            "country_group": ["China", "United States", "United States", "Other"],
            "eci_model_name": ["CN Open 1", "US Closed 1", pd.NA, pd.NA],
        }
    )
    lab = pd.DataFrame({"canonical_model_key": ["cn/open", "us/closed"], "open_weights": [True, pd.NA]})
    eci = pd.DataFrame(
        {
            "canonical_model_key": ["us/closed"],
            "model_name": ["US Closed 1"],
            "open_weights": [False],
            "eci_score": [150.0],
        }
    )
    eci = pd.concat(
        [
            eci,
            pd.DataFrame(
                {
                    "canonical_model_key": ["cn/open"],
                    "model_name": ["CN Open 1"],
                    "open_weights": [False],
                    "eci_score": [140.0],
                }
            ),
        ],
        ignore_index=True,
    )
    openrouter = pd.DataFrame(
        {
            "canonical_model_key": ["us/open", "us/open", "us/closed"],
            "hugging_face_id": ["us/open-weights", pd.NA, pd.NA],
            "is_variant": [False, True, False],
            "price_input_usd_per_mtok": [0.2, 0.0, 2.2],
            "price_output_usd_per_mtok": [0.6, 0.0, 11.0],
        }
    )
    offers = pd.DataFrame(
        {
            "provider": [
                "cnlab",
                "cnlab-cn",
                "host1",
                "host1",
                "openrouter",
                "uslab",
                "host2",
                "cnlab-coding-plan",
            ],
            "canonical_model_key": [
                "cn/open",
                "cn/open",
                "cn/open",
                "us/open",
                "cn/open",
                "us/closed",
                "us/closed",
                "cn/open",
            ],
            "name": ["n"] * 8,
            "open_weights": [True, True, False, True, True, False, False, True],
            "provider_org_id": ["cnlab", "cnlab", "host1", "host1", "openrouter", "uslab", "host2", "cnlab"],
            "output_modalities": ["text"] * 8,
            "price_input_usd_per_mtok": [0.5, 0.2, 0.4, 0.2, 0.5, 2.0, 2.0, 0.0],
            "price_output_usd_per_mtok": [1.5, 0.6, 1.2, 0.6, 1.5, 10.0, 10.0, 0.0],
        }
    )
    genai = pd.DataFrame(
        {
            "provider_id": ["uslab", "uslab", "host1"],
            "model_id": ["closed-1", "closed-1-old", "cn-open"],
            "canonical_model_key": ["us/closed", "us/closed", "cn/open"],
            "provider_org_id": ["uslab", "uslab", "host1"],
            "provider_country_group": ["United States", "United States", "United States"],
            "deprecated": [False, True, False],
            "price_input_usd_per_mtok": [2.0, 0.1, 0.4],
            "price_output_usd_per_mtok": [10.0, 0.1, 1.2],
        }
    )
    return identity, lab, eci, openrouter, offers, genai


def test_open_weights_by_key_priority(catalogue):
    identity, lab, eci, openrouter, offers, _ = catalogue
    ow = prices.open_weights_by_key(identity, lab, eci, openrouter, offers).set_index("model_key")
    assert bool(ow.loc["cn/open", "open_weights"]) is True  # lab file beats ECI's False
    assert ow.loc["cn/open", "open_weights_source"] == "models.dev lab"
    assert bool(ow.loc["us/closed", "open_weights"]) is False  # lab NA, so ECI decides
    assert ow.loc["us/closed", "open_weights_source"] == "ECI"
    assert bool(ow.loc["us/open", "open_weights"]) is True  # OpenRouter lists a Hugging Face repo
    assert pd.isna(ow.loc["x/new", "open_weights"])


def test_first_party_prices(catalogue):
    identity, lab, eci, openrouter, offers, genai = catalogue
    ow = prices.open_weights_by_key(identity, lab, eci, openrouter, offers)
    fp = prices.first_party_prices(genai, offers, identity, ow).set_index("model_key")
    # us/closed from genai-prices, deprecated row ignored: (3*2 + 10)/4 = 4
    assert fp.loc["us/closed", "price_blended"] == pytest.approx(4.0)
    assert fp.loc["us/closed", "price_source"] == "genai-prices"
    assert fp.loc["us/closed", "segment"] == US_CLOSED
    # cn/open: genai has only a host row, so models.dev's developer listing; the cheaper -cn domestic
    # endpoint, the free coding plan and the router are skipped: (3*0.5 + 1.5)/4 = 0.75
    assert fp.loc["cn/open", "price_blended"] == pytest.approx(0.75)
    assert fp.loc["cn/open", "price_source"] == "models.dev"
    assert fp.loc["cn/open", "segment"] == CN_OPEN
    assert "us/open" not in fp.index  # only a host sells it


def test_first_party_prices_by_mix_match_one_blend_at_a_time(catalogue):
    identity, lab, eci, openrouter, offers, genai = catalogue
    ow = prices.open_weights_by_key(identity, lab, eci, openrouter, offers)
    by_mix = prices.first_party_prices_by_mix(genai, offers, identity, ow, [1.0, 3.0, 10.0])
    assert list(by_mix) == [1.0, 3.0, 10.0]
    for mix, table in by_mix.items():
        pd.testing.assert_frame_equal(table, prices.first_party_prices(genai, offers, identity, ow, mix))
    # us/closed at 1:1 is (2 + 10)/2 = 6, at 10:1 (10*2 + 10)/11
    us = {mix: t.set_index("model_key").loc["us/closed", "price_blended"] for mix, t in by_mix.items()}
    assert us[1.0] == pytest.approx(6.0) and us[10.0] == pytest.approx(30 / 11)


def test_price_cross_check(catalogue):
    identity, lab, eci, openrouter, offers, genai = catalogue
    ow = prices.open_weights_by_key(identity, lab, eci, openrouter, offers)
    check = prices.price_cross_check(genai, offers, openrouter, identity, ow).set_index("comparison")
    md = check.loc["models.dev, developer's listing"]
    assert md["models"] == 1 and md["median_ratio"] == pytest.approx(1.0)
    orr = check.loc["OpenRouter, default route"]
    # OpenRouter (3*2.2 + 11)/4 = 4.4 against 4.0: ratio 1.1, within 10 %
    assert orr["median_ratio"] == pytest.approx(1.1)
    assert orr["share_within_10pct"] == 1.0


def test_with_capability(catalogue):
    identity, lab, eci, openrouter, offers, genai = catalogue
    ow = prices.open_weights_by_key(identity, lab, eci, openrouter, offers)
    fp = prices.first_party_prices(genai, offers, identity, ow)
    cap = prices.with_capability(fp, identity, eci).set_index("model_key")
    assert cap.loc["us/closed", "eci_score"] == 150.0
    assert cap.loc["cn/open", "eci_score"] == 140.0
    linked = identity.dropna(subset=["eci_model_name"]).set_index("model_key")["eci_model_name"]
    for key, eci_name in linked.items():
        if key in cap.index:
            assert cap.loc[key, "name"] == eci_name
    assert (cap["catalogue_name"] == fp.set_index("model_key")["name"].reindex(cap.index)).all()


def test_serving_offers_and_cheapest_listing(catalogue):
    identity, lab, eci, openrouter, offers, genai = catalogue
    ow = prices.open_weights_by_key(identity, lab, eci, openrouter, offers)
    served = prices.serving_offers(offers, identity, ow)
    assert "openrouter" not in set(served["provider"])  # gateway
    assert "cnlab-coding-plan" not in set(served["provider"])  # subscription
    assert "cnlab-cn" not in set(served["provider"])  # developer's domestic endpoint
    assert served.loc[served["provider"].eq("cnlab"), "is_first_party"].all()
    spread = prices.host_spread(served).set_index("model_key")
    assert spread.loc["cn/open", "hosts"] == 1
    assert spread.loc["cn/open", "first_party_to_median"] == pytest.approx(0.75 / 0.6)
    fp = prices.first_party_prices(genai, offers, identity, ow)
    best = prices.cheapest_listing(fp, spread.reset_index()).set_index("model_key")
    assert best.loc["cn/open", "price_blended"] == pytest.approx(0.6)  # host1 undercuts the lab
    assert best.loc["cn/open", "price_source"] == "host"
    assert best.loc["us/closed", "price_source"] == "genai-prices"  # reseller at the same price


def test_selfhost_breakeven():
    frame = pd.DataFrame(
        {
            "model": ["a", "b"],
            "api_price_per_mtok_usd": [4.0, 0.1],
            "cost_per_mtok_usd": [0.5, 0.5],
            "monthly_fixed_cost_usd": [2000.0, 2000.0],
            "breakeven_tokens_per_month": [5e8, 2e10],
            "capacity_tokens_per_month": [1e10, 1e10],
            "breakeven_utilisation": [0.05, 2.0],
            "breaks_even": [True, False],
        }
    )
    table = prices.selfhost_breakeven({"closed": frame})
    assert table["breakeven_billion_tokens_per_month"].tolist() == pytest.approx([0.5, 20.0])
    assert table["breaks_even"].tolist() == [True, False]
    assert set(table["api"]) == {"closed"}


def test_split_per_model_keeps_every_value_once():
    frame = pd.DataFrame(
        {
            "model": ["a", "b"],
            "api_price_per_mtok_usd": [4.0, 0.1],
            "cost_per_mtok_usd": [0.5, 0.7],
            "monthly_fixed_cost_usd": [2000.0, 9000.0],
            "breakeven_tokens_per_month": [5e8, 2e10],
            "capacity_tokens_per_month": [1e10, 3e10],
            "breakeven_utilisation": [0.05, 2.0],
            "breaks_even": [True, False],
        }
    )
    table = prices.selfhost_breakeven({"closed": frame, "open": frame})
    per_model, by_api = prices.split_per_model(table)
    assert per_model.to_dict("list") == {
        "model": ["a", "b"],
        "monthly_fixed_cost_usd": [2000.0, 9000.0],
        "capacity_billion_tokens_per_month": [10.0, 30.0],
    }
    assert len(by_api) == 4 and not set(prices.PER_MODEL_COLUMNS) & set(by_api.columns)
    assert len(by_api.columns) + len(prices.PER_MODEL_COLUMNS) == len(table.columns)


# --- list-price changes -------------------------------------------------------------------------------
def test_price_change_directions(catalogue):
    identity, lab, eci, openrouter, offers, genai = catalogue
    ow = prices.open_weights_by_key(identity, lab, eci, openrouter, offers)
    genai = pd.concat(
        [
            genai,
            pd.DataFrame(
                {
                    "provider_id": ["uslab", "uslab"],
                    "model_id": ["closed-2.5", "global.other.model"],
                    "canonical_model_key": [pd.NA, pd.NA],
                    "provider_org_id": ["uslab", "uslab"],
                    "provider_country_group": ["United States", "United States"],
                    "deprecated": [False, False],
                    "price_input_usd_per_mtok": [1.0, 1.0],
                    "price_output_usd_per_mtok": [1.0, 1.0],
                }
            ),
        ],
        ignore_index=True,
    )
    changes = pd.DataFrame(
        {
            "provider_id": ["uslab", "uslab", "host1", "uslab", "uslab"],
            "model_id": ["closed-1", "closed-1", "cn-open", "closed-2.5", "global.other.model"],
            "valid_from": pd.to_datetime(
                ["2026-01-01", "2026-02-01", "2026-01-01", "2026-03-01", "2026-03-01"]
            ),
            "price_input_usd_per_mtok": [2.0, 2.0, 0.4, 2.0, 1.0],
            "price_output_usd_per_mtok": [10.0, 10.0, 1.2, 2.0, 1.0],
            "previous_input_usd_per_mtok": [1.0, 2.0, 0.2, 1.0, 2.0],
            "previous_output_usd_per_mtok": [5.0, 10.0, 0.6, 1.0, 2.0],
            "scheduled": [False, False, False, True, False],
        }
    )
    organizations = pd.DataFrame({"org_id": ["uslab", "host1"], "is_model_developer": ["yes", "no"]})
    out = prices.price_change_directions(changes, genai, identity, ow, organizations)
    # host1's change is not a developer's; "global.other.model" is a reseller listing
    assert out["model_id"].tolist() == ["closed-1", "closed-1", "closed-2.5"]
    assert out["direction"].tolist() == ["increase", "unchanged", "increase"]
    assert out["change_pct"].iloc[0] == pytest.approx(100.0)  # 2 -> 4 blended
    assert out["in_snapshots"].tolist() == [True, True, False]
    # closed-2.5 is not in the snapshots, but uslab's "closed" line there is closed (closed-1)
    assert out["open_weights"].tolist() == [False, False, False]
    assert out["openness_from"].tolist() == ["snapshots", "snapshots", "model line"]
    counts = prices.change_counts(out)
    assert counts.loc["uslab", "increase"] == 2 and counts.loc["uslab", "unchanged"] == 1
    assert counts.loc["uslab", "largest_increase_pct"] == 100


def test_price_change_directions_counts_one_change_per_developer(catalogue):
    """Two provider ids of one lab recording the same change (Zhipu's zai and zhipuai) count once."""
    identity, lab, eci, openrouter, offers, genai = catalogue
    ow = prices.open_weights_by_key(identity, lab, eci, openrouter, offers)
    listing = {
        "model_id": ["GLM-9", "glm-9"],
        "canonical_model_key": [pd.NA, pd.NA],
        "provider_org_id": ["zhipu", "zhipu"],
        "provider_country_group": ["China", "China"],
        "deprecated": [False, False],
        "price_input_usd_per_mtok": [1.0, 1.0],
        "price_output_usd_per_mtok": [2.0, 2.0],
    }
    genai = pd.concat(
        [genai, pd.DataFrame({"provider_id": ["zhipuai", "zai"], **listing})], ignore_index=True
    )
    same_change = {
        "valid_from": pd.to_datetime(["2026-09-10"] * 2),
        "price_input_usd_per_mtok": [1.0, 1.0],
        "price_output_usd_per_mtok": [2.0, 2.0],
        "previous_input_usd_per_mtok": [0.5, 0.5],
        "previous_output_usd_per_mtok": [1.0, 1.0],
        "scheduled": [False, False],
    }
    changes = pd.DataFrame({"provider_id": ["zhipuai", "zai"], "model_id": ["GLM-9", "glm-9"], **same_change})
    organizations = pd.DataFrame({"org_id": ["zhipu"], "is_model_developer": ["yes"]})
    out = prices.price_change_directions(changes, genai, identity, ow, organizations)
    assert out[["developer", "provider_id", "direction"]].values.tolist() == [
        ["zhipu", "zai; zhipuai", "increase"]
    ]
    assert prices.change_counts(out).loc["zhipu", "increase"] == 1
    # the same doubling at another price level (another currency) is still one decision; the larger move stays
    changes.loc[1, ["price_output_usd_per_mtok", "previous_output_usd_per_mtok"]] = [3.0, 1.0]
    out = prices.price_change_directions(changes, genai, identity, ow, organizations)
    assert out["provider_id"].tolist() == ["zai; zhipuai"]
    assert out["price_after"].iloc[0] == pytest.approx(prices.blended_price(1.0, 3.0))
    # moves in opposite directions on the same day are two changes
    changes.loc[1, ["price_input_usd_per_mtok", "price_output_usd_per_mtok"]] = [0.1, 0.1]
    out = prices.price_change_directions(changes, genai, identity, ow, organizations)
    assert sorted(out["direction"]) == ["decrease", "increase"]


def test_increases_by_openness_counts_unknown_openness_apart():
    directions = pd.DataFrame(
        {
            "direction": ["increase", "increase", "increase", "increase", "increase", "decrease"],
            "open_weights": pd.array([True, False, False, pd.NA, pd.NA, False], dtype="boolean"),
            "openness_from": ["snapshots", "snapshots", "model line", None, None, "model line"],
            "scheduled": [False, False, True, True, False, True],
        }
    )
    assert prices.increases_by_openness(directions) == {
        "price_increases_open": 1,
        "price_increases_closed": 2,
        "price_increases_closed_by_line": 1,
        "price_increases_openness_unknown": 2,
        "price_increases_scheduled": 2,
    }


@pytest.mark.parametrize(
    ("model_id", "line"),
    [
        ("gemini-3.6-flash", "gemini"),
        ("gemini-robotics-er-2-preview", "gemini-robotics-er"),
        ("mistral-large-4", "mistral-large"),
        ("GLM-5.3-Flash", "glm"),
        ("gpt-oss-120b", "gpt-oss"),
        ("o3", ""),
    ],
)
def test_model_line_is_the_name_before_the_first_version(model_id, line):
    assert prices.model_line(model_id) == line


def test_openness_by_line_needs_every_model_of_the_line_to_agree():
    identity = pd.DataFrame(
        {
            "model_key": ["g/a", "g/b", "g/c", "m/x", "m/y", "o/o3"],
            "name": ["A", "B", "C", "X", "Y", "o3"],
            "org_id": ["g", "g", "g", "m", "m", "o"],
            "country_group": ["United States"] * 3 + ["Europe"] * 2 + ["United States"],
        }
    )
    openness = pd.DataFrame(
        {"model_key": identity["model_key"], "open_weights": [False, False, True, True, False, False]}
    )
    genai = pd.DataFrame(
        {
            "provider_id": ["g", "g", "g", "m", "m", "o", "host"],
            "model_id": ["gem-1", "gem-2-pro", "gemma-3", "large-2", "large-3", "o3", "gem-9"],
            "canonical_model_key": ["g/a", "g/b", "g/c", "m/x", "m/y", "o/o3", "g/a"],
            "provider_org_id": ["g", "g", "g", "m", "m", "o", "host"],
        }
    )
    table = prices.openness_by_line(genai, identity, openness).set_index(["developer", "line"])
    assert table.loc[("g", "gem"), "open_weights"] == False  # noqa: E712 (a pandas boolean)
    assert table.loc[("g", "gem"), "models"] == 2  # the host's listing is not the developer's own
    assert bool(table.loc[("g", "gemma"), "open_weights"])
    assert pd.isna(table.loc[("m", "large"), "open_weights"])  # one open, one closed
    assert ("o", "") not in table.index


# --- jurisdictions --------------------------------------------------------------------------------------
def test_server_region_groups():
    assert prices.server_region_groups("CN;HK;SG;US;DE") == ("China", "United States", "Europe", "Other")
    assert prices.server_region_groups("EU;unknown") == ("Europe",)
    assert prices.server_region_groups("global") == ()
    assert prices.server_region_groups(np.nan) == ()


def test_host_jurisdictions_and_table():
    served = pd.DataFrame(
        {
            "model_key": ["m", "m", "m", "m", "n"],
            "host_org_id": ["lab", "eu1", "eu1", "anon", "us1"],
            "is_first_party": [True, False, False, False, False],
        }
    )
    organizations = pd.DataFrame(
        {
            "org_id": ["lab", "eu1", "anon", "us1"],
            "legal_seat_country": ["CN", "FR", "XX", "US"],
            "server_regions": ["CN", "EU", "unknown", "US;DE"],
        }
    )
    j = prices.host_jurisdictions(served, organizations)
    assert len(j) == 4  # eu1 listed twice for m counts once
    table = prices.jurisdiction_table(j, ["m", "n"])
    assert table.loc["m", "China"] == 1 and table.loc["m", "Europe"] == 1 and table.loc["m", "Unknown"] == 1
    assert table.loc["m", "All hosts"] == 3
    assert table.loc["m", "Europe servers documented"] == 1
    assert table.loc["n", "United States"] == 1 and table.loc["n", "Europe servers documented"] == 1


def test_major_open_models():
    comparison = pd.DataFrame(
        {"model_key": ["a", "b", "c", "d"], "hosts": [5, 9, 5, 20], "open_weights": [True, True, True, False]}
    )
    assert prices.major_open_models(comparison, n=2) == ["b", "a"]


# --- data control and claims ---------------------------------------------------------------------
def test_control_matrix_and_scores():
    matrix = pd.DataFrame(
        {
            "mode": ["us_proprietary_api", "own_hardware", "us_proprietary_api", "own_hardware"],
            "dimension": ["retention", "retention", "switching_cost", "switching_cost"],
            "rating": ["partial", "full", "none", "full"],
        }
    )
    wide = prices.control_matrix(matrix)
    assert wide.index.tolist() == ["Own hardware (open weights)", "US proprietary API"]
    assert wide.columns.tolist() == ["Retention and logging", "Switching provider"]
    scores = prices.control_scores(wide)
    assert scores.tolist() == [4, 1]
    evidence = prices.control_evidence(
        matrix.assign(
            summary=["a", "b", "c", "d"],
            source_url=["https://www.a.org/x", "https://b.org", "https://c.org", "https://d.org"],
            source_url_2=[None, "https://law.example/7", None, None],
        )
    )
    assert evidence.columns.tolist() == ["deployment mode", "dimension", "rating", "evidence", "source"]
    assert evidence["evidence"].tolist() == ["b", "d", "a", "c"]
    assert evidence["source"].tolist() == ["b.org; law.example", "d.org", "a.org", "c.org"]
    assert evidence.loc[0, "deployment mode"] == "Own hardware (open weights)"
    assert evidence.loc[1, "dimension"] == "Switching provider"


# --- helpers added for the chapter's tables ---------------------------------------------------------
def test_is_china_domestic():
    assert prices.is_china_domestic("alibaba-cn")
    assert prices.is_china_domestic("zhipuai")  # bigmodel.cn, the domestic twin of z.ai
    assert not prices.is_china_domestic("zai")
    assert not prices.is_china_domestic("siliconflow")


def test_spread_summary():
    comparison = pd.DataFrame(
        {
            "model_key": ["a", "b", "c", "d"],
            "hosts": [4, 6, 3, 9],
            "priced_hosts": [4, 5, 3, 2],
            "max_to_min": [2.0, 4.0, 1.2, 9.0],
            "first_party_to_median": [1.0, 0.5, 1.0, np.nan],
            "open_weights": [True, True, False, False],
            "country_group": ["China", "United States", "United States", "China"],
        }
    )
    table = prices.spread_summary(comparison)
    assert table.index.tolist() == ["Open weights", "Closed"]
    assert table.loc["Open weights", "median_max_to_min"] == pytest.approx(3.0)
    assert table.loc["Closed", "models"] == 1  # d has only two priced hosts
    by_group = prices.spread_summary(comparison, by="country_group")
    assert by_group.loc["China", "models"] == 1


def test_price_by_seat():
    served = pd.DataFrame(
        {
            "model_key": ["m"] * 4,
            "host_org_id": ["lab", "eu1", "eu2", "us1"],
            "is_first_party": [True, False, False, False],
            "price_blended": [1.0, 3.0, 2.0, 0.5],
        }
    )
    jurisdictions = pd.DataFrame(
        {
            "model_key": ["m"] * 4,
            "host_org_id": ["lab", "eu1", "eu2", "us1"],
            "seat_group": ["China", "Europe", "Europe", "United States"],
        }
    )
    table = prices.price_by_seat(served, jurisdictions, ["m"])
    assert table.loc["m", "developer's API"] == 1.0
    assert table.loc["m", "Europe"] == 2.0  # the cheaper of the two European hosts
    assert table.loc["m", "United States"] == 0.5
    assert pd.isna(table.loc["m", "China"])  # the developer is not counted as a host
    assert table.loc["m", "Europe / developer"] == pytest.approx(2.0)


# --- figures: each returns a Figure on a small synthetic frame -------------------------------------------
def test_plot_functions_return_figures(market):
    from matplotlib.figure import Figure

    from openweights.plots import cost as plots

    priced = market.dropna().assign(
        country_group=["United States", "China", "Europe", "China", "United States"],
        open_weights=[False, True, True, True, False],
        name=["A", "B", "C", "D", "E"],
    )
    comparison = pd.DataFrame(
        {
            "model_key": ["x", "y"],
            "name": ["X", "Y"],
            "hosts": [3, 1],
            "price_min": [0.1, 1.0],
            "price_median": [0.2, 1.1],
            "price_max": [0.5, 1.2],
            "price_first_party": [0.2, np.nan],
            "open_weights": [True, False],
        }
    )
    sensitivity = pd.DataFrame(
        {
            "assumption": ["utilisation", "utilisation", "ops_fte", "ops_fte"],
            "bound": ["low", "high", "low", "high"],
            "assumption_value": [0.05, 0.7, 0.1, 1.5],
            "baseline": [1.0] * 4,
            "value": [5.0, 0.6, 1.0, 1.0],
            "swing": [4.4, 4.4, 0.0, 0.0],
        }
    )
    matrix = prices.control_matrix(
        pd.DataFrame({"mode": ["own_hardware"], "dimension": ["retention"], "rating": ["full"]})
    )
    seats = pd.DataFrame({g: [1] for g in prices.JURISDICTION_GROUPS}, index=["x"])
    result = pd.Series({"model": "M", "monthly_fixed_cost_usd": 3000.0, "capacity_tokens_per_month": 1e10})
    figs = [
        plots.plot_segment_prices(prices.assign_segments(priced)),
        plots.plot_price_capability(priced, prices.frontier_steps(priced), thresholds=[80]),
        plots.plot_host_spread(comparison, ["x", "y"]),
        plots.plot_breakeven(result, {"api": 4.0}),
        plots.plot_tornado(sensitivity),
        plots.plot_control_matrix(matrix),
        plots.plot_jurisdictions(seats, {"x": "X"}),
    ]
    assert all(isinstance(fig, Figure) for fig in figs)
    # the tornado drops assumptions that do not move the metric
    assert len(figs[4].axes[0].get_yticklabels()) == 1


def test_matched_capability_facts_compare_like_with_like_and_name_the_only_option():
    import pandas as pd

    from openweights.analysis import prices

    capability = pd.DataFrame(
        {
            "name": ["CN open A", "CN open B", "US closed C", "US closed D", "CN closed E"],
            "segment": [prices.CN_OPEN, prices.CN_OPEN, prices.US_CLOSED, prices.US_CLOSED, "Other"],
            "eci_score": [151.0, 146.0, 150.5, 158.0, 153.0],
            "price_blended": [2.0, 0.5, 1.0, 10.0, 3.0],
        }
    )
    developer = prices.cheapest_at_or_above(capability, [150.0], name_col="name")
    host = developer.assign(price=developer["price"].where(developer["segment"].ne(prices.CN_OPEN), 0.25))
    facts = prices.matched_capability_facts(capability, developer, host)
    assert facts["matched_cn_open_model_150"] == "CN open A" and facts["matched_cn_open_count_150"] == 1
    assert facts["matched_ratio_us_closed_to_cn_open_150"] == 0.5
    assert facts["matched_ratio_us_closed_to_cn_open_150_host"] == 4.0
    assert facts["matched_direction_150"] == "reverses"
    assert facts["only_option_above_model"] == "CN open A" and facts["only_option_above_score"] == 151.0
    assert facts["only_option_us_closed_models"] == 1 and facts["only_option_other_models"] == "CN closed E"


def test_selfhost_comparators_give_a_range_against_similar_closed_apis_and_hosts():
    evaluated = pd.DataFrame(
        {
            "model": ["big", "small"],
            "monthly_fixed_cost_usd": [1000.0, 500.0],
            "capacity_tokens_per_month": [1e9, 1e9],
        }
    )
    references = pd.DataFrame(
        {
            "model": ["big", "small"],
            "catalogue_model_key": ["lab/big", "lab/small"],
            "eci_model_name": ["Big", ""],
        }
    )
    capability = pd.DataFrame(
        {
            "eci_model_name": ["Big", "Near", "Close", "Far", None],
            "eci_score": [140.0, 142.0, 138.0, 150.0, np.nan],
            "open_weights": [True, False, False, False, False],
            "price_blended": [1.0, 2.0, 10.0, 0.01, 0.5],
        }
    )
    spread = pd.DataFrame(
        {
            "model_key": ["lab/big"],
            "priced_hosts": [3],
            "price_min": [0.5],
            "price_median": [1.0],
            "price_max": [4.0],
        }
    )
    table = prices.selfhost_comparators(evaluated, references, capability, spread).set_index(
        ["model", "comparator"]
    )
    closed = table.loc[("big", prices.CLOSED_SIMILAR)]
    # only the two closed models within three points count; the far, cheap one does not
    assert closed["priced_options"] == 2
    assert (closed["price_cheapest"], closed["price_median"], closed["price_dearest"]) == (2.0, 6.0, 10.0)
    assert closed["breakeven_mtok_cheapest"] == pytest.approx(500.0)  # 1000 USD / 2 USD per Mtok
    assert closed["utilisation_needed_cheapest"] == pytest.approx(0.5)
    hosts = table.loc[("big", prices.SAME_MODEL_HOSTS)]
    assert hosts["utilisation_needed_cheapest"] == pytest.approx(2.0)  # never pays at the cheapest host
    assert table.loc[("small", prices.CLOSED_SIMILAR), "priced_options"] == 0  # unscored: no closed match
    assert table.loc[("small", prices.SAME_MODEL_HOSTS), "priced_options"] == 0
    facts = prices.selfhost_range_facts(table.reset_index(), assumed_utilisation=0.4)
    assert facts["selfhost_closed_similar_models"] == 1
    assert facts["selfhost_closed_similar_breaks_even_cheapest"] == 1
    assert facts["selfhost_hosts_breaks_even_cheapest"] == 0
    assert facts["selfhost_hosts_breaks_even_median"] == 1  # 1000 Mtok = all of the capacity
    assert facts["selfhost_hosts_within_assumed_median"] == 0
    assert facts["selfhost_closed_similar_median_btok_low"] == pytest.approx(1000 / 6.0 / 1e3)
