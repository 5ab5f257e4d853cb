"""The download statistics move to the downloads app (downloads/migrations/0001_initial.py).

Only Django's picture of the models changes: the table ``resources_dailydownloads`` and its
rows stay where they are, and the downloads app's model keeps using it (``db_table``).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0004_termbase"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DailyDownloads")],
            database_operations=[],
        ),
    ]
