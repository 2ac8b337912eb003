"""The figure module: fixed colours, source line, reproducible PNG."""

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import pytest

from openweights import figures


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


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


def _labelled_figure(rows: int, cols: int):
    fig, _ = figures.new_figure(nrows=rows, ncols=cols)
    for ax in fig.axes:
        ax.plot([0, 1000], [0, 1])
        ax.set_xlabel("a long x label")
        ax.set_ylabel("y")
        ax.set_title("title")
    return fig


@pytest.mark.parametrize("rows,cols", [(1, 1), (1, 2), (2, 2), (3, 1)])
def test_fit_layout_places_axes_as_tight_layout_with_a_source_band(rows, cols):
    expected = _labelled_figure(rows, cols)
    expected.tight_layout(rect=(0, figures.SOURCE_BAND, 1, 1))
    fitted = figures.fit_layout(_labelled_figure(rows, cols))
    for want, got in zip(expected.axes, fitted.axes, strict=True):
        assert got.get_position().bounds == pytest.approx(want.get_position().bounds, abs=1e-6)


def test_fit_layout_leaves_no_layout_engine_so_savefig_draws_once(monkeypatch):
    fig = figures.fit_layout(_labelled_figure(1, 1))
    assert fig.get_layout_engine() is None
    draws = []
    original = type(fig).draw
    monkeypatch.setattr(type(fig), "draw", lambda self, renderer: draws.append(1) or original(self, renderer))
    figures.to_png(fig)
    assert len(draws) == 1


@pytest.mark.parametrize(
    "value,counts,label",
    [
        (0.1, False, "0.1"),
        (1, False, "1"),
        (10_000, False, "10,000"),
        (1e7, True, "10M"),
        (2.5e9, True, "2.5B"),
    ],
)
def test_plain_log_labels_have_no_exponents(value, counts, label):
    assert figures.plain_number(value, counts) == label


def test_plain_log_axis_draws_without_math_text(monkeypatch):
    import matplotlib.mathtext

    parsed = []
    original = matplotlib.mathtext.MathTextParser.parse
    monkeypatch.setattr(
        matplotlib.mathtext.MathTextParser,
        "parse",
        lambda self, s, *a, **k: parsed.append(s) or original(self, s, *a, **k),
    )
    fig, ax = figures.new_figure()
    ax.plot([0.1, 1000], [1, 2])
    ax.set_xscale("log")
    figures.plain_log_axis(ax.xaxis)
    figures.to_png(fig)
    assert parsed == []
    assert [t.get_text() for t in ax.get_xticklabels() if 0.1 <= t.get_position()[0] <= 1000][:2] == [
        "0.1",
        "1",
    ]


def test_text_cut_off_at_the_edge_fails_with_the_text_named():
    fig, ax = figures.new_figure()
    ax.plot([0, 1], [0, 1])
    ax.set_xlabel("a label far too long for its axes " * 4)
    with pytest.raises(ValueError, match=r"runs off the edge: 'a label far too long.*' by \d"):
        figures.show(fig, "test")


def test_text_within_the_figure_passes_the_edge_check():
    fig, ax = figures.new_figure()
    ax.plot([0.1, 1000], [0, 1])
    ax.set_xscale("log")
    figures.plain_log_axis(ax.xaxis)
    ax.set_xlabel("a short label")
    ax.set_title("title")
    ax.legend(["line"])
    figures.add_source(fig, "test")
    figures.to_png(fig)
    assert figures.text_overflow(fig) == []
    # tick labels outside the view are never drawn, so they do not count
    assert any(t.get_position()[0] > 1e4 for t in ax.get_xticklabels())


def test_plain_log_axis_marks_2_and_5_between_decades():
    fig, ax = figures.new_figure()
    ax.plot([1, 100], [0, 1])
    ax.set_xscale("log")
    figures.plain_log_axis(ax.xaxis)
    ax.set_xlim(1, 100)
    minor = [round(loc, 6) for loc in ax.xaxis.get_minorticklocs() if 1 < loc < 100]
    assert minor == [2, 5, 20, 50]


