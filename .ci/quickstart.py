"""Run one of the README's two Quick-start commands as a new user on a fresh machine would.

    python3 .ci/quickstart.py demo   # the install-and-run command, in a fresh clone
    python3 .ci/quickstart.py test   # the install-and-test command, in this checkout

Each command is taken from README.md itself (the fenced ``bash`` blocks of its "Quick start"
section, in order: main job, then tests), so the README cannot drift from what CI runs. It runs
under ``env -i`` with only the system's PATH: no virtual environment, no pyenv, nothing a session
installed by hand on the PATH, so the system's own python3 (Debian's, PEP 668) is the one used.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLEAN_ENV = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "LANG": "C.UTF-8"}


def quickstart_commands(readme: str) -> list[str]:
    """The fenced ``bash`` commands of the README's Quick start section, in order."""
    match = re.search(r"^## Quick start\n(.*?)(?=^## )", readme, re.S | re.M)
    if not match:
        raise SystemExit("README.md has no '## Quick start' section")
    blocks = re.findall(r"```bash\n(.*?)```", match.group(1), re.S)
    commands = [block.strip() for block in blocks]
    if len(commands) != 2:
        raise SystemExit(f"README.md's Quick start has {len(commands)} commands, not 2")
    return commands


def main(which: str) -> int:
    demo, test = quickstart_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    if which == "test":
        print(f"$ {test}", flush=True)
        return subprocess.run(["env", "-i", *[f"{k}={v}" for k, v in CLEAN_ENV.items()],
                               "bash", "-c", test], cwd=ROOT).returncode
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "policykg"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        print(f"$ {demo}   (in a fresh clone)", flush=True)
        return subprocess.run(["env", "-i", *[f"{k}={v}" for k, v in CLEAN_ENV.items()],
                               "bash", "-c", demo], cwd=clone).returncode


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("demo", "test"):
        raise SystemExit("usage: python3 .ci/quickstart.py demo|test")
    sys.exit(main(sys.argv[1]))
