"""Who speaks: the subject of a cue resolved to one of the document's entities (GUIDELINES.md):

* a person, named ("Wang Yi", "a spokesperson, Mao Ning,"), through a pronoun ("he" after the
  person last spoken of as a subject), or through a description ("the Secretary", "the
  Chinese president", "the spokesperson") that fits the office of a person the document names;
* else an organization or state body ("the Foreign Ministry", "NATO"); an unnamed spokesperson
  speaks for the body named with them ("a foreign ministry spokesperson"); a resolution
  speaks for the body that adopted it;
* else a state: a country ("China said"), its side or government ("the Chinese side"), or its
  capital standing for its government ("Beijing said").

Nobody speaks for unnamed people ("analysts", "an official"), for several speakers at once
("Xi and Modi", "the two sides", "they") or for joint texts ("the joint statement").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from etl.extract.person_lexicon import fold
from etl.extract.places import capital_country
from etl.extract.statements.context import Context, Named
from etl.facts import Entity, SpeakerKind

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class Speaker:
    kind: SpeakerKind
    name: str  # canonical entity name, or ISO3 for a state
    surface: str


PERSON_PRONOUNS = frozenset({"he", "she", "him", "his", "her"})
BODY_PRONOUNS = frozenset({"it", "its"})
# Heads of a description that stands for a state: "the Chinese side", "the Japanese government".
STATE_HEADS = frozenset({"side", "government", "administration", "authorities", "state"})
SPOKESPEOPLE = frozenset({"spokesperson", "spokesman", "spokeswoman", "spokespersons"})
# Heads of a description of an office holder, with the words of the office they stand for
# when the head alone is not in the office's title.
ROLE_HEADS: dict[str, tuple[str, ...]] = {
    **{w: (w,) for w in ("secretary", "minister", "president", "premier", "ambassador")},
    **{w: (w,) for w in ("envoy", "chancellor", "king", "emir", "chairman", "chair", "sultan")},
    **{w: (w,) for w in ("representative", "director", "commissioner", "governor", "mayor")},
    **{w: ("spokesperson", "spokesman", "spokeswoman") for w in SPOKESPEOPLE},
    "secretary-general": ("secretary-general", "secretary general"),
    "leader": ("president", "premier", "prime minister", "chancellor", "chairman", "king"),
    "diplomat": ("foreign minister", "state councilor", "secretary of state", "foreign affairs"),
    "chief": ("chief", "director", "secretary-general", "head"),
    "pm": ("prime minister",),
    "fm": ("foreign minister",),
}
# Writings that speak for the body that adopted them.
ADOPTED_TEXTS = frozenset({"resolution", "resolutions", "charter"})
# A writing that reports for its outlet or issuer: "according to a Xinhua story".
REPORT_NOUNS = frozenset({"story", "report", "reports", "readout", "release", "dispatch"})
# Texts that speak for the one who wrote or gave them: "a speech by Xi", "Wong's statement".
AUTHORED_TEXTS = frozenset({"speech", "statement", "remarks", "article", "letter", "message"})
JOINT_WORDS = frozenset({"joint", "jointly", "both", "two", "all"})
_BODY_WORDS = ("assembly", "council", "parliament", "congress", "committee", "commission")


def _person(entity: Entity, surface: str) -> Speaker:
    return Speaker("person", entity.name, surface)


def named_speaker(named: Named, surface: str) -> Speaker | None:
    if named.kind == "person":
        return Speaker("person", named.name, surface)
    if named.kind == "organization":
        return Speaker("organization", named.name, surface)
    if named.kind == "country":
        return Speaker("country", named.name, surface)
    return None


@dataclass(slots=True)
class Memory:
    """Who the text was last about, for pronouns and descriptions: person subjects and
    speakers, and bodies that spoke, by offset."""

    persons: list[tuple[int, str]] = field(default_factory=list)
    bodies: list[tuple[int, Speaker]] = field(default_factory=list)

    def note_person(self, offset: int, name: str) -> None:
        bisect.insort(self.persons, (offset, name))

    def note_body(self, offset: int, speaker: Speaker) -> None:
        bisect.insort(self.bodies, (offset, speaker), key=lambda x: x[0])

    def last_person(self, before: int) -> str | None:
        k = bisect.bisect_left(self.persons, (before, ""))
        return self.persons[k - 1][1] if k else None

    def last_body(self, before: int) -> Speaker | None:
        k = bisect.bisect_left([o for o, _ in self.bodies], before)
        return self.bodies[k - 1][1] if k else None


def note_subjects(ctx: Context, memory: Memory, sentence_tokens: list[Token]) -> None:
    """Remember the persons and bodies a sentence has as subjects (what "he" and "it" will
    refer to next, and the body "the meeting" is a session of)."""
    for tok in sentence_tokens:
        if tok.dep_ in ("nsubj", "nsubjpass"):
            named = ctx.mention(tok)
            if named is not None and named.kind == "person":
                memory.note_person(named.start, named.name)
            elif named is not None and named.kind == "organization":
                memory.note_body(named.start, Speaker("organization", named.name, named.name))


def _noun_phrase(subject: Token) -> list[Token]:
    """The subject's own words: its left part up to the head, without relative clauses."""
    return [t for t in subject.doc[subject.left_edge.i : subject.i + 1]]


