"""Word lists and a sentence maker for generated minutes: the prose of decisions, options and rationale.

The lists are written for this project (nothing downloaded). Words are drawn with a skewed
(Zipf-like) weight so that, as in real minutes, a few terms are very common and most are rare;
that matters for the text index, whose speed depends on posting-list lengths.
"""

from __future__ import annotations

import random
from itertools import accumulate

FIRST_NAMES = """
Ada Adrian Agnes Alba Alma Amara Anders Andrea Anika Ansel Arlo Astrid Aurelio Basil Beatriz Benedikt
Bianca Bruno Camila Carmen Casimir Celeste Cyril Dalia Damian Dario Delphine Desmond Dora Edgar Elena
Elias Elodie Emil Enzo Esther Ezra Fabian Farah Felix Fiona Florian Freya Gideon Greta Gustavo Hana
Hector Helena Hugo Ida Ignacio Ilse Imogen Irene Isidro Ivo Jana Jasper Joaquin Jonas Josefa Julian
Kamal Karin Keira Konrad Lara Laszlo Leila Leon Lidia Linus Lucia Magnus Maia Malik Marek Marta Mateo
Milan Mira Nadia Nestor Nika Nils Noor Octavia Olaf Olga Oren Otto Paloma Pavel Petra Quentin Rafael
Rania Rosa Ruben Sabine Salma Samir Selma Silas Sofia Soren Stellan Tamsin Teodor Thea Tobias Ursula
Valentin Vera Viktor Wanda Yara Yusuf Zora
""".split()

LAST_NAMES = """
Abara Achterberg Adeyemi Albrecht Alcantara Almeida Andersen Arrieta Asante Auclair Baptiste Barros
Bastos Becker Belmonte Benedetti Bergstrom Bianchi Blanco Bondarenko Brandt Caballero Calderon
Carvalho Castellanos Cerny Chaudhry Cienfuegos Costa Dahl Dalton Delacroix Demir Dvorak Eklund Elkayam
Escobar Esposito Falk Farouk Ferreira Fontaine Forsberg Galvan Garnier Gentile Goldberg Granados
Grunewald Haddad Halvorsen Hartmann Herrera Hoffmann Holm Ibarra Iglesias Ivanova Jablonski Jansen
Jimenez Kaminski Karlsson Kowalczyk Kruger Laine Lambert Lindqvist Lombardi Lopes Lund Machado Madsen
Marchetti Mbeki Medina Mendoza Meyer Molina Moreau Nakamura Navarro Nieminen Novak Nunez Okafor Olsen
Orlov Ortega Palmer Pereira Petrovic Pinto Quiroga Ramos Reyes Ribeiro Rinaldi Rojas Rossi Salazar
Sandoval Santoro Schneider Serrano Silva Sorensen Stavros Suarez Tanaka Teixeira Torres Valdez Varga
Vasquez Vidal Villanueva Wagner Weiss Winkler Yilmaz Zamora Zielinski
""".split()

#: Policy areas: each names a ministry and colours its vocabulary.
POLICY_AREAS = """
Finance Health Education Transport Energy Agriculture Environment Justice Defence Housing Labour Trade
Culture Water Fisheries Forestry Mining Tourism Communications Science Interior Foreign-Affairs
Social-Welfare Public-Works
""".split()

PLACE_NAMES = """
Alvera Brisk Calden Dunmore Elsfield Farrow Glenmoor Harwick Ilsted Jarrow Kestrel Lowmere Marden
Northam Oakridge Pellam Quarry-Bay Redhill Saltmarsh Thornby Upwell Vantor Westfold Yarrow Zeeland
""".split()

COMMON_NOUNS = """
budget programme policy plan proposal review report assessment contract tender allocation grant levy
tariff subsidy regulation permit licence inspection audit framework strategy reform pilot scheme fund
reserve deficit surplus revenue expenditure appropriation loan bond guarantee concession lease
partnership agreement treaty memorandum protocol standard code charter mandate ordinance directive
committee board council panel tribunal agency office unit secretariat commission authority
infrastructure network corridor station terminal depot bridge tunnel road railway port airport
hospital clinic school college university laboratory library museum archive courthouse prison
reservoir pipeline grid substation turbine plant refinery mine quarry forest wetland coastline river
harbour district municipality region province county village settlement border frontier
""".split()

