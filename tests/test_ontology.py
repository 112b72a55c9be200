"""The ontology file and its Python vocabulary stay in sync; the shapes load."""
from __future__ import annotations

from rdflib import Graph, OWL, RDF

from kg.validate import shapes_path
from ontology import KG, ontology_path


def _terms() -> set[str]:
    g = Graph().parse(ontology_path(), format="turtle")
    ns = str(KG._NS)
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {str(s)[len(ns):] for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(ns)}


def test_every_ontology_term_is_in_the_namespace():
    defined = set(KG.__annotations__)
    assert _terms() == defined


def test_misspelt_term_fails():
    import pytest

    with pytest.raises(AttributeError):
        KG.Compnay  # noqa: B018


def test_core_classes_have_korean_and_english_labels():
    g = Graph().parse(ontology_path(), format="turtle")
    from rdflib import RDFS

    for name in ("Company", "Investor", "City", "Park", "Technology", "Organization", "Region", "Product",
                 "investsIn", "locatedIn", "partnersWith", "develops"):
        langs = {lbl.language for lbl in g.objects(KG[name], RDFS.label)}
        assert {"ko", "en"} <= langs, name


def test_partners_with_is_symmetric():
    g = Graph().parse(ontology_path(), format="turtle")
    assert (KG.partnersWith, RDF.type, OWL.SymmetricProperty) in g


def test_shapes_parse():
    g = Graph().parse(shapes_path(), format="turtle")
    assert len(g) > 50


def test_sample_corpus_graph_validates(tmp_path):
    from kg.build import build
    from kg.validate import validate

    from .conftest import SAMPLE

    out = tmp_path / "g.nq"
    build([SAMPLE], out)
    report = validate(out)
    assert report.conforms, report.violations[:5]


def test_shared_corpus_graph_validates(tmp_path):
    import pytest

    from kg.build import build
    from kg.validate import validate

    from .conftest import SHARED

    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared/corpus not found: the shared evaluation documents sit beside the repo in CI")
    out = tmp_path / "g.trig"
    build([SHARED / "corpus"], out)
    report = validate(out)
    assert report.conforms, report.violations[:5]
