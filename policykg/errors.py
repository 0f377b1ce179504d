"""The one error a user can fix, shared by every command and library helper of the front door.

It lives apart from :mod:`policykg.cli` so that output helpers, commands and the web app can raise
it without importing the command group (and everything the group pulls in).
"""
from __future__ import annotations

import click


class UserError(click.ClickException):
    """A mistake the user can fix: printed as one line ``Error: ...`` with exit status 1.

    Examples
    --------
    >>> UserError("no task matches 'x'").format_message()
    "no task matches 'x'"
    """


__all__ = ["UserError"]
