"""The download statistics, moved here from the resources app (its 0003 created the table).

The table ``resources_dailydownloads`` is not touched: this migration only tells Django that
the model now belongs to this app, and renames the model's content type so that its
permissions ("Can view daily downloads"), and the groups and users given them, stay.
"""

import django.db.models.deletion
from django.db import migrations, models

OLD_APP, NEW_APP, MODEL = "resources", "downloads", "dailydownloads"


def _move_content_type(apps, schema_editor, source, target):
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(
        schema_editor.connection.alias
    )
    # A database migrated from scratch has no content type yet (they are created after
    # migrating); one that already has the target's keeps it.
    if not content_types.filter(app_label=target, model=MODEL).exists():
        content_types.filter(app_label=source, model=MODEL).update(app_label=target)


def forwards(apps, schema_editor):
    _move_content_type(apps, schema_editor, OLD_APP, NEW_APP)


def backwards(apps, schema_editor):
    _move_content_type(apps, schema_editor, NEW_APP, OLD_APP)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("resources", "0005_dailydownloads_moves_to_downloads"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DailyDownloads",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("day", models.DateField(db_index=True, verbose_name="day")),
                        (
                            "language",
                            models.CharField(
                                choices=[
                                    ("zh-hans", "简体中文"),
                                    ("en", "English"),
                                    ("th", "ไทย"),
                                    ("vi", "Tiếng Việt"),
                                    ("lo", "ລາວ"),
                                    ("km", "ខ្មែរ"),
                                    ("my", "မြန်မာဘာသာ"),
                                ],
                                max_length=10,
                                verbose_name="language",
                            ),
                        ),
                        (
                            "country",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("CN", "China"),
                                    ("KH", "Cambodia"),
                                    ("LA", "Laos"),
                                    ("MM", "Myanmar"),
                                    ("TH", "Thailand"),
                                    ("VN", "Vietnam"),
                                ],
                                help_text=(
                                    "ISO code of the country of the institution that "
                                    "publishes the file."
                                ),
                                max_length=2,
                                verbose_name="country",
                            ),
                        ),
                        (
                            "institution_key",
                            models.UUIDField(
                                blank=True,
                                help_text=(
                                    "Translation key of the publishing institution "
                                    "(all its languages)."
                                ),
                                null=True,
                                verbose_name="institution",
                            ),
                        ),
                        (
                            "downloads",
                            models.PositiveIntegerField(default=0, verbose_name="downloads"),
                        ),
                        (
                            "document",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="daily_downloads",
                                to="resources.resourcedocument",
                                verbose_name="file",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "daily downloads",
                        "verbose_name_plural": "daily downloads",
                        "db_table": "resources_dailydownloads",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("day", "document", "language", "country"),
                                name="unique_daily_downloads",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
