"""What a plain `pip install .` gets must be what the code imports: every third-party import is declared (an
optional one in an extra), nothing declared goes unused, and the demo runs without the test extras."""

from __future__ import annotations

import ast
import configparser
import re
import subprocess
import sys
import textwrap
from importlib.metadata import packages_distributions
from pathlib import Path

from conftest import ROOT, child_env


def _requirements(text: str) -> set[str]:
    names = (re.split(r"[<>=!~;\[ ]", line.strip(), maxsplit=1)[0] for line in text.splitlines())
    return {n.lower().replace("_", "-") for n in names if n and not n.startswith("#")}


def declared() -> tuple[set[str], set[str]]:
    """(install_requires, every extra except `test`) as normalised distribution names."""
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    extras = cfg["options.extras_require"] if cfg.has_section("options.extras_require") else {}
    optional = set().union(*(_requirements(v) for k, v in extras.items() if k != "test"))
    return _requirements(cfg["options"]["install_requires"]), optional


def imported() -> dict[str, set[Path]]:
    """Top-level third-party module -> the files importing it (product code: tradexl/ and udfs.py)."""
    stdlib = set(sys.stdlib_module_names) | {"tradexl", "udfs"}
    found: dict[str, set[Path]] = {}
    for path in [*sorted((ROOT / "tradexl").rglob("*.py")), ROOT / "udfs.py"]:
        rel = path.relative_to(ROOT)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in stdlib:
                    found.setdefault(top, set()).add(rel)
    return found


def distribution(module: str) -> str:
    dists = packages_distributions().get(module, [module])
    return dists[0].lower().replace("_", "-")


def test_every_import_is_declared_and_every_requirement_used() -> None:
    required, optional = declared()
    used = {distribution(m): files for m, files in imported().items()}
    missing = {d: sorted(map(str, f)) for d, f in used.items() if d not in required | optional}
    assert not missing, f"imported but not declared in setup.cfg: {missing}"
    unused = required - used.keys()
    assert not unused, f"declared in install_requires but imported nowhere: {unused}"


def test_known_dependencies_are_declared_with_the_bounds_the_code_needs() -> None:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    lines = {re.split(r"[<>=]", line, maxsplit=1)[0].lower(): line.strip()
             for line in cfg["options"]["install_requires"].splitlines() if line.strip()}
    assert "numpy" in lines and "defusedxml" not in lines
    assert "<" in lines["pandas"] and "<" in lines["pyopenvba"]
    assert lines["xlsxwriter"] == "XlsxWriter>=3.1,<4"  # run time: proforma invoices, native charts' XML


def test_demo_runs_without_the_test_extras(tmp_path: Path) -> None:
    """The demo with the test-only packages made unimportable, as after a plain `pip install .`."""
    script = textwrap.dedent(f"""
        import sys
        for name in ("pytest", "hypothesis", "oletools"):
            sys.modules[name] = None  # import fails as if not installed
        from tradexl.cli import main
        sys.argv = ["tradexl", "demo", "--out", {str(tmp_path / "demo")!r}]
        main()
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=child_env(),
                          cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "demo" / "TradeDemo.xlsm").stat().st_size > 50_000
