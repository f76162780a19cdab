"""Generated sheets and texts, as pure functions of the enriched tables, Settings and `today`.

Each report returns `SheetSpec`s (or text) that both shells render; nothing here touches files or Excel.
"""

from tradexl.reports.check import check_sheet
from tradexl.reports.due import due_message, due_sheet
from tradexl.reports.pricing import quote_sheet_name, select_products, unit_price
from tradexl.reports.quotes import quote_sheet, quote_sheets
from tradexl.reports.textquote import text_quote, text_quotes, to_ascii
from tradexl.reports.unanswered import unanswered, unanswered_sheet
from tradexl.reports.weekly import week_range, weekly_sheet

__all__ = [
    "check_sheet", "due_message", "due_sheet", "quote_sheet", "quote_sheet_name", "quote_sheets",
    "select_products", "text_quote", "text_quotes", "to_ascii", "unanswered", "unanswered_sheet", "unit_price",
    "week_range", "weekly_sheet",
]
