"""The nlp stage's own components behave exactly like the model's originals, only faster."""

import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from accord.nlp import MODEL, load_pipeline

TEXT = (
    "The foreign minister said on Tuesday that talks with Hanoi were not over, although both sides "
    "had walked out twice.\n"
    "There is, he added, no reason it should fail: \"I don't think you'd have done it ain't the point.\"\n"
    "Do they have a deal? Y'all know nothin' has been signed,  whatever the ministry is saying.\n"
    "Peru's exports to Vietnam rose 12 % in 2022, while imports from it fell.\n"
)


def annotations(doc):
    return [(t.text, t.pos_, t.tag_, t.dep_, t.lemma_, str(t.morph)) for t in doc], doc.to_array(
        [POS, TAG, DEP, HEAD, LEMMA, MORPH]
    ).tolist()


def test_attribute_rules_annotate_as_the_models_attribute_ruler():
    ours = load_pipeline()
    assert "accord_attribute_rules" in ours.pipe_names and "attribute_ruler" not in ours.pipe_names
    original = spacy.load(MODEL)
    original.add_pipe("accord_paragraph_breaks", before="parser")
    assert annotations(ours(TEXT)) == annotations(original(TEXT))
