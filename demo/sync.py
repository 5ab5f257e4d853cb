"""Write a row or a page only when its stored values differ from the wanted ones.

This is what makes the loader idempotent for the snippets and the page tree above the resources:
a second run compares, finds nothing to change and writes nothing (no new rows, no new page
revisions). The resources get the same from the importer's own comparison.
"""

from collections import Counter

from django.db import models
from wagtail.fields import StreamField

from resources.importing.values import plain_stream


class Tally(Counter):
    """Counts of what a run did, keyed by (action, label): ("created", "page"), ..."""

    def note(self, action, label):
        self[(action, label)] += 1

    def total(self, action):
        return sum(n for (a, _label), n in self.items() if a == action)


def _field(obj, name):
    try:
        return obj._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a manager such as ``tags`` is not a concrete field
        return None


def differs(obj, name, wanted):
    """Whether ``obj.<name>`` holds something other than ``wanted``."""
    field = _field(obj, name)
    if isinstance(field, models.ForeignKey):
        return getattr(obj, field.attname) != (wanted.pk if wanted is not None else None)
    if isinstance(field, StreamField):
        return plain_stream(list(getattr(obj, name).raw_data)) != plain_stream(wanted)
    if isinstance(field, models.ManyToManyField):
        return {o.pk for o in getattr(obj, name).all()} != {o.pk for o in wanted}
    return getattr(obj, name) != wanted


def upsert_row(model, lookup, values, tally, label=None):
    """Get the row matching ``lookup`` and make its ``values`` match; create it if missing."""
    label = label or model._meta.verbose_name
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        tally.note("created", label)
        return obj
    changed = [name for name, value in values.items() if differs(obj, name, value)]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        tally.note("updated", label)
    return obj


def sync_page(page, parent, fields, tally):
    """Create ``page`` under ``parent`` (when it has no pk) or update it, then publish a new
    revision, but only when something differs or it is not live.

    ``fields``: values for concrete, stream and many-to-many fields. The page tree above the
    resources uses this; the resources themselves are written by the importer.
    """
    is_new = page.pk is None
    if not is_new:
        changed = not page.live or any(differs(page, name, value) for name, value in fields.items())
        if not changed:
            return page
    for name, value in fields.items():
        setattr(page, name, value)
    if is_new:
        page.live = False  # publish() below makes it live and records the first revision
        parent.add_child(instance=page)
    page.save_revision().publish()
    tally.note("created" if is_new else "updated", "page")
    return page
