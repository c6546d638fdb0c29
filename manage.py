#!/usr/bin/env python
"""Django's command-line utility for Leefbaarheid."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leefbaarheid.settings")
    # manage.py is what a developer types, so it defaults to development mode; servers set
    # DJANGO_DEBUG=false explicitly, and gunicorn and Celery (not started here) default to off.
    os.environ.setdefault("DJANGO_DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
