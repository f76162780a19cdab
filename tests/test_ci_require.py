"""`require`: a missing real component skips a test on a laptop but fails it in CI, so CI cannot go green on
tests that never ran."""

from __future__ import annotations

import pytest
from conftest import require


def test_present_component_neither_skips_nor_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    require(True, "soffice missing")


def test_missing_component_skips_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"^soffice missing$"):
        require(False, "soffice missing")


@pytest.mark.parametrize("value", ["true", "TRUE", "1"])
def test_missing_component_fails_in_ci(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match=r"^CI=true but soffice missing$"):
        require(False, "soffice missing")


def test_ci_false_still_skips(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        require(False, "dovecot missing")
