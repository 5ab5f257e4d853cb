"""Write a row or a page only when its stored values differ from the wanted ones.

This is what makes the loader idempotent: a second run compares, finds nothing to change and
writes nothing (no new rows, no new page revisions).
"""

from collections import Counter

from django.db import models
from wagtail.fields import StreamField


class Tally(Counter):
    """Counts of what a run did, keyed by (action, label): ("created", "page"), ..."""

    def note(self, action, label):
        self[(action, label)] += 1

    def total(self, action):
        return sum(n for (a, _label), n in self.items() if a == action)


def plain_stream(data):
    """Stream data without block ids and with list items unwrapped, for comparing content.

    Stored ListBlock values look like [{"type": "item", "value": v, "id": ...}]; the loader
    writes plain lists. Both compare equal here.
    """
    if isinstance(data, dict):
        if set(data) <= {"type", "value", "id"} and "value" in data:
            if data.get("type") == "item":
                return plain_stream(data["value"])
            return {"type": data["type"], "value": plain_stream(data["value"])}
        return {k: plain_stream(v) for k, v in data.items() if k != "id"}
    if isinstance(data, list | tuple):
        return [plain_stream(v) for v in data]
    return data


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


def _links_differ(page, relation, target_field, targets):
    # In their stored order: rows without one would come back in any order, and a second
    # load would see a change where there is none.
    rows = getattr(page, relation).all().order_by("sort_order", "pk")
    current = [getattr(link, f"{target_field}_id") for link in rows]
    return current != [t.pk for t in targets]


def _set_links(page, relation, target_field, targets):
    link_model = page._meta.get_field(relation).related_model
    rows = [link_model(**{target_field: t, "sort_order": i}) for i, t in enumerate(targets)]
    setattr(page, relation, rows)


def sync_page(page, parent, fields, tally, tags=None, links=None):
    """Create ``page`` under ``parent`` (when it has no pk) or update it, then publish a new
    revision, but only when something differs or it is not live.

    ``fields``: values for concrete, stream and many-to-many fields; ``tags``: tag names;
    ``links``: {relation: (target field, [target pages])} for orderable link rows.
    """
    links = links or {}
    is_new = page.pk is None
    if not is_new:
        changed = (
            not page.live
            or any(differs(page, name, value) for name, value in fields.items())
            or (tags is not None and set(page.tags.names()) != set(tags))
            or any(_links_differ(page, rel, fk, targets) for rel, (fk, targets) in links.items())
        )
        if not changed:
            return page
    for name, value in fields.items():
        setattr(page, name, value)
    if tags is not None:
        page.tags.set(list(tags))
    for relation, (target_field, targets) in links.items():
        _set_links(page, relation, target_field, targets)
    if is_new:
        page.live = False  # publish() below makes it live and records the first revision
        parent.add_child(instance=page)
    page.save_revision().publish()
    tally.note("created" if is_new else "updated", "page")
    return page
