"""The published configuration: repository link and Binder launch buttons, checked through Jupyter Book's
own translation into Sphinx settings (what the theme reads)."""

import pytest
import yaml
from jupyter_book.config import get_final_config

from openweights import publish
from openweights.errors import OpenWeightsError
from openweights.paths import REPO_ROOT

BASE = yaml.safe_load((REPO_ROOT / "_config.yml").read_text(encoding="utf-8"))


def _theme_options(config: dict) -> dict:
    sphinx_config, _ = get_final_config(
        user_yaml=config,
        cli_config={"latex_individualpages": False},
        sourcedir=REPO_ROOT,
        raise_on_invalid=True,
    )
    return sphinx_config["html_theme_options"]


def test_the_committed_configuration_shows_no_repository_or_launch_button():
    # Jupyter Book fills in its own repository as a default; no button may point there
    options = _theme_options(BASE)
    assert not options.get("use_repository_button") and not options.get("use_issues_button")
    assert not any(options["launch_buttons"].get(k) for k in ("binderhub_url", "jupyterhub_url", "colab_url"))


def test_published_configuration_adds_repository_and_binder_buttons():
    config = publish.publish_config(BASE, "https://github.com/example-org/openweights.git/", "release")
    options = _theme_options(config)
    assert options["repository_url"] == "https://github.com/example-org/openweights"
    assert options["repository_branch"] == "release"
    assert options["use_repository_button"] and options["use_issues_button"]
    assert options["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert not options["launch_buttons"].get("colab_url")


def test_published_configuration_keeps_everything_else():
    config = publish.publish_config(BASE, "https://gitlab.com/team/report")
    for key, value in BASE.items():
        if key != "html":
            assert config[key] == value
    assert {k: v for k, v in config["html"].items() if not k.startswith("use_")} == {
        k: v for k, v in BASE["html"].items() if not k.startswith("use_")
    }
    assert "repository" not in BASE and "launch_buttons" not in BASE  # the base is not modified


@pytest.mark.parametrize(
    "url",
    ["http://github.com/a/b", "https://github.com/a", "https://example.org/a/b", "github.com/a/b", ""],
)
def test_urls_binder_cannot_build_are_refused(url):
    with pytest.raises(OpenWeightsError, match="is not https://github.com/OWNER/REPO"):
        publish.publish_config(BASE, url)


def test_command_writes_a_configuration_jupyter_book_accepts(tmp_path, capsys):
    out = tmp_path / "_config.publish.yml"
    assert publish.main(["--repo-url", "https://github.com/example-org/openweights", "--out", str(out)]) == 0
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert _theme_options(written)["repository_url"] == "https://github.com/example-org/openweights"
    assert publish.main(["--repo-url", "https://example.org/x", "--out", str(out)]) == 1
    assert capsys.readouterr().err.startswith("error: repository URL")
