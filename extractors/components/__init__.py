"""spaCy components: thin glue from rule functions to spans in ``doc.spans``.

Importing this package registers every factory with spaCy.
"""
from extractors.components import (  # noqa: F401  (registration side effects)
    claims,
    dates,
    locations,
    organisations,
    quantities,
    segmentation,
    substances,
)
