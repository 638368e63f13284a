"""Cheap, deterministic language identification: writing system first, then stopword profiles.

The pipeline only needs to know whether an article is English, and to say what it is when it
is not. Scripts settle Chinese, Japanese, Korean, Russian, Arabic and the like outright; among
Latin-script languages the share of each language's function words separates them even in a
two-sentence article, because function words make up a third to a half of running text.
"""

from __future__ import annotations

import re
import unicodedata

UNDETERMINED = "und"

# Enough text to decide; the rest of a long article adds time, not certainty.
_SAMPLE_CHARS = 6000
_MIN_LETTERS = 12
_MIN_WORDS = 4
_MIN_STOPWORD_HITS = 2
_MIN_STOPWORD_SHARE = 0.08
# Up to this many words a text is one sentence or a headline: one piece of evidence may decide.
_SHORT_WORDS = 12

# (first, last) code point ranges of non-Latin scripts and the language each implies.
_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x3040, 0x30FF, "ja"),  # Hiragana, Katakana
    (0xAC00, 0xD7AF, "ko"),  # Hangul syllables
    (0x1100, 0x11FF, "ko"),
    (0x3400, 0x4DBF, "zh"),  # CJK ideographs
    (0x4E00, 0x9FFF, "zh"),
    (0xF900, 0xFAFF, "zh"),
    (0x0400, 0x052F, "ru"),  # Cyrillic (refined below)
    (0x0600, 0x06FF, "ar"),  # Arabic (refined below)
    (0x0750, 0x077F, "ar"),
    (0x0590, 0x05FF, "he"),
    (0x0900, 0x097F, "hi"),
    (0x0E00, 0x0E7F, "th"),
    (0x0370, 0x03FF, "el"),
    (0x0980, 0x09FF, "bn"),
    (0x0B80, 0x0BFF, "ta"),
    (0x10A0, 0x10FF, "ka"),
    (0x0530, 0x058F, "hy"),
)

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """
        the of and to in is was for that on with as by at from it its are were be been has have
        had this which will would an or but not their they he she his her who also said after
        about over into than more between during under against our we can could should
        """.split()  # noqa: SIM905 - word lists read best as prose
    )
    # Short news sentences carry few function words ("Some 800 families fled to X last week"):
    # the frequent words of English reporting (time, quantity, common verbs) decide those.
    # None of them is a function word of another profile.
    | frozenset(
        """
        some last next month year week day days months years ago yesterday today tonight
        new people two three four five six seven ten hundred thousand million billion first
        second since while all out up there what when where how any many most other such
        only just now then again still back across through around near left fled killed
        sought told says made took went came arrived met held visited called according
        country countries government minister president officials talks war border refugees
        """.split()  # noqa: SIM905 - word lists read best as prose
    ),
    "fr": frozenset(
        """
        le la les des du un une et est dans pour que qui sur par au aux avec ce cette ces sont
        pas ont été il elle ils nous vous leur mais ou été être plus comme entre son sa ses
        """.split()  # noqa: SIM905 - word lists read best as prose
    ),
    "es": frozenset(
        """
        el la los las del un una y es en por que con para se al lo como más pero sus su
        fue ha son está este esta entre sobre también desde muy sin ya hay
        """.split()  # noqa: SIM905 - word lists read best as prose
    ),
    "pt": frozenset(
        """
        o a os as do da dos das um uma e é em no na nos nas por que com para se ao como mais
        mas seus sua foi são está este esta entre sobre também não pelo pela
        """.split()  # noqa: SIM905 - word lists read best as prose
    ),
    "de": frozenset(
        """
        der die das den dem des ein eine einer und ist im in zu mit von für auf nicht sich
        auch es sie er wir bei aus nach wird wurde sind hat haben werden über dass oder
        """.split()  # noqa: SIM905 - word lists read best as prose
    ),
    "it": frozenset(
        """
        il lo la gli le di del della dei delle un una e è in per che con su da al alla non
        sono come anche più ma tra nel nella questo questa stato
        """.split()  # noqa: SIM905 - word lists read best as prose
    ),
    "nl": frozenset(
        """
        de het een en van in is op te dat die voor met zijn niet aan er ook als bij door
        naar om tot maar wordt werd heeft hebben
        """.split()  # noqa: SIM905 - word lists read best as prose
    ),
    "id": frozenset(
        """
        yang dan di ke dari untuk dengan ini itu pada dalam tidak akan adalah juga oleh
        sebagai karena atau telah bahwa mereka kami kita
        """.split()  # noqa: SIM905 - word lists read best as prose
    ),
}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A capitalised word that opens a sentence is as often a function word ("Some", "The") as a name.
_OPENER = re.compile(r"(?:^|[.!?:;]\s+|\n)[\"'“‘(]?([^\W\d_]+)")
_ALL_STOPWORDS = frozenset().union(*_STOPWORDS.values())
# Inflections and spellings that belong to English among the profiled Latin-script languages:
# past tenses and adverbs ("flooded", "sharply"), and th/wh/ght ("without", "which", "fought").
_ENGLISH_FORM = re.compile(r"^[a-z]{3,}(?:ed|ly)$|th|wh|ght")
_UKRAINIAN = set("іїєґІЇЄҐ")
_PERSIAN = set("پچژگ")


