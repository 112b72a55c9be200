"""The spaCy pipeline that finds entity mentions in normalised Korean text."""
from __future__ import annotations

import logging
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import load_config

from . import components  # noqa: F401  (registers the factories)
from . import learned  # noqa: F401  (registers kg_learned_relations)
from . import tokenizer  # noqa: F401  (registers kg.KiwiTokenizer.v1)
from .candidates import register_extensions

log = logging.getLogger(__name__)


def default_config_path() -> Path:
    return Path(str(files("extraction") / "config" / "pipeline.cfg"))


def create_pipeline(config_path: str | Path | None = None, overrides: dict | None = None) -> Language:
    """Build kg's pipeline from a spaCy config file (default: the shipped one)."""
    register_extensions()
    config = load_config(Path(config_path) if config_path else default_config_path(),
                         overrides=overrides or {}, interpolate=False)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    log.info("pipeline: %s", ", ".join(nlp.pipe_names))
    return nlp


@lru_cache(maxsize=1)
def get_pipeline() -> Language:
    """The default pipeline, created once per process."""
    return create_pipeline()
