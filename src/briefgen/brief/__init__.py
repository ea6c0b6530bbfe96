"""The brief stage: the neutral Brief model, assembled from spec and facts, with citations numbered once."""
