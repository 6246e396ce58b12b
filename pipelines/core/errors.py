"""The three ways a run ends badly, and the CLI exit code each maps to (DESIGN.md §5).

Bad *data* inside an extract is reported, not raised (quality and detection reports). These
exceptions are for a run that cannot go on: an unreadable input, an invalid spec, a closed gate.
Their messages are shown to users as they are, so they never carry a raw cell value.
"""

from __future__ import annotations

from collections.abc import Sequence


class OpendataError(Exception):
    """Base class: a message for the user and the exit code the CLI returns."""

    exit_code = 1

    def __init__(self, message: str, *, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.details = list(details)

    def __reduce__(self) -> tuple[object, ...]:
        # Keep `details` when an error crosses a process boundary (Dask workers, multiprocessing).
        # Subclasses may take other constructor arguments, so rebuild without calling __init__.
        return (_rebuild, (type(self), self.message, self.details, dict(self.__dict__)))

    def render(self) -> str:
        """The message and its detail lines, ready to print."""
        return "\n".join([self.message, *(f"  {d}" for d in self.details)])


class InputError(OpendataError):
    """An extract cannot be read as declared: names the file, and the row or column where one applies."""

    exit_code = 1


class SpecError(OpendataError):
    """A catalog spec is invalid; details are `FILE:LINE: message` lines."""

    exit_code = 1


class GateBlocked(OpendataError):
    """A quality or privacy gate refused publication; nothing was written."""

    exit_code = 2


def _rebuild(cls: type[OpendataError], message: str, details: list[str], state: dict[str, object]) -> OpendataError:
    error = cls.__new__(cls)
    OpendataError.__init__(error, message, details=details)
    error.__dict__.update(state)
    return error
