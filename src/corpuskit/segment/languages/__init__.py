"""corpuskit's built-in languages, each an ordinary plugin module (``segment-en``, ``segment-de``)."""
