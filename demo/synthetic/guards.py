"""What the generator refuses: a database that is not PostgreSQL (it writes with COPY), one
whose name does not end in "_bench" unless told otherwise, and one not fully migrated."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


class SyntheticError(SystemExit):
    """Stops the run with a message (a SystemExit, so a bench script shows it plainly; the
    management command turns it into a CommandError)."""


def database_name():
    return connection.settings_dict["NAME"]


def check_database(allow_any=False):
    if connection.vendor != "postgresql":
        raise SyntheticError(f"synthetic: needs PostgreSQL, not {connection.vendor}.")
    name = database_name()
    if not name.endswith("_bench") and not allow_any:
        raise SyntheticError(
            f"synthetic: refusing to write to database {name!r}: its name does not end in "
            "'_bench'. Point DATABASE_URL at a bench database, or pass "
            "--i-know-this-is-a-bench-db."
        )


def check_migrations():
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise SyntheticError(
            f"synthetic: {len(plan)} migration(s) not applied to {database_name()!r} "
            f"(first: {plan[0][0]}). Run `manage.py migrate` first."
        )
