"""Imported by the workers' fork server before it forks anything: every worker starts with the pipeline built."""
from extractors.pipeline import shared_nlp

shared_nlp()
