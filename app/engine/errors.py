"""Errors the engine raises, each naming the field at fault."""

from collections.abc import Callable


class EngineError(ValueError):
    """Bad input to the engine; `field` names what was wrong, `fix` (if any) the settings
    that would be accepted instead, `code` the kind of refusal (the 422's machine-readable
    `type`, which the page translates)."""

    def __init__(
        self, field: str, message: str, fix: dict | None = None, code: str = "value_error"
    ):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.fix = fix
        self.code = code


class DivergenceError(ArithmeticError):
    """A step would make a parameter non-finite; the network was left unchanged.

    `diagnose`, when given, works out why (blowup.py) only when someone asks.
    """

    def __init__(self, message: str, diagnose: Callable[[], dict | None] | None = None):
        super().__init__(message)
        self.diagnose = diagnose
        self.diagnosis: dict | None = None  # set by a caller that ran `diagnose`


class StateError(Exception):
    """Stored state the engine cannot use (e.g. a dataset that no longer fits the network)."""
