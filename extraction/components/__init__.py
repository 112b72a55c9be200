"""kg's spaCy pipeline components (registered as factories on import)."""
from . import apposition, arbiter, business_names, gazetteer, list_members, name_context, name_grammar, patterns, place_context, record_reader, relations, table_reader, tables  # noqa: F401