def _several(subject: Token) -> bool:
    if any(c.dep_ == "conj" for c in subject.children):
        return True
    words = {t.lower_ for t in subject.subtree}
    return subject.lower_ in ("they", "we", "both", "all", "sides") or bool(
        words & {"both", "two", "three"} and subject.tag_ in ("NNS", "NNPS")
    )


_QUALIFIERS = frozenset({"prime", "vice", "deputy"})


def _office_fits(title: str | None, wanted: tuple[str, ...], extra: set[str]) -> bool:
    if not title:
        return False
    low = title.lower().replace("-", " ")
    if not any(w.replace("-", " ") in low for w in wanted):
        return False
    # "the minister" is not the prime minister, "the president" not the vice president.
    for qualifier in _QUALIFIERS - extra:
        if all(f"{qualifier} {w}" in low for w in wanted):
            return False
    return all(w in low for w in extra)


def _mentions(ctx: Context, phrase: list[Token]) -> list[Named]:
    return [n for n in (ctx.mention(t) for t in phrase) if n is not None]


def describe(
    ctx: Context, memory: Memory, phrase: list[Token], head: Token, at: int
) -> Speaker | None:
    """A person the document names whose office the description fits ("the Secretary", "the
    Chinese president", "China's top diplomat"): the one spoken of last before ``at``, else
    the first named after it."""
    head_word = head.lower_
    joined = " ".join(t.lower_ for t in phrase)
    if "secretary - general" in joined or "secretary-general" in joined:
        head_word = "secretary-general"
    wanted = ROLE_HEADS.get(head_word)
    if wanted is None:
        return None
    states = {n.name for n in _mentions(ctx, phrase) if n.kind == "country"}
    extra = {
        t.lower_
        for t in phrase
        if t.pos_ in ("PROPN", "NOUN", "ADJ")
        and t.i != head.i
        and ctx.mention(t) is None
        and t.lower_ in ("foreign", "prime", "deputy", "vice", "defence", "defense", "state")
    }
    fits = {
        e.name
        for n in ctx.named
        if n.kind == "person"
        and _office_fits((e := n.entity).title, wanted, extra)
        and (not states or e.country_iso3 in states)
    }
    if not fits:
        return None
    surface = " ".join(t.text for t in phrase)
    before = [n for n in ctx.named if n.kind == "person" and n.name in fits and n.start < at]
    for offset, name in reversed(memory.persons):
        if name in fits and offset < at:
            return Speaker("person", name, surface)
        if offset < at - 5000:
            break
    if before:
        return Speaker("person", before[-1].name, surface)
    after = [n for n in ctx.named if n.kind == "person" and n.name in fits and n.start > at]
    return Speaker("person", after[0].name, surface) if after else None


