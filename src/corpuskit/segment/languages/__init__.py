"""corpuskit's built-in languages, each a plain plugin module (``segment-en``, ``segment-de``)."""
