"""What text a user may store: anything printable, with tabs and line breaks, but no control
characters. One invisible ESC or NUL would be stored and then break whatever shows it again
(PostgreSQL refuses NUL, XLSX holds no control character), so every text field refuses them at
the door (``validate_plain_text``) and every spreadsheet writer strips them from rows stored
before that (``printable``).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# C0 control characters other than tab, line feed and carriage return (NUL among them), lone
# surrogate halves (no UTF-8 for them) and the two non-characters XML refuses.
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def validate_plain_text(value) -> None:
    """The validator of every text field (model, form and API): refuses control characters with
    a Dutch message on the field."""
    if isinstance(value, str) and UNSTORABLE.search(value):
        raise ValidationError(
            _(
                "Remove the invisible control characters from this text (they are often pasted "
                "along by accident)."
            ),
            code="control_characters",
        )


def printable(value):
    """``value`` without what a spreadsheet cannot hold; anything not text is returned as is."""
    if isinstance(value, str):
        return UNSTORABLE.sub("", value)
    return value
