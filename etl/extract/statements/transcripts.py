"""Texts that speak without a cue in each sentence (GUIDELINES.md: transcripts and reproduced
texts): each one is one ``direct`` statement, content the whole turn or text.

* transcript turns: "Q:" / "A:" lines (the answers are the spokesperson's the title names:
  "Foreign Ministry Spokesperson X's Regular Press Conference"), and speaker labels at the
  start of a line ("SECRETARY BLINKEN:", "MR PRICE:", "Mr. MOTEGI Toshimitsu, Minister for
  Foreign Affairs:"); questions are not statements, and nothing inside a question is;
* a text printed in full after "issued the following statement:" (found with the cues);
* a speech: a paragraph that opens with an address ("Thank you, Chair.", "Excellencies,",
  "Ladies and gentlemen,") begins a text that runs to the end of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from etl.extract import person_lexicon
from etl.extract.gazetteer import Gazetteer, Match
from etl.extract.reference import KnownPerson
from etl.extract.statements.context import Context
from etl.extract.statements.speakers import Speaker
from etl.facts import Entity

TurnKind = Literal["question", "answer", "speaker"]

_LABEL = re.compile(
    r"^[ \t]*(?P<label>[A-Z][\w.'’ ,()-]{0,80}?)[ \t]*[:：][ \t]*(?=\S)", re.MULTILINE
)
QUESTION_LABELS = frozenset(
    {"q", "question", "questions", "reporter", "journalist", "participant", "moderator"}
    | {"follow-up", "follow up", "followup", "q and a", "staff"}
    | {"audience", "audience member", "interviewer", "host", "press", "media", "operator"}
)
ANSWER_LABELS = frozenset({"a", "answer"})
# Office words in a label before the name: "SECRETARY BLINKEN", "MR PRICE".
_OFFICE_WORDS = frozenset(
    {
        *("mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "secretary", "minister"),
        *("president", "ambassador", "spokesperson", "spokesman", "spokeswoman", "deputy"),
        *("foreign", "prime", "under", "assistant", "special", "envoy", "general", "state"),
        *("of", "the", "for", "affairs", "senior", "official", "administration"),
    }
)
_SPEECH_OPENING = re.compile(
    r"(?:Thank you,? (?:(?:Mr\.?|Madam|Madame) )?(?:Chair|Chairman|Chairperson|President"
    r"|Chairwoman|Moderator|Secretary-General|Co-Chairs?)\b|Thank you very much,? (?:Mr\.?|Madam)"
    r"|Excellenc(?:y|ies)\b|Ladies and gentlemen\b|(?:Mr\.?|Madam|Madame) (?:Chair|President"
    r"|Speaker|Secretary-General)\b|Dear (?:colleagues|friends)\b|Distinguished (?:guests"
    r"|delegates|colleagues))"
)
_HEADLINE_WORDS = 10


@dataclass(frozen=True, slots=True)
class Turn:
    """One turn: its label's offset, and the content ``text[start:end]``."""

    label_start: int
    start: int
    end: int
    kind: TurnKind
    speaker: Speaker | None
    cue: str


# What a title says a person gave: "Spokesperson Hua Chunying's Remarks on ...", "X's Regular
# Press Conference": that person speaks, whoever else the title names.
_OWNED_TEXT = re.compile(
    r"\s*['’]s\s+(?:(?:regular|daily|online|opening|closing|keynote|press|video|joint)\s+)*"
    r"(?:press conference|remarks|briefing|statement|interview|speech|address|comments?"
    r"|answers?|conference)\b",
    re.IGNORECASE,
)
_TITLE_OFFICE_BEFORE = re.compile(r"\b(?:spokesperson|spokesman|spokeswoman)\s*$", re.IGNORECASE)


def title_person(ctx: Context) -> tuple[Speaker, Entity | None] | None:
    """The person the title names ("Spokesperson Geng Shuang's Regular Press Conference"): one
    of the document's persons, else a known person (seeds/people.csv), returned as a new
    entity the document names only in its title. Where the title names several, the one it
    gives the remarks or the press conference to, else the first."""
    title = ctx.title
    if not title:
        return None
    local = Gazetteer()
    for n in ctx.named:
        if n.kind == "person":
            for alias in {n.entity.name, *n.entity.aliases, ctx.text[n.start : n.end]}:
                local.add(alias, n.entity.name)
    folded = person_lexicon.tokens(title)
    found = [(m, True) for m in local.find(title, folded)]
    found += [(m, False) for m in person_lexicon.seed_gazetteer().find(title, folded)]
    found = [(m, own) for m, own in found if not _part_of_longer_name(title, m.start, m.end)]
    if not found:
        return None
    m, own = min(found, key=lambda f: (not _gives_the_text(title, f[0]), f[0].start, not f[1]))
    surface = title[m.start : m.end]
    if own:
        return Speaker("person", m.key, m.key), None
    known: KnownPerson = person_lexicon.seed_people()[m.key]
    entity = Entity(
        kind="person",
        name=known.name,
        mentions=(),
        country_iso3=known.country_iso3 if not known.acts_for else None,
        title=known.title,
        aliases=(surface,),
        acts_for=known.acts_for,
    )
    return Speaker("person", known.name, surface), entity


def _part_of_longer_name(title: str, start: int, end: int) -> bool:
    """A one-word name followed by another capitalized word is part of a longer name or a
    heading ("Lu" in "Lu Kang", "Foreign" in "Foreign Ministry")."""
    if " " in title[start:end].strip():
        return False
    rest = title[end:].lstrip(" ")
    return rest[:1].isupper()


