"""The bench database: benchmarks write only to a PostgreSQL database named ``*_bench``."""

import os


class BenchError(Exception):
    pass


def _server(config):
    """An autocommit connection to the server's maintenance database, where databases are
    created and dropped."""
    import psycopg

    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    return psycopg.connect(dbname="postgres", autocommit=True, **params)


def ensure_database(allow_any, script):
    """Create the bench database when missing; refuse any database not named ``*_bench``
    (``script`` names the benchmark in the messages)."""
    import environ

    config = environ.Env.db_url_config(os.environ.get("DATABASE_URL", ""))
    name = config.get("NAME", "")
    if "postgresql" not in config.get("ENGINE", ""):
        raise BenchError(f"{script}: needs DATABASE_URL pointing at PostgreSQL.")
    if not name.endswith("_bench") and not allow_any:
        raise BenchError(
            f"{script}: refusing to write to database {name!r}: its name does not end in "
            "'_bench'. Point DATABASE_URL at a bench database, or pass "
            "--i-know-this-is-a-bench-db."
        )
    with _server(config) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            print(f"{script}: creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def recreate_database(script):
    """Drop the bench database (which ``ensure_database`` has let through) and create it
    empty, for benchmarks that build their content from nothing every run."""
    import environ

    config = environ.Env.db_url_config(os.environ.get("DATABASE_URL", ""))
    name = config["NAME"]
    with _server(config) as connection:
        print(f"{script}: recreating database {name}")
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