def test_overlapping_tick_labels_fail_with_both_labels_named():
    fig, ax = figures.new_figure(width=4)
    ax.plot(range(6), range(6))
    ax.set_xticks(range(6), [f"a long category name {i}" for i in range(6)])
    with pytest.raises(ValueError, match=r"tick labels overlap: 'a long category name 0' and 'a long"):
        figures.show(fig, "test")


def test_rotated_or_spaced_tick_labels_pass_the_overlap_check():
    fig, ax = figures.new_figure()
    ax.plot(range(3), range(3))
    ax.set_xticks(range(3), ["short", "labels", "here"])
    ax.set_yticks(range(3), ["0", "1", "2"])
    figures.add_source(fig, "test")
    figures.to_png(fig)
    assert figures.tick_label_collisions(fig) == []
    ax.set_xticks(range(3), ["a long rotated label"] * 3, rotation=30, ha="right")
    figures.to_png(fig)
    assert figures.tick_label_collisions(fig) == []


def test_text_smaller_than_nine_points_fails_with_the_text_named():
    import matplotlib.pyplot as plt

    fig, ax = figures.new_figure()
    ax.text(0.5, 0.5, "tiny note", fontsize=7)
    assert figures.small_text(fig) == [("tiny note", 7.0)]
    with pytest.raises(ValueError, match="smaller than 9 pt: 'tiny note' at 7 pt"):
        figures.show(fig, "Source: test")
    fig, ax = figures.new_figure()
    ax.plot([0, 1], [0, 1])
    assert figures.small_text(fig) == []
    plt.close("all")


def test_plotted_data_holds_the_numbers_drawn(tmp_path, monkeypatch):
    import pandas as pd

    fig, (left, right) = figures.new_figure(ncols=2, width=8)
    left.plot([2020, 2021], [0.25, 0.5], label="China")
    left.fill_between([2020, 2021], [0.1, 0.2], [0.4, 0.6])
    left.set_title("Shares")
    right.barh([0, 1], [3, 4])
    right.set_yticks([0, 1], ["Alpha", "Beta"])
    right.hlines([0], [1], [2])
    data = figures.plotted_data(fig)
    line = data[data["kind"].eq("line")]
    assert line[["panel", "series", "x", "y"]].values.tolist() == [
        ["Shares", "China", "2020", "0.25"],
        ["Shares", "China", "2021", "0.5"],
    ]
    bars = data[data["kind"].eq("bar")].set_index("y")["value"].to_dict()
    assert bars == {"Alpha": "3", "Beta": "4"}
    assert data["kind"].eq("band").sum() > 0 and data["kind"].eq("segment").sum() == 1
    monkeypatch.setattr(figures, "FIGURE_DATA_DIR", tmp_path)
    path = figures.write_plotted_data(fig, "fig-test", "Source: test")
    assert path.read_text().startswith("# Source: test\n")
    assert len(pd.read_csv(path, comment="#")) == len(data)
    with pytest.raises(ValueError, match="named by its figure label"):
        figures.write_plotted_data(fig, "../escape", "Source: test")


def test_source_lines_come_from_the_data_package():
    line = figures.source_line("notable_models", "policy_events", note="our logistic model")
    assert line.startswith("Source: Epoch AI, Notable AI Models (CC BY 4.0), snapshot ")
    assert "our policy events table (CC BY 4.0)" in line and line.endswith("; our logistic model")
    # prices name their package version and date; a snapshot shared by two tables is named once
    prices = figures.source_line("genai_prices", "modelsdev_offers", "modelsdev_models")
    assert "genai-prices " in prices and "prices as of " in prices and prices.count("models.dev") == 1
    with pytest.raises(KeyError, match="no resource 'nowhere'"):
        figures.source_line("nowhere")


def test_no_chapter_types_a_figure_source_line():
    """Every figure's source line is generated by figures.source_line, never typed in a chapter."""
    import json

    from openweights.paths import CHAPTERS_DIR

    typed = [
        f"{path.name}:{cell['id']}"
        for path in sorted(CHAPTERS_DIR.glob("*.ipynb"))
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
        if cell["cell_type"] == "code" and '"Source:' in "".join(cell["source"])
    ]
    assert not typed, typed
