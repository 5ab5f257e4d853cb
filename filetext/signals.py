"""Extraction is queued when a document's file is uploaded or replaced (filetext.runner)."""