RARE_NOUNS = """
abatement accretion adjudication amortisation apportionment arbitration attestation bequest
canvass cartography cessation codicil commutation conveyance covenant curtailment debenture
demarcation depreciation desalination dredging easement embargo encumbrance escheat estoppel
expropriation forbearance garnishment hypothecation indemnity injunction interdiction levee
lien moratorium novation ombudsman prorogation quarantine recusal remittance rescission
sequestration subrogation surety tranche usufruct variance waiver zoning sluice culvert aquifer
floodplain estuary silviculture tillage fallow pasturage irrigation salinity turbidity effluent
""".split()

VERBS = """
approve adopt endorse reject defer amend extend suspend renew authorise allocate reallocate transfer
commission establish abolish merge restructure review monitor evaluate publish consult negotiate
ratify implement enforce waive reduce increase cap freeze index phase prioritise procure tender
""".split()

ADJECTIVES = """
annual interim provisional permanent regional national municipal federal bilateral multilateral
statutory discretionary supplementary emergency temporary capital operational recurrent strategic
transitional phased targeted universal voluntary mandatory independent joint consolidated
""".split()

CRITERIA = [
    "cost",
    "speed",
    "legality",
    "equity",
    "feasibility",
    "public support",
    "fiscal risk",
    "environmental impact",
    "administrative burden",
    "precedent",
]

CURRENCIES = ["EUR", "USD", "GBP", "CAD", "CHF", "SEK"]


def _zipf_weights(count: int, exponent: float = 0.8) -> list[float]:
    return list(accumulate(1.0 / (rank**exponent) for rank in range(1, count + 1)))


_NOUN_WEIGHTS = _zipf_weights(len(COMMON_NOUNS))
_RARE_WEIGHTS = _zipf_weights(len(RARE_NOUNS), 0.8)


class Prose:
    """Makes sentences from the word lists with one seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def noun(self) -> str:
        if self.rng.random() < 0.12:
            return self.rng.choices(RARE_NOUNS, cum_weights=_RARE_WEIGHTS)[0]
        return self.rng.choices(COMMON_NOUNS, cum_weights=_NOUN_WEIGHTS)[0]

    def phrase(self, area: str) -> str:
        """A noun phrase such as 'the provisional Health tender for the Redhill reservoir'."""
        rng = self.rng
        head = f"{rng.choice(ADJECTIVES)} {area.replace('-', ' ')} {self.noun()}"
        if rng.random() < 0.5:
            return f"the {head} for the {rng.choice(PLACE_NAMES)} {self.noun()}"
        return f"the {head}"

    def sentence(self, area: str) -> str:
        rng = self.rng
        shape = rng.randrange(6)
        verb = rng.choice(VERBS)
        if shape == 0:
            first, second = self.phrase(area), self.phrase(area)
            text = f"The committee agreed to {verb} {first} and to {rng.choice(VERBS)} {second}"
        elif shape == 1:
            text = (
                f"Members noted that {self.phrase(area)} had been delayed by {self.noun()} "
                f"and {self.noun()} in {rng.choice(PLACE_NAMES)}"
            )
        elif shape == 2:
            text = (
                f"It was argued that a decision to {verb} {self.phrase(area)} would affect "
                f"{self.phrase(area)} over {rng.randint(2, 15)} years"
            )
        elif shape == 3:
            text = (
                f"The secretariat reported {rng.randint(3, 97)} per cent progress on "
                f"{self.phrase(area)}, with {self.noun()} still outstanding"
            )
        elif shape == 4:
            text = (
                f"Concerns about {rng.choice(CRITERIA)} and {self.noun()} were raised in respect of "
                f"{self.phrase(area)}"
            )
        else:
            text = (
                f"Officials proposed to {verb} {self.phrase(area)} subject to {self.noun()} "
                f"and a further {self.noun()} before {rng.choice(['spring', 'summer', 'autumn', 'winter'])}"
            )
        return text[0].upper() + text[1:] + "."

    def paragraph(self, area: str, words: int) -> str:
        """Sentences until at least ``words`` words."""
        sentences: list[str] = []
        count = 0
        while count < words:
            sentence = self.sentence(area)
            sentences.append(sentence)
            count += len(sentence.split())
        return " ".join(sentences)
