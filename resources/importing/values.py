"""Compare a page with the values a row wants, and copy them onto it.

"Unchanged" means every field the import manages already holds the row's value in the page's
latest revision (what an editor sees in the admin). Then nothing is written, not even a
revision, which is what makes running the same file twice a no-op.
"""

from .columns import MANY_TO_MANY

FOREIGN_KEYS = {"institution", "level"}


def comparable(name, value):
    if name in FOREIGN_KEYS:
        return value.pk if value is not None else None
    if name in MANY_TO_MANY:
        return frozenset(obj.pk for obj in value)
    if name == "tags":
        return frozenset(value)
    return value


def current(page, name):
    if name in FOREIGN_KEYS:
        return getattr(page, f"{name}_id")
    if name in MANY_TO_MANY:
        return frozenset(obj.pk for obj in getattr(page, name).all())
    if name == "tags":
        return frozenset(tag.name for tag in page.tags.all())
    return getattr(page, name)


def differences(page, values):
    """Names of the fields of ``page`` that do not hold ``values`` yet."""
    return [
        name for name, value in values.items() if current(page, name) != comparable(name, value)
    ]


def concrete(values):
    """The values that are plain columns of the page's table (what model validation reads)."""
    return {n: v for n, v in values.items() if n not in MANY_TO_MANY and n != "tags"}


def apply(page, values):
    """Copy ``values`` onto ``page`` in memory; saving it (or a revision) stores them."""
    for name, value in values.items():
        if name == "tags":
            page.tags.set(list(value))
        else:
            setattr(page, name, value)
