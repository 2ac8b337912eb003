"""models.dev reader on a synthetic TOML tree: inheritance, omit paths, links, skipped files, bad input."""

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from openweights.errors import SourceError
from openweights.sources import modelsdev

TREE = Path(__file__).parent / "fixtures" / "sources" / "models.dev"


@pytest.fixture(scope="module")
def parsed():
    return modelsdev.read_all(TREE)


def test_lab_models(parsed):
    models = parsed[0].set_index("model_id")
    assert list(models.reset_index().columns) == modelsdev.MODEL_COLUMNS
    assert sorted(models.index) == ["lotus/lotus-chat-70b", "lotus/lotus-flash", "maple/maple-vision"]
    chat = models.loc["lotus/lotus-chat-70b"]
    assert chat.lab == "lotus" and chat.open_weights and chat.context_limit == 131072
    assert (
        chat.weights_host == "huggingface.co" and chat.weights_hf_repo == "lotus-ai/Lotus-Chat-70B-Instruct"
    )
    flash = models.loc["lotus/lotus-flash"]
    assert flash.release_date == dt.date(2025, 3, 1)  # "2025-03" → first of the month
    assert flash.last_updated == dt.date(2025, 4, 2)  # unquoted TOML date
    assert flash.input_modalities == "text;image"
    assert models.loc["maple/maple-vision", "license"] == "proprietary"
    assert models["cost_input_usd_per_mtok"].isna().all()


def test_offers_inherit_from_base_model_with_omit(parsed):
    offers = parsed[1].set_index(["provider", "model_key"])
    assert list(offers.reset_index().columns) == modelsdev.OFFER_COLUMNS
    chat = offers.loc[("lotus", "lotus-chat-70b")]
    assert chat.base_model == "lotus/lotus-chat-70b"
    assert chat["name"] == "Lotus Chat 70B" and chat.open_weights  # inherited
    assert chat.release_date == dt.date(2024, 5, 1) and chat.last_updated == dt.date(2024, 7, 1)  # own wins
    assert chat.context_limit == 65536 and chat.output_limit == 8192  # [limit] merged key by key
    assert chat.weights_hf_repo == "lotus-ai/Lotus-Chat-70B-Instruct"
    assert (chat.price_input_usd_per_mtok, chat.price_output_usd_per_mtok) == (0.3, 1.2)
    assert chat.price_cache_read_usd_per_mtok == 0.03 and pd.isna(chat.price_cache_write_usd_per_mtok)
    vision = offers.loc[("hostco", "maple-vision")]
    assert vision.status == "beta" and pd.isna(vision.price_input_usd_per_mtok)  # no price → NA
    assert offers.loc[("lotus", "lotus-flash"), "tiered"]
    assert offers.loc[("lotus", "lotus-flash"), "price_input_usd_per_mtok"] == 0.05  # base tier


def test_nested_keys_links_and_skipped_files(parsed):
    offers = parsed[1]
    keys = set(zip(offers["provider"], offers["model_key"], strict=True))
    assert ("hostco", "lotus-ai/Lotus-Chat-70B-Instruct") in keys
    assert ("hostco-cn", "lotus-ai/Lotus-Chat-70B-Instruct") in keys  # text-file symlink followed
    assert ("hostco-cn", "gone") not in keys
    report = offers.attrs["report"]
    assert report["dangling_links"] == ["providers/hostco-cn/models/gone.toml"]
    assert report["links_followed"] == 2
    assert report["non_toml_files_skipped"] == 1  # providers/hostco/data/notes.json
    assert report["provider_metadata_files"] == 3


def test_omit_removes_inherited_paths(tmp_path):
    tree = tmp_path / "md"
    shutil.copytree(TREE, tree)
    offer = tree / "providers" / "lotus" / "models" / "lotus-chat-70b.toml"
    offer.write_text(offer.read_text().replace('["limit.input"]', '["limit.output", "modalities"]'))
    offers = modelsdev.read_offers(tree).set_index(["provider", "model_key"])
    row = offers.loc[("lotus", "lotus-chat-70b")]
    assert pd.isna(row.output_limit) and row.input_modalities == ""


def _broken(tmp_path, rel, edit):
    tree = tmp_path / "md"
    shutil.copytree(TREE, tree)
    path = tree / rel
    path.write_bytes(edit(path.read_bytes()))
    return tree


@pytest.mark.parametrize(
    ("rel", "edit", "pattern"),
    [
        (
            "models/lotus/lotus-flash.toml",
            lambda b: b[: b.index(b"[limit]") + 3],
            r"lotus-flash.toml, (line \d+, column \d+|end of document): expected valid \(complete\) TOML",
        ),
        ("models/lotus/lotus-flash.toml", lambda b: b"", r"lotus-flash.toml: expected a non-empty file"),
        (
            "models/maple/maple-vision.toml",
            lambda b: b.replace(b"Maple Vision", "Maple Visi\u00f3n".encode("latin-1")),
            r"maple-vision.toml, line 1: expected UTF-8",
        ),
        (
            "providers/lotus/models/lotus-chat-70b.toml",
            lambda b: b.replace(b"input = 0.30", b"input = -0.30"),
            r"lotus-chat-70b.toml, \[cost\], column 'input': expected a price >= 0",
        ),
        (
            "providers/lotus/models/lotus-chat-70b.toml",
            lambda b: b.replace(b"input = 0.30", b'input = "cheap"'),
            r"\[cost\], column 'input': expected a number",
        ),
        (
            "providers/lotus/models/lotus-chat-70b.toml",
            lambda b: b.replace(b"lotus/lotus-chat-70b", b"lotus/missing"),
            r"\[top level\], column 'base_model': expected an existing models/lotus/missing.toml",
        ),
        (
            "models/lotus/lotus-flash.toml",
            lambda b: b.replace(b"open_weights = false", b'open_weights = "no"'),
            r"column 'open_weights': expected true or false",
        ),
        (
            "models/lotus/lotus-flash.toml",
            lambda b: b.replace(b'"2025-03"', b'"March 2025"'),
            r"column 'release_date': expected a date",
        ),
        (
            "models/lotus/lotus-flash.toml",
            lambda b: b.replace(b"context = 1_000_000", b"context = 1.5"),
            r"\[limit\], column 'context': expected a whole number",
        ),
    ],
    ids=[
        "truncated",
        "empty",
        "encoding",
        "negative-price",
        "price-type",
        "missing-base",
        "bool-type",
        "bad-date",
        "limit",
    ],
)
def test_bad_input(tmp_path, rel, edit, pattern):
    with pytest.raises(SourceError, match=pattern):
        modelsdev.read_all(_broken(tmp_path, rel, edit))


def test_impossible_calendar_dates_become_na_and_are_reported(tmp_path):
    tree = _broken(
        tmp_path,
        "models/maple/maple-vision.toml",
        lambda b: b.replace(b'release_date = "2023-11-20"', b'release_date = "2023-25-11"'),
    )
    models, _ = modelsdev.read_all(tree)
    assert pd.isna(models.set_index("model_id").loc["maple/maple-vision", "release_date"])
    assert models.attrs["report"]["invalid_dates"] == [
        ("models/maple/maple-vision.toml", "release_date", "2023-25-11"),
        ("providers/hostco/models/maple-vision.toml", "release_date", "2023-25-11"),  # inherited
    ]


def test_missing_tree(tmp_path):
    with pytest.raises(SourceError, match="models/ and providers/"):
        modelsdev.read_all(tmp_path)
