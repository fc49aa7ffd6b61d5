"""Templates for ``corpuskit plugin new``: a ready-to-install format plugin distribution."""
