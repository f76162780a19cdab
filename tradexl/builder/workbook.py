"""Build a new TradeXL workbook: sheets with openpyxl, VBA with pyOpenVBA, then the package finishing touches.

The order matters: openpyxl can only write a new file (never round-trip a user's workbook), pyOpenVBA adds the
VBA project to that file, and `package.finalize` makes the result a macro-enabled workbook with the ribbon.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName
from pyopenvba import ExcelFile
from pyopenvba.vba import VBAModuleKind

from tradexl.builder.input_sheets import add_input_sheets
from tradexl.builder.package import finalize
from tradexl.builder.ribbon import CUSTOMUI_PART, CUSTOMUI_REL_TYPE, customui_xml
from tradexl.builder.settings_sheet import add_settings_sheet, add_xlwings_conf_sheet
from tradexl.builder.vba import vba_modules
from tradexl.markers import marker_name, marker_ref, tab_name
from tradexl.schema import INPUT_SHEETS, SETTINGS_SHEET
from tradexl.settings import Settings

TEMPLATE_NAME = "TradeWorkbook.xlsm"
FIXED_DATE = datetime(2024, 1, 1)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sheets(settings: Settings, data: Mapping[str, Sequence[Mapping[str, Any]]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    add_input_sheets(wb, data, settings.language)
    add_settings_sheet(wb, settings)
    add_xlwings_conf_sheet(wb)
    add_markers(wb, settings.language)
    wb.active = 0
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws is wb.active
    props = wb.properties
    props.creator = props.lastModifiedBy = "TradeXL"
    props.title = "TradeXL workbook"
    props.created = props.modified = FIXED_DATE
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def add_markers(wb: Workbook, language: str) -> None:
    """The engine's marker of every input sheet and of Settings (`tradexl.markers`), so a tab renamed in a new
    workbook is still found."""
    for identity in (*(s.name for s in INPUT_SHEETS), SETTINGS_SHEET):
        name = marker_name(identity)
        wb.defined_names[name] = DefinedName(name, attr_text=marker_ref(tab_name(identity, language)), hidden=True)


def with_vba(package: bytes, standalone: bool) -> bytes:
    with tempfile.TemporaryDirectory(prefix="tradexl-build-") as tmp:
        stage, done = Path(tmp, "stage.xlsm"), Path(tmp, "done.xlsm")
        stage.write_bytes(package)
        with ExcelFile(stage) as book:
            project = book.add_vba_project()
            for module in vba_modules(standalone):
                kind = VBAModuleKind.other if module.is_class else VBAModuleKind.standard
                project.add_module(module.name, module.source, kind=kind)
            book.save(done)
        return done.read_bytes()


def build_workbook(path: Path, *, settings: Settings | None = None,
                   data: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
                   standalone: bool = False) -> None:
    """Write a new TradeXL workbook to `path` (replaced atomically if it exists).

    `data` maps an input sheet key ("inquiries", "customers", ...) to rows keyed by canonical column names.
    `standalone` embeds the installed xlwings VBA so the buttons work without the xlwings add-in.
    """
    package = _sheets(settings or Settings(), data or {})
    package = with_vba(package, standalone)
    package = finalize(package, CUSTOMUI_PART, customui_xml(), CUSTOMUI_REL_TYPE)
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".tradexl-", suffix=".xlsm", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(package)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_template(path: Path | None = None) -> Path:
    """Regenerate the committed template (default: TradeWorkbook.xlsm in the current directory)."""
    target = Path(path) if path is not None else Path.cwd() / TEMPLATE_NAME
    build_workbook(target)
    return target
