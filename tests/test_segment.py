"""Paragraph and sentence segmentation with offsets into the body."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.ingest.segment import normalise_line, segment, sentence_spans, text_lines


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentence_spans(text)]


def test_basic_split() -> None:
    assert sentences("The talks ended. Both sides agreed! Will it hold? Nobody knows.") == [
        "The talks ended.",
        "Both sides agreed!",
        "Will it hold?",
        "Nobody knows.",
    ]


def test_titles_and_abbreviations_do_not_split() -> None:
    text = (
        "H.E. Mr. Tanaka met Dr. Osei and Prof. Lindqvist on Jan. 9 in St. Petersburg. "
        "The U.K. envoy, Ms. Hart, joined via No. 10 staff."
    )
    assert sentences(text) == [
        "H.E. Mr. Tanaka met Dr. Osei and Prof. Lindqvist on Jan. 9 in St. Petersburg.",
        "The U.K. envoy, Ms. Hart, joined via No. 10 staff.",
    ]


def test_acronym_at_sentence_end_splits_before_an_opener() -> None:
    assert sentences("He flew to the U.S. The visit lasted two days.") == [
        "He flew to the U.S.",
        "The visit lasted two days.",
    ]
    assert sentences("The E.A.M. Jaishankar visit went well.") == [
        "The E.A.M. Jaishankar visit went well."
    ]


def test_initials_and_decimals() -> None:
    assert sentences("Xi J. Ping said growth was 5.2 percent. Trade rose.") == [
        "Xi J. Ping said growth was 5.2 percent.",
        "Trade rose.",
    ]


def test_quotes_close_after_the_period() -> None:
    text = '\u201cWe agreed,\u201d she said. \u201cNow we act.\u201d He nodded. "Fine." It ended.'
    assert sentences(text) == [
        "\u201cWe agreed,\u201d she said.",
        "\u201cNow we act.\u201d",
        "He nodded.",
        '"Fine."',
        "It ended.",
    ]


def test_lowercase_after_period_does_not_split() -> None:
    assert sentences("Talks at 9 a.m. local time went on.") == [
        "Talks at 9 a.m. local time went on."
    ]


def test_headings_are_their_own_paragraph_and_sentence() -> None:
    body = "First paragraph here. It has two sentences.\n\nKEY OUTCOMES\n\nThe deal was signed."
    paragraphs, sents = segment(body)
    assert [body[p.start : p.end] for p in paragraphs] == [
        "First paragraph here. It has two sentences.",
        "KEY OUTCOMES",
        "The deal was signed.",
    ]
    assert [(body[s.start : s.end], s.paragraph) for s in sents] == [
        ("First paragraph here.", 0),
        ("It has two sentences.", 0),
        ("KEY OUTCOMES", 1),
        ("The deal was signed.", 2),
    ]


def test_single_newline_paragraphs() -> None:
    paragraphs, _ = segment("One line.\nTwo line.\n")
    assert len(paragraphs) == 2


def test_text_lines_normalises_and_unwraps() -> None:
    text = "Title\u00a0 here  \r\n\r\nThe ministers met\nin Geneva.\nA new line.\n\n\u200bEnd. "
    assert text_lines(text) == ["Title here", "The ministers met in Geneva.", "A new line.", "End."]
    assert normalise_line("\ta\u2009b  c ") == "a b c"


def test_single_newline_text_is_not_unwrapped() -> None:
    assert text_lines("Heading line\nlowercase start of a paragraph.") == [
        "Heading line",
        "lowercase start of a paragraph.",
    ]


_TEXT = st.text(
    alphabet=st.sampled_from([*"ab AB.!?\"'”’()\n 1U.S.Mr", "\u00a0", "\u2009", " "]),
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TEXT, st.text(max_size=200)))
def test_offsets_are_stripped_ordered_and_inside_the_body(body: str) -> None:
    paragraphs, sents = segment(body)
    previous_end = 0
    for sentence in sents:
        assert 0 <= sentence.start < sentence.end <= len(body)
        assert sentence.start >= previous_end
        previous_end = sentence.end
        text = body[sentence.start : sentence.end]
        assert text == text.strip()
        paragraph = paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start and sentence.end <= paragraph.end
    for paragraph in paragraphs:
        text = body[paragraph.start : paragraph.end]
        assert text and text == text.strip() and "\n" not in text
