"""The extract stage: from a parsed document to facts.

In: ``etl.article.ParsedDocument``. ``nlp`` runs spaCy once; ``countries``, ``people``,
``organizations``, ``initiatives`` (with ``gazetteer``, ``catalogue`` and ``reference`` for seed
data) find the entities, ``entities`` composes them, ``places`` and ``dates`` locate and date,
``events`` finds the occurrences, and ``extractor`` runs it all for one document.
Out: ``etl.facts.Entity`` and ``etl.facts.Event`` objects (an ``extractor.Extraction``).
"""
