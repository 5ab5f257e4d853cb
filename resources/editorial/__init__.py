"""Who may do what: the alliance's editorial roles, built on Wagtail groups, page and collection
permissions and workflows. ``setup_editorial()`` creates or updates all of it (idempotent);
signals keep it in step when institutions and their sections are created."""

from .setup import setup_editorial, setup_institution

__all__ = ["setup_editorial", "setup_institution"]
