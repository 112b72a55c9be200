"""kg's spaCy pipeline components (registered as factories on import)."""
from . import apposition, arbiter, gazetteer, patterns, relations, tables  # noqa: F401
