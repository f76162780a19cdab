"""Shared fixtures: the corpus (built once per session into a temp folder) and its refreshed versions.

Refreshing is the expensive step, so `refreshed` runs `refresh_file` once per corpus file (and a second time on
a copy, for the "nothing changes" guarantee) and every preservation test inspects those results.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

import pytest
from corpus import GOOD, build_corpus
from corpus.data import TODAY
from hypothesis import HealthCheck, settings

settings.register_profile("tradexl", deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile("tradexl")

NOW = datetime.combine(TODAY, time(23, 59, 59))
ROOT = Path(__file__).resolve().parents[1]


def child_env(*extra: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a subprocess that imports tradexl (and `extra` folders), keeping the caller's path."""
    env = dict(os.environ if base is None else base)
    paths = [str(ROOT), *map(str, extra)]
    if os.environ.get("PYTHONPATH"):
        paths.append(os.environ["PYTHONPATH"])
    env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


def in_ci() -> bool:
    """True when the environment says this is CI (`CI=true`, as GitHub Actions and most CI services set it)."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def require(tool_ok: bool, reason: str) -> None:
    """Skip a test whose real component (LibreOffice, Dovecot, a tmpfs mount...) is missing here, but FAIL in CI.

    A skip on a developer's laptop is honest; a skip in CI would hide that the test never ran, so with `CI=true`
    the same call fails with the reason. Works inside a test or fixture and at module level.
    """
    if tool_ok:
        return
    if in_ci():
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


def engine() -> Any:
    """`tradexl.fileengine.engine`; the test is skipped only while the module does not exist at all."""
    if importlib.util.find_spec("tradexl.fileengine.engine") is None:
        pytest.skip("tradexl.fileengine.engine has not landed yet")
    return importlib.import_module("tradexl.fileengine.engine")


def refresh(path: Path, **kwargs: Any) -> Any:
    """`refresh_file` on the corpus's report day (unless `today` is given), every step unless `steps` is."""
    from tradexl.operations import STEPS

    kwargs.setdefault("steps", STEPS)
    day = kwargs.setdefault("today", TODAY)
    kwargs.setdefault("now", datetime.combine(day, time(23, 59, 59)))
    return engine().refresh_file(Path(path), **kwargs)


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture
def corpus_copy(corpus_dir: dict[str, Path], tmp_path: Path) -> Callable[[str], Path]:
    """Copy a corpus file into its own empty folder (so backups and temp files can be counted)."""
    def copy(name: str) -> Path:
        require(name in corpus_dir, f"{name} could not be made here (LibreOffice missing?)")
        folder = tmp_path / name.replace(".", "_")
        folder.mkdir()
        return Path(shutil.copy2(corpus_dir[name], folder / name))
    return copy


@dataclass
class Refreshed:
    name: str
    original: Path  # pristine copy of the corpus file
    path: Path  # the file after one refresh
    twice: Path  # a copy of `path` refreshed again with the same day
    result: Any = None
    error: BaseException | None = None
    second_error: BaseException | None = None

    def ok(self) -> Refreshed:
        if self.error is not None:
            raise AssertionError(f"refresh of {self.name} failed: {self.error!r}") from self.error
        return self


@pytest.fixture(scope="session")
def refreshed(corpus_dir: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Refreshed]:
    engine()
    out: dict[str, Refreshed] = {}
    for name in GOOD:
        if name not in corpus_dir:
            continue
        folder = tmp_path_factory.mktemp(name.replace(".", "_"))
        original = Path(shutil.copy2(corpus_dir[name], folder / f"original-{name}"))
        path = Path(shutil.copy2(corpus_dir[name], folder / name))
        item = Refreshed(name, original, path, folder / "again" / name)
        try:
            item.result = refresh(path)
        except Exception as exc:  # recorded; each test that needs the result re-raises it with context
            item.error = exc
        else:
            item.twice.parent.mkdir()
            shutil.copy2(path, item.twice)
            try:
                refresh(item.twice)
            except Exception as exc:
                item.second_error = exc
        out[name] = item
    return out
