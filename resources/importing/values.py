"""Compare a page with the values a row wants, and copy them onto it.

"Unchanged" means every field the import manages already holds the row's value in the page's
latest revision (what an editor sees in the admin). Then nothing is written, not even a
revision, which is what makes running the same file twice a no-op.
"""

from .columns import LINK_TARGETS, MANY_TO_MANY, STREAM_FIELDS

FOREIGN_KEYS = {"institution", "level"}


def plain_stream(data):
    """Stream data without block ids and with list items unwrapped, for comparing content.

    Stored ListBlock values look like [{"type": "item", "value": v, "id": ...}]; a row may
    write plain lists. Both compare equal here.
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


def link_rows(page, relation):
    """The page's link rows of ``relation``, in the order an editor sees them."""
    return sorted(
        getattr(page, relation).all(), key=lambda link: (link.sort_order or 0, link.pk or 0)
    )


def link_keys(page, relation):
    """What each link of ``relation`` points at, as a row names it: a resource's external ID,
    a document's ID."""
    target = LINK_TARGETS[relation]
    links = link_rows(page, relation)
    if target == "document":
        return [link.document_id for link in links]
    return [getattr(link, target).external_id for link in links]


def comparable(name, value):
    if name in FOREIGN_KEYS:
        return value.pk if value is not None else None
    if name in MANY_TO_MANY:
        return frozenset(obj.pk for obj in value)
    if name == "tags":
        return frozenset(value)
    if name in STREAM_FIELDS:
        return plain_stream(value)
    if name in LINK_TARGETS:
        return list(value)
    return value


def current(page, name):
    if name in FOREIGN_KEYS:
        return getattr(page, f"{name}_id")
    if name in MANY_TO_MANY:
        return frozenset(obj.pk for obj in getattr(page, name).all())
    if name == "tags":
        return frozenset(tag.name for tag in page.tags.all())
    if name in STREAM_FIELDS:
        return plain_stream(list(getattr(page, name).raw_data))
    if name in LINK_TARGETS:
        return link_keys(page, name)
    return getattr(page, name)


def differences(page, values):
    """Names of the fields of ``page`` that do not hold ``values`` yet."""
    return [
        name for name, value in values.items() if current(page, name) != comparable(name, value)
    ]


def concrete(values):
    """The values that are plain columns of the page's table (what model validation reads)."""
    return {
        n: v
        for n, v in values.items()
        if n not in MANY_TO_MANY
        and n != "tags"
        and n not in LINK_TARGETS
        and n not in STREAM_FIELDS
    }


def apply(page, values):
    """Copy ``values`` onto ``page`` in memory; saving it (or a revision) stores them. Links
    must be given as the objects they point at (``upsert`` finds them)."""
    for name, value in values.items():
        if name == "tags":
            page.tags.set(list(value))
        elif name in LINK_TARGETS:
            link_model = page._meta.get_field(name).related_model
            target = LINK_TARGETS[name]
            rows = [link_model(**{target: obj, "sort_order": i}) for i, obj in enumerate(value)]
            setattr(page, name, rows)
        else:
            setattr(page, name, value)
