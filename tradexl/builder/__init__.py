"""Builds TradeXL workbooks: the committed TradeWorkbook.xlsm, `tradexl new`, demo and test workbooks."""

from tradexl.builder.ribbon import BUTTONS, RibbonButton
from tradexl.builder.vba import MODULE_NAME
from tradexl.builder.workbook import TEMPLATE_NAME, build_workbook, write_template

__all__ = ["BUTTONS", "MODULE_NAME", "TEMPLATE_NAME", "RibbonButton", "build_workbook", "write_template"]
