"""Everything about getting teaching-material files to teachers: safe uploads, resumable
downloads, course bundles, previews and download statistics."""
