"""What the demo's subsidies say, in Dutch: the schemes, the providers and the plans, decisions,
reports and outcomes the grants and interventions are written with."""

import datetime
from decimal import Decimal

from interventions.choices import ProviderKind

# Vitale Leefgemeenschappen is the scheme the evaluation is about (reference data, created by a
# migration with the figures of the source: EUR 5,000-10,000). The source names Opzoomeren mee
# (a neighbourhood scheme) and Thuisplus (a housing concept, ``Complex.is_thuisplus``) but no
# grants of theirs to complexes, so the demo has none. To show grants of two schemes overlapping
# in one complex, it adds a small fund of its own, fictional and named so.
VITALE = "Vitale Leefgemeenschappen"
MEETING_FUND = "Ontmoetingsfonds (fictief)"
SCHEMES = {
    MEETING_FUND: {
        "funder": "Stichting Samen Oud (fictief)",
        "purpose": (
            "Alleen in de demo: een verzonnen fonds met kleine bijdragen voor een "
            "ontmoetingsactiviteit die bewoners zelf organiseren, zoals een burendag of "
            "bloembakken bij de entree."
        ),
        "min_amount": Decimal("250.00"),
        "max_amount": Decimal("2500.00"),
        "start": datetime.date(2015, 1, 1),
        "report_within_weeks": 8,
    },
}

# Studio BRUIS and Stadstrainers are the social entrepreneurs of the evaluation; their contact
# details here are made up. The other organisations are fictional.
BRUIS, STADSTRAINERS = "Studio BRUIS", "Stadstrainers"
WELFARE = ["Welzijn Maas en Rotte (fictief)", "Stichting Buurtkracht Zuid (fictief)"]
CARE = "Thuiszorg De Lindeboog (fictief)"
PROVIDERS = {
    BRUIS: (ProviderKind.SOCIAL_ENTREPRENEUR, "Marloes Verhoef (fictief)", "studiobruis"),
    STADSTRAINERS: (ProviderKind.SOCIAL_ENTREPRENEUR, "Youssef Amrani (fictief)", "stadstrainers"),
    WELFARE[0]: (ProviderKind.WELFARE_ORGANISATION, "Petra Zwanenburg", "welzijnmaasenrotte"),
    WELFARE[1]: (ProviderKind.WELFARE_ORGANISATION, "Ramon Pinas", "buurtkrachtzuid"),
    CARE: (ProviderKind.CARE_PROVIDER, "Ellen de Haan", "thuiszorglindeboog"),
}

