"""Issue 5, kill during save: SIGKILL a refresh at many points of its save; the workbook is old or new, never a mix.

`corpus.killer` forks one child per position (after N bytes written, and before/after every file-system call
the save makes in the workbook's folder) so no engine hook is needed. After each kill the file must open and
equal either the original bytes or the reference refreshed version part by part, and a later refresh in the
same folder (next to whatever the killed run left behind) must succeed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, child_env, engine
from corpus.data import TODAY


@pytest.fixture(scope="module")
def kills(corpus_dir: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict:
    engine()
    work = tmp_path_factory.mktemp("kills")
    env = child_env(ROOT / "tests")
    proc = subprocess.run([sys.executable, "-m", "corpus.killer", str(corpus_dir["xw_extras.xlsm"]), str(work / "w"),
                           TODAY.isoformat()], capture_output=True, text=True, env=env, cwd=ROOT, timeout=240,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.splitlines()[-1])


def test_at_least_thirty_kill_positions_were_reached(kills: dict) -> None:
    results = kills["results"]
    killed = [r for r in results if r["status"] == -9]
    assert len(killed) >= 30, f"only {len(killed)} positions hit: {[r['label'] for r in results]}"
    ops = kills["ops"]["ops"]
    assert "replace" in ops, f"the save made no rename: {ops}"
    not_reached = [r["label"] for r in results if r["status"] != -9]
    assert not not_reached, f"positions never reached (child finished or failed): {not_reached}"


def test_every_kill_leaves_the_old_or_the_new_version(kills: dict) -> None:
    bad = [(r["label"], r["state"]) for r in kills["results"] if r["state"] not in {"old", "new"}]
    assert not bad, f"workbook left damaged or mixed: {bad}"
    states = {r["state"] for r in kills["results"]}
    assert states == {"old", "new"}, f"kill positions did not straddle the swap: {states}"


def test_a_refresh_after_any_kill_succeeds(kills: dict) -> None:
    failed = [(r["label"], r["leftovers"]) for r in kills["results"] if not r["recovered"]]
    assert not failed, f"refresh after a kill failed or did not produce the new version: {failed}"
