"""The small error hierarchy of kg."""

from __future__ import annotations

from dataclasses import dataclass


class KgError(Exception):
    """Base class of every error kg raises on purpose."""


class ResourceError(KgError):
    """A language data file is missing or malformed."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path, self.line = path, line


class InputError(KgError):
    """An input document or manifest cannot be read."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


class InputWarning(UserWarning):
    """An input was skipped or is doubtful; `kg.build` warns with this for each one."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input: the file, what went wrong, and whether it was skipped.

    Problems are collected, not raised: a broken file never aborts a run.
    """

    path: str
    reason: str
    skipped: bool = True

    def __str__(self) -> str:
        verb = "skipped" if self.skipped else "warning"
        return f"{self.path}: {self.reason} ({verb})"