def _adopting_body(ctx: Context, phrase: list[Token], at: int) -> Speaker | None:
    if any(t.lower_ in JOINT_WORDS for t in phrase):
        return None
    for t in phrase:
        n = ctx.mention(t)
        if n is not None and n.kind == "organization":
            return Speaker("organization", n.name, " ".join(x.text for x in phrase))
    for n in reversed(ctx.named_in(max(0, at - 3000), at, ("organization",))):
        if any(w in n.name.lower() for w in _BODY_WORDS):
            return Speaker("organization", n.name, " ".join(x.text for x in phrase))
    return None


def _by_surname(ctx: Context, memory: Memory, word: Token) -> Speaker | None:
    """A bare name the entity finder left unresolved because several people bear it ("Wang"
    with Wang Yi and Wang Wentao): the one the text last spoke of."""
    folded = fold(word.text)
    bearers = {n.name for n in ctx.named if n.kind == "person" and folded in fold(n.name).split()}
    if not bearers:
        return None
    if len(bearers) == 1:
        return Speaker("person", next(iter(bearers)), word.text)
    for offset, name in reversed(memory.persons):
        if offset < word.idx and name in bearers:
            return Speaker("person", name, word.text)
    return None


def resolve(ctx: Context, memory: Memory, subject: Token) -> Speaker | None:
    """The speaker a cue's subject stands for, or None (unnamed, several, unresolvable)."""
    at = subject.idx
    low = subject.lower_
    if low in PERSON_PRONOUNS:
        if subject.dep_ == "poss":
            # "thanked Blinken for his call": the person just named in the sentence
            named = [
                n for n in ctx.named_in(subject.sent.start_char, at, ("person",)) if n.end <= at
            ]
            if named:
                return Speaker("person", named[-1].name, subject.text)
        name = memory.last_person(at)
        return Speaker("person", name, subject.text) if name else None
    if low in BODY_PRONOUNS:
        return memory.last_body(at)
    if _several(subject):
        return None
    for child in subject.children:  # "a spokesperson, Mao Ning, said"
        if child.dep_ == "appos":
            named = ctx.mention(child)
            if named is not None and named.kind == "person":
                return Speaker("person", named.name, child.text)
    phrase = _noun_phrase(subject)
    surface = " ".join(t.text for t in phrase).replace(" 's", "'s")
    if low in STATE_HEADS:  # "the Japanese government said": the state, not a body
        states = [n for n in _mentions(ctx, phrase) if n.kind == "country"]
        if states:
            return Speaker("country", states[-1].name, surface)
    named = ctx.mention(subject)
    if named is not None:
        return named_speaker(named, surface)
    if low in ("meeting", "session"):
        body = memory.last_body(at)
        if body is not None and any(w in body.name.lower() for w in _BODY_WORDS):
            return Speaker(body.kind, body.name, surface)
        return _adopting_body(ctx, phrase, at)
    if low in ADOPTED_TEXTS:
        return _adopting_body(ctx, phrase, at)
    if low in STATE_HEADS:
        return None
    if low in REPORT_NOUNS or low in AUTHORED_TEXTS:
        # "according to a Xinhua story", "according to a written speech by Xi": its author
        if any(t.lower_ in JOINT_WORDS for t in phrase):
            return None
        by = [g for c in subject.children if c.lower_ == "by" for g in c.children]
        owners = [n for n in _mentions(ctx, [*phrase, *by]) if n.kind in ("organization", "person")]
        return named_speaker(owners[-1], surface) if owners else None
    if subject.pos_ == "PROPN":
        iso3 = capital_country(subject.text)
        if iso3 is not None and subject.ent_type_ in ("GPE", ""):
            return Speaker("country", iso3, subject.text)
        person = _by_surname(ctx, memory, subject)
        if person is not None:
            return person
    person = describe(ctx, memory, phrase, subject, at)
    if person is not None:
        return person
    if low in SPOKESPEOPLE:
        # "a ministry spokesperson", "a spokesperson of the ministry": it speaks for the body
        own = [t for t in subject.subtree if t.dep_ not in ("relcl", "acl")]
        bodies = [n for n in _mentions(ctx, own) if n.kind == "organization"]
        if bodies:
            return Speaker("organization", bodies[-1].name, surface)
    return None
