"""The plain-text validator: no control characters, tabs and line breaks kept."""

import pytest

from leefbaarheid.text import validate_plain_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text", ["Kievitstaete\x1b", "nul\x00byte", "bel\x07", "\x0bverticaal", "half\ud800"]
)
def test_the_text_validator_refuses_control_characters(text):
    with pytest.raises(Exception, match="stuurtekens"):
        validate_plain_text(text)


def test_the_text_validator_keeps_tabs_and_line_breaks():
    validate_plain_text("Regel 1\r\nRegel 2\tmet tab, € en é")
