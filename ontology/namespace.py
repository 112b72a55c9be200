"""The kg vocabulary as an rdflib ``DefinedNamespace``: a misspelt term raises."""
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class KG(DefinedNamespace):
    """kg ontology terms (kept in sync with ``kg.ttl`` by a test)."""

    _fail = True
    _NS = Namespace("https://w3id.org/kgct/ontology#")

    # classes
    Entity: URIRef
    Agent: URIRef
    Company: URIRef
    Investor: URIRef
    Organization: URIRef
    Place: URIRef
    City: URIRef
    Park: URIRef
    Region: URIRef
    Technology: URIRef
    Product: URIRef
    Document: URIRef
    Article: URIRef
    Evidence: URIRef
    Mention: URIRef

    # relations
    investsIn: URIRef
    locatedIn: URIRef
    partnersWith: URIRef
    develops: URIRef

    # documents, articles, provenance
    fileName: URIRef
    contentHash: URIRef
    encoding: URIRef
    mediaType: URIRef
    characterCount: URIRef
    articleIndex: URIRef
    section: URIRef
    sourceOutlet: URIRef
    inDocument: URIRef
    startOffset: URIRef
    endOffset: URIRef
    evidenceText: URIRef
    confidence: URIRef
    extractor: URIRef
    subject: URIRef
    predicate: URIRef
    object: URIRef
    mentions: URIRef
    mentionOf: URIRef
    surface: URIRef
    referenceId: URIRef
    nameKey: URIRef

    # funding rounds
    FundingRound: URIRef
    fundedCompany: URIRef
    leadInvestor: URIRef
    participant: URIRef
    roundStage: URIRef
    amountText: URIRef
    amount: URIRef
    currency: URIRef
