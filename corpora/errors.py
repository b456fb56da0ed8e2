"""Domain exceptions shared by every bitext package; the CLI turns them into one-line errors."""

from __future__ import annotations

from pathlib import Path


class BitextError(Exception):
    """Base of every error bitext reports to a user as a one-line message."""


class InputError(BitextError):
    """An input file (or option value) cannot be used; the message names the file."""

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.path = None if path is None else str(path)
        super().__init__(f"{self.path}: {message}" if self.path else message)


class OutputError(BitextError):
    """An output cannot be written where it was asked (folder read-only or full, a directory,
    one of the inputs); the message names the path."""

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.path = None if path is None else str(path)
        super().__init__(f"{self.path}: {message}" if self.path else message)


class UsageError(BitextError):
    """Options that do not fit together or a value bitext cannot use."""


class BackendUnavailable(BitextError):
    """An optional backend (extra, model, browser) is missing; the message says what to install."""
