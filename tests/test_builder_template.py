"""The committed TradeWorkbook.xlsm is exactly what the builder makes, and is a macro-enabled workbook with a ribbon
whose buttons all reach a VBA callback (XlsxWriter-style part-by-part comparison)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from oletools.olevba import VBA_Parser

from tradexl.builder import BUTTONS, MODULE_NAME, build_workbook
from tradexl.builder.package import FIXED_TIME
from tradexl.builder.ribbon import CUSTOMUI_NS, CUSTOMUI_PART, CUSTOMUI_REL_TYPE

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "TradeWorkbook.xlsm"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CORE_DATES = re.compile(r"(<dcterms:(created|modified)\b[^>]*>)[^<]*(</dcterms:\2>)")
CALLBACK = re.compile(r"^Public Sub (\w+)\(control As IRibbonControl\)", re.MULTILINE)


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def comparable(name: str, data: bytes) -> bytes:
    if name == "docProps/core.xml":
        return CORE_DATES.sub(r"\1\3", data.decode("utf-8")).encode("utf-8")
    return data


def vba_modules(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {stream.rsplit("/", 1)[-1]: code for _, stream, _, code in parser.extract_macros()}
    finally:
        parser.close()


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "TradeWorkbook.xlsm"
    build_workbook(path)
    return path


def test_committed_template_matches_a_fresh_build_part_by_part(rebuilt: Path) -> None:
    committed, fresh = parts(TEMPLATE), parts(rebuilt)
    assert list(committed) == list(fresh), "part names or order drifted: run python -m tradexl.builder"
    for name in committed:
        assert comparable(name, committed[name]) == comparable(name, fresh[name]), f"{name} drifted"


def test_two_builds_give_identical_bytes(rebuilt: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.xlsm"
    build_workbook(again)
    assert again.read_bytes() == rebuilt.read_bytes()
    assert FIXED_TIME in parts(again)["docProps/core.xml"].decode()


def test_content_types_are_macro_enabled_with_vba_project_linked() -> None:
    p = parts(TEMPLATE)
    types = ET.fromstring(p["[Content_Types].xml"])
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(CT_NS + "Override")}
    defaults = {d.get("Extension"): d.get("ContentType") for d in types.iter(CT_NS + "Default")}
    assert overrides["/xl/workbook.xml"] == "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    vba_type = overrides.get("/xl/vbaProject.bin") or defaults.get("bin")
    assert vba_type == "application/vnd.ms-office.vbaProject"
    rels = ET.fromstring(p["xl/_rels/workbook.xml.rels"])
    assert any(r.get("Type", "").endswith("/vbaProject") and r.get("Target") == "vbaProject.bin"
               for r in rels.iter(REL_NS + "Relationship"))
    assert "xl/vbaProject.bin" in p


def test_ribbon_part_is_related_from_the_package_root() -> None:
    p = parts(TEMPLATE)
    rels = ET.fromstring(p["_rels/.rels"])
    targets = {r.get("Target") for r in rels.iter(REL_NS + "Relationship") if r.get("Type") == CUSTOMUI_REL_TYPE}
    assert targets == {CUSTOMUI_PART}
    assert CUSTOMUI_PART in p


def test_ribbon_has_a_trade_tab_with_every_button_large_with_icon_and_tip() -> None:
    root = ET.fromstring(parts(TEMPLATE)[CUSTOMUI_PART])
    q = f"{{{CUSTOMUI_NS}}}"
    assert root.tag == q + "customUI"
    (tab,) = root.iter(q + "tab")
    assert tab.get("label") == "Trade"
    buttons = list(tab.iter(q + "button"))
    assert [b.get("label") for b in buttons] == [b.label for b in BUTTONS]
    assert {b.get("label") for b in buttons} >= {"Refresh follow-ups", "Grade leads", "Region quotes",
                                                 "Weekly summary", "Check data", "Refresh all", "Customer history"}
    for b in buttons:
        assert b.get("size") == "large" and b.get("imageMso") and b.get("screentip") and b.get("supertip")
    assert len({b.get("id") for b in buttons}) == len(buttons)


def test_every_on_action_names_a_callback_sub_in_the_vba_module() -> None:
    root = ET.fromstring(parts(TEMPLATE)[CUSTOMUI_PART])
    actions = {e.get("onAction") for e in root.iter() if e.get("onAction")}
    code = vba_modules(TEMPLATE)[MODULE_NAME]
    callbacks = set(CALLBACK.findall(code))
    assert actions == callbacks
    assert len(actions) == len(BUTTONS)


def test_vba_callbacks_run_the_tradexl_macros_through_the_xlwings_addin() -> None:
    code = vba_modules(TEMPLATE)[MODULE_NAME]
    assert 'pythonCode = "import tradexl.xlshell.macros as m; m." & macroName & "(" & args & ")"' in code
    assert "Application.Run \"'\" & XLWINGS_ADDIN & \"'!RunPython\", pythonCode" in code
    assert 'Private Const XLWINGS_ADDIN As String = "xlwings.xlam"' in code
    for button in BUTTONS:
        body = code.split(f"Public Sub {button.callback}(control As IRibbonControl)", 1)[1].split("End Sub")[0]
        if not button.asks:
            assert body.strip() == f'RunTradeXL "{button.macro}"'
        else:  # asks the user first, then passes the answers as Python string literals
            assert body.strip().splitlines()[-1].strip().startswith(f'RunTradeXL "{button.macro}", PyStr(')
    for macro in ("refresh_followups", "grade_leads", "region_quotes", "weekly_summary", "monthly_review",
                  "statistics", "check_data", "refresh_all", "customer_history"):
        assert f'"{macro}"' in code


def test_missing_addin_gets_one_message_box_saying_what_to_install() -> None:
    code = vba_modules(TEMPLATE)[MODULE_NAME]
    assert "pip install tradexl" in code and "xlwings addin install" in code
    runner = code.split("Private Sub RunTradeXL", 1)[1].split("End Sub")[0]
    not_loaded = runner.split("If Not XlwingsLoaded() Then", 1)[1].split("End If")[0]
    assert not_loaded.count("MsgBox") == 1 and "Exit Sub" in not_loaded
    assert "On Error GoTo Failed" in runner and runner.count("MsgBox") == 2  # missing add-in, or Run failed
    assert "Set book = Application.Workbooks(XLWINGS_ADDIN)" in code


def test_committed_workbook_embeds_no_third_party_vba() -> None:
    modules = vba_modules(TEMPLATE)
    assert set(modules) == {MODULE_NAME, "ThisWorkbook", *(f"Sheet{i}" for i in range(1, 10))}
    everything = "\n".join(modules.values())
    assert "XLPyDLL" not in everything and "Declare " not in everything
    assert "Sub RunPython" not in everything and "Function RunPython" not in everything


def test_standalone_embeds_xlwings_and_calls_its_run_python(tmp_path: Path) -> None:
    path = tmp_path / "standalone.xlsm"
    build_workbook(path, standalone=True)
    modules = vba_modules(path)
    assert {"xlwings", "Dictionary", MODULE_NAME} <= set(modules)
    assert "Public Function RunPython(PythonCommand As String)" in modules["xlwings"]
    code = modules[MODULE_NAME]
    assert "    RunPython pythonCode" in code
    assert "Application.Run" not in code and "xlwings addin install" not in code
    assert "pip install tradexl" in code and '"3. Restart Excel' in code  # steps renumbered without the add-in
    assert parts(path)[CUSTOMUI_PART] == parts(TEMPLATE)[CUSTOMUI_PART]


def test_day_buttons_are_on_the_ribbon_and_ask_before_calling_python() -> None:
    root = ET.fromstring(parts(TEMPLATE)[CUSTOMUI_PART])
    q = f"{{{CUSTOMUI_NS}}}"
    mail = next(g for g in root.iter(q + "group") if g.get("id") == "grpMail")
    assert [b.get("label") for b in mail.iter(q + "button")] == ["Import mail", "Fetch mail", "Reply draft",
                                                                 "Proforma invoice"]
    code = vba_modules(TEMPLATE)[MODULE_NAME]
    importing = code.split("Public Sub OnImportMail(control As IRibbonControl)", 1)[1].split("End Sub")[0]
    assert 'PickFolder(SettingValue("Mail Folder"))' in importing and 'If folder = "" Then Exit Sub' in importing
    logging = code.split("Public Sub OnLogContact(control As IRibbonControl)", 1)[1].split("End Sub")[0]
    assert "If Not IsDueSheet(ActiveSheet) Or ActiveCell.Row <= 2 Then" in logging
    source = code
    assert 'Set marked = MarkedSheet("_TradeXL.Due_Follow.002dups")' in source  # the Due sheet by its marker,
    assert 'ws.Name = "Due Follow-ups" Or ws.Name = ChrW(&H5F85) & ChrW(&H8DDF) & ChrW(&H8FDB)' in source  # or name
    assert 'Set SettingsSheet = MarkedSheet("_TradeXL.Settings")' in source
    assert "ActiveSheet.Cells(r, 2)" in logging and "ActiveSheet.Cells(r, 8)" in logging  # customer, channel
    assert logging.count("InputBox(") == 3
    for helper in ("Private Function PyStr(", "Private Function PickFolder(", "Private Function SettingValue("):
        assert helper in code
    assert "Application.FileDialog(4)" in code  # msoFileDialogFolderPicker
