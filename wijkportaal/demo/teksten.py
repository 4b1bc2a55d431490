"""The words of the demo: fictional names and realistic Dutch agenda texts (never about individual pupils)."""

from dataclasses import dataclass

INCLUSIEF = "Inclusief onderwijs"
DEKKEND = "Dekkend aanbod"
BEHOEFTEN = "Ondersteuningsbehoeften in de wijk"
OVERSTAP = "Overstappen en schoolwissels"
THUISZITTEN = "Thuiszitten en schoolaanwezigheid"
JONG = "Jonge kind"
JEUGDHULP = "Samenwerking met jeugdhulp"
BEGAAFD = "Hoogbegaafdheid"

# (naam, omschrijving, required every school year in the demo)
THEMAS = [
    (
        INCLUSIEF,
        "Zoveel mogelijk kinderen naar school in de eigen wijk, met de ondersteuning die ze nodig hebben.",
        True,
    ),
    (
        DEKKEND,
        "Welke expertise en voorzieningen de wijk heeft, en waar de hiaten in het aanbod zitten.",
        True,
    ),
    (BEHOEFTEN, "Wat de kinderen in de wijk nodig hebben, in aantallen en trends.", True),
    (
        OVERSTAP,
        "Tussentijdse schoolwissels, overstappen tussen regulier en speciaal onderwijs, warme overdracht.",
        False,
    ),
    (THUISZITTEN, "Verzuim vroeg signaleren en thuiszitten voorkomen, samen met leerplicht.", True),
    (JONG, "De overgang van voorschool naar basisschool en vroegsignalering.", False),
    (JEUGDHULP, "Afspraken met het OKT en jeugdhulp over ondersteuning op en rond school.", False),
    (BEGAAFD, "Aanbod en signalering voor (hoog)begaafde leerlingen.", False),
]

# The demo bestuurder's board; it has schools in Osdorp and a few other wijken.
DEMO_BESTUUR = "Stichting Zonnewijzer Onderwijs"
SO_BESTUUR = "Stichting Vaarwater Speciaal Onderwijs"

# Boards that work across the whole city, boards in two regio's, and small boards in one regio.
BESTUREN_STAD = [
    "Stichting Klimrek Basisonderwijs",
    "Stichting Vlieger Onderwijsgroep",
    "Stichting Kompasroos Onderwijs",
    "Vereniging Lichtbaken Scholen",
    "Stichting Boomgaard Scholengroep",
    "Stichting Sterrenkijker Onderwijs",
]
BESTUREN_REGIO = [
    "Stichting Wilgenhof Scholen",
    "Stichting Duinroos Onderwijs",
    "Stichting Klaproos Primair Onderwijs",
    "Stichting Waterlelie Scholen",
    "Stichting Zeshoek Onderwijs",
    "Stichting Ankerpunt Scholengroep",
    "Stichting Molenwiek Onderwijs",
    "Stichting Vuurtoren Scholengroep",
    "Stichting Kastanjelaan Scholen",
]
BESTUREN_KLEIN = [
    "Stichting Kwartel Basisscholen",
    "Stichting Hoogwater Onderwijs",
    "Stichting Regenwolk Onderwijs",
    "Stichting Rietkraag Primair",
    "Stichting Schaapskooi Onderwijs",
    "Stichting Pinksterbloem Scholen",
    "Vereniging Het Zevende Venster",
    "Stichting Tulpenveld Onderwijs",
    "Stichting Dijkgraaf Basisonderwijs",
    "Stichting Kruimelpad Onderwijs",
    "Stichting Zwaluwstaart Scholen",
    "Stichting Brugwachter Primair",
    "Stichting Schelpenpad Onderwijs",
    "Stichting Paardenbloem Onderwijs",
    "Stichting Ooievaarsnest Onderwijs",
    "Stichting Walvisbaai Onderwijs",
    "Stichting Klokkenspel Scholen",
    "Vereniging De Groene Wimpel",
    "Stichting Vlonder Basisonderwijs",
    "Stichting Kiezelsteen Onderwijs",
    "Stichting Eikenblad Scholen",
    "Stichting Spinnewiel Onderwijs",
]

