"""Errors the engine raises, each naming the field at fault."""


class EngineError(ValueError):
    """Bad input to the engine; `field` names what was wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class DivergenceError(ArithmeticError):
    """A step would make a parameter non-finite; the network was left unchanged."""


class StateError(Exception):
    """Stored state the engine cannot use (e.g. a dataset that no longer fits the network)."""
