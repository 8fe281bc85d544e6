"""Ingest: discover files, read them per format, infer metadata, segment passages, run the pipeline."""
