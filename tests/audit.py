"""openxml-audit (MIT), the Open XML SDK's schema and semantic checks in Python, as the tests use it.

`errors` lists what would make Excel repair a file (severity "error"), as (part, description); warnings such as
"inline strings will move to the shared-strings table on the next save" are not repairs and are left out.
"""

from __future__ import annotations

from pathlib import Path

from openxml_audit import OpenXmlValidator

_VALIDATOR = OpenXmlValidator()


def errors(path: Path) -> list[tuple[str, str]]:
    result = _VALIDATOR.validate(str(path))
    return [(e.part_uri or "", e.description) for e in result.errors if e.severity.value == "error"]
