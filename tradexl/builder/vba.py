"""The workbook's VBA: one standard module of ribbon callbacks that hand each button to Python via xlwings.

By default the callbacks call the xlwings add-in's RunPython through `Application.Run`, so the workbook holds no
third-party VBA and no reference to the add-in; when the add-in is not loaded, a button explains in one message box
what to install. `standalone=True` also embeds the installed xlwings package's own VBA module (and the Dictionary
class it needs on macOS), and the callbacks call that embedded RunPython directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tradexl.builder.ribbon import BUTTONS, RibbonButton
from tradexl.markers import marker_name, tab_name
from tradexl.outreach.mailing import BUILT_IN
from tradexl.reports.due import COLUMNS as DUE_COLUMNS
from tradexl.reports.due import HEADER_ROW as DUE_HEADER_ROW
from tradexl.reports.due import SHEET_NAME as DUE_SHEET
from tradexl.schema import FOLLOWUP_CHANNELS, SETTINGS_SHEET, SETTINGS_SHEET_ZH

MODULE_NAME = "TradeXL"
MACROS_MODULE = "tradexl.xlshell.macros"
XLWINGS_ADDIN = "xlwings.xlam"
CRLF = "\r\n"

ADDIN_STEP = "Then run:  xlwings addin install"
SETUP_STEPS = (
    "Double-click the TradeXL installer (Install TradeXL): it does all of the steps below.",
    "Or by hand: install Python 3.11+ (python.org), then in a terminal run:  pip install tradexl",
    ADDIN_STEP,
    "Restart Excel, open this workbook again and enable macros.",
)


@dataclass(frozen=True)
class VBAModuleSource:
    name: str
    source: str
    is_class: bool = False


def _vba_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _vba_unicode(text: str) -> str:
    """A VBA expression for any text, non-ASCII characters as ChrW() (a module's source is stored in the
    system's ANSI code page, so a Chinese literal would not survive every machine)."""
    pieces = [_vba_string(c) if c.isascii() else f"ChrW(&H{ord(c):X})" for c in text]
    return " & ".join(pieces) if pieces else '""'


def _help_constant(standalone: bool) -> list[str]:
    intro = "TradeXL needs Python with the tradexl package" + ("." if standalone else " and the xlwings add-in.")
    steps = [f"{n}. {step}" for n, step in
             enumerate((s for s in SETUP_STEPS if not (standalone and s == ADDIN_STEP)), start=1)]
    parts = [_vba_string(intro) + " & vbLf & vbLf"] + [_vba_string(s) + " & vbLf" for s in steps[:-1]]
    parts.append(_vba_string(steps[-1]))
    first, *rest = parts
    return [f"Private Const SETUP_HELP As String = {first} & _", *[f"    {p} & _" for p in rest[:-1]],
            f"    {rest[-1]}"]


def _runner(standalone: bool) -> list[str]:
    head = [
        "' Runs tradexl.xlshell.macros.<macroName>(<args>) on this workbook through xlwings.",
        "Private Sub RunTradeXL(ByVal macroName As String, Optional ByVal args As String = \"\")",
        "    Dim pythonCode As String",
        f'    pythonCode = "import {MACROS_MODULE} as m; m." & macroName & "(" & args & ")"',
    ]
    if standalone:
        call = ["    On Error GoTo Failed", "    RunPython pythonCode", "    Exit Sub"]
    else:
        call = [
            "    If Not XlwingsLoaded() Then",
            '        MsgBox SETUP_HELP, vbExclamation, "TradeXL"',
            "        Exit Sub",
            "    End If",
            "    On Error GoTo Failed",
            '    Application.Run "\'" & XLWINGS_ADDIN & "\'!RunPython", pythonCode',
            "    Exit Sub",
        ]
    tail = [
        "Failed:",
        '    MsgBox "Could not start Python (" & Err.Description & ")." & vbLf & vbLf & _',
        '        "To see why and how to fix it, run in a terminal:" & vbLf & _',
        '        "    tradexl doctor """ & ThisWorkbook.FullName & """" & vbLf & vbLf & SETUP_HELP, _',
        '        vbExclamation, "TradeXL"',
        "End Sub",
    ]
    return head + call + tail


LOADED_CHECK = [
    "",
    "' The add-in is open as a hidden workbook when installed with `xlwings addin install`.",
    "Private Function XlwingsLoaded() As Boolean",
    "    Dim book As Object",
    "    On Error Resume Next",
    "    Set book = Application.Workbooks(XLWINGS_ADDIN)",
    "    XlwingsLoaded = Not book Is Nothing",
    "    On Error GoTo 0",
    "End Function",
]


# What a callback asks the user before calling Python, by `RibbonButton.asks`; "{macro}" is the Python macro.
_CUSTOMER_COL = DUE_COLUMNS.index("col.customer") + 1
_CHANNEL_COL = DUE_COLUMNS.index("col.channel") + 1
ASKS: dict[str, list[str]] = {
    "folder": [
        "    Dim folder As String",
        '    folder = PickFolder(SettingValue("Mail Folder"))',
        '    If folder = "" Then Exit Sub',
        '    RunTradeXL "{macro}", PyStr(folder)',
    ],
    "contact": [
        "    Dim r As Long, customer As String, channel As String, summary As String, nextStep As String",
        f"    If Not IsDueSheet(ActiveSheet) Or ActiveCell.Row <= {DUE_HEADER_ROW} Then",
        f'        MsgBox "Select a customer\'s row on the {DUE_SHEET} sheet first.", vbInformation, "TradeXL"',
        "        Exit Sub",
        "    End If",
        "    r = ActiveCell.Row",
        f"    customer = CStr(ActiveSheet.Cells(r, {_CUSTOMER_COL}).Value)",
        f'    channel = InputBox("How did you reach " & customer & "? ({", ".join(FOLLOWUP_CHANNELS)})", _',
        f'        "Log contact - " & Format(Date, "yyyy-mm-dd"), CStr(ActiveSheet.Cells(r, {_CHANNEL_COL}).Value))',
        '    If channel = "" Then Exit Sub',
        '    summary = InputBox("What happened with " & customer & "?", "Log contact - " & channel)',
        '    If summary = "" Then Exit Sub',
        '    nextStep = InputBox("Next step (optional):", "Log contact - " & customer)',
        '    RunTradeXL "{macro}", PyStr(channel) & ", " & PyStr(summary) & ", " & PyStr(nextStep)',
    ],
    "handover": [
        "    Dim fromName As String, toName As String, untilDay As String",
        '    fromName = InputBox("Whose customers are handed over? (FROM: a name in Settings, Team)", "Handover")',
        '    If fromName = "" Then Exit Sub',
        '    toName = InputBox("Who takes over the customers of " & fromName & "? (TO)", "Handover - " & fromName)',
        '    If toName = "" Then Exit Sub',
        '    untilDay = InputBox("Only while " & fromName & " is away? Type the last day (YYYY-MM-DD)." & vbLf & _',
        '        "Leave blank to hand the customers over for good.", "Handover - " & fromName & " to " & toName)',
        '    If untilDay = "" Then',
        '        If MsgBox("Hand every customer and open inquiry of " & fromName & " over to " & toName & _',
        '            " for good?", vbOKCancel + vbQuestion, "Handover") <> vbOK Then Exit Sub',
        "    End If",
        '    RunTradeXL "{macro}", PyStr(fromName) & ", " & PyStr(toName) & ", " & PyStr(untilDay)',
    ],
    "mailing": [
        "    Dim template As String, grades As String",
        f'    template = InputBox("Template: {", ".join(BUILT_IN)}, or the name of a template file next to " & _',
        '        "this workbook.", "Mailing", "new-products")',
        '    If template = "" Then Exit Sub',
        '    grades = InputBox("Only buyers of these grades (e.g. A,B)? Leave blank for every buyer.", _',
        '        "Mailing - " & template)',
        '    RunTradeXL "{macro}", PyStr(template) & ", " & PyStr(grades)',
    ],
    "trip": [
        "    Dim country As String, city As String",
        '    country = InputBox("Which country are you travelling to?", "Trip")',
        '    If country = "" Then Exit Sub',
        '    city = InputBox("Which city in " & country & "? (optional)", "Trip - " & country)',
        '    RunTradeXL "{macro}", PyStr(country) & ", " & PyStr(city)',
    ],
}

HELPERS = [
    "",
    "' A VBA string as an ASCII Python string literal: quotes, backslashes, line breaks and non-ASCII characters",
    "' become \\uXXXX escapes, so any text the user typed reaches Python unchanged.",
    "Private Function PyStr(ByVal text As String) As String",
    "    Dim i As Long, code As Long, out As String",
    "    out = \"'\"",
    "    For i = 1 To Len(text)",
    "        code = AscW(Mid$(text, i, 1)) And &HFFFF&",
    "        If code = 92 Or code = 39 Or code = 34 Or code < 32 Or code > 126 Then",
    '            out = out & "\\u" & Right$("000" & Hex$(code), 4)',
    "        Else",
    "            out = out & Mid$(text, i, 1)",
    "        End If",
    "    Next i",
    "    PyStr = out & \"'\"",
    "End Function",
    "",
    "' The folder dialog of Import mail, opening at the folder used last time.",
    "Private Function PickFolder(ByVal start As String) As String",
    "    With Application.FileDialog(4)",
    '        .Title = "Folder with the inquiry mails (.eml, .mbox, platform exports)"',
    '        If start <> "" Then .InitialFileName = start',
    "        If .Show = -1 Then PickFolder = .SelectedItems(1)",
    "    End With",
    "End Function",
    "",
    "' The sheet an engine marker name points at (it follows a renamed tab); Nothing without the marker.",
    "Private Function MarkedSheet(ByVal markerName As String) As Object",
    "    On Error Resume Next",
    "    Set MarkedSheet = ThisWorkbook.Names(markerName).RefersToRange.Worksheet",
    "    On Error GoTo 0",
    "End Function",
    "",
    "' Whether a sheet is the Due Follow-ups sheet: by its marker, else by its English or Chinese name.",
    "Private Function IsDueSheet(ByVal ws As Object) As Boolean",
    "    Dim marked As Object",
    f'    Set marked = MarkedSheet("{marker_name(DUE_SHEET)}")',
    "    If marked Is Nothing Then",
    f"        IsDueSheet = (ws.Name = {_vba_string(DUE_SHEET)} Or ws.Name = {_vba_unicode(tab_name(DUE_SHEET, 'zh'))})",
    "    Else",
    "        IsDueSheet = (ws.Name = marked.Name)",
    "    End If",
    "End Function",
    "",
    "' The Settings sheet: the one its marker name points at, else the sheet named Settings or its Chinese name",
    "' (Nothing when there is none).",
    "Private Function SettingsSheet() As Object",
    f'    Set SettingsSheet = MarkedSheet("{marker_name(SETTINGS_SHEET)}")',
    "    On Error Resume Next",
    '    If SettingsSheet Is Nothing Then Set SettingsSheet = ThisWorkbook.Worksheets("Settings")',
    "    If SettingsSheet Is Nothing Then Set SettingsSheet = "
    f"ThisWorkbook.Worksheets({_vba_unicode(SETTINGS_SHEET_ZH)})",
    "    On Error GoTo 0",
    "End Function",
    "",
    "' The value next to a setting's name on the Settings sheet (\"\" when absent).",
    "Private Function SettingValue(ByVal key As String) As String",
    "    Dim cell As Object",
    "    On Error Resume Next",
    '    Set cell = SettingsSheet().UsedRange.Find(What:=key, LookAt:=1, MatchCase:=False)',
    "    If Not cell Is Nothing Then SettingValue = CStr(cell.Offset(0, 1).Value)",
    "    On Error GoTo 0",
    "End Function",
]


def callback_body(button: RibbonButton) -> list[str]:
    """The VBA lines inside a button's callback Sub."""
    if not button.asks:
        return [f"    RunTradeXL {_vba_string(button.macro)}"]
    return [line.replace("{macro}", button.macro) for line in ASKS[button.asks]]


def callbacks_module(standalone: bool = False) -> str:
    """Source of the TradeXL module: a `Sub OnX(control As IRibbonControl)` per ribbon button."""
    lines = [
        f'Attribute VB_Name = "{MODULE_NAME}"',
        "' TradeXL ribbon callbacks. Generated by tradexl.builder: edit tradexl/builder/vba.py, not this module.",
        "Option Explicit",
        "",
    ]
    if not standalone:
        lines.append(f"Private Const XLWINGS_ADDIN As String = {_vba_string(XLWINGS_ADDIN)}")
    lines += [*_help_constant(standalone), ""]
    for button in BUTTONS:
        lines += [
            f"' Ribbon button: {button.label}",
            f"Public Sub {button.callback}(control As IRibbonControl)",
            *callback_body(button),
            "End Sub",
            "",
        ]
    lines += _runner(standalone)
    lines += HELPERS
    if not standalone:
        lines += LOADED_CHECK
    return CRLF.join(lines) + CRLF


def xlwings_vba_dir() -> Path:
    import xlwings

    return Path(xlwings.__file__).parent


def vba_modules(standalone: bool = False) -> list[VBAModuleSource]:
    """Every module the workbook's VBA project gets, in order."""
    modules = [VBAModuleSource(MODULE_NAME, callbacks_module(standalone))]
    if standalone:
        base = xlwings_vba_dir()
        modules += [
            VBAModuleSource("xlwings", (base / "xlwings.bas").read_text(encoding="cp1252")),
            VBAModuleSource("Dictionary", (base / "addin" / "Dictionary.cls").read_text(encoding="cp1252"),
                            is_class=True),
        ]
    return modules
