"""Search analytics: every discovery search counted per day, with no personal data.

``record(query, result)`` is what the search service calls: it appends to a buffer in memory
and returns; a background thread writes the buffer to ``discovery.models.DailySearches``.
The admin report is ``search.report``.
"""

from discovery.analytics.recorder import discard_pending, flush, pending, record, stop
from discovery.analytics.text import canonical_filters, normalized

__all__ = [
    "canonical_filters",
    "discard_pending",
    "flush",
    "normalized",
    "pending",
    "record",
    "stop",
]
