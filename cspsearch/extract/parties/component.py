"""The "cspsearch_parties" component: organisations and people named in a paper.

Organisations are found by `organisations`, people by `people`; both read the word
lists of `words` and the paper's text through `text`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from cspsearch.extract import ENTITIES_KEY
from cspsearch.extract.parties.organisations import OrganisationFinder
from cspsearch.extract.parties.people import PeopleFinder
from cspsearch.extract.parties.text import PaperText
from cspsearch.extract.parties.words import party_words


@Language.factory("cspsearch_parties")
def create_parties_component(nlp: Language, name: str) -> PartiesComponent:
    return PartiesComponent(nlp)


class PartiesComponent:
    """Adds organisation and person entity dicts to the doc's entity list."""

    def __init__(self, nlp: Language) -> None:
        words = party_words()
        self.organisations = OrganisationFinder(nlp, words)
        self.people = PeopleFinder(words)

    def __call__(self, doc: Doc) -> Doc:
        found = doc.user_data.setdefault(ENTITIES_KEY, [])
        paper = PaperText.of(doc)
        organisations = self.organisations.find(doc, paper, found)
        found.extend(organisations)
        found.extend(self.people.find(paper))
        return doc
