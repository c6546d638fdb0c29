"""Import complexes and galleries from a CSV or XLSX file, exactly as the import screen does."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from complexes.imports import MAX_FILE_SIZE, ImportFailed, import_complexes, parse_bytes
from complexes.models import Corporation


class Command(BaseCommand):
    help = (
        "Import complexes and their galleries for one corporation from a CSV or XLSX file. "
        "All rows or none are written; importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file; the first row holds the column names.")
        parser.add_argument("--corporation", required=True, help="Name of the corporation.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and report, write nothing."
        )
        parser.add_argument(
            "--user", help="Username the changes are logged under (default: none, the system)."
        )

    def handle(self, *args, file, corporation, dry_run, user, **options):
        corporation_obj = Corporation.objects.filter(name=corporation).first()
        if corporation_obj is None:
            raise CommandError(f"Unknown corporation: {corporation}")
        acting_user = None
        if user:
            acting_user = get_user_model().objects.filter(username=user).first()
            if acting_user is None:
                raise CommandError(f"Unknown user: {user}")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        if path.stat().st_size > MAX_FILE_SIZE:
            raise CommandError(f"{file}: larger than {MAX_FILE_SIZE // (1024 * 1024)} MB")
        try:
            table = parse_bytes(path.read_bytes(), path.name)
            summary = import_complexes(
                corporation=corporation_obj, rows=table, user=acting_user, dry_run=dry_run
            )
        except ImportFailed as exc:
            for error in exc.row_errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(exc.row_errors)} error(s) in {file}; nothing was written."
            ) from exc
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError(f"{file} cannot be imported; nothing was written.") from exc
        prefix = "Dry run, nothing written: " if dry_run else ""
        self.stdout.write(
            prefix
            + "complexes {complexes_created} new, {complexes_updated} changed, "
            "{complexes_unchanged} unchanged; galleries {galleries_created} new, "
            "{galleries_updated} changed, {galleries_unchanged} unchanged.".format(**summary)
        )
