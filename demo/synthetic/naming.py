"""How synthetic pages are named, and so told apart from everything else: their slugs start
with "syn-", their external IDs with "SYN-", and they all live below the "syn-library"
section of each language's resource library."""

import uuid

SLUG_PREFIX = "syn-"
ID_PREFIX = "SYN-"
LIBRARY_SLUG = "syn-library"
# Fixed namespace: the sections' translation keys are the same on every run.
NAMESPACE = uuid.UUID("5d0f3c52-8f44-4c1e-9a53-0c1b8f7a6e10")