# provider -> [(title, methodology, goals)]: what each kind of provider does in a complex.
PLANS = {
    BRUIS: [
        (
            "Verhalen van de flat",
            "Een kunstenaar en een sociaal ontwerper gaan langs de deuren, halen verhalen van "
            "bewoners op en maken die samen met hen zichtbaar in de gemeenschappelijke ruimte. "
            "Elke week een vaste inloopmiddag; in de laatste weken nemen bewoners die over.",
            "Bewoners leren elkaar kennen via hun verhalen; de inloopmiddag blijft na afloop "
            "bestaan met een vaste groep van vijf bewoners.",
        ),
        (
            "De flat als huiskamer",
            "Samen met bewoners de gemeenschappelijke ruimte opnieuw inrichten, met spullen uit "
            "de flat zelf. Wie meedoet, bepaalt mee wat er in de ruimte gebeurt.",
            "Een ruimte waar bewoners zich thuis voelen en die ook open is buiten de "
            "activiteiten van de bewonerscommissie.",
        ),
        (
            "Samen maken, samen ontmoeten",
            "Wekelijkse maakochtend (schilderen, handwerken, repareren) met een vaste "
            "begeleider, laagdrempelig en zonder aanmelding.",
            "Ook bewoners die nooit komen, bereiken; na afloop een groep die de ochtend zelf "
            "draait.",
        ),
    ],
    STADSTRAINERS: [
        (
            "Trekkersgroep in tien weken",
            "Stadstrainers werft met persoonlijke gesprekken een nieuwe groep van vijf tot acht "
            "bewoners en traint die in tien bijeenkomsten om zelf activiteiten te organiseren. "
            "De huismeester en de welzijnswerker schuiven aan bij de laatste bijeenkomsten.",
            "Een trekkersgroep, naast de bewonerscommissie, die elke maand iets organiseert.",
        ),
        (
            "Van buren naar vrienden",
            "Kennismakingsgesprekken per galerij, daarna een galerijborrel en een gezamenlijke "
            "activiteit die bewoners zelf kiezen.",
            "Op elke galerij een contactpersoon; nieuwe huurders binnen een maand bezocht.",
        ),
        (
            "Bewegen op de galerij",
            "Twee keer per week beweegoefeningen onder begeleiding, eerst op de galerij, later "
            "in de gemeenschappelijke ruimte, met koffie na afloop.",
            "Minder eenzaamheid en meer beweging; een vaste groep die elkaar ook buiten de "
            "oefeningen opzoekt.",
        ),
    ],
    "welfare": [
        (
            "Contactpersoon op elke galerij",
            "De welzijnswerker is vier uur per week in het complex, zoekt per galerij een "
            "bewoner die contactpersoon wil zijn en komt elke maand met de contactpersonen "
            "bijeen.",
            "Op elke galerij een contactpersoon die weet wie hulp nodig heeft.",
        ),
        (
            "Welkom in de flat",
            "Nieuwe huurders krijgen binnen een maand bezoek van een buur en de welzijnswerker, "
            "met een uitnodiging voor de koffieochtend.",
            "Nieuwe huurders doen binnen een half jaar mee aan een activiteit.",
        ),
        (
            "Vrouwengroep op dinsdag",
            "Een wekelijkse bijeenkomst voor vrouwen uit de flat, in hun eigen taal waar dat "
            "helpt, met een welzijnswerker en twee vrijwilligers.",
            "Vrouwen die alleen wonen, vinden elkaar en helpen elkaar met boodschappen en "
            "gezelschap.",
        ),
    ],
    "care": [
        (
            "Samen eten in de huiskamer",
            "Een wijkverpleegkundige en vrijwilligers begeleiden wekelijks een maaltijd in de "
            "gemeenschappelijke ruimte; wie niet komt, wordt gebeld.",
            "Bewoners met een kleine zorgvraag blijven in beeld en eten minstens één keer per "
            "week samen.",
        ),
        (
            "Beweegochtend Langer Thuis",
            "Een fysiotherapeut geeft wekelijks een beweegochtend; daarna koffie en een "
            "spreekuur van de wijkverpleging.",
            "Minder valincidenten en een vaste groep die elkaar kent.",
        ),
    ],
    MEETING_FUND: [
        (
            "Burendag voor de flat",
            "Bewoners organiseren zelf een burendag met muziek en eten; de welzijnsorganisatie "
            "helpt met de aanvraag en de spullen.",
            "Buren die elkaar nog niet kennen, maken kennis.",
        ),
        (
            "Bloembakken bij de entree",
            "Bewoners planten samen bloembakken bij de ingang en op de galerijen en spreken af "
            "wie water geeft.",
            "Een verzorgde entree en een vaste groep die er samen voor zorgt.",
        ),
        (
            "Zomerfeest op het plein",
            "Een middag met spelletjes, hapjes uit verschillende keukens en een kleedjesmarkt, "
            "georganiseerd door een groep bewoners.",
            "Bewoners van de flat en de straat ontmoeten elkaar.",
        ),
    ],
}
AWARD_NOTES = [
    "Past binnen de regeling. Graag in het verslag hoeveel bewoners zijn bereikt.",
    "Toegekend. Let op de borging: wie zet het voort na afloop?",
    "Toegekend; afstemming met de welzijnswerker in het complex is een voorwaarde.",
]
LOWER_NOTE = "Toegekend met een lager bedrag: materiaalkosten vallen buiten de regeling."
REJECT_NOTES = [
    "Het plan laat niet zien hoe bewoners het na afloop zelf voortzetten.",
    "In dit complex loopt al een vergelijkbare interventie; combineer de plannen.",
    "De begroting is niet onderbouwd; dien een nieuwe aanvraag in met een begroting.",
]
REPORTS = [
    "Twaalf bijeenkomsten gehouden, gemiddeld veertien bewoners. Een groep van zes bewoners "
    "zet de activiteit voort.",
    "De activiteit liep goed in het begin; na de zomer haakten bewoners af. Vier bewoners "
    "willen doorgaan met hulp van de welzijnswerker.",
    "Alle galerijen bezocht; op vijf galerijen is nu een contactpersoon. Nieuwe huurders zijn "
    "welkom geheten.",
    "De middag is goed bezocht (ongeveer veertig bewoners). Foto's en de bonnen zijn bijgevoegd.",
]
OUTCOMES = [
    "Er is een trekkersgroep van vijf bewoners die de koffieochtend zelf draait.",
    "Na afloop viel de activiteit stil: zonder begeleider nam niemand het over.",
    "Drie nieuwe contactpersonen; de bewonerscommissie werkt nu samen met de nieuwe groep.",
    "Goed bezocht, maar vooral door bewoners die al actief waren; nieuwe huurders bleven weg.",
    "De groep komt nog elke week bij elkaar en helpt elkaar ook met boodschappen.",
]
STOPPED = [
    "Voortijdig gestopt: te weinig aanmeldingen en de begeleider vertrok.",
    "Gestopt na een conflict over het gebruik van de ruimte met de bewonerscommissie.",
]
CHALLENGE_NOTES = [
    "Door leegstand en verhuizingen wisselt de groep steeds; nieuwe huurders zijn moeilijk te "
    "bereiken.",
    "De bewonerscommissie zag de nieuwe groep eerst als concurrent.",
    "Actieve bewoners raken overbelast; het blijft op dezelfde vier mensen hangen.",
]

