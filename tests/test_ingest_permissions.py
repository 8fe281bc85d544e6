"""Unreadable files and folders, through the real command run by a user whom permissions bind.

Root reads everything, so under root the command runs as `nobody` (setpriv); as any other
user it runs as that user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from cspsearch import services

ROOT = Path(__file__).resolve().parent.parent
SETPRIV = shutil.which("setpriv")
NOBODY = 65534

pytestmark = pytest.mark.skipif(os.geteuid() == 0 and SETPRIV is None,
                                reason="running as root without setpriv to drop to an ordinary user")


@pytest.fixture()
def shared_tmp():
    """A folder an ordinary user may write in (pytest's own tmp folder is private to its user)."""
    folder = Path(tempfile.mkdtemp(prefix="cspsearch-perm-"))
    folder.chmod(0o777)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o777)
    shutil.rmtree(folder)


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "cspsearch", *args]
    if os.geteuid() == 0:
        command = [SETPRIV or "setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
    env = {**os.environ, "HOME": str(home), "COLUMNS": "200"}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.parent.chmod(0o777)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o666)
    return path


def test_unreadable_files_and_folders_fail_or_are_skipped_alone(shared_tmp):
    folder = shared_tmp / "papers"
    _write(folder / "good.txt", "Zeppelin patrols.\n\nThe panel agreed £20,000 for zeppelin patrols.\n")
    later = _write(folder / "later.txt", "Quokka wardens.\n\nQuokka wardens cost £35,000.\n")
    _write(folder / "locked" / "inside.txt", "Wombat lanes cost £5,000.\n")
    (folder / "locked").chmod(0)
    index = shared_tmp / "ix"
    first = _cli("ingest", str(folder), "--index", str(index), "--jobs", "1", home=shared_tmp)
    assert first.returncode == 0, first.stdout + first.stderr
    summary = " ".join(first.stdout.split())
    assert "2 ingested" in summary and "1 skipped: The folder" in summary and "permission denied" in summary

    later.chmod(0)
    named = _write(shared_tmp / "named.txt", "Otter bridges cost £7,000.\n")
    named.chmod(0)
    again = _cli("ingest", str(folder), str(named), "--index", str(index), "--jobs", "1", home=shared_tmp)
    output = " ".join(again.stdout.split())
    assert again.returncode == 1 and "Traceback" not in again.stdout + again.stderr
    assert "later.txt could not be read (Permission denied)" in output
    assert "named.txt could not be read (Permission denied)" in output
    assert "later.txt no longer reads, so its earlier text was taken out of the index." in output
    assert [Path(d["path"]).name for d in services.documents(index)] == ["good.txt"]
