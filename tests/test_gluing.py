"""The chapters' glue: glues for the book and remembers the value for the chapter's verdict notes."""

import pytest

from openweights import gluing


def test_glue_remembers_the_latest_value_and_glued_returns_a_copy(capsys):
    gluing.glue("test_gluing_share", 0.25, display=False)
    gluing.glue("test_gluing_share", 0.5, display=False)
    values = gluing.glued()
    assert values["test_gluing_share"] == 0.5
    values["test_gluing_share"] = 1.0
    assert gluing.glued()["test_gluing_share"] == 0.5


def test_count_text_writes_zero_as_none():
    assert gluing.count_text(0) == "none"
    assert gluing.count_text(3) == "3"
    assert gluing.count_text(1234) == "1,234"
    with pytest.raises(ValueError, match="negative"):
        gluing.count_text(-1)
