"""The package was renamed from ``search`` to ``discovery`` (the app label stayed ``search``):
tasks already queued under the old module path run from the new one."""

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

OLD, NEW = "search.tasks.", "discovery.tasks."


def rename(old, new):
    def forwards(apps, schema_editor):
        DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
        DBTaskResult.objects.filter(task_path__startswith=old).update(
            task_path=Concat(Value(new), Substr(F("task_path"), len(old) + 1))
        )

    return forwards


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_daily_searches"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(rename(OLD, NEW), rename(NEW, OLD))]
