"""TradeXL: the export sales team's Excel workbook, graded, scheduled and reported."""

__version__ = "0.1.0"
