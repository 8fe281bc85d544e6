"""The vocabularies every layer shares: the councils table and the theme taxonomy.

Their data files are in cspsearch/data/ (councils.yaml, themes.yaml, legislation.tsv), read
through cspsearch.resources. Ingest names a paper's council from `councils`, extraction maps
priorities to `themes`, fetch finds a council's site, analysis and search resolve the names
people type. Pure Python: nothing here imports spaCy.
"""
