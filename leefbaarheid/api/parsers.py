"""The API's JSON parser: DRF's, refusing a body nested deeper than any resource needs.

Python's decoder recurses once per level, so a body of 100,000 brackets would end in a
RecursionError (a 500); a few hundred levels would pass the decoder but nothing here reads them.
"""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# The deepest resource (a survey response's answers in a list) needs four levels.
MAX_DEPTH = 20


def depth(value) -> int:
    """How deep lists and objects nest in ``value`` (walked without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            data = None
        else:
            if depth(data) <= MAX_DEPTH:
                return data
        raise ParseError(
            _("The JSON body nests deeper than %(depth)s levels.") % {"depth": MAX_DEPTH}
        )
