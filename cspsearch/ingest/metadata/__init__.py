"""Metadata: what a paper is (council, committee, meeting date, title, kind, authors) and where each field came from.

`infer` is the entry point (`infer_meta`): the paper's content first, then the folders holding
it, then a FILE.meta.yaml sidecar beside it (read safely by `sidecar`). It asks `council`, `committee`, `dates`, `title`,
`kind` and `authors` for one field each, reading the head of the paper through `text` (with the
cues of cspsearch/data/metadata_cues.yaml) and the folders through `folders`. After ingest,
`meeting` gives papers of one meeting folder their agenda's meeting, and `corrections` writes
what a person corrects by hand.
"""

from __future__ import annotations

from cspsearch.ingest.metadata.infer import SIDECAR_SUFFIX, infer_meta, load_sidecar, sidecar_paths

__all__ = ["SIDECAR_SUFFIX", "infer_meta", "load_sidecar", "sidecar_paths"]
