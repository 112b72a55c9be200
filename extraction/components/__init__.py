"""kg's spaCy pipeline components (registered as factories on import)."""
from . import apposition, arbiter, gazetteer, name_context, name_grammar, patterns, record_reader, relations, table_reader, tables  # noqa: F401
