"""Dutch first with an English switch; vendored assets only; translations complete and compiled."""

import re

import pytest
from django.urls import reverse

from tests.helpers import BASE_DIR

VENDORED = [
    "static/vendor/bootstrap/bootstrap.min.css",
    "static/vendor/bootstrap/bootstrap.bundle.min.js",
    "static/vendor/htmx/htmx.min.js",
    "static/vendor/chartjs/chart.umd.min.js",
    "static/vendor/leaflet/leaflet.js",
    "static/vendor/leaflet/leaflet.css",
]


@pytest.mark.parametrize("path", VENDORED)
def test_front_end_library_is_vendored(path):
    assert (BASE_DIR / path).stat().st_size > 1000


def test_vendored_versions_match_package_json():
    import json

    pinned = json.loads((BASE_DIR / "package.json").read_text())["devDependencies"]
    listed = (BASE_DIR / "static/vendor/VERSIONS.txt").read_text()
    for package, version in pinned.items():
        assert f"{package} {version}" in listed
    assert pinned["htmx.org"].startswith("2.") and pinned["chart.js"].startswith("4.")
    assert pinned["leaflet"].startswith("1.9") and pinned["bootstrap"].startswith("5.")


def test_templates_load_nothing_from_other_hosts():
    pattern = re.compile(r"""(src|href)=["'](https?:)?//""")
    for template in BASE_DIR.glob("**/templates/**/*.html"):
        if ".venv" in template.parts:
            continue
        assert not pattern.search(template.read_text()), template


@pytest.mark.django_db
def test_english_switch(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in html
    assert "Sign in" in html


@pytest.mark.django_db
def test_overview_is_dutch(client, official):
    client.force_login(official)
    html = client.get(reverse("home")).content.decode()
    assert "Welkom" in html
    assert "Complexen" in html


def _po_entries(path):
    """(msgid, msgstrs, fuzzy, context) for each entry of a .po file; one msgstr per plural
    form; context is None unless the entry has a msgctxt."""
    entries, fuzzy, context, msgid, msgstr, field = [], False, None, None, [], None
    for line in [*path.read_text().splitlines(), ""]:
        if not line.strip():
            if msgid:
                entries.append((msgid, msgstr, fuzzy, context))
            fuzzy, context, msgid, msgstr, field = False, None, None, [], None
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgctxt "):
            context, field = line[9:-1], "ctxt"
        elif line.startswith("msgid "):
            msgid, field = line[7:-1], "id"
        elif line.startswith("msgid_plural "):
            field = "plural"
        elif line.startswith("msgstr"):
            field = "str"
            msgstr.append(line.split(" ", 1)[1][1:-1])
        elif line.startswith('"'):
            if field == "id":
                msgid += line[1:-1]
            elif field == "str":
                msgstr[-1] += line[1:-1]
    return entries


def test_dutch_catalogue_is_complete():
    entries = _po_entries(BASE_DIR / "locale/nl/LC_MESSAGES/django.po")
    assert len(entries) > 50
    untranslated = [
        msgid for msgid, msgstrs, fuzzy, _context in entries if fuzzy or not all(msgstrs)
    ]
    assert untranslated == []


def test_compiled_catalogue_matches_the_source():
    import gettext

    directory = BASE_DIR / "locale/nl/LC_MESSAGES"
    with (directory / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for msgid, msgstrs, _fuzzy, context in _po_entries(directory / "django.po"):
        if "\\" in msgid or "\\" in msgstrs[0]:
            continue  # escaped characters: msgfmt's business
        found = compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)
        if found != msgstrs[0]:
            stale.append(msgid)
    assert stale == [], "run `make messages` to recompile locale/nl"
