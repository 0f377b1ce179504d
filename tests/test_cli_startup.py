"""`policykg --help` lists every command without importing any (issue 20: a fast start)."""
from __future__ import annotations

import importlib
import re
import subprocess
import sys

from click.testing import CliRunner

from policykg.cli import COMMANDS, main


def test_each_listed_line_is_the_start_of_the_commands_own_help():
    for name, line in COMMANDS.items():
        command = importlib.import_module(f"policykg.commands.{name.replace('-', '_')}").command
        assert command.name == name
        own = re.sub(r"\s+", " ", command.help or "")
        assert own.startswith(line), f"{name}: {line!r} is not how its help starts: {own[:80]!r}"


def test_help_lists_the_commands_without_loading_pandas_rdflib_or_the_loaders():
    code = ("import sys; from click.testing import CliRunner; from policykg.cli import main; "
            "r = CliRunner().invoke(main, ['--help']); assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in ('pandas', 'rdflib', 'networkx', 'pyoxigraph', 'policykg.loaders') "
            "if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_every_command_still_answers_its_help():
    for name in COMMANDS:
        run = CliRunner().invoke(main, [name, "--help"])
        assert run.exit_code == 0 and "Usage: " in run.output, (name, run.output)
    assert CliRunner().invoke(main, ["nosuch"]).exit_code == 2
