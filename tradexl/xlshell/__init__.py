"""The xlwings shell: the Trade ribbon's macros run the core on the workbook open in Excel.

`macros` holds the entry points the VBA callbacks name in RunPython; `workbook` is the only module that talks
to Excel; `plan` and `values` are pure, so what the shell writes can be tested (and compared with the file
engine) without Excel.
"""
