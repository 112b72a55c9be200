"""kg's ontology: ``kg.ttl`` (OWL) and its Python vocabulary :class:`KG`."""
from importlib.resources import files
from pathlib import Path

from .namespace import KG

ONTOLOGY_IRI = "https://w3id.org/kgct/ontology"
BASE = "https://w3id.org/kgct/"


def ontology_path() -> Path:
    """Path of the shipped ``kg.ttl``."""
    return Path(str(files(__package__) / "kg.ttl"))


__all__ = ["KG", "ONTOLOGY_IRI", "BASE", "ontology_path"]
