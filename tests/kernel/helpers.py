"""Dates far outside 1900–2100, shared by the kernel's bounds tests and the site's stored-input
tests."""

import datetime

FAR_FUTURE = datetime.date(9999, 12, 31)
FAR_PAST = datetime.date(1, 1, 1)
