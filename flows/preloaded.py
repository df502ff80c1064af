"""Imported by the workers' fork server before it forks anything: every worker starts with the pipeline built."""
from extractors.language import load_profiles
from extractors.pipeline import shared_nlp

shared_nlp()
load_profiles()
