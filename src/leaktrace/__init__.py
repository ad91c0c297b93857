"""leaktrace: a unique, natural-reading copy for every recipient; a leak traced to its copy.

The curated public API. Documented means supported; everything else may change.

Example:
    >>> from leaktrace import find_points
    >>> [p.kind for p in find_points("She said he would come.")]
    ['complementiser']
"""

from __future__ import annotations

from leaktrace.documents import add_document, add_document_bytes
from leaktrace.errors import LeaktraceError
from leaktrace.issuing import issue
from leaktrace.model import (
    Candidate,
    DocumentMatch,
    Occurrence,
    Passage,
    Reading,
    Recipient,
    TraceResult,
    VariationPoint,
    Verdict,
)
from leaktrace.trace import trace_text
from leaktrace.tracing import trace_bytes, trace_file
from leaktrace.variants.engine import find_points
from leaktrace.workspace import Workspace, init_workspace, open_workspace

__version__ = "0.1.0"

__all__ = [
    "Candidate",
    "DocumentMatch",
    "LeaktraceError",
    "Occurrence",
    "Passage",
    "Reading",
    "Recipient",
    "TraceResult",
    "VariationPoint",
    "Verdict",
    "Workspace",
    "__version__",
    "add_document",
    "add_document_bytes",
    "find_points",
    "init_workspace",
    "issue",
    "open_workspace",
    "trace_bytes",
    "trace_file",
    "trace_text",
]
