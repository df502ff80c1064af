"""Pure normalisation functions: no spaCy, no I/O beyond the cached lexicons."""
