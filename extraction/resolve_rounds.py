"""Funding rounds resolved to entities: the company and the investors of each
:class:`~extraction.records.RoundRecord` as the entities their mentions belong to.

A round whose company is no company (an investor, a place, a mention that resolution
dropped) is left out; so is an investor that is the company itself, or no organisation.

One round stated twice in an article (a headline and its first sentence, or a sentence and
the next one naming the investors) is one round: rounds of the same company in the same
article, at least one of them from prose, whose stages and amounts do not disagree (equal,
or missing on one side), are merged — the stage, amount and date each side has (a table
row's date before the article's), the investors of both, and the evidence of the one that
says most.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from .records import RoundRecord
from .resolve import ResolvedEntity

COMPANY_TYPES = ("Company", "Organization")
INVESTOR_TYPES = ("Investor", "Company", "Organization")


@dataclass(frozen=True)
class ResolvedRound:
    """A round with its parties as entity keys (:attr:`ResolvedEntity.key`)."""

    company: str
    leads: tuple[str, ...]
    participants: tuple[str, ...]
    record: RoundRecord


class RoundResolver:
    """Maps the mentions of rounds to the entities ``entities`` resolved them into."""

    def __init__(self, entities: Sequence[ResolvedEntity]):
        self.by_span: dict[tuple[str, int, int], ResolvedEntity] = {}
        for ent in entities:
            for m in ent.mentions:
                self.by_span[(m.doc_id, m.clean_start, m.clean_end)] = ent

    def resolve(self, records: Iterable[RoundRecord]) -> list[ResolvedRound]:
        out = []
        for r in records:
            company = self.by_span.get((r.doc_id, *r.company))
            if company is None or company.type not in COMPANY_TYPES:
                continue

            def parties(spans) -> tuple[str, ...]:
                keys = []
                for span in spans:
                    ent = self.by_span.get((r.doc_id, *span))
                    if ent is not None and ent.key != company.key and ent.type in INVESTOR_TYPES \
                            and ent.key not in keys:
                        keys.append(ent.key)
                return tuple(keys)

            leads = parties(r.leads)
            participants = tuple(k for k in parties(r.participants) if k not in leads)
            out.append(ResolvedRound(company.key, leads, participants, r))
        return merge_rounds(out)


def _said(r: ResolvedRound) -> int:
    rec = r.record
    return bool(rec.stage) + bool(rec.amount_text) + bool(r.leads) + bool(r.participants)


def _agree(a: RoundRecord, b: RoundRecord) -> bool:
    """Stages and amounts equal or missing on one side (an undisclosed amount, 미공개, is
    an amount: it agrees with no other)."""
    same_stage = not a.stage or not b.stage or a.stage == b.stage
    same_amount = not a.amount_text or not b.amount_text or a.amount_text == b.amount_text or \
        (bool(a.amount) and (a.amount, a.currency) == (b.amount, b.currency))
    return same_stage and same_amount


def merge_rounds(rounds: Sequence[ResolvedRound]) -> list[ResolvedRound]:
    """One round per round an article states (see the module doc)."""
    out: list[ResolvedRound] = []
    for r in rounds:
        for k, o in enumerate(out):
            a, b = o.record, r.record
            if o.company == r.company and (a.doc_id, a.article) == (b.doc_id, b.article) and \
                    (a.rule.startswith("prose") or b.rule.startswith("prose")) and _agree(a, b):
                main, other = (o, r) if _said(o) >= _said(r) else (r, o)
                m, x = main.record, other.record
                rec = replace(m, stage_text=m.stage_text or x.stage_text, stage=m.stage or x.stage,
                              **({} if m.amount or not (x.amount or x.amount_text) else
                                 dict(amount_text=x.amount_text, amount=x.amount, currency=x.currency)),
                              date=(x.date if x.rule.startswith("table") and x.date else m.date or x.date))
                leads = tuple(dict.fromkeys(main.leads + other.leads))
                participants = tuple(k for k in dict.fromkeys(main.participants + other.participants)
                                     if k not in leads)
                out[k] = ResolvedRound(o.company, leads, participants, rec)
                break
        else:
            out.append(r)
    return out


__all__ = ["COMPANY_TYPES", "INVESTOR_TYPES", "ResolvedRound", "RoundResolver", "merge_rounds"]
