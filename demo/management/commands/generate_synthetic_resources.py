"""Top the database up to N synthetic resource translations, for the benchmarks (see
bench/README.md). Refuses a database whose name does not end in "_bench" unless told."""

import argparse
import time

from django.core.management.base import BaseCommand, CommandError

from demo.synthetic.generator import SyntheticError, generate


class Command(BaseCommand):
    help = (
        "Generate synthetic resources (published page translations in the seven languages) "
        "straight into PostgreSQL, for the benchmarks; deterministic for a seed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--count",
            type=int,
            required=True,
            help="synthetic documents (published page translations) wanted in total",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--reset", action="store_true", help="delete the previous synthetic pages first"
        )
        parser.add_argument(
            "--db-index",
            choices=["add", "rebuild", "none"],
            default="add",
            help="fill the database search backend's index: for the new pages (add, the "
            "default), by a full update_index (rebuild), or not at all",
        )
        parser.add_argument(
            "--db-index-workers",
            type=int,
            default=None,
            help="processes filling the database search index (default: one per CPU)",
        )
        parser.add_argument(
            "--file-text",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="give every synthetic teaching material its files and their extracted text "
            "(default; --no-file-text: the pages only)",
        )
        parser.add_argument("--no-check", action="store_true", help="skip the checks afterwards")
        parser.add_argument(
            "--full-check",
            action="store_true",
            help="run treebeard's find_problems over the whole tree (two queries per page: slow)",
        )
        parser.add_argument(
            "--i-know-this-is-a-bench-db",
            dest="allow_any",
            action="store_true",
            help="write even though the database's name does not end in '_bench'",
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        out = self.stdout
        out.ending = ""  # the generator ends its own lines, and redraws its progress with "\r"
        try:
            stats = generate(
                options["count"],
                seed=options["seed"],
                stdout=out,
                reset=options["reset"],
                db_index=options["db_index"],
                check=not options["no_check"],
                full_check=options["full_check"],
                allow_any_database=options["allow_any"],
                db_index_workers=options["db_index_workers"],
                file_text=options["file_text"],
            )
        except SyntheticError as exc:
            raise CommandError(exc.code) from exc
        out.write(f"synthetic: done in {time.perf_counter() - started:.1f} s\n")
        if stats.problems:
            raise CommandError(f"synthetic: {len(stats.problems)} problem(s), listed above")
