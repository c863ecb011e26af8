"""Exceptions a user can act on: the CLI prints their message as one line."""

from __future__ import annotations


class UserError(Exception):
    """An error caused by input or settings, with a message that says what to do."""


class InputError(UserError):
    """A file or record that cannot be read as an article.  ``where`` names the file (and line)."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}")
