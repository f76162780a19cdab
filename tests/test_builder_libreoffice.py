"""LibreOffice, an independent reader, opens TradeWorkbook.xlsm and finds the VBA module with its callbacks.

A small UNO script runs under the system Python (the one with `uno`), connects to a headless soffice started
with a fresh profile directory, loads the workbook without running macros and reports its Basic libraries.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import uuid
from pathlib import Path

import pytest
from conftest import require

from tradexl.builder import BUTTONS, MODULE_NAME

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "TradeWorkbook.xlsm"

UNO_SCRIPT = r'''
import json, sys, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

pipe, url = sys.argv[1], sys.argv[2]
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
deadline = time.time() + 25
while True:
    try:
        ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        break
    except Exception:
        if time.time() > deadline:
            raise
        time.sleep(0.25)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True), prop("ReadOnly", True),
                                                      prop("MacroExecutionMode", 0)))
libs = doc.BasicLibraries
modules = {}
for lib_name in libs.getElementNames():
    libs.loadLibrary(lib_name)
    lib = libs.getByName(lib_name)
    for mod in lib.getElementNames():
        modules[f"{lib_name}.{mod}"] = lib.getByName(mod)
out = {"sheets": list(doc.Sheets.getElementNames()), "modules": modules,
       "ranges": list(doc.DatabaseRanges.getElementNames())}
doc.close(True)
try:
    desktop.terminate()
except Exception:
    pass
print(json.dumps(out))
'''


def uno_python() -> str | None:
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and subprocess.run([candidate, "-c", "import uno"], capture_output=True,
                                        timeout=20).returncode == 0:
            return candidate
    return None


@pytest.fixture(scope="module")
def libreoffice_view(tmp_path_factory: pytest.TempPathFactory) -> dict:
    soffice = shutil.which("soffice")
    python = uno_python() if soffice else None
    require(bool(soffice and python), "LibreOffice (soffice) with python3-uno is not installed")
    tmp = tmp_path_factory.mktemp("libreoffice")
    script = tmp / "list_vba.py"
    script.write_text(UNO_SCRIPT)
    pipe = f"tradexl_{uuid.uuid4().hex}"
    office = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation={(tmp / 'profile').as_uri()}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        done = subprocess.run([python, str(script), pipe, TEMPLATE.as_uri()], capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(office.pid, signal.SIGKILL)  # the process group this fixture started, nothing else
            office.wait(timeout=10)


@pytest.mark.libreoffice
def test_libreoffice_lists_the_tradexl_module_with_every_callback(libreoffice_view: dict) -> None:
    code = libreoffice_view["modules"][f"VBAProject.{MODULE_NAME}"]
    for button in BUTTONS:
        assert f"Public Sub {button.callback}(control As IRibbonControl)" in code
    assert "import tradexl.xlshell.macros as m; m." in code
    assert "'!RunPython\", pythonCode" in code


@pytest.mark.libreoffice
def test_libreoffice_sees_the_sheets_and_tables(libreoffice_view: dict) -> None:
    assert libreoffice_view["sheets"][:7] == ["Inquiries", "Customers", "Follow-ups", "Quotes", "Products",
                                              "Samples", "Settings"]
    assert {"tblInquiries", "tblCustomers", "tblSettings", "tblRegions"} <= set(libreoffice_view["ranges"])
