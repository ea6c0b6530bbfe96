"""The facts stage: read sources, find each quote, check its value, unit and qualifier, derive, locate."""
