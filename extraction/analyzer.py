"""The Korean morphological analyser (Kiwi), loaded once per process.

Kiwi takes about 2 s and 0.5 GB to load, so every part of kg that needs it shares the
instance returned by :func:`get_kiwi`. Names kg learns (reference data, names found in
documents) are added to its user dictionary with :func:`learn_names` so that later
analyses keep them whole (청두 stays one morpheme instead of 청 + 두).
"""
from __future__ import annotations

import logging
import re
import threading
from typing import Iterable

log = logging.getLogger(__name__)

_lock = threading.Lock()
_kiwi = None
_learned: set[str] = set()
_pending: set[str] = set()
# Kiwi's dictionary changes under this lock, and extraction.analysis_ahead's helper thread
# analyses under it, so the two never run at once; every change raises _generation
_changing = threading.Lock()
_generation = 0
_HANGUL_NAME = re.compile(r"^[가-힣]{2,20}$")


def get_kiwi():
    """The shared :class:`kiwipiepy.Kiwi` instance (created on first use)."""
    global _kiwi
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                log.info("loading the Kiwi morphological analyser")
                _kiwi = Kiwi(num_workers=-1)
    return _kiwi


def learn_names(names: Iterable[str], tag: str = "NNP", score: float = 0.0) -> int:
    """Add Hangul proper names to Kiwi's user dictionary; returns how many were new.

    Only single-word Hangul names of 2–20 syllables are added: words with spaces or
    other scripts are handled by kg's matchers, not by the analyser.
    """
    global _generation
    kiwi = get_kiwi()
    added = 0
    with _changing, _lock:
        for name in names:
            if name in _learned or not _HANGUL_NAME.match(name):
                continue
            _learned.add(name)
            try:
                if kiwi.add_user_word(name, tag, score):
                    added += 1
            except Exception:  # kiwi rejects some forms; they stay unlearned
                log.debug("kiwi did not accept user word %r", name)
        if added:
            _generation += 1
            # Kiwi rebuilds its model on the first analysis after a change: make it here,
            # under the lock, never while the helper thread analyses
            kiwi.tokenize("가")
    return added


def generation() -> int:
    """How many times :func:`learn_names` has changed Kiwi's dictionary: an analysis made
    under one generation is the analysis of the same text under it."""
    return _generation


def analyse_now(text: str) -> tuple[int, list]:
    """``(generation, Kiwi's tokens of text)``, made while the dictionary cannot change
    (for a thread other than the one that changes it)."""
    with _changing:
        return _generation, get_kiwi().tokenize(text)


def queue_names(names: Iterable[str]) -> None:
    """Queue names found in a document for the user dictionary.

    Every change to Kiwi's dictionary makes its next analysis rebuild its model (about
    1.3 s), so names are added in batches by :func:`flush_names`, not one by one.
    """
    with _lock:
        _pending.update(n for n in names if n not in _learned and _HANGUL_NAME.match(n))


def flush_names(min_batch: int = 1) -> int:
    """Add the queued names once at least ``min_batch`` are waiting; returns how many."""
    with _lock:
        if len(_pending) < max(1, min_batch):
            return 0
        batch = sorted(_pending)
        _pending.clear()
    return learn_names(batch)
