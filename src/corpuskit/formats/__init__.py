"""corpuskit's built-in formats; each module is an ordinary plugin registered like a third-party one."""
