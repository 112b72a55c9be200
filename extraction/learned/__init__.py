"""A learned layer over the rules: a relation scorer over candidate pairs of mentions.

:mod:`.features` makes the candidates and their features, :mod:`.model` holds the weights
(``relation_scorer.json``, trained by ``kg train-relations``), :mod:`.component` is the
spaCy component ``kg_learned_relations`` that applies them.
"""
from . import component  # noqa: F401  (registers the factory)
