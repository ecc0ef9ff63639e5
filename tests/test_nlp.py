"""The nlp stage's own components behave exactly like the model's originals, only faster."""

import numpy
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from thinc.api import NumpyOps

from accord.attribute_rules import AttributeRules
from accord.blas_ops import BlasOps
from accord.dependency_parser import DependencyParserEquivalent
from accord.entity_recognizer import EntityRecognizer
from accord.lemmatizer import Lemmatizer
from accord.nlp import MODEL, load_pipeline
from accord.prefilter import PossibleLemmas
from accord.token_embeddings import is_per_token

TEXT = (
    "The foreign minister said on Tuesday that talks with Hanoi were not over, although both sides "
    "had walked out twice.\n"
    "There is, he added, no reason it should fail: \"I don't think you'd have done it ain't the point.\"\n"
    "Do they have a deal? Y'all know nothin' has been signed,  whatever the ministry is saying.\n"
    "Peru's exports to Vietnam rose 12 % in 2022, while imports from it fell.\n"
    "\"We are gonna sign it, let's see,\" she said.\n"
)


def annotations(doc):
    return [(t.text, t.pos_, t.tag_, t.dep_, t.lemma_, str(t.morph)) for t in doc], doc.to_array(
        [POS, TAG, DEP, HEAD, LEMMA, MORPH]
    ).tolist()


def original_pipeline():
    nlp = spacy.load(MODEL)
    nlp.add_pipe("accord_paragraph_breaks", before="parser")
    return nlp


def test_attribute_rules_and_lemmatizer_annotate_as_the_models_own():
    ours = load_pipeline()
    assert isinstance(ours.get_pipe("attribute_ruler"), AttributeRules)
    assert isinstance(ours.get_pipe("lemmatizer"), Lemmatizer)
    assert annotations(ours(TEXT)) == annotations(original_pipeline()(TEXT))
    assert [t.lemma_ for t in ours("The ministers held talks.")] == ["the", "minister", "hold", "talk", "."]


def test_the_prefilter_reads_the_lemma_tables_and_rules_through_the_equivalents():
    lemmas = PossibleLemmas(load_pipeline())
    assert "hold" in lemmas("held") and "have" in lemmas("'ve")


NEWS = [
    "President Dina Boluarte received Vietnam's ambassador, Tran Thi Hoa, at the Government Palace in Lima "
    "on Monday, March 3.\nTrade between the two countries reached 633 million US dollars in 2021, up 12 %.",
    "The European Union and the African Union  will meet in Addis Ababa next week, a spokesman for the "
    "Ministry of Foreign Affairs said.  \"We expect progress,\" he told Reuters.",
    "Hanoi",  # an entity that is the whole text
    "",
    "Officials from Petrobras, the World Bank and the United Nations Development Programme visited "
    "three provinces of northern Mozambique between 2019 and 2022 under the Paris Agreement.",
]


def entities(doc):
    return [(e.start, e.end, e.label_) for e in doc.ents], [t.ent_iob_ for t in doc]


def test_entity_recognizer_finds_the_entities_of_the_models_recognizer():
    ours = load_pipeline()
    assert isinstance(ours.get_pipe("ner"), EntityRecognizer)
    original = original_pipeline()
    found = [entities(doc) for doc in ours.pipe(NEWS, batch_size=len(NEWS))]  # one batch, texts of all lengths
    assert found == [entities(original(text)) for text in NEWS]
    assert ("Tran Thi Hoa", "PERSON") in [(e.text, e.label_) for e in ours(NEWS[0]).ents]


def test_entity_recognizer_leaves_texts_with_preset_entities_to_the_original_rules():
    ours, original = load_pipeline(), original_pipeline()
    for nlp in (ours, original):
        nlp.add_pipe("entity_ruler", first=True).add_patterns([{"label": "ORG", "pattern": "Government Palace"}])
    assert entities(ours(NEWS[0])) == entities(original(NEWS[0]))
    assert ("Government Palace", "ORG") in [(e.text, e.label_) for e in ours(NEWS[0]).ents]


def parses(doc):
    return [(t.i, t.head.i, t.dep_, t.is_sent_start) for t in doc]


