"""Who may do what: the alliance's editorial roles, built on Wagtail groups, page and collection
permissions and workflows. ``setup.setup_editorial()`` creates or updates all of it
(idempotent); signals keep it in step when institutions and their sections are created.

Nothing is imported here: Wagtail imports ``workflow`` while its own models load.
"""