# Interventions whose effect the index's year of history shows (see ``demo.effects``): title ->
# (methodology, goals, outcome). Titles of their own, so a later run finds them back.
EFFECT_STORIES = {
    "Trekkersgroep voor de koffieochtend": (
        "Stadstrainers voert keukentafelgesprekken met bewoners die nooit op de koffieochtend "
        "komen en traint een groep van vijf tot zeven bewoners om de ochtend zelf te draaien. "
        "Na vier maanden trekt de trainer zich terug.",
        "Een trekkersgroep die de koffieochtend zelf draait en nieuwe bewoners meeneemt.",
        "De trekkersgroep draait de koffieochtend nu zelf. De bewoners die via de gesprekken "
        "kwamen, komen nog steeds en helpen hun buren.",
    ),
    "Koffiekar langs de galerijen": (
        "Twee keer per week gaat een welzijnswerker met een koffiekar langs de galerijen en "
        "nodigt bewoners uit voor de activiteiten in de ontmoetingsruimte. Buren die elkaar zo "
        "leren kennen, spreken af elkaar te helpen.",
        "Meer bewoners bij de activiteiten en meer burenhulp.",
        "Zolang de koffiekar langskwam, zat de ruimte vol. Na afloop nam niemand het over en "
        "kwamen de meeste nieuwe bezoekers niet meer.",
    ),
    "Leeshoek in de ontmoetingsruimte": (
        "Bewoners richten samen met de bewonerscommissie een leeshoek in met een boekenkast, "
        "kranten en een leestafel, en houden een opening met koffie en taart.",
        "Een ruimte waar ook bewoners komen die nu nooit komen.",
        "De ruimte is mooier geworden, maar er komen dezelfde bewoners als voorheen.",
    ),
    "Verhalen van de galerij": (
        "Een kunstenaar gaat langs de deuren, haalt verhalen van bewoners op en maakt er samen "
        "met hen een tentoonstelling van in de ontmoetingsruimte. Elke week een inloopmiddag; "
        "halverwege neemt een groep bewoners die over.",
        "Bewoners kennen elkaar beter; de inloop blijft na afloop bestaan met een vaste groep.",
        "De groep van de inloopmiddag komt nog elke week bij elkaar en helpt elkaar ook met "
        "boodschappen.",
    ),
    "Samen in beweging": (
        "Een fysiotherapeut geeft twee keer per week beweegoefeningen op de galerij, met koffie "
        "na afloop in de ontmoetingsruimte; wie niet komt, wordt gebeld.",
        "Meer bewoners bewegen en ontmoeten elkaar; een vaste groep die daarna zelf doorgaat.",
        "Goed bezocht zolang de fysiotherapeut kwam. Daarna viel de groep uit elkaar.",
    ),
}
