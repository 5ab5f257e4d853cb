"""Everything about getting teaching-material files to teachers: resumable downloads, course
bundles, previews and download statistics. What may be uploaded in the first place is checked
beside the document model (``resources.documents``)."""
