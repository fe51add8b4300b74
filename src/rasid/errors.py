"""One exception tree with short codes; the CLI turns them into one-line messages."""

from __future__ import annotations


class RasidError(Exception):
    """Base of every error rasid raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path

    def one_line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.code} {str(self).splitlines()[0] if str(self) else type(self).__name__}"


class InputError(RasidError):
    """An input file cannot be read or decoded; the batch goes on without it."""

    code = "E100"


class EmptyInputError(InputError):
    code = "E101"


class BinaryInputError(InputError):
    code = "E102"


class DecodeError(InputError):
    code = "E103"


class TooLargeError(InputError):
    code = "E104"


class NoTextError(InputError):
    """HTML or JSON that holds no article text."""

    code = "E105"


class RecordError(InputError):
    """One malformed record (a JSONL line) inside an otherwise readable file."""

    code = "E106"


class PipelineError(RasidError):
    """A pipeline was asked for with a stage missing or a requirement unmet."""

    code = "E200"


class StageError(RasidError):
    """A stage failed on one document."""

    code = "E201"


class OffsetError(RasidError):
    """A span does not fit the text it annotates: a bug in the stage that made it."""

    code = "E202"


class ResourceError(RasidError):
    """A data file (lexicon, registry, overlay) is malformed: file, line and reason."""

    code = "E300"


class StoreError(RasidError):
    """The SQLite store cannot be opened or written (locked, read-only, disk full)."""

    code = "E400"
