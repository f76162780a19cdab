"""The file engine: surgical edits of the user's .xlsm/.xlsx on disk, without a load+save round trip.

Every zip part the engine does not own is copied with identical bytes; input sheets get only their computed
cells rewritten (text-level, row by row); generated sheets are rendered from `SheetSpec` descriptions.

Entry points: `engine.refresh_file` (the `tradexl refresh` command), `engine.FileWorkbook` (read / apply /
append rows / save, used by the importer) and `reader.read_workbook` (read only).
"""