def test_dependency_parser_parses_as_the_models_parser():
    ours, original = load_pipeline(), original_pipeline()
    assert isinstance(ours.get_pipe("parser"), DependencyParserEquivalent)
    texts = NEWS + [TEXT]
    found = [parses(doc) for doc in ours.pipe(texts, batch_size=len(texts))]  # one batch, texts of all lengths
    assert found == [parses(original(text)) for text in texts]
    said = ours("The ministers, who met in Lima, said that talks had not failed.")
    assert [(t.text, t.dep_, t.head.text) for t in said if t.dep_ in ("nsubj", "ROOT", "relcl")] == [
        ("ministers", "nsubj", "said"), ("who", "nsubj", "met"), ("met", "relcl", "ministers"), ("said", "ROOT", "said"),
        ("talks", "nsubj", "failed")]


def test_dependency_parser_leaves_a_text_it_cannot_follow_to_the_original(monkeypatch):
    import accord.dependency_parser

    def not_followed(*arguments):
        moves, ends, followed = greedy_moves(*arguments)
        return moves, ends, numpy.zeros_like(followed)

    greedy_moves = accord.dependency_parser.greedy_moves
    monkeypatch.setattr(accord.dependency_parser, "greedy_moves", not_followed)
    assert [parses(doc) for doc in load_pipeline().pipe(NEWS)] == [parses(original_pipeline()(text)) for text in NEWS]


def test_the_networks_run_on_blas_ops_with_thincs_sums_and_products():
    nlp = load_pipeline()
    assert {type(node.ops) for node in nlp.get_pipe("tok2vec").model.walk()} == {BlasOps}
    rows = numpy.random.default_rng(7)
    table = rows.standard_normal((50, 8)).astype("float32")
    keys = rows.integers(0, 50, (20, 4)).astype("uint32")  # four hashed keys per token, as HashEmbed has them
    assert (BlasOps().gather_add(table, keys) == NumpyOps().gather_add(table, keys)).all()
    left, right = rows.standard_normal((30, 8)).astype("float32"), rows.standard_normal((12, 8)).astype("float32")
    assert numpy.allclose(BlasOps().gemm(left, right, trans2=True), NumpyOps().gemm(left, right, trans2=True), atol=1e-5)


def test_attribute_rules_annotate_alike_after_their_cache_starts_over(monkeypatch):
    import accord.attribute_rules

    nlp = load_pipeline()
    expected = annotations(nlp(TEXT))
    monkeypatch.setattr(accord.attribute_rules, "CACHED", 3)  # starts over before each document
    assert [annotations(nlp(TEXT)) for _ in range(2)] == [expected, expected]


def first_layers(nlp):
    """Each encoder's cached first layer, with the layer it wraps."""
    models = [nlp.get_pipe("tok2vec").model, nlp.get_pipe("ner").original.model]
    return [(node, node.layers[0]) for model in models for node in model.walk() if node.name.startswith("cached(")]


def test_the_encoders_first_layer_gives_each_token_its_own_output_from_the_cache(monkeypatch):
    import accord.token_embeddings

    nlp = load_pipeline()
    cached_layers = first_layers(nlp)
    assert len(cached_layers) == 2  # the shared encoder and the recognizer's own
    docs = [nlp.make_doc(text) for text in NEWS + [TEXT]]
    for cached, layer in cached_layers:
        expected = layer.predict(docs)
        assert all((got == want).all() for got, want in zip(cached.predict(docs), expected))  # computed
        assert all((got == want).all() for got, want in zip(cached.predict(docs), expected))  # from the cache
        monkeypatch.setattr(accord.token_embeddings, "CACHED", 5)  # starts over on every batch
        assert all((got == want).all() for got, want in zip(cached.predict(docs[::-1]), expected[::-1]))
        monkeypatch.undo()


def test_only_layers_that_see_each_token_alone_are_cached():
    from thinc.api import chain, expand_window, list2ragged, ragged2list, with_array

    layers = [layer for _, layer in first_layers(load_pipeline())]
    assert all(is_per_token(layer) for layer in layers)
    extract = layers[0].layers[0]
    assert not is_per_token(chain(extract, list2ragged(), with_array(expand_window(1)), ragged2list()))  # neighbours


def test_fused_maxout_and_layer_norm_give_thincs_output_bit_for_bit():
    from thinc.layers.chain import forward as thincs_chain

    nlp = load_pipeline()
    docs = [nlp.make_doc(text) for text in NEWS + [TEXT]]
    for model in (nlp.get_pipe("tok2vec").model, nlp.get_pipe("ner").original.model.get_ref("tok2vec")):
        fused = [node for node in model.walk() if node.name == "maxout>>layernorm"]
        assert fused and all(node._func is not thincs_chain for node in fused)
        got = model.predict(docs)
        for node in fused:
            node._func = thincs_chain
        assert all((mine == thincs).all() for mine, thincs in zip(got, model.predict(docs)))
