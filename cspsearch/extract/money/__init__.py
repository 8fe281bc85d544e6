"""Money: every £ amount and money-table cell, with its role, financial year, funder, recipient and grant.

`component` is the "cspsearch_money" spaCy component the pipeline runs (`find_money` does the
work). Amounts come from `amounts` (prose) and `tables` (bare numbers under a £000/£m
heading, read with `headings`, `columns` and `cells`); `funding` names funders, grants and
recipients; `roles` says what an amount is (received, budget, saving ...) from the cue words
of extract/data/money_roles.yaml; `links` reads an amount's sentence and its neighbours.

Importing the package loads no spaCy; the component's names are loaded when first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cspsearch.extract import lazy_exports
from cspsearch.extract.money.amounts import Amount, find_amounts

if TYPE_CHECKING:
    from cspsearch.extract.money.component import find_money, money_component

__all__ = ["Amount", "find_amounts", "find_money", "money_component"]
__getattr__ = lazy_exports(__name__, "component", ("find_money", "money_component"))
