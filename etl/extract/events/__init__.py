"""The extract stage for events: the diplomatic occurrences a document reports, each with its
type, date, place, participants and every mention of it in the document.

Detection is rule-based over the spaCy parse that the entity stage already made:

* trigger words and phrases are data (seeds/event_triggers.csv): nouns ("talks", "phone
  call", "state visit"), verbs ("met", "signed", "launched"), attendance words that attach
  people to a gathering ("attended", "at", "on the sidelines of"), blockers that make a
  clause irrealis ("will", "plans", "expected") and verbs after which an infinitive still
  happened ("agreed to restore");
* named gatherings ("the 16th BRICS Summit", "the Conference Marking the 70th Anniversary of
  ...") are found as capitalised names ending in a gathering head noun;
* participants are the people, organizations and countries in the trigger's clause (the
  subtree of its verb, plus the subject a coordinated verb shares);
* dates come from etl.extract.dates.resolve_dates, nearest to the trigger first, then the
  paragraph and the document's reference year;
* mentions of one occurrence are merged (same gathering name, same pair of people, same
  visitor and destination), so each event is reported once with all its spans.

Modules, in the order a sentence meets them: ``lexicon`` (trigger words), ``context`` (what the
detectors read, and the ``Trigger`` each builder is handed), ``gathering_names`` and
``gatherings``, ``contacts`` (with ``counterparts`` and ``body_meetings``), ``visits`` and
``agreements`` (one builder per kind of trigger), ``participants`` and ``attach`` (who, when and
where), ``merge`` (one Event per occurrence) and ``find`` (the entry point).
"""

from etl.extract.events.find import find_events

__all__ = ["find_events"]
