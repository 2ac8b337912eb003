"""Sphinx extension: drop duplicate script tags from every page.

With Sphinx 7.4, scripts that extensions add once at `builder-inited` (sphinx-thebe's configuration,
sphinx-togglebutton's selector) reach each page twice; the second `const THEBE_JS_URL` is a JavaScript
error in the browser. Keeping the first of identical scripts fixes it without touching the extensions.
"""

from __future__ import annotations


def _identity(script) -> tuple:
    attributes = tuple(sorted((k, str(v)) for k, v in getattr(script, "attributes", {}).items()))
    # Not str(script): it includes the priority, which differs between the two copies; and an inline
    # script's filename is None in one copy and "" in the other.
    return (getattr(script, "filename", None) or "", attributes)


def deduplicate_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    unique = []
    for script in scripts:
        key = _identity(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app):
    app.connect("html-page-context", deduplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
