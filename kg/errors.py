"""The small error hierarchy of kg."""

from __future__ import annotations


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
