"""The leaner model configuration reads the same part-of-speech tags as the shipped one."""

from __future__ import annotations

import spacy

from etl.extract.nlp import POS_COMPONENT, SPACY_MODEL, load_nlp

TEXT = (
    "Chinese President Xi Jinping held talks with his Kazakh counterpart on Monday. "
    "The two leaders said they had agreed that trade would grow, and that there were no "
    "obstacles which could not be overcome. Nothing was signed, but officials did not rule "
    "out a deal if talks are held again. I think it's been a productive visit, he said, "
    "because everyone has seen what cooperation does."
)


def test_pos_tags_match_the_shipped_attribute_ruler() -> None:
    shipped = spacy.load(SPACY_MODEL)(TEXT)
    ours = load_nlp()(TEXT)
    assert "attribute_ruler" not in load_nlp().pipe_names
    assert POS_COMPONENT in load_nlp().pipe_names
    assert [t.text for t in ours] == [t.text for t in shipped]
    assert [t.tag_ for t in ours] == [t.tag_ for t in shipped]
    assert [t.pos_ for t in ours] == [t.pos_ for t in shipped]
    assert {t.pos_ for t in ours} >= {"AUX", "VERB", "PRON", "SCONJ", "PART", "PROPN"}
