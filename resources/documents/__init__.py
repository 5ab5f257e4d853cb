"""What a teaching-material file may be, beside the document model that stores it: the file
formats, declared once (``formats``), and the upload check (``safety``)."""