SCHOOL_SOORTEN = [
    "Basisschool",
    "Basisschool",
    "OBS",
    "OBS",
    "CBS",
    "IKC",
    "Montessorischool",
    "Daltonschool",
    "Jenaplanschool",
]
SCHOOL_NAMEN = [
    "De Windroos", "Het Kompas", "De Zeilboot", "De Vlieger", "Het Klaverblad", "De Wielewaal",
    "De Kraanvogel", "De Toverfluit", "Het Zonnehuis", "De IJsvogel", "De Notenkraker", "De Bolderkar",
    "De Springplank", "Het Schateiland", "De Uitkijktoren", "De Wereldbol", "De Speelwei", "De Tuimelaar",
    "Het Vogelnest", "De Boomhut", "De Zevensprong", "De Reuzenpas", "De Duizendpoot", "De Zonnebloem",
    "Het Palet", "De Lichtboei", "De Hoogvlieger", "De Kinkhoorn", "De Pelikaan", "De Sprinkhaan",
    "De Klimop", "Het Slingertouw", "De Knotwilg", "De Fluitketel", "De Parel", "De Waaier",
    "De Egel", "De Vuurvlieg", "Het Karrewiel", "De Fontein", "De Windmolen", "De Eekhoorn",
    "Het Vlot", "De Driehoek", "De Stapsteen", "De Zandloper", "De Meeuw", "De Tamboerijn",
    "De Kikkerpoel", "Het Hoefijzer", "De Dromedaris", "De Wervelwind", "De Regenton", "Het Krijtbord",
    "De Ballonvaarder", "De Schommel", "De Bloesem", "Het Zeepaardje", "De Lantaarn", "De Vuurtoren",
    "De Kabouterberg", "Het Fietspad", "De Vlinderstrik", "De Toekan", "Het Kristal", "Het Schelpje",
    "De Papegaai", "De Dobber", "De Tulpenboom", "Het Kofschip", "De Wigwam", "De Muzeskamer",
]  # fmt: skip
SBO_NAMEN = [
    "SBO De Wegwijzer", "SBO Het Baken", "SBO De Opstap", "SBO De Verrekijker",
    "SBO De Sleutel", "SBO Het Scharnier", "SBO De Tussenstap", "SBO De Wending",
]  # fmt: skip
SO_NAMEN = [
    "SO De Stuurhut", "SO Het Anker", "SO De Kajuit", "SO De Roerganger",
    "SO Het Zeilschip", "SO De Schelp", "SO De Kaap", "SO De Ruimte",
]  # fmt: skip
ZORGAANBIEDERS = [
    "Stichting Kompaswerk Jeugdhulp",
    "Praktijk Praatwolk (logopedie)",
    "Zorgcollectief Ruggensteun",
    "Kinderfysiotherapie Huppelpas",
]
STRATEN = [
    "Demostraat", "Voorbeeldlaan", "Proefweg", "Oefenplein", "Fictiekade",
    "Schetsstraat", "Ontwerpgracht", "Modelweg", "Verzinselpad", "Bedachtlaan",
]  # fmt: skip
POSTCODE_LETTERS = "ABCEGHJKLMNPRTVWXZ"

VOORNAMEN = [
    "Anouk", "Bas", "Charlotte", "Daan", "Esra", "Fatima", "Gijs", "Hanna", "Ilse", "Jeroen",
    "Karim", "Laura", "Mehmet", "Nadia", "Olivier", "Priya", "Roos", "Said", "Tamara", "Umut",
    "Vera", "Wouter", "Yasmina", "Zeynep", "Marloes", "Joost", "Ayla", "Ruben", "Sanne", "Thijs",
]  # fmt: skip
ACHTERNAMEN = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos",
    "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "El Idrissi",
    "Yildiz", "Kaya", "Bouzid", "Pinas", "Biharie", "Ramdin", "Kramer", "van Dam", "Koster", "Prins",
]  # fmt: skip

LOKALEN = ["teamkamer", "aula", "personeelskamer", "speellokaal", "bibliotheek"]


@dataclass(frozen=True)
class Onderwerp:
    """An agenda item the demo can put on a meeting; placeholders are filled per wijk."""

    titel: str
    themas: tuple[str, ...]
    eigenaar: str  # voorzitter | okt | so | leerplicht | school | alle | swv | jgz
    beschrijving: str
    notulen: str
    besluit: str | None = None
    actie: tuple[str, str] | None = None  # (omschrijving, eigenaar)
    minuten: int = 30


