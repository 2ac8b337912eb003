"""The project's field vocabulary: every column of every data table, curated or processed, with the title a
reader sees as its table header and what it holds.

This is the one place a column's title and meaning are written. The schemas take them from here (curated tables in
:mod:`openweights.schemas`, which may narrow a description for one table; processed tables in
:mod:`openweights.build.tables`, whose fields describe themselves), ``datapackage.json`` carries them, and the
book's table headers read them (:func:`openweights.tables.header_label`). Columns that analysis code derives, and
no table stores, are labelled in ``openweights.tables.HEADER_LABELS``. tests/test_fields.py fails on a column with
no entry, a stale entry, or a label written in both places.
"""

from __future__ import annotations

__all__ = ["FIELDS", "field_title", "field_description"]

#: column name → (title, description)
FIELDS: dict[str, tuple[str, str]] = {
    "accessibility": (
        "Accessibility",
        "How a model can be used, as Epoch records it: open_unrestricted, open_restricted, open_noncommercial, api, hosted, unreleased or unknown (for ECI models, the most open version).",
    ),
    "active_params_b": (
        "Active parameters (bn)",
        "Parameters used for each token, in billions; the same as the total for a dense model.",
    ),
    "actor": (
        "Actor",
        "The body that took the policy action, such as a ministry, agency, legislature or head of government.",
    ),
    "actors": (
        "Actors named",
        "People or organisations the claim is about or attributed to, ';'-joined; empty when none is named.",
    ),
    "api_price_input_parameter": (
        "Input API price parameter",
        "Id of the cost_parameters row that holds the model's hosted input price (USD per million input tokens).",
    ),
    "api_price_output_parameter": (
        "Output API price parameter",
        "Id of the cost_parameters row that holds the model's hosted output price (USD per million output tokens).",
    ),
    "applies_to": (
        "Applies to",
        "What the parameter applies to: a GPU type, a model on given hardware, an API route, a precision or a deployment in general.",
    ),
    "architecture": ("Architecture", "The model's architecture: dense, or MoE (mixture of experts)."),
    "as_of": (
        "As of",
        "When the provider's availability page was read as stated: a date (YYYY-MM-DD), a month (YYYY-MM) or 'undated'.",
    ),
    "assumptions": (
        "Assumptions",
        "The assumptions the study states behind its figure, such as hardware cost, electricity price, utilisation or workload.",
    ),
    "attachment": (
        "File attachments",
        "Whether the model accepts file attachments (true or false), as models.dev records it.",
    ),
    "attribution": (
        "Attribution",
        "How the developer's country was found: organizations_table (via the alias table), source_field_unmapped (the source's own country field) or unmapped (none known).",
    ),
    "attribution_method": (
        "Country attribution method",
        "How the organisation's country was set: researched (from the cited source) or epoch_country_field (from Epoch's country field).",
    ),
    "author": (
        "Author",
        "Who wrote or published the item: an article's byline (';'-joined, empty when unsigned), or the author prefix of an OpenRouter model id.",
    ),
    "ban_scope": (
        "Ban scope",
        "What a restriction covers, ';'-joined: service_or_app, devices, download_or_run_weights, self_hosted_use, chips_or_compute, exports_of_models or other; empty otherwise.",
    ),
    "base_developer": (
        "Base model developer",
        "The developer of the base model the regional model was built on; empty when built from scratch or unknown.",
    ),
    "base_developer_country": (
        "Base developer country",
        "ISO 3166-1 alpha-2 country of the base model's developer (several joined by ';'); empty when there is no known base.",
    ),
    "base_model": (
        "Base model",
        "The model this one derives from (for a models.dev offer, the lab entry it inherits from); empty, 'from scratch' or 'unknown' when none.",
    ),
    "benchmark_gpus": ("GPUs in benchmark", "Number of GPUs in the throughput benchmark used for the model."),
    "best_version": ("Best-scoring version", "Id of the model version with the highest ECI score."),
    "binding": ("Binding", "Whether the policy measure is legally binding: yes, no or unknown."),
    "builder": ("Builder", "The organisation (or organisations) that built the regional model."),
    "builder_country": ("Builder country", "ISO 3166-1 alpha-2 country of the model's builder."),
    "builder_type": (
        "Builder type",
        "Kind of builder: government, university, company, nonprofit or unknown.",
    ),
    "canonical_link_method": (
        "Link method",
        "How the record was linked to a canonical model: exact_id, hf_repo_id, normalised_name or manual; empty when not linked.",
    ),
    "canonical_model_key": (
        "Canonical model key",
        "The model_key of this record's model in model_identity.csv; empty when not linked.",
    ),
    "canonical_name": ("Organisation name", "The organisation's name as the project writes it."),
    "canonical_slug": (
        "Canonical slug",
        "OpenRouter's canonical slug for the model, often its id with a release-date suffix.",
    ),
    "catalogue_model_key": (
        "Catalogue model key",
        "The model's key in the processed catalogues, used to look up its host prices.",
    ),
    "caveat": (
        "Caveat",
        "Limits of the measurement: what it may miss or overstate, and how far it can be compared.",
    ),
    "characters": ("Characters", "Length of the text segment, in Unicode code points."),
    "claim_id": ("Claim", "Identifier of the claim (C001, C002, ...)."),
    "claim_type": (
        "Kind of claim",
        "What kind of statement the claim is: empirical, forecast, opinion or anecdote.",
    ),
    "confidence": (
        "ECI confidence",
        "Epoch's confidence in the best version's score: confident, likely, speculative, unverified or unknown.",
    ),
    "context_length": ("Context window (tokens)", "The longest context the model accepts, in tokens."),
    "context_limit": ("Context window (tokens)", "The longest context the model accepts, in tokens."),
    "context_window": (
        "Context window (tokens)",
        "The longest context the model accepts, in tokens; empty when not given.",
    ),
    "copy_url": ("Copy URL", "Web address of the copy of the piece that was read; empty when none was kept."),
    "cost_input_usd_per_mtok": (
        "Lab-listed input price (USD per Mtok)",
        "Input price given in the models.dev lab file, in USD per million tokens; empty when the file lists none.",
    ),
    "cost_output_usd_per_mtok": (
        "Lab-listed output price (USD per Mtok)",
        "Output price given in the models.dev lab file, in USD per million tokens; empty when the file lists none.",
    ),
    "countries_raw": (
        "Countries (as in source)",
        "Country names of the model's organisations as Epoch spells them, ';'-joined.",
    ),
    "country": (
        "Country",
        "ISO 3166-1 alpha-2 country: of the organisation or model developer, or the country checked for service access (XM multinational; XX or empty unknown).",
    ),
    "country_group": ("Country group", "The country's group: China, United States, Europe or Other."),
    "created_date": ("Listed on OpenRouter", "UTC date the model was listed on OpenRouter."),
    "date": ("Date", "Date of the policy event (YYYY-MM-DD; day 1 when only the month is known)."),
    "date_precision": ("Date precision", "How precise the date is: day, month or unknown."),
    "default_precision": (
        "Default precision",
        "Number format the model's weights are usually served in: bf16, fp8 or int4.",
    ),
    "deprecated": ("Deprecated", "Whether the provider has deprecated the model (true or false)."),
    "description": ("Description", "What the fact says, in words, with its context."),
    "developer": ("Developer", "The lab that developed the model."),
    "dimension": (
        "Dimension",
        "Aspect of data control rated: processing_location_and_law, retention, fine_tuning_on_own_data, weight_auditability, switching_cost or continuity_of_access.",
    ),
    "doc_id": ("Article", "Identifier of the article in the corpus (number and hash)."),
    "domains": ("Domains", "The model's domains as Epoch lists them, ';'-joined (e.g. Language;Vision)."),
    "eci_link_method": (
        "ECI link method",
        "How the ECI record was linked to the model: exact_id, hf_repo_id, normalised_name or manual; empty when not linked.",
    ),
    "eci_model_name": (
        "ECI model name",
        "The model's name in the Epoch Capabilities Index; empty when the index does not score it.",
    ),
    "eci_score": (
        "ECI score",
        "Highest Epoch Capabilities Index score over the model's scored versions, in index points.",
    ),
    "endpoint": (
        "Endpoint",
        "Host name of the API the provider offers (with its platform or region where stated).",
    ),
    "epoch_link_method": (
        "Epoch link method",
        "How the Epoch record was linked to the model: exact_id, hf_repo_id, normalised_name or manual; empty when not linked.",
    ),
    "epoch_model": (
        "Epoch model name",
        "The model's name in Epoch AI's model database; empty when not linked.",
    ),
    "event_id": ("Event", "Identifier of the policy event (E001, E002, ...)."),
    "evidence": ("Evidence", "What the source shows about the model's weights, availability and licence."),
    "evidence_link": (
        "Evidence in the report",
        "Page and section of this report that holds the evidence for the verdict; empty when none.",
    ),
    "fact_id": ("Fact", "Identifier of the fact (L001, L002, ...)."),
    "fact_type": (
        "Kind of fact",
        "Kind of fact: revenue_engine, capex_pledge, funding_round, valuation, revenue, api_price_input, api_price_output, ipo, open_weights_policy or executive_statement.",
    ),
    "family": (
        "Model family",
        "The model family as models.dev names it (e.g. qwen, glm, claude-opus); empty when not given.",
    ),
    "figure_context": ("Context", "What the claim's figure refers to; empty when the claim has no figure."),
    "figure_unit": (
        "Unit",
        "Unit of the claim's figure (e.g. bn USD, months, year); empty when there is no figure.",
    ),
    "figure_value": ("Figure", "The number the claim states, as a whole number; empty when there is none."),
    "flagship_model": (
        "Flagship model",
        "The lab's latest flagship model found, with notes on size where given.",
    ),
    "frontier_model": (
        "Frontier model",
        "Epoch's 'Frontier model' flag (true, or empty when not flagged or the file lacks the column).",
    ),
    "genai_prices_id": (
        "genai-prices id",
        "Primary genai-prices record of the model, as '<provider_id>:<model_id>'; empty when none.",
    ),
    "genai_prices_link_method": (
        "genai-prices link method",
        "How genai-prices records were linked to the model: exact_id, hf_repo_id, normalised_name or manual; empty when none.",
    ),
    "generally_available": (
        "Generally available",
        "Whether the public can use the model (by weights or a general API), not only partners or a private preview: yes or no.",
    ),
    "geography": (
        "Geography",
        "Where the measurement applies: an ISO 3166-1 alpha-2 country, or global, global_north, global_south or africa.",
    ),
    "governing_law": (
        "Governing law",
        "The law the provider's terms say governs, or 'not stated' / 'not found'.",
    ),
    "gpu_memory_parameter": (
        "GPU memory parameter",
        "Id of the cost_parameters row that holds the memory per GPU (GB).",
    ),
    "gpu_price_parameter": (
        "GPU price parameter",
        "Id of the cost_parameters row that holds the GPU rental price (USD per GPU-hour).",
    ),
    "gpu_type": ("GPU type", "GPU the model is costed on, with its memory (e.g. H100-80GB)."),
    "hardware": ("Hardware", "The hardware the study assumes, with prices where it gives them."),
    "headline": ("Headline", "The article's headline as published ('[…]' marks a cut)."),
    "high": ("Interval high", "Upper end of the parameter's plausible range, in the row's unit."),
    "hugging_face_id": (
        "Hugging Face repo",
        "Hugging Face repo id (org/name) of the model's weights as OpenRouter gives it; empty when none.",
    ),
    "id": (
        "OpenRouter id",
        "OpenRouter model id (<author>/<model>, with a ':variant' suffix or leading '~' for aliases).",
    ),
    "input_modalities": (
        "Input modalities",
        "Kinds of input the model accepts, ';'-joined (e.g. text;image;pdf).",
    ),
    "instrument": (
        "Instrument",
        "Kind of policy instrument: export_control, procurement_device_ban, law_regulation, standard_guidance, strategy_plan, investment_funding or diplomacy_white_paper.",
    ),
    "is_alias": (
        "Moving alias",
        "Whether the OpenRouter id starts with '~', an alias that moves to newer models (true or false).",
    ),
    "is_derivative": (
        "Copy of another outlet's piece",
        "Whether the article copies or reworks another outlet's piece: yes or no.",
    ),
    "is_host": (
        "Host",
        "Whether the organisation hosts models for others to use, e.g. as an API or inference provider: yes or no.",
    ),
    "is_language": ("Language model", "Whether Language is among the model's Epoch domains (true or false)."),
    "is_model_developer": ("Model developer", "Whether the organisation develops models: yes or no."),
    "is_variant": ("Variant", "Whether the OpenRouter id has a ':variant' suffix (true or false)."),
    "jurisdiction": (
        "Jurisdiction",
        "Where the policy applies: an ISO 3166-1 alpha-2 country, EU, or INT for international bodies.",
    ),
    "key_source": (
        "Key defined by",
        "Source of the record that defined the model key: modelsdev, openrouter, eci or manual.",
    ),
    "lab": ("Lab", "The lab (developer) concerned, by name; in models.dev tables, the lab's folder name."),
    "language": ("Language", "Language code of the text (Django locale names, e.g. zh-Hans)."),
    "language_of_copy": ("Language of copy", "Language code of the copy that was read (e.g. en)."),
    "last_updated": ("Last updated", "Date the models.dev entry was last updated."),
    "legal_seat_country": (
        "Legal seat",
        "ISO 3166-1 alpha-2 country of the organisation's legal seat (XX when not known).",
    ),
    "level": (
        "Level",
        "Level of government that acted: national, sub_national, supranational or multilateral.",
    ),
    "licence": (
        "Licence",
        "The model's licence as the source states it, or a code (open_unrestricted, open_restricted, open_noncommercial); empty when not found.",
    ),
    "license": (
        "Licence id",
        "Licence identifier given in the models.dev lab file (e.g. MIT); empty when not given.",
    ),
    "low": ("Interval low", "Lower end of the parameter's plausible range, in the row's unit."),
    "measurement_id": ("Measurement", "Identifier of the measurement (M001, M002, ...)."),
    "method": ("Method", "How the publisher measured the figure: the data and estimation behind it."),
    "metric": (
        "Metric",
        "What is measured: an adoption metric code (a share, a count or a gap; the allowed codes are in the schema) or, for break-even studies, the quantity in words.",
    ),
    "mode": (
        "Mode of use",
        "How the model is used: own_hardware, local_or_sovereign_cloud, chinese_lab_api or us_proprietary_api.",
    ),
    "model": ("Model", "The model (or models) the row is about, by name."),
    "model_id": (
        "Model id",
        "Identifier of the model in its table: R001-style for regional models, the source's model id for models.dev and genai-prices.",
    ),
    "model_key": (
        "Model",
        "Key of the model: the canonical key (models.dev <lab>/<model>, OpenRouter id or <org>/<name>), or a models.dev offer's path.",
    ),
    "model_name": ("Model", "The model's name, as Epoch's capability index spells it."),
    "modelsdev_id": ("models.dev id", "The model's models.dev id (<lab>/<model>); empty when not linked."),
    "modelsdev_link_method": (
        "models.dev link method",
        "How the models.dev record was linked to the model: exact_id, hf_repo_id, normalised_name or manual; empty when not linked.",
    ),
    "n_genai_prices": (
        "genai-prices rows",
        "Number of genai-prices (provider, model) rows linked to the model.",
    ),
    "n_modelsdev_offers": ("models.dev offers", "Number of models.dev provider offers linked to the model."),
    "n_openrouter_ids": (
        "OpenRouter ids",
        "Number of OpenRouter ids linked to the model, variants included.",
    ),
    "n_scored_versions": ("Scored versions", "Number of the model's version rows with an ECI score."),
    "n_versions": ("Versions", "Number of version rows for the model in the ECI file."),
    "name": ("Model", "The model's display name in the source; empty when not given."),
    "notable": (
        "Notable",
        "Whether Epoch lists at least one notability criterion for the model (true or false).",
    ),
    "note": ("Note", "Free-text remarks on the row: how the source was read, caveats and details."),
    "offered": ("Offered", "Whether the provider lists the country as served: yes, no or not_listed."),
    "offpeak_price_input_usd_per_mtok": (
        "Off-peak input price (USD per Mtok)",
        "Input price at the day's lowest rate, in USD per million tokens; empty when there is one rate all day.",
    ),
    "offpeak_price_output_usd_per_mtok": (
        "Off-peak output price (USD per Mtok)",
        "Output price at the day's lowest rate, in USD per million tokens; empty when there is one rate all day.",
    ),
    "open_weights": (
        "Open weights",
        "Whether the model's weights can be downloaded: yes/no (curated; flagships also partial, unknown) or true/false; empty when unknown.",
    ),
    "openrouter_id": (
        "Primary OpenRouter id",
        "Primary OpenRouter id of the model (variants share the key); empty when none.",
    ),
    "openrouter_link_method": (
        "OpenRouter link method",
        "How the OpenRouter record was linked to the model: exact_id, hf_repo_id, normalised_name or manual; empty when none.",
    ),
    "org_categorizations": (
        "Organisation categories",
        "Epoch's categories of the model's organisations (e.g. Industry, Academia), ';'-joined.",
    ),
    "org_id": (
        "Lab",
        "Identifier of the organisation in the curated organisations table (e.g. alibaba); empty when unmapped.",
    ),
    "org_ids": (
        "Organisations",
        "Identifiers of every mapped organisation of the model, ';'-joined in source order.",
    ),
    "org_type": (
        "Organisation type",
        "Kind of organisation: big_tech, start_up, academic, state, nonprofit or other.",
    ),
    "organizations_raw": (
        "Organisations (as in source)",
        "Names of the model's organisations as Epoch spells them, ';'-joined, the primary first.",
    ),
    "origin": (
        "Origin",
        "Where the models or services measured come from: china, united_states, europe, other or all (reference models: China or United States).",
    ),
    "original_author": (
        "Original author",
        "Author of the original piece (';'-joined); empty when not known.",
    ),
    "original_headline": (
        "Original headline",
        "Headline of the original piece ('[…]' marks a cut); empty when not known.",
    ),
    "original_outlet": ("Original outlet", "The outlet that first published the piece."),
    "original_publication_date": (
        "Original published",
        "Date the original piece was published (YYYY-MM-DD); empty when not known.",
    ),
    "original_url": ("Original URL", "Web address of the original piece; empty when not known."),
    "other_open_models_2026": (
        "Other open models (2026)",
        "The lab's other open-weight models of 2026 found, with dates and licences where seen; empty when none.",
    ),
    "outlet": ("Outlet", "The outlet whose copy of the article was read."),
    "output_limit": ("Output limit (tokens)", "The most tokens the model can output in one response."),
    "output_modalities": (
        "Output modalities",
        "Kinds of output the model produces, ';'-joined (e.g. text;image).",
    ),
    "parameter": (
        "Parameter",
        "Identifier of the cost parameter (e.g. gpu_price_h100, throughput_qwen3_8b_h100x1).",
    ),
    "parameters": ("Parameters", "Number of model parameters, as Epoch gives it; empty when unknown."),
    "parameters_billion": (
        "Parameters (bn)",
        "Model size in billions of parameters (usually the largest when several sizes exist); empty when not found.",
    ),
    "paraphrase": ("What the article says (our paraphrase)", "The claim in our own words."),
    "parent_company": ("Parent company", "The company that owns or backs the lab."),
    "period": ("Period", "The time the fact refers to, in words (a year, month, quarter or range)."),
    "period_end": (
        "Period end",
        "End of the period measured (YYYY-MM or YYYY-MM-DD); empty when not stated.",
    ),
    "period_start": (
        "Period start",
        "Start of the period measured (YYYY-MM or YYYY-MM-DD); empty when not stated.",
    ),
    "previous_input_usd_per_mtok": (
        "Previous input price (USD per Mtok)",
        "Input price in force just before the change, in USD per million tokens; empty when unknown.",
    ),
    "previous_output_usd_per_mtok": (
        "Previous output price (USD per Mtok)",
        "Output price in force just before the change, in USD per million tokens; empty when unknown.",
    ),
    "price_cache_read_usd_per_mtok": (
        "Cache read price (USD per Mtok)",
        "Price of reading cached input, in USD per million tokens; empty when none is listed.",
    ),
    "price_cache_write_usd_per_mtok": (
        "Cache write price (USD per Mtok)",
        "Price of writing input to the cache, in USD per million tokens; empty when none is listed.",
    ),
    "price_input_usd_per_mtok": (
        "Input price (USD per Mtok)",
        "Price of input (prompt) tokens, in USD per million tokens (base tier; the day's highest rate); empty when none is listed.",
    ),
    "price_output_usd_per_mtok": (
        "Output price (USD per Mtok)",
        "Price of output (completion) tokens, in USD per million tokens (base tier; the day's highest rate); empty when none is listed.",
    ),
    "processing_location": (
        "Where data are processed",
        "Where the provider says API data are processed or stored, or 'not found' / 'not stated'.",
    ),
    "provider": (
        "Provider",
        "The company or platform that offers the service or API, by name or identifier.",
    ),
    "provider_attribution": (
        "Provider attribution",
        "How the provider's country was found: organizations_table (via the alias table), source_field_unmapped or unmapped.",
    ),
    "provider_country": (
        "Provider country",
        "ISO 3166-1 alpha-2 country of the serving provider (XM multinational); empty when unknown.",
    ),
    "provider_country_group": (
        "Provider country group",
        "The serving provider's country group: China, United States, Europe or Other.",
    ),
    "provider_id": ("Seller", "The genai-prices provider id of the seller (e.g. openrouter, aws, novita)."),
    "provider_org_id": (
        "Provider organisation",
        "Identifier of the serving provider in the curated organisations table.",
    ),
    "publication_date": (
        "Published",
        "Date the article or model was published (YYYY-MM-DD); empty when not known.",
    ),
    "published_date": (
        "Source published",
        "Date the source was published (YYYY-MM-DD or YYYY-MM); empty when not known.",
    ),
    "publisher": ("Publisher", "Who published the measurement."),
    "question": (
        "Question",
        "The report's question the claim bears on: adoption, cost_control, policy, sustainability or context.",
    ),
    "rating": ("Rating", "How much control the mode gives on the dimension: full, partial or none."),
    "raw_name": ("Name in source", "The organisation's name or id as the source spells it."),
    "reasoning": (
        "Reasoning",
        "Whether the model supports reasoning (true or false), as models.dev records it.",
    ),
    "region": (
        "Region",
        "World region of the builder: east_asia, south_east_asia, south_asia, central_asia, middle_east_north_africa, sub_saharan_africa, latin_america or rest_of_europe.",
    ),
    "release_date": (
        "Released",
        "When the model was released (YYYY-MM-DD; curated tables may give only YYYY-MM or YYYY); empty when not known.",
    ),
    "retention": (
        "Retention",
        "How long the provider says it keeps API data, or 'not found' / 'not stated'.",
    ),
    "scheduled": (
        "Scheduled",
        "Whether the price change takes effect after the genai-prices snapshot date (true or false).",
    ),
    "segment_id": (
        "Segment",
        "Identifier of the text segment: first 12 hex digits of a SHA-1 of its message context and English text.",
    ),
    "server_regions": (
        "Server regions",
        "Where a host runs servers, ';'-joined: ISO alpha-2 codes, EU, global, local or unknown; empty for non-hosts.",
    ),
    "service": ("Service", "The provider's service whose availability is recorded (e.g. API, ChatGPT)."),
    "size_class": ("Size class", "The model's size class: small, medium, large or frontier."),
    "source": (
        "Source",
        "The catalogue or data source the name or id comes from, by its code.",
    ),
    "source_date": ("Source date", "Date the source was dated or accessed (YYYY-MM-DD)."),
    "source_id": ("Id in source", "The model's name or id as the source gives it."),
    "source_kind": (
        "Source kind",
        "Kind of source: primary (the maker's or a government's own text), news (a reputable outlet) or secondary.",
    ),
    "source_kind_2": (
        "Second source kind",
        "Kind of the second source: primary, news or secondary; empty when there is no second source.",
    ),
    "source_title": ("Source title", "Title of the source the measurement comes from."),
    "source_url": ("Source", "Web address of the source for the row."),
    "source_url_2": ("Second source", "Web address of a second source; empty when there is none."),
    "stance_chinese_ai": (
        "Stance on Chinese AI",
        "The event's stance on Chinese AI: restrict, engage or neutral.",
    ),
    "stance_open_weights": (
        "Stance on open weights",
        "The event's stance on open-weight models: promote, restrict or neutral.",
    ),
    "status": (
        "Status",
        "Status of the item: enacted, proposed, reported or lapsed for policies; alpha, beta, deprecated or empty for models.dev entries.",
    ),
    "study": ("Study", "The study the break-even figure comes from."),
    "subject": ("Subject", "What the measurement counts, in words."),
    "summary": (
        "Summary",
        "A short account in words: what the policy event did, or why the mode gets its rating.",
    ),
    "target": (
        "Target",
        "What the policy targets: chinese_models_apps, open_weight_models, compute_chips or ai_general.",
    ),
    "test_plan": ("Test plan", "How and in which chapter the report tests the claim; empty when untestable."),
    "testable": ("Testable", "Whether the report's data can test the claim: yes or no."),
    "throughput_parameter": (
        "Throughput parameter",
        "Id of the cost_parameters row that holds the measured throughput (total tokens per second per deployment).",
    ),
    "tiered": (
        "Tiered price",
        "Whether the price varies with context size (true or false); the base tier is shown.",
    ),
    "time_of_day_pricing": (
        "Time-of-day pricing",
        "Whether rates differ by time of day (true or false); the peak rate is shown.",
    ),
    "tokens_cl100k_base": (
        "Tokens (cl100k_base)",
        "Number of tokens the cl100k_base tokeniser splits the segment into.",
    ),
    "tokens_deepseek-v4": (
        "Tokens (deepseek-v4)",
        "Number of tokens the deepseek-v4 tokeniser splits the segment into.",
    ),
    "tokens_llama3": ("Tokens (llama3)", "Number of tokens the llama3 tokeniser splits the segment into."),
    "tokens_o200k_base": (
        "Tokens (o200k_base)",
        "Number of tokens the o200k_base tokeniser splits the segment into.",
    ),
    "tokens_qwen3": ("Tokens (qwen3)", "Number of tokens the qwen3 tokeniser splits the segment into."),
    "tokens_qwen3.6": ("Tokens (qwen3.6)", "Number of tokens the qwen3.6 tokeniser splits the segment into."),
    "tool_call": (
        "Tool calling",
        "Whether the model supports tool calling (true or false), as models.dev records it.",
    ),
    "total_params_b": ("Total parameters (bn)", "Total number of model parameters, in billions."),
    "training_compute_flop": (
        "Training compute (FLOP)",
        "Compute used to train the model, in FLOP (for ECI models, the largest over versions); empty when unknown.",
    ),
    "training_use": (
        "Use for training",
        "Whether the provider says it uses API data to train models, or 'not found' / 'not stated'.",
    ),
    "unit": ("Unit", "Unit of the row's value (e.g. percent, bn USD, USD per GPU-hour, months)."),
    "valid_from": (
        "Valid from",
        "Date the price took or takes effect; empty when the price has no start date.",
    ),
    "value": (
        "Value",
        "The figure, in the row's unit; may be a range or bound (e.g. '6-24', '<3') in break-even studies.",
    ),
    "value_high": ("To", "Upper end when the value is a range, in the same unit; empty otherwise."),
    "verdict": (
        "Verdict",
        "The report's verdict on the claim: supported, partly_supported, contradicted or not_testable; empty when not yet judged.",
    ),
    "verdict_note": ("Why", "The reasons for the verdict, with the figures it rests on."),
    "version_ids": ("Version ids", "Ids of all the model's versions in the ECI file, ';'-joined."),
    "weights_hf_repo": (
        "Weights repo (Hugging Face)",
        "Hugging Face repo id (org/name) of the weights (inherited for offers); empty when not there.",
    ),
    "weights_host": (
        "Weights host",
        "Host name of the first weights URL (e.g. huggingface.co); empty when none.",
    ),
    "word_count": ("Words", "Length of the article, in words."),
    "words": (
        "Words",
        "Number of whitespace-separated words in the segment (not meaningful for zh, ja, th).",
    ),
    "year": ("Year", "Year of the model's publication or release date."),
}


def field_title(name: str) -> str:
    """The header a reader sees for the column ``name``; the name itself when the vocabulary lacks it."""
    entry = FIELDS.get(name)
    return entry[0] if entry else name


def field_description(name: str) -> str:
    """What the column ``name`` holds; empty when the vocabulary lacks it."""
    entry = FIELDS.get(name)
    return entry[1] if entry else ""
