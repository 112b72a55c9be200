"""Tables flattened into lines by PDF text extraction: headers, rows, typed cells."""
from .header import Header, find_headers, load_columns
from .reader import Cell, Table, TableReader, TableRow, table_end

__all__ = ["Cell", "Header", "Table", "TableReader", "TableRow", "find_headers", "load_columns", "table_end"]
