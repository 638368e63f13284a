"""Statement scoring (GUIDELINES.md, statements): speakers match as entities do, contents by the
Dice coefficient of their content words; detection and attribution scored apart."""

from __future__ import annotations

from etl.outputs.evaluate import score_document
from etl.outputs.statement_scores import (
    content_words,
    contents_match,
    dice,
    match_statements,
    score_statements,
    speaker_names,
)


def _doc(statements: list[dict], persons: list[dict] = (), organizations: list[dict] = ()) -> dict:
    return {
        "metadata": {},
        "countries": [],
        "persons": list(persons),
        "organizations": list(organizations),
        "initiatives": [],
        "events": [],
        "statements": statements,
    }


def _st(speaker: str, content: str, kind: str = "person") -> dict:
    return {"speaker": speaker, "speaker_kind": kind, "content": content}


def test_content_words_leave_out_case_accents_punctuation_and_stop_words() -> None:
    assert content_words("The Ministers’ talks were Fruitful, and São Tomé agreed.") == {
        "ministers",
        "talks",
        "fruitful",
        "sao",
        "tome",
        "agreed",
    }


def test_dice_is_twice_the_shared_words_over_both_sizes() -> None:
    a, b = frozenset("ab"), frozenset("bcd")
    assert dice(a, b) == 2 * 1 / 5
    assert dice(frozenset(), frozenset()) == 0.0


def test_contents_match_at_half_their_content_words() -> None:
    gold = "the harbour project will open new trade routes for both islands"
    assert contents_match("the harbour project will open new trade routes", gold)
    assert not contents_match("both islands welcomed the visiting delegation warmly", gold)


def test_a_speaker_answers_to_the_aliases_of_its_document_entity() -> None:
    doc = _doc([], persons=[{"name": "Mara Velk", "aliases": ["Velk", "Mara Velk"]}])
    assert speaker_names(_st("Mara Velk", "x"), doc) == {"mara velk", "velk"}
    assert speaker_names(_st("NOR", "x", "country"), doc) == {"NOR"}
    assert speaker_names(_st("Unlisted Body", "x", "organization"), doc) == {"unlisted body"}


def test_statements_need_speaker_and_content_found_needs_content_only() -> None:
    gold = _doc(
        [
            _st("Mara Velk", "the harbour project will open new trade routes for both islands"),
            _st("NOR", "fishing quotas must be set by science alone", "country"),
            _st("Mara Velk", "a second ferry line is planned for next spring"),
        ],
        persons=[{"name": "Mara Velk", "aliases": ["Velk"]}],
    )
    pred = _doc(
        [
            # right speaker through a shared alias, content close enough
            _st("M. Velk", "the harbour project will open new trade routes"),
            # content found, speaker wrong
            _st("SWE", "fishing quotas must be set by science alone", "country"),
            # nothing like any gold statement
            _st("Mara Velk", "the weather was pleasant throughout the visit"),
        ],
        persons=[{"name": "M. Velk", "aliases": ["Velk", "M. Velk"]}],
    )
    scores = score_statements(pred, gold)
    full, found, right = scores["statements"], scores["statements found"], scores["speaker right"]
    assert (full.tp, full.fp, full.fn) == (1, 2, 2)
    assert (found.tp, found.fp, found.fn) == (2, 1, 1)
    assert (right.tp, right.fp, right.fn) == (1, 1, 1)
    assert right.precision == right.recall == right.f1 == 0.5


def test_matching_is_one_to_one_and_pairs_right_speakers_first() -> None:
    content = "the two parks will share one ranger service from the autumn"
    gold = _doc([_st("Ilse Dorn", content)], persons=[{"name": "Ilse Dorn", "aliases": []}])
    pred = _doc(
        [_st("Omar Quist", content), _st("Ilse Dorn", content), _st("Ilse Dorn", content)],
        persons=[{"name": "Omar Quist", "aliases": []}, {"name": "Ilse Dorn", "aliases": []}],
    )
    matching = match_statements(pred, gold)
    scores = matching.scores()
    assert scores["statements"].tp == 1 and scores["statements"].fp == 2
    assert scores["speaker right"].tp == 1 and scores["speaker right"].fp == 0
    assert [p["speaker"] for p in matching.extras()] == ["Omar Quist", "Ilse Dorn"]
    assert matching.misses() == [] and matching.wrong_speakers() == []


def test_documents_score_statements_only_when_gold_has_them() -> None:
    gold = _doc([_st("Ilse Dorn", "the parks will merge")])
    pred = _doc([_st("Ilse Dorn", "the parks will merge")])
    assert score_document(pred, gold)["statements"].tp == 1
    del gold["statements"]
    assert "statements" not in score_document(pred, gold)