ONDERWERPEN = [
    Onderwerp(
        "Geen kind de buurt uit: stand van zaken",
        (INCLUSIEF,),
        "voorzitter",
        "Hoe staat het met de afspraak dat kinderen in de eigen wijk naar school gaan? "
        "Bespreking van de verwijzingen naar het speciaal onderwijs van dit schooljaar (alleen aantallen).",
        "Het aantal verwijzingen naar SBO en SO uit {wijk} is dit schooljaar tot nu toe {n}. De scholen "
        "herkennen dat vooral vragen rond gedrag tot verwijzing leiden. Afgesproken wordt om bij elke "
        "voorgenomen verwijzing eerst een consultatie met {so} in te plannen.",
        "Bij elke voorgenomen verwijzing naar SBO of SO vraagt de school eerst een consultatie aan bij {so}.",
        ("Overzicht verwijzingen per school (alleen aantallen) rondsturen", "voorzitter"),
    ),
    Onderwerp(
        "Ervaringen met de tussenvoorziening",
        (INCLUSIEF, DEKKEND),
        "so",
        "{so} vertelt over de eerste ervaringen met de tussenvoorziening, waar leerlingen tijdelijk extra "
        "ondersteuning krijgen en daarna terugkeren naar hun eigen school.",
        "{so} licht toe dat er dit jaar {n} plekken bezet zijn. Terugkeer naar de eigen school lukt het best "
        "als de leerkracht van de eigen school vanaf het begin meedoet. De scholen willen meer weten over "
        "de aanmeldprocedure.",
        "Het wijkoverleg vraagt {so} de aanmeldprocedure voor de tussenvoorziening op één A4 te zetten.",
        ("Aanmeldprocedure tussenvoorziening op één A4 rondsturen", "so"),
    ),
    Onderwerp(
        "Ondersteuning in de klas: wat werkt?",
        (INCLUSIEF,),
        "school",
        "Scholen wisselen aanpakken uit voor kinderen met extra ondersteuningsbehoeften in de klas.",
        "{school} vertelt over co-teaching met een ambulant begeleider in groep 5. Twee andere scholen "
        "willen een keer komen kijken. Het wijkoverleg wil goede voorbeelden vaker delen.",
        None,
        ("Kijkbezoek co-teaching organiseren voor geïnteresseerde scholen", "school"),
        minuten=25,
    ),
    Onderwerp(
        "Expertise en voorzieningen in de wijk in kaart",
        (DEKKEND,),
        "swv",
        "Het overzicht van expertise en voorzieningen in Wijkportaal: wat klopt, wat ontbreekt?",
        "De scholen vullen het overzicht aan. Er blijkt veel expertise op taal en gedrag, maar weinig op "
        "medische vragen en revalidatie. Het SWV neemt de hiaten mee naar het regio-overleg.",
        "De scholen houden hun expertise in Wijkportaal zelf bij; het overzicht komt twee keer per jaar "
        "terug in het wijkoverleg.",
        ("Eigen expertise en voorzieningen in Wijkportaal controleren en aanvullen", "alle"),
    ),
    Onderwerp(
        "Hiaten in het aanbod voor gedrag en autisme",
        (DEKKEND, BEHOEFTEN),
        "voorzitter",
        "Waar lopen scholen vast bij vragen rond gedrag en autisme, en welk aanbod ontbreekt in de wijk?",
        "De wachttijd voor ambulante begeleiding gedrag is opgelopen tot {n} weken. {so} kan een beperkt "
        "aantal consultaties extra bieden. De scholen willen samen een aanvraag voor een nieuw initiatief "
        "verkennen.",
        "Het wijkoverleg verkent met ten minste twee besturen een aanvraag Nieuwe initiatieven voor een "
        "gezamenlijke gedragsspecialist.",
        ("Aanvraag Nieuwe initiatieven voor een gedragsspecialist voorbereiden", "voorzitter"),
        minuten=40,
    ),
    Onderwerp(
        "Wachttijden ambulante begeleiding",
        (DEKKEND,),
        "so",
        "Stand van zaken van de wachttijden voor ambulante begeleiding en consultatie.",
        "{so} meldt dat de gemiddelde wachttijd nu {n} weken is. Een consultatie kan meestal binnen twee "
        "weken. Scholen die te lang moeten wachten, melden dat bij de voorzitter.",
        None,
        ("Actuele wachttijden delen vóór de volgende bijeenkomst", "so"),
        minuten=20,
    ),
    Onderwerp(
        "Ondersteuningsbehoeften: de cijfers van de wijk",
        (BEHOEFTEN,),
        "swv",
        "Het SWV presenteert de cijfers van de wijk: arrangementen, toelaatbaarheidsverklaringen en de trend "
        "over drie jaar (alleen aantallen).",
        "Het aantal arrangementen in {wijk} is licht gestegen, vooral voor taal en gedrag. Het aantal "
        "toelaatbaarheidsverklaringen is gedaald naar {m}. De scholen vragen de cijfers voortaan per kwartaal.",
        "Het SWV levert de wijkcijfers voortaan per kwartaal aan het wijkoverleg.",
        ("Wijkcijfers per kwartaal aanleveren", "swv"),
    ),
    Onderwerp(
        "Welke vragen zien we het meest?",
        (BEHOEFTEN, JEUGDHULP),
        "okt",
        "{okt} en de intern begeleiders bespreken welke ondersteuningsvragen zij het vaakst zien.",
        "{okt} ziet meer vragen over spanningen thuis en geldzorgen bij ouders. De intern begeleiders "
        "herkennen dit. {okt} geeft op een studiemiddag uitleg over het aanbod voor ouders.",
        None,
        ("Studiemiddag voor intern begeleiders plannen", "okt"),
    ),
    Onderwerp(
        "Taalontwikkeling en TOS in de onderbouw",
        (BEHOEFTEN, JONG),
        "school",
        "Scholen signaleren veel vragen rond taalontwikkeling. Wat is er nodig?",
        "{n} scholen melden meer kinderen met een vraag rond taalontwikkeling in de onderbouw. Er is "
        "behoefte aan scholing voor leerkrachten; {so} kan een training verzorgen.",
        "Het wijkoverleg vraagt {so} om een training taalontwikkeling voor leerkrachten van de onderbouw.",
        ("Training taalontwikkeling onderbouw inplannen", "so"),
    ),
    Onderwerp(
        "Afspraken over tussentijdse schoolwissels",
        (OVERSTAP,),
        "voorzitter",
        "Hoe gaan we om met ouders die midden in het schooljaar van school willen wisselen?",
        "Dit schooljaar waren er {n} tussentijdse wissels binnen de wijk. De scholen spreken af dat een "
        "tussentijdse wissel altijd tussen de twee scholen besproken wordt vóór de inschrijving.",
        "Bij een verzoek om een tussentijdse schoolwissel nemen de twee scholen contact op vóór de inschrijving.",
        ("Afspraken over schoolwissels vastleggen in een werkafspraak", "voorzitter"),
    ),
    Onderwerp(
        "Terugplaatsing naar het regulier onderwijs",
        (OVERSTAP, INCLUSIEF),
        "so",
        "Welke leerlingen kunnen terug naar een reguliere school in de wijk, en wat is daarvoor nodig?",
        "{so} verwacht dat {n} leerlingen volgend schooljaar terug kunnen naar een reguliere school. De "
        "ontvangende scholen willen een overdrachtsgesprek met de leerkracht en een terugvaloptie.",
        None,
        ("Werkwijze terugplaatsing met overdrachtsgesprek uitwerken", "so"),
    ),
    Onderwerp(
        "Warme overdracht naar het voortgezet onderwijs",
        (OVERSTAP,),
        "school",
        "Ervaringen met de overstap naar het voortgezet onderwijs van leerlingen met een ondersteuningsbehoefte.",
        "De overdracht verloopt goed via het vaste overstapformulier. Voor leerlingen met een arrangement is "
        "een extra gesprek met de vo-school wenselijk. {school} deelt haar werkwijze.",
        None,
        ("Werkwijze overdracht naar het vo rondsturen", "school"),
        minuten=20,
    ),
    Onderwerp(
        "Thuiszitten en verzuim: stand van zaken",
        (THUISZITTEN,),
        "leerplicht",
        "{leerplicht} geeft een overzicht van verzuim en thuiszitten in de wijk (alleen aantallen).",
        "{leerplicht} meldt {n} leerlingen met langdurig verzuim in de wijk; voor elk van hen is een plan. "
        "De scholen melden verzuim sneller dan vorig jaar. Aandacht voor ongeoorloofd verzuim rond de vakanties.",
        "Scholen melden beginnend verzuim binnen een week bij {leerplicht}.",
        ("Verzuimcijfers per kwartaal delen", "leerplicht"),
    ),
    Onderwerp(
        "Wijkaanpak schoolaanwezigheid",
        (THUISZITTEN, JEUGDHULP),
        "okt",
        "Samen met {leerplicht} en {okt} werken we aan een wijkaanpak voor schoolaanwezigheid.",
        "De aanpak is besproken. {okt} sluit aan bij het eerste gesprek met ouders als een kind vaker "
        "afwezig is. De scholen willen een gezamenlijke folder voor ouders.",
        "Het wijkoverleg stelt de wijkaanpak schoolaanwezigheid vast.",
        ("Ouderfolder schoolaanwezigheid opstellen", "okt"),
    ),
    Onderwerp(
        "Thuiszittersgroep: plekken en wachtlijst",
        (THUISZITTEN, DEKKEND),
        "so",
        "Hoeveel plekken heeft de thuiszittersgroep, en hoe lang wachten leerlingen?",
        "Er zijn {n} plekken; de wachtlijst is kort. {so} vraagt scholen eerder aan te melden, zodat "
        "thuiszitten voorkomen kan worden.",
        None,
        ("Aanmeldcriteria thuiszittersgroep toelichten aan de intern begeleiders", "so"),
        minuten=20,
    ),
    Onderwerp(
        "Overgang van voorschool naar basisschool",
        (JONG,),
        "school",
        "Hoe verloopt de overdracht van de voorschool naar groep 1?",
        "De overdracht via het overdrachtsformulier gaat goed; een warme overdracht gebeurt nog niet overal. "
        "{jgz} biedt aan om bij overdrachtsgesprekken aan te sluiten.",
        "Voor kinderen met een ondersteuningsbehoefte is er altijd een warme overdracht tussen voorschool en "
        "basisschool.",
        ("Afspraken over warme overdracht delen met de voorscholen", "school"),
    ),
    Onderwerp(
        "Vroegsignalering bij kleuters",
        (JONG, BEHOEFTEN),
        "okt",
        "Hoe signaleren we vroeg dat een kleuter extra ondersteuning nodig heeft?",
        "{okt} en de scholen bespreken signalen en wie wanneer contact opneemt. Er is behoefte aan een vast "
        "aanspreekpunt per school.",
        None,
        ("Vast aanspreekpunt van het OKT per school doorgeven", "okt"),
        minuten=25,
    ),
    Onderwerp(
        "Werkwijze van het OKT op school",
        (JEUGDHULP,),
        "okt",
        "{okt} licht de werkwijze toe: spreekuur op school, aansluiten bij het ondersteuningsteam, contact "
        "met ouders.",
        "De scholen zijn tevreden over de bereikbaarheid. Het spreekuur op school wordt goed gebruikt. "
        "Verbeterpunt: de terugkoppeling na een verwijzing naar jeugdhulp.",
        "{okt} koppelt na een verwijzing naar jeugdhulp binnen vier weken terug aan de school, met "
        "toestemming van ouders.",
        ("Afspraak over terugkoppeling vastleggen", "okt"),
    ),
    Onderwerp(
        "Wachtlijsten in de jeugdhulp",
        (JEUGDHULP, DEKKEND),
        "okt",
        "Wat betekenen de wachtlijsten in de jeugdhulp voor de scholen, en wat kan er in de tussentijd?",
        "{okt} meldt wachttijden van {n} tot {m} weken voor specialistische jeugdhulp. In de tussentijd kan "
        "het OKT overbruggingszorg bieden. De scholen vragen om duidelijke informatie voor ouders.",
        None,
        ("Informatie over overbruggingszorg voor ouders rondsturen", "okt"),
    ),
    Onderwerp(
        "Jeugdhulp in de school",
        (JEUGDHULP, INCLUSIEF),
        "school",
        "{school} deelt ervaringen met een jeugdhulpverlener die één dag per week op school werkt.",
        "De ervaringen zijn positief: kortere lijnen en minder verwijzingen. Andere scholen zijn "
        "geïnteresseerd. Het SWV gaat na of uitbreiding mogelijk is.",
        None,
        ("Mogelijkheden voor uitbreiding van jeugdhulp in de school navragen", "swv"),
    ),
    Onderwerp(
        "Evaluatie van de plusklas",
        (BEGAAFD, DEKKEND),
        "school",
        "Evaluatie van de plusklas: wie doet mee, wat levert het op?",
        "De plusklas draait met {n} scholen. Leerkrachten zien meer motivatie bij de deelnemende leerlingen. "
        "Twee scholen willen volgend schooljaar aansluiten.",
        "De plusklas wordt voortgezet; de deelnemende scholen verdelen de kosten naar rato.",
        ("Kostenverdeling plusklas uitwerken", "school"),
    ),
    Onderwerp(
        "Signaleren van (hoog)begaafdheid",
        (BEGAAFD,),
        "school",
        "Welke signaleringsinstrumenten gebruiken de scholen, en kunnen we die op elkaar afstemmen?",
        "De scholen gebruiken verschillende instrumenten. Afgesproken wordt om de ervaringen te delen op een "
        "gezamenlijke studiemiddag.",
        None,
        ("Gezamenlijke studiemiddag over begaafdheid voorbereiden", "school"),
        minuten=20,
    ),
    Onderwerp(
        "Onderpresteren bij begaafde leerlingen",
        (BEGAAFD, BEHOEFTEN),
        "voorzitter",
        "Hoe herkennen we onderpresteren, ook bij leerlingen die nog niet in beeld zijn?",
        "Een orthopedagoog van het SWV geeft een korte toelichting. De scholen herkennen dat onderpresteren "
        "vaak laat wordt gezien. Het onderwerp komt terug op een volgende bijeenkomst.",
        minuten=25,
    ),
]

