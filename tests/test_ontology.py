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


def _entity(names, type_="Company", ref_id=None):
    from extraction.resolve import ResolvedEntity

    return ResolvedEntity(key=f"agent:x:{names[0][0]}", local_id="x", type=type_, types=(type_,), ref_id=ref_id,
                          names=tuple(names), mentions=())


def test_korean_name_rules():
    """Every entity gets a Korean prefLabel: a Hangul name the documents use; else the
    reference data's Korean name; else a Latin name as the documents write it; else the
    Hangul reading of its Chinese name (Mandarin for names, Sino-Korean for technologies)."""
    from kg.rdf import korean_reading, preferred_labels

    assert preferred_labels(_entity([("위수커지", "ko"), ("宇树科技", "zh")]))["ko"] == "위수커지"
    assert preferred_labels(_entity([("宇树科技", "zh"), ("Unitree", "en")], ref_id="unitree"))["ko"] == "유니트리"
    assert preferred_labels(_entity([("Roboway Technology", "en"), ("路威科技", "zh")]))["ko"] == "Roboway Technology"
    labels = preferred_labels(_entity([("路威科技", "zh")]))
    assert labels == {"zh-Hans": "路威科技", "ko": "루웨이커지"}
    assert preferred_labels(_entity([("人工智能", "zh")], type_="Technology"))["ko"] == "인공지능"
    assert korean_reading("AI芯片", term=True) == "AI심편"
    # a name written with Hangul is Korean even when Latin letters outnumber it
    assert preferred_labels(_entity([("AI 칩", "en")], type_="Technology")) == {"ko": "AI 칩"}


def test_an_entity_without_korean_preflabel_is_a_violation(tmp_path):
    from kg.validate import validate

    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix kg: <https://w3id.org/kgct/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<urn:x:a> a kg:Company ; skos:prefLabel \"宇树科技\"@zh-Hans ; skos:altLabel \"위수커지\"@ko .\n"
        "<urn:x:b> a kg:Company ; skos:prefLabel \"위수커지\"@ko , \"宇树科技\"@zh-Hans .\n", encoding="utf-8")
    report = validate(bad)
    assert [v.focus for v in report.violations] == ["urn:x:a"]
    assert "Korean" in report.violations[0].message


def test_name_keys_index_every_label(tmp_path):
    """Each label's name key is a kg:nameKey of its entity: presets find entities through it."""
    from rdflib import Dataset, Literal
    from rdflib.namespace import SKOS

    from extraction.names import name_key
    from kg.build import build

    from .conftest import SAMPLE

    out = tmp_path / "g.nq"
    build([SAMPLE / "robotaxi_update.html"], out)
    ds = Dataset()
    ds.parse(out, format="nquads")
    labelled = 0
    for s, p, o, _ in ds.quads((None, None, None, None)):
        if p in (SKOS.prefLabel, SKOS.altLabel):
            labelled += 1
            assert next(ds.quads((s, KG.nameKey, Literal(name_key(str(o))), None)), None), (s, o)
    assert labelled
