"""Create the five role groups with the permissions that exist at this point.

Permissions of models added by later migrations are given by the post-migrate sync in apps.py.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from leefbaarheid.roles import sync_roles

    # Permissions are normally created after migrate; make them exist now so groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    sync_roles(apps, strict=False)


def remove_roles(apps, schema_editor):
    from leefbaarheid.roles import ROLES

    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("leefbaarheid", "0001_initial"),
        ("complexes", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
