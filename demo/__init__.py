"""Demo content of the Lancang-Mekong Vocational Education Alliance, loaded by
``python manage.py load_demo_content``. Plain data lives in ``data`` and ``phrases``;
``loader`` turns it into snippets, pages, images and documents, idempotently. ``termbase``
is the termbase seed (``load_termbase``), and ``synthetic`` writes the benchmarks' synthetic
resources (``generate_synthetic_resources``). The site's own apps never import this one."""
