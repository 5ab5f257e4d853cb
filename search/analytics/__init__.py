"""Search analytics: every discovery search counted per day, with no personal data.

``record(query, result)`` is what the search service calls: it appends to a buffer in memory
and returns; a background thread writes the buffer to ``search.models.DailySearches``.
The admin report is ``search.report``.
"""

from search.analytics.recorder import discard_pending, flush, pending, record, stop
from search.analytics.text import canonical_filters, normalized

__all__ = [
    "canonical_filters",
    "discard_pending",
    "flush",
    "normalized",
    "pending",
    "record",
    "stop",
]
