"""The ingest stage: from a path to a parsed document.

In: paths, globs or stdin. ``discover`` lists the candidate files and ``read`` reads their
bytes; ``encoding`` and ``decode`` turn bytes into text (encodings, HTML, JSON Lines);
``language`` checks the text is English; ``boilerplate`` and ``metadata`` separate page
clutter from the header (title, date, outlet, author, dateline), helped by ``titles``
(headlines versus menus), ``bylines`` (authors), ``datelines``, ``published`` (dates among
other fields), ``issuers`` (the publisher named outside the byline), ``names`` (people,
organisations and desks by their form) and ``outlets`` (outlet names and domains); ``dates``
reads absolute date strings; ``segment`` splits paragraphs and sentences; ``parse`` composes
them.
Out: an ``etl.article.ParsedDocument``, or a ``Rejection`` with its reason.
"""