KENNISMAKING = Onderwerp(
    "Kennismaking en werkwijze van het wijkoverleg",
    (INCLUSIEF,),
    "voorzitter",
    "Doel van het wijkoverleg, wie er aan tafel zitten en hoe vaak we bijeenkomen.",
    "De leden stellen zich voor. Het wijkoverleg komt voortaan eens per zes tot acht weken bijeen. {so} en "
    "{okt} worden nadrukkelijk uitgenodigd om vast aan te sluiten.",
    "Het wijkoverleg komt eens per zes tot acht weken bijeen, op een doordeweekse middag.",
    ("Vergaderschema voor de rest van het schooljaar rondsturen", "voorzitter"),
)

# Items added after the agenda was agreed, recorded as an amendment: (titel, beschrijving, notulen, reden).
NAGEKOMEN = [
    (
        "Toelichting regeling Nieuwe initiatieven",
        "Het SWV licht de regeling Nieuwe initiatieven en de tien criteria toe.",
        "Het SWV licht de criteria toe. Twee scholen overwegen een gezamenlijke aanvraag.",
        "De regeling is gepubliceerd nadat de agenda was vastgesteld.",
    ),
    (
        "Bereikbaarheid OKT in de vakantie",
        "{okt} licht toe hoe het team tijdens de schoolvakantie bereikbaar is.",
        "{okt} is in de vakantie bereikbaar via het algemene nummer; de scholen krijgen de gegevens per mail.",
        "Verzoek van {okt} na het vaststellen van de agenda.",
    ),
    (
        "Verbouwing en tijdelijke huisvesting {school}",
        "{school} informeert de leden over de tijdelijke huisvesting tijdens de verbouwing.",
        "De verbouwing start eerder dan gepland. Leerlingen blijven in de wijk naar school gaan.",
        "Actueel: de startdatum van de verbouwing is vervroegd.",
    ),
]

