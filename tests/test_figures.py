"""The figure module: fixed colours, source line, reproducible PNG."""

import matplotlib.colors as mcolors
import pytest

from openweights import figures


def test_country_and_openness_colours_are_fixed_and_distinct():
    assert set(figures.COUNTRY_COLORS) == set(figures.COUNTRY_GROUPS)
    assert set(figures.OPENNESS_COLORS) == set(figures.OPENNESS_CATEGORIES)
    for table in (figures.COUNTRY_COLORS, figures.OPENNESS_COLORS):
        assert len(set(table.values())) == len(table)
        assert all(mcolors.is_color_like(c) for c in table.values())


def test_palette_is_okabe_ito():
    allowed = set(figures.OKABE_ITO.values())
    assert set(figures.COUNTRY_COLORS.values()) <= allowed
    assert set(figures.OPENNESS_COLORS.values()) <= allowed


def test_color_for_unknown_category_fails_clearly():
    assert figures.color_for("China") == figures.COUNTRY_COLORS["China"]
    with pytest.raises(KeyError, match="no fixed colour"):
        figures.color_for("Atlantis")


def test_source_line_is_required_and_drawn():
    fig, ax = figures.new_figure()
    with pytest.raises(ValueError):
        figures.add_source(fig, " ")
    figures.add_source(fig, "Epoch AI (CC BY 4.0)")
    assert any(t.get_text() == "Source: Epoch AI (CC BY 4.0)" for t in fig.texts)


def test_png_bytes_are_reproducible():
    def draw():
        fig, ax = figures.new_figure()
        ax.plot([1, 2, 3], [3, 1, 2])
        figures.add_source(fig, "test")
        return figures.to_png(fig)

    first, second = draw(), draw()
    assert first.startswith(b"\x89PNG") and first == second
