from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from leefbaarheid import roles
from leefbaarheid.site.demo import DEMO_USERS, seed_demo_city


class Command(BaseCommand):
    help = "Create or refresh the demo city (deterministic and idempotent) and its demo users."

    def add_arguments(self, parser):
        parser.add_argument(
            "--complexes", type=int, default=266, help="number of senior complexes (default 266)"
        )
        parser.add_argument("--seed", type=int, default=2022, help="random seed (default 2022)")

    def handle(self, *args, complexes: int, seed: int, **options):
        if complexes < 1:
            raise CommandError("--complexes must be at least 1.")
        city = seed_demo_city(complexes=complexes, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo city ready: {len(city.complexes)} complexes in {len(city.districts)} "
                f"districts, {len(city.corporations)} corporations."
            )
        )
        self.stdout.write(f"Demo logins (password: {settings.DEMO_PASSWORD}):")
        for username, (role, *_rest) in DEMO_USERS.items():
            user = city.users[username]
            reach = f" — {user.corporation}" if user.corporation else ""
            self.stdout.write(f"  {username:<16} {roles.ROLE_LABELS[role]}{reach}")
