"""The extract stage for statements: who said what, as the document reports it (GUIDELINES.md,
statements), each with its speaker (a person, organization or state the document names), its
content's span in the body, its mode (direct quotation or reported speech), its cue, the
countries and initiatives the content names, and when it was said.

Rule-based over the spaCy parse the entity stage already made, with the cue words as data
(seeds/speech_cues.csv). Modules, in the order a document meets them: ``context`` (what the
rules read) and ``quotes``, ``transcripts`` (turns and reproduced texts), ``clauses`` (a cue's
subject and content), ``speakers`` (subjects resolved to entities), ``dating`` (when, and on
what occasion) and ``find`` (the entry point).
"""

from etl.extract.statements.find import find_statements

__all__ = ["find_statements"]
