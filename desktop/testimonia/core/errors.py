"""Errors whose message is meant for the user: one clear line, naming the file and the problem."""

from __future__ import annotations

from pathlib import Path


class TestimoniaError(Exception):
    """Base of every error a user may see; str(err) is the message to show."""

    __test__ = False  # keep pytest from collecting this as a test class


class ProjectFileError(TestimoniaError):
    """The project file cannot be opened or used (not a project, newer schema, damaged)."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class NotAProjectError(ProjectFileError):
    pass


class NewerSchemaError(ProjectFileError):
    pass


class DamagedFileError(ProjectFileError):
    pass


class ImportFailed(TestimoniaError):
    """A document could not be imported; nothing was written."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class AlreadyImported(ImportFailed):
    """The same file (or the same text) is already in the project."""

    def __init__(self, path: Path | str, document_uuid: str, title: str, removed: bool = False) -> None:
        self.document_uuid = document_uuid
        where = f"“{title}” ({document_uuid})"
        super().__init__(path, f"already in the project as {where}, removed: restore it instead" if removed
                         else f"already in the project as {where}")


class InvalidInput(TestimoniaError):
    """An argument or value the caller gave is not acceptable; nothing was changed."""


class NotFound(InvalidInput):
    """A document, annotation, label or revision that does not exist in the project."""


class MergeRefused(TestimoniaError):
    """The incoming file cannot be merged; the project is unchanged."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class Cancelled(TestimoniaError):
    """The user cancelled a long operation; nothing of it was written."""

    def __init__(self) -> None:
        super().__init__("cancelled")
