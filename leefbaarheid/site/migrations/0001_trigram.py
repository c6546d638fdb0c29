"""pg_trgm for the search box (``leefbaarheid.site.search``); nothing on any other database."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class PostgresTrigramExtension(TrigramExtension):
    """``CREATE EXTENSION pg_trgm`` on PostgreSQL only: SQLite searches by containment."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies: list = []

    operations = [PostgresTrigramExtension()]
