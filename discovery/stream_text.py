"""The searchable text of a StreamField read from its stored JSON, as Wagtail's own
``get_searchable_content`` gives it, without building the blocks' values first.

Wagtail converts every block of a stream to its Python value (a StructValue per module, a
ListValue with a fresh UUID per item...) before it asks each for its text: at 100,000
resources that was a quarter of a rebuild's Python time. Streams, structs and lists are walked
here on their raw JSON with Wagtail's own rules (unknown block types skipped, a struct's
missing child given its default, both list formats); every other block (text, rich text,
images, choosers) still converts its own value and answers with its own method, so what it
returns is Wagtail's. A block class that changes how a stream, struct or list is read or
searched is handed to Wagtail whole.
"""

from wagtail.blocks import BaseStreamBlock, BaseStructBlock, ListBlock


def _is_plain(block, base):
    cls = type(block)
    return (
        cls.to_python is base.to_python
        and cls.get_searchable_content is base.get_searchable_content
    )


def searchable_content(block, raw):
    """``block.get_searchable_content(block.to_python(raw))``, walking streams, structs and
    lists on their raw JSON."""
    if isinstance(block, BaseStreamBlock) and _is_plain(block, BaseStreamBlock):
        return _stream_content(block, raw)
    if isinstance(block, BaseStructBlock) and _is_plain(block, BaseStructBlock):
        return _struct_content(block, raw)
    if isinstance(block, ListBlock) and _is_plain(block, ListBlock):
        return _list_content(block, raw)
    return block.get_searchable_content(block.to_python(raw))


def stream_field_content(field, value):
    """``field.get_searchable_content(value)`` for a StreamField's value as loaded from the
    database (a lazy StreamValue, whose raw JSON is still at hand)."""
    stream_block = field.stream_block
    if not _is_plain(stream_block, BaseStreamBlock) or not getattr(value, "is_lazy", False):
        return field.get_searchable_content(value)
    return _stream_content(stream_block, value.raw_data)


def _stream_content(block, raw):
    if not block.search_index or not raw:
        return []
    if isinstance(raw, str) or not isinstance(raw[0], dict):
        return block.get_searchable_content(block.to_python(raw))
    content = []
    children = block.child_blocks
    for item in raw:
        child = children.get(item["type"])
        if child is not None:  # Wagtail drops blocks of a type the stream no longer has
            content.extend(searchable_content(child, item["value"]))
    return content


def _struct_content(block, raw):
    if not block.search_index:
        return []
    if not isinstance(raw, dict):
        return block.get_searchable_content(block.to_python(raw))
    content = []
    for name, child in block.child_blocks.items():
        if name in raw:
            content.extend(searchable_content(child, raw[name]))
        else:
            content.extend(child.get_searchable_content(child.get_default()))
    return content


def _list_content(block, raw):
    if not block.search_index:
        return []
    content = []
    child = block.child_block
    for item in raw:
        value = item["value"] if block._item_is_in_block_format(item) else item
        content.extend(searchable_content(child, value))
    return content
