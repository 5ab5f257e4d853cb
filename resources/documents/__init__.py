"""What a teaching-material file may be, beside the document model that stores it: the upload
check (``safety``)."""
