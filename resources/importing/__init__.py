"""Bulk import of the resource catalogues member institutions keep in spreadsheets.

The work is split so that nothing is written until the whole file is known to be good:

- ``readers``: a CSV, XLSX or JSON Lines file becomes rows of cells, each with the line number
  the user sees in their spreadsheet or editor;
- ``columns``: the documented columns and the model fields behind them;
- ``rows``: each row's cells are checked on their own and turned into typed values;
- ``plan``: rows are checked against each other and the repository (``repository`` loads what
  they refer to, ``resolve`` turns one row into field values) and each valid row gets its
  action: create, translate, update...; ``values`` compares and copies field values;
- ``upsert``: the plan is written in one transaction, and drafts are sent to their review.
- ``export``: an institution's catalogue written back out in the same columns and formats.

The management commands ``import_resources`` and ``export_resources`` only wire these
together; docs/import.md is the user's documentation of the columns.
"""