OPENING = "Opening en mededelingen"
OPENING_CONCEPT = "Opening, mededelingen en verslag vorige bijeenkomst"
VERSLAG = "Verslag en actiepunten vorige bijeenkomst"
RONDVRAAG = "Rondvraag en sluiting"
MEDEDELINGEN = [
    "Het SWV meldt dat de aanvraagronde Nieuwe initiatieven binnenkort opengaat.",
    "{school} heeft een nieuwe directeur.",
    "De gemeente organiseert een informatiebijeenkomst over de wijkaanpak.",
    "{okt} heeft een nieuwe wijkcoördinator.",
    "Er zijn geen mededelingen.",
]
VERSLAG_NOTULEN = (
    "Het verslag van de vorige bijeenkomst wordt ongewijzigd vastgesteld. De openstaande actiepunten zijn "
    "doorgelopen en bijgewerkt."
)
RONDVRAAG_NOTULEN = [
    "Geen vragen. De voorzitter sluit de bijeenkomst.",
    "{leerplicht} vraagt aandacht voor verlofaanvragen rond de feestdagen. De voorzitter sluit de bijeenkomst.",
    "{school} nodigt de leden uit voor de open dag. De voorzitter sluit de bijeenkomst.",
    "Gevraagd wordt de volgende bijeenkomst op een andere school te houden. De voorzitter sluit de bijeenkomst.",
]

# The item the demo partner (OKT Osdorp) proposes for Osdorp's next meeting.
VOORSTEL_PARTNER = Onderwerp(
    "Nieuw aanbod oudergesprekken op school",
    (JEUGDHULP,),
    "okt",
    "{okt} stelt voor het nieuwe aanbod voor oudergesprekken op school toe te lichten.",
    "",
    minuten=20,
)
