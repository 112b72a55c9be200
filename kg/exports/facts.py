"""The fact table: one row per evidence, for spreadsheets and data frames.

``kg export GRAPH -o facts.csv --facts`` (or an output named ``*.facts.csv``) writes CSV
(RFC 4180: every field that holds a comma, quote or line break is quoted, quotes doubled,
lines end in CRLF; UTF-8); a
``.parquet`` output writes the same columns as Parquet when pyarrow is installed.
Columns (:data:`COLUMNS`): the subject's and object's IRI and preferred names in Korean,
Chinese and English, the relation, confidence, planned and negated flags, the rule, the
evidence text, document file, article IRI and title, date, the evidence's offsets in the
original file, and for an invests_in evidence that states a funding round (:mod:`kg.rounds`)
the round's stage, amount, currency and amount as written.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable

from ..facts import Fact

COLUMNS = ("subject_id", "subject_ko", "subject_zh", "subject_en", "relation", "object_id", "object_ko",
           "object_zh", "object_en", "confidence", "planned", "negated", "rule", "evidence", "document",
           "article", "article_title", "date", "start", "end", "round_stage", "amount", "currency", "amount_text")
FACT_SUFFIXES = (".facts.csv", ".parquet")


def is_fact_table(path: str | Path) -> bool:
    """Whether an output name asks for the fact table by itself (``*.facts.csv``, ``.parquet``)."""
    name = Path(path).name.lower()
    return name.endswith(FACT_SUFFIXES)


def fact_row(f: Fact) -> dict:
    return {
        "subject_id": f.subject.iri, "subject_ko": f.subject.ko, "subject_zh": f.subject.zh,
        "subject_en": f.subject.en, "relation": f.relation, "object_id": f.object.iri,
        "object_ko": f.object.ko, "object_zh": f.object.zh, "object_en": f.object.en,
        "confidence": f.confidence, "planned": f.planned, "negated": f.negated, "rule": f.rule,
        "evidence": f.text, "document": f.document, "article": f.article, "article_title": f.article_title,
        "date": f.date, "start": f.start, "end": f.end, "round_stage": f.round_stage,
        "amount": float(f.amount) if f.amount else None, "currency": f.currency, "amount_text": f.amount_text,
    }


def write_facts_csv(facts: Iterable[Fact], path: str | Path) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writeheader()
        for f in facts:
            row = fact_row(f)
            row["planned"] = "true" if row["planned"] else "false"
            row["negated"] = "true" if row["negated"] else "false"
            row["confidence"] = f"{f.confidence:g}"
            row["amount"] = f.amount
            w.writerow({k: "" if v is None else v for k, v in row.items()})
    return Path(path)


def pyarrow_available() -> bool:
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def write_facts_parquet(facts: Iterable[Fact], path: str | Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [fact_row(f) for f in facts]
    types = {"confidence": pa.float64(), "planned": pa.bool_(), "negated": pa.bool_(), "start": pa.int64(),
             "end": pa.int64(), "amount": pa.float64()}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path)
    return Path(path)


__all__ = ["COLUMNS", "FACT_SUFFIXES", "fact_row", "is_fact_table", "pyarrow_available", "write_facts_csv",
           "write_facts_parquet"]
