"""The ``policykg`` command line: a click group whose commands live one per module in
``policykg/commands``. Each command is a thin shell over a library function.

To add a command, write ``policykg/commands/NAME.py`` defining a click command called ``command``
and add ``NAME`` to ``COMMANDS`` below (a dash in a command name is an underscore in its module).

Errors a user can cause (a store that cannot be reached or opened, a file that cannot be read, bad
SPARQL) are turned into one line and exit status 1 here, once, whichever command raised them; so
is a bug (with ``POLICYKG_DEBUG=1`` its traceback is shown instead). Warnings for the user (an
impossible date dropped) are printed as ``warning: ...`` lines.
"""
from __future__ import annotations

import importlib
import os
import warnings

import click

from policykg import __version__
from policykg.errors import UserError

# Order is the order of `policykg --help`; each with the first words of its help, so that listing
# the commands imports none of them (pandas, rdflib, the loaders load only for the command run).
# tests/test_cli_startup.py checks every line against the command's own help.
COMMANDS = {
    "demo": "Generate a sample corpus of plans cascading from central resolutions",
    "extract": "Extract each document in PATHS (files or folders) into OUT/NAME.json",
    "build": "Extract each document in PATHS (files or folders) and load it into the graph store",
    "stats": "Count the graph's documents, agencies, tasks and targets",
    "export": "Write the whole graph in one format",
    "show": "Write an interactive HTML view of the graph",
    "serve": "Serve the graph as a local web app",
    "check": "Report what is wrong in the plans in PATHS (files or folders)",
    "demo-corpus": "Generate plan documents in the printed style of real ones",
    "trace": "Trace TASK up to the central document(s) it carries out",
    "overload": "Rank the agencies of each place by the tasks they are given",
    "agencies": "List the agencies of the graph with their parent, place, aliases and tasks by role",
    "tasks": "List the tasks of the plans with their deadline and lead, supporting and implementing agencies",
    "targets": "List the plans' targets",
    "sources": "List the central documents the local plans carry out, per place",
    "gaps": "List what the graph is missing, to know which documents to load next",
    "query": "Run QUERY, a SPARQL file (FILE.rq) or the query text",
}


class _Group(click.Group):
    """The command group: commands are imported when run (or asked for help), not when listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        return importlib.import_module(f"policykg.commands.{cmd_name.replace('-', '_')}").command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl(list(COMMANDS.items()))

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        from policykg.graph.store import StoreError
        from policykg.loaders.read import ReadError

        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            try:
                return super().invoke(ctx)
            except (StoreError, ReadError) as exc:
                raise UserError(str(exc)) from None
            except MemoryError:
                raise UserError("out of memory; give the command less to do at once") from None
            except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit, KeyboardInterrupt):
                raise
            except Exception as exc:  # a bug: still one line, the traceback on request
                if os.environ.get("POLICYKG_DEBUG"):
                    raise
                from policykg.vietnamese.messages import one_line

                text = one_line(exc, limit=200)
                raise UserError(f"internal error ({type(exc).__name__}: {text}); please report it "
                                "(POLICYKG_DEBUG=1 shows the traceback)") from None


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:  # noqa: ANN001
    """Warnings meant for the user (an impossible date dropped) as ``warning: ...`` lines."""
    from policykg.loaders.dates import ImpossibleDate

    if issubclass(category, ImpossibleDate):
        click.echo(f"warning: {message}", err=True)
    else:
        _DEFAULT_SHOW(message, category, filename, lineno, file, line)


_DEFAULT_SHOW = warnings.showwarning


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="policykg")
def main() -> None:
    """Turn Vietnamese government plans into a knowledge graph of directives, plans, agencies,
    tasks and targets, and ask it questions."""

