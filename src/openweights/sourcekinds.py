"""What kind of source a URL is: a primary document, a reputable news outlet, or a secondary page.

The curated tables store each row's ``source_kind`` (and ``source_kind_2`` for a second source). This module holds
the domain rules used to fill those columns where a table had none, and that the tests use to check stored kinds
against the domain of the URL. A primary document is the maker's or the government's own text (a model card, a
company's post or filing, a government or court text, a paper, a project's own documentation or data); news is a
reputable outlet with an editorial desk; everything else (summaries, aggregators, blogs, AI-news sites, SEO pages,
market-data sites) is secondary.
"""

from __future__ import annotations

from urllib.parse import urlparse

__all__ = ["KINDS", "PRIMARY", "NEWS", "SECONDARY", "kind_of", "rank"]

PRIMARY, NEWS, SECONDARY = "primary", "news", "secondary"
KINDS = (PRIMARY, NEWS, SECONDARY)

#: The maker's, the publisher's or a government's own sites, papers and project documentation.
PRIMARY_DOMAINS = (
    "gov",
    "gov.cn",
    "gov.uk",
    "gov.sg",
    "go.kr",
    "go.jp",
    "europa.eu",
    "int",
    "hkexnews.hk",
    "arxiv.org",
    "huggingface.co",
    "github.com",
    "raw.githubusercontent.com",
    "modelscope.cn",
    "epoch.ai",
    "hai.stanford.edu",
    "openai.com",
    "anthropic.com",
    "claude.com",
    "deepseek.com",
    "alibabacloud.com",
    "alizila.com",
    "alibabagroup.com",
    "qwenlm.github.io",
    "moonshot.ai",
    "moonshot.cn",
    "z.ai",
    "zhipuai.cn",
    "minimax.io",
    "minimaxi.com",
    "stepfun.com",
    "tencent.com",
    "bytedance.com",
    "byteplus.com",
    "baidu.com",
    "xiaomi.com",
    "meta.com",
    "fb.com",
    "nvidia.com",
    "google.com",
    "blog.google",
    "ai.google.dev",
    "deepmind.google",
    "microsoft.com",
    "amazon.com",
    "x.ai",
    "mistral.ai",
    "apache.org",
    "models.dev",
    "openrouter.ai",
    "lmsys.org",
    "fireworks.ai",
    "unsloth.ai",
    "gpustack.ai",
    "datacrunch.io",
    "modal.com",
)
#: Reputable outlets with an editorial desk (wire services, business and technology press, national press).
NEWS_DOMAINS = (
    "reuters.com",
    "bloomberg.com",
    "ft.com",
    "wsj.com",
    "nytimes.com",
    "scmp.com",
    "cnbc.com",
    "techcrunch.com",
    "theverge.com",
    "nikkei.com",
    "caixinglobal.com",
    "theinformation.com",
    "axios.com",
    "apnews.com",
    "bbc.com",
    "bbc.co.uk",
    "theguardian.com",
    "economist.com",
    "fortune.com",
    "semafor.com",
    "politico.com",
    "theregister.com",
    "businesstimes.com.sg",
    "straitstimes.com",
    "channelnewsasia.com",
    "thestar.com.my",
    "theedgemalaysia.com",
    "people.cn",
    "xinhuanet.com",
    "chinadaily.com.cn",
    "dealstreetasia.com",
    "calcalistech.com",
    "mobileworldlive.com",
    "meritalk.com",
    "nbdpress.com",
    "harvardlawreview.org",
    "insideprivacy.com",
)


#: Law firms, and the platforms that publish their client notes (Lexology, Mondaq, the National Law Review):
#: secondary, but an analysis of a government text by lawyers who read it, which a restriction may rest on.
LAW_FIRM_DOMAINS = (
    "akingump.com",
    "alstontrade.com",
    "aoshearman.com",
    "bakerbotts.com",
    "bakermckenzie.com",
    "burges-salmon.com",
    "clarkhill.com",
    "cov.com",
    "dandreapartners.com",
    "ddg.fr",
    "dfdl.com",
    "gvw.com",
    "hklaw.com",
    "hoganlovells.com",
    "kelleydrye.com",
    "lexology.com",
    "mintz.com",
    "mondaq.com",
    "morganlewis.com",
    "natlawreview.com",
    "sidley.com",
    "snellman.com",
    "ssrana.in",
    "thompsonhinesmartrade.com",
    "watsonband.com",
    "whitecase.com",
    "wiley.law",
)


def _on(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def kind_of(url: object) -> str:
    """The kind of source at ``url`` by its domain (``secondary`` when no rule applies or there is no URL)."""
    host = (urlparse(url).hostname or "").lower() if isinstance(url, str) else ""
    if _on(host, PRIMARY_DOMAINS):
        return PRIMARY
    return NEWS if _on(host, NEWS_DOMAINS) else SECONDARY


def is_law_firm(url: object) -> bool:
    """Whether ``url`` is a law firm's note (see :data:`LAW_FIRM_DOMAINS`)."""
    host = (urlparse(url).hostname or "").lower() if isinstance(url, str) else ""
    return _on(host, LAW_FIRM_DOMAINS)


def rank(kind: str) -> int:
    """Strength of a kind for sorting: primary 0, news 1, secondary 2 (unknown text ranks last)."""
    return KINDS.index(kind) if kind in KINDS else len(KINDS)
