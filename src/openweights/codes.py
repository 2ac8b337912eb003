"""The coded values of the curated tables, each with the words a reader sees, in one place.

The curated-table schemas (:mod:`openweights.schemas`) take their allowed values from here, the analysis
modules their categories and the display tables (:mod:`openweights.tables`) their labels, so a code is
declared once. The order of each mapping is the order tables and figures show.
"""

from __future__ import annotations

#: Claims (data/curated/corpus/claims.csv): the question a claim bears on, and its label.
QUESTION_LABELS = {
    "adoption": "Adoption drivers",
    "cost_control": "Cost and data control",
    "policy": "Policy responses",
    "sustainability": "Sustainability of openness",
    "context": "Context",
}
QUESTIONS = tuple(QUESTION_LABELS)
#: The chapter that tests each question's claims (context claims are not tested).
QUESTION_CHAPTER = {
    "adoption": "01_adoption",
    "cost_control": "02_cost_control",
    "policy": "03_policy",
    "sustainability": "04_sustainability",
}
CLAIM_TYPES = ("empirical", "forecast", "opinion", "anecdote")
#: A claim's verdict and its label ("" = not yet judged).
VERDICT_LABELS = {
    "supported": "Supported",
    "partly_supported": "Partly supported",
    "contradicted": "Contradicted",
    "not_testable": "Not testable with our data",
    "": "No verdict",
}
VERDICTS = tuple(code for code in VERDICT_LABELS if code)

#: Policy events (data/curated/policy_events.csv).
INSTRUMENT_LABELS = {
    "export_control": "Export control",
    "procurement_device_ban": "Procurement or device ban",
    "law_regulation": "Law or regulation",
    "standard_guidance": "Standard or guidance",
    "strategy_plan": "Strategy or plan",
    "investment_funding": "Investment or funding",
    "diplomacy_white_paper": "Diplomacy or white paper",
}
INSTRUMENTS = tuple(INSTRUMENT_LABELS)
LEVEL_LABELS = {
    "national": "national",
    "sub_national": "sub-national",
    "supranational": "supranational",
    "multilateral": "multilateral",
}
LEVELS = tuple(LEVEL_LABELS)
TARGET_LABELS = {
    "chinese_models_apps": "Chinese models or apps",
    "open_weight_models": "Open-weight models",
    "compute_chips": "Compute and chips",
    "ai_general": "AI in general",
}
TARGETS = tuple(TARGET_LABELS)
#: Data control by deployment mode (data/curated/data_control_matrix.csv): modes, dimensions, ratings.
MODE_LABELS = {
    "own_hardware": "Own hardware (open weights)",
    "local_or_sovereign_cloud": "Local or sovereign cloud (open weights)",
    "chinese_lab_api": "Chinese lab's own API",
    "us_proprietary_api": "US proprietary API",
}
DIMENSION_LABELS = {
    "processing_location_and_law": "Processing location and law",
    "retention": "Retention and logging",
    "fine_tuning_on_own_data": "Fine-tuning on own data",
    "weight_auditability": "Auditing the weights that run",
    "switching_cost": "Switching provider",
    "continuity_of_access": "Continued access",
}
MODES = tuple(MODE_LABELS)
DIMENSIONS = tuple(DIMENSION_LABELS)
#: A rating and its score in the control totals; the order is the schema's.
RATING_SCORES = {"full": 2, "partial": 1, "none": 0}
RATINGS = tuple(RATING_SCORES)
#: The US labs whose published country lists data/curated/service_access.csv records, by name.
SERVICE_PROVIDER_LABELS = {"openai": "OpenAI", "anthropic": "Anthropic", "google": "Google"}
SERVICE_PROVIDERS = tuple(SERVICE_PROVIDER_LABELS)
#: Sources whose organisation names organization_aliases.csv maps to an org_id
ALIAS_SOURCES = ("epoch", "eci", "modelsdev_lab", "modelsdev_provider", "openrouter", "genai_prices")
#: Sources whose model ids model_identity_overrides.csv links to a model key by hand
OVERRIDE_SOURCES = ("modelsdev", "openrouter", "eci", "epoch", "genai_prices", "modelsdev_offers")
STANCES_CHINESE_AI = ("restrict", "engage", "neutral")
STANCES_OPEN_WEIGHTS = ("promote", "restrict", "neutral")