def _script_of(char: str) -> str | None:
    code = ord(char)
    for first, last, language in _SCRIPTS:
        if first <= code <= last:
            return language
    return None


def _script_language(text: str) -> tuple[str | None, int]:
    """The dominant non-Latin script's language (or None for Latin), and the letter count."""
    counts: dict[str, int] = {}
    letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        if char.isascii():
            continue
        script = _script_of(char)
        if script is None and unicodedata.name(char, "").startswith("LATIN"):
            continue
        if script:
            counts[script] = counts.get(script, 0) + 1
    if not counts or letters == 0:
        return None, letters
    # Kana mixed with kanji is Japanese even when kanji dominate.
    if counts.get("ja", 0) and counts.get("ja", 0) + counts.get("zh", 0) >= letters / 2:
        return "ja", letters
    language, count = max(counts.items(), key=lambda item: item[1])
    if count < letters / 2:
        return None, letters
    if language == "ru" and any(c in _UKRAINIAN for c in text):
        return "uk", letters
    if language == "ar" and sum(c in _PERSIAN for c in text) >= 3:
        return "fa", letters
    return language, letters


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language, or "und" when there is too little to tell."""
    sample = text[:_SAMPLE_CHARS]
    script, letters = _script_language(sample)
    if letters < _MIN_LETTERS:
        return UNDETERMINED
    if script is not None:
        return script
    # Capitalised words are mostly names, which belong to no language; a text that is mostly
    # names (a list of leaders, a shouted heading run) is judged by its other words.
    found = _WORD.findall(sample)
    words = [w.lower().replace("’", "'") for w in found if not w[:1].isupper()]
    if words:
        words += [
            w.lower()
            for w in _OPENER.findall(sample)
            if w[:1].isupper() and w[1:].islower() and w.lower() in _ALL_STOPWORDS
        ]
    else:
        words = [w.lower().replace("’", "'") for w in found]
    if len(words) < _MIN_WORDS:
        return UNDETERMINED
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    scores["en"] += sum(1 for w in words if w not in _STOPWORDS["en"] and _ENGLISH_FORM.search(w))
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    hits = scores[best]
    # One sentence of English may hold a single telling word; it decides only when no other
    # language has as much to show.
    short_english = (
        best == "en"
        and len(words) <= _SHORT_WORDS
        and all(n < hits for lang, n in scores.items() if lang != "en")
    )
    minimum = 1 if short_english else _MIN_STOPWORD_HITS
    if hits < minimum or hits / len(words) < _MIN_STOPWORD_SHARE:
        return UNDETERMINED
    return best
