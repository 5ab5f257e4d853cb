"""Writes that must not wait for long: a counter behind a long lock (a migration, a stuck
transaction) gives up instead of holding a visitor's request or a background thread."""

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def bounded_transaction(lock_timeout, statement_timeout):
    """A transaction (a savepoint inside another) whose statements give up after waiting
    ``lock_timeout`` for a lock or running ``statement_timeout`` (PostgreSQL durations such
    as "2s"; other databases keep their own timeouts)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('lock_timeout', %s, true), "
                    "set_config('statement_timeout', %s, true)",
                    [lock_timeout, statement_timeout],
                )
        yield
