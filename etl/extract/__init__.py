"""The extract stage: from a parsed document to facts.

In: an ``etl.article.ParsedDocument``. ``nlp`` runs spaCy once; ``countries``, ``people``,
``organizations`` and ``initiatives`` find the entities, with ``gazetteer``, ``catalogue``,
``person_lexicon`` and ``reference`` for the seed data, and ``entities`` composes them;
``places`` and ``dates`` locate and date; ``events`` finds the occurrences; ``extractor`` runs
it all for one document.
Out: ``etl.facts.Entity`` and ``etl.facts.Event`` objects, in an ``extractor.Extraction``.
"""
