"""`tradexl adopt`: start from the spreadsheet a team already keeps.

The user's workbook is recognised by its headers (`recognise`), the mapping is shown and may be edited
(`mapping`), and a new .xlsm is written that holds every part of the user's file byte for byte plus the
contract's sheets, Settings, xlwings.conf, the VBA module and the Trade ribbon (`transplant`, `service`).
"""

from tradexl.adopt.mapping import ColumnMap, SheetMap
from tradexl.adopt.service import AdoptResult, adopt, propose

__all__ = ["AdoptResult", "ColumnMap", "SheetMap", "adopt", "propose"]
