"""Errors whose message is meant for the user: one clear line, naming the file and the problem.

Each carries a core Message (core/messages.py): an English template and its fields, rendered in
the user's language when shown. Pass the template and the fields, never a finished sentence:

    raise InvalidInput("a span of {n} characters is longer than {limit}", n=n, limit=MAX_SPAN_CHARS)
"""

from __future__ import annotations

from pathlib import Path

from .messages import Message, message


class TestimoniaError(Exception):
    """Base of every error a user may see; str(err) is the message to show, in the current language."""

    __test__ = False  # keep pytest from collecting this as a test class

    def __init__(self, text: str | Message = "", /, **params: object) -> None:
        self.message = message(text, params)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message.render()

    def render(self, language: str | None = None) -> str:
        return self.message.render(language)

    def __reduce__(self) -> tuple[object, ...]:
        # The subclasses' constructors take other arguments than Exception.args holds.
        return (_restore, (type(self), self.__dict__.copy()))


def _restore(cls: type[TestimoniaError], state: dict[str, object]) -> TestimoniaError:
    err = cls.__new__(cls)
    err.__dict__.update(state)
    Exception.__init__(err, err.message)
    return err


class _AboutAFile(TestimoniaError):
    """An error about one file: "<path>: <detail>"."""

    def __init__(self, path: Path | str, detail: str | Message, /, **params: object) -> None:
        self.path = Path(path)
        self.detail = message(detail, params)
        super().__init__(Message("{path}: {detail}", path=self.path, detail=self.detail))


class ProjectFileError(_AboutAFile):
    """The project file cannot be opened or used (not a project, newer schema, damaged)."""

    @property
    def problem(self) -> str:
        return str(self.detail)


class NotAProjectError(ProjectFileError):
    pass


class NewerSchemaError(ProjectFileError):
    pass


class DamagedFileError(ProjectFileError):
    pass


class ImportFailed(_AboutAFile):
    """A document could not be imported; nothing was written."""

    @property
    def reason(self) -> str:
        return str(self.detail)


class AlreadyImported(ImportFailed):
    """The same file (or the same text) is already in the project."""

    def __init__(self, path: Path | str, document_uuid: str, title: str, removed: bool = False) -> None:
        self.document_uuid = document_uuid
        if removed:
            detail = Message("already in the project as “{title}” ({uuid}), removed: restore it instead",
                             title=title, uuid=document_uuid)
        else:
            detail = Message("already in the project as “{title}” ({uuid})", title=title, uuid=document_uuid)
        super().__init__(path, detail)


class InvalidInput(TestimoniaError):
    """An argument or value the caller gave is not acceptable; nothing was changed."""


class NotFound(InvalidInput):
    """A document, annotation, label or revision that does not exist in the project."""


class MergeRefused(_AboutAFile):
    """The incoming file cannot be merged; the project is unchanged."""

    @property
    def problem(self) -> str:
        return str(self.detail)


class Cancelled(TestimoniaError):
    """The user cancelled a long operation; nothing of it was written."""

    def __init__(self) -> None:
        super().__init__(Message("cancelled"))
