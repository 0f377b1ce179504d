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

# Order is the order of `policykg --help`.
COMMANDS = ["demo", "extract", "build", "stats", "export", "show", "check", "demo_corpus",
            "trace", "overload", "tasks", "targets", "sources", "gaps", "query"]


class UserError(click.ClickException):
    """A mistake the user can fix: printed as one line ``Error: ...`` with exit status 1."""


class _Group(click.Group):
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
                text = " ".join(str(exc).split())[:200]
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


for _name in COMMANDS:
    main.add_command(importlib.import_module(f"policykg.commands.{_name.replace('-', '_')}").command)
