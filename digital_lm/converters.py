"""Path converters of the site's own URLs; importing this module registers them."""

from django.urls import register_converter


class RowId:
    """A database row's id: at most 18 digits, which every id fits (ids are signed 64-bit).
    A longer number is no match (404), where ``int`` would pass it to the database, which
    fails on it (500)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(RowId, "row_id")