def _gives_the_text(title: str, m: Match) -> bool:
    return bool(_OWNED_TEXT.match(title, m.end) or _TITLE_OFFICE_BEFORE.search(title, 0, m.start))


# Lower-case words a name label may hold: "Minister for Foreign Affairs", "bin Zayed".
_LABEL_LOWER = frozenset({"of", "for", "the", "and", "on"}) | person_lexicon.PARTICLES


def _name_like(label: str) -> bool:
    """A speaker label is a name with its office, every word capitalized: not a sentence
    ("The following is attributable to ...:") nor a heading with a verb."""
    words = label.replace(",", " ").split()
    return all(w[:1].isupper() or w in _LABEL_LOWER for w in words)


def _label_speaker(ctx: Context, start: int, end: int) -> Speaker | None:
    persons = ctx.named_in(start, end, ("person",))
    label = ctx.text[start:end]
    if persons:
        return Speaker("person", persons[0].name, label)
    words = [w for w in person_lexicon.fold(label).replace(",", " ").split()]
    names = [w for w in words if w not in _OFFICE_WORDS]
    if not names or not label.replace(" ", "").replace(".", "").isupper():
        return None
    surname = names[-1]
    for n in ctx.named:
        if n.kind == "person" and surname in person_lexicon.fold(n.entity.name).split():
            return Speaker("person", n.name, label)
    office = " ".join(w for w in words if w not in ("mr", "mr.", "ms", "ms.", "mrs", "mrs."))
    found = person_lexicon.seed_by_surname(surname, office.replace(surname, "").strip() or None)
    return Speaker("person", found, label) if found else None


def find_turns(ctx: Context, answerer: Speaker | None) -> list[Turn]:
    """The turns of a transcript, or nothing when the text is not one (fewer than two labels,
    or no question and only one speaker label not followed by a whole text)."""
    labels: list[tuple[int, int, TurnKind, Speaker | None]] = []
    askers: list[tuple[int, int]] = []  # name-like labels of nobody known: "Reuters:"
    for m in _LABEL.finditer(ctx.text, 0, ctx.body_end):
        label = m["label"].strip()
        if len(label.split()) > _HEADLINE_WORDS:
            continue
        low = label.lower().rstrip(".")
        if low in QUESTION_LABELS:
            labels.append((m.start("label"), m.end(), "question", None))
        elif low in ANSWER_LABELS:
            labels.append((m.start("label"), m.end(), "answer", answerer))
        elif _name_like(label):
            speaker = _label_speaker(ctx, m.start("label"), m.start("label") + len(label))
            if speaker is not None:
                labels.append((m.start("label"), m.end(), "speaker", speaker))
            elif len(label.split()) <= _ASKER_WORDS:
                askers.append((m.start("label"), m.end()))
    labels = _with_askers(ctx.text, labels, askers, answerer)
    questions = sum(1 for _s, _e, kind, _p in labels if kind == "question")
    # One labelled turn is a transcript when its speaker is known: a page of one answer.
    alone = labels and labels[0][2] in ("speaker", "answer") and labels[0][3] is not None
    if len(labels) < 2 and not (alone and questions == 0):
        return []
    turns = []
    for k, (label_start, start, kind, speaker) in enumerate(labels):
        end = labels[k + 1][0] if k + 1 < len(labels) else ctx.body_end
        end = _rstrip(ctx.text, start, end)
        cue = ctx.text[label_start:start].strip().rstrip(":：").strip()
        turns.append(Turn(label_start, start, end, kind, speaker, cue))
    if len(turns) == 1 and len(ctx.text[turns[0].start : turns[0].end].split()) < 20:
        return []
    return turns


_ASKER_WORDS = 4


def _with_askers(
    text: str,
    labels: list[tuple[int, int, TurnKind, Speaker | None]],
    askers: list[tuple[int, int]],
    answerer: Speaker | None,
) -> list[tuple[int, int, TurnKind, Speaker | None]]:
    """A press conference whose questions are labelled by the asker's outlet ("Reuters:",
    "China Daily:") and its answers by the spokesperson's name: a label of nobody known whose
    turn asks something ("?") and that the title's spokesperson answers next is a question,
    so the question is not read as part of the answer before it ("Note:" lines stay text)."""
    if answerer is None or not askers:
        return labels

    def answers(label: tuple[int, int, TurnKind, Speaker | None]) -> bool:
        return label[2] == "answer" or (label[3] is not None and label[3].name == answerer.name)

    out = list(labels)
    for start, end in askers:
        after = [lab for lab in labels if lab[0] > start]
        if after and answers(min(after)) and "?" in text[end : min(after)[0]]:
            out.append((start, end, "question", None))
    return sorted(out)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def following_text(ctx: Context, cue_end: int, sentence_end: int) -> tuple[int, int] | None:
    """The text printed after an introducing line ("... issued the following statement:",
    "The following is the minister's opening statement."): from after its colon, else from
    the end of its sentence, to the end of the body."""
    colon = ctx.text.find(":", cue_end, sentence_end)
    start = colon + 1 if colon >= 0 else sentence_end
    while start < ctx.body_end and ctx.text[start].isspace():
        start += 1
    end = _rstrip(ctx.text, start, ctx.body_end)
    return (start, end) if end - start > 40 else None


def speech_start(ctx: Context) -> int | None:
    """Where a speech printed in the body begins: a paragraph opening with an address."""
    for k, start in enumerate(ctx.line_starts):
        if start >= ctx.body_end:
            break
        line_start = start
        while line_start < ctx.body_end and ctx.text[line_start] in " \t":
            line_start += 1
        if _SPEECH_OPENING.match(ctx.text, line_start):
            return line_start
        if k > 400:
            break
    return None
