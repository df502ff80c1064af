"""Pure rule functions that locate and parse mentions in plain text (no spaCy)."""
