"""Small hand-written lists of Dutch names and places for demo customers (no Faker)."""

FIRST_NAMES = (
    "Anouk", "Bram", "Daan", "Emma", "Eva", "Fatima", "Femke", "Finn", "Fleur", "Hanneke",
    "Henk", "Ingrid", "Iris", "Jesse", "Jeroen", "Joris", "Julia", "Kees", "Koen", "Lars",
    "Lieke", "Lisa", "Lotte", "Lucas", "Maarten", "Marieke", "Mila", "Mohamed", "Naima",
    "Niels", "Noa", "Petra", "Pieter", "Rick", "Ruben", "Sanne", "Sem", "Sophie", "Stijn",
    "Tess", "Thijs", "Tim", "Wouter", "Yasmina", "Youssef", "Yvonne", "Ellen", "Bas",
    "Annemiek", "Gerrit",
)

# (prefix, surname): the prefix ("tussenvoegsel") is written in lower case after a first name.
SURNAMES = (
    ("de", "Jong"), ("", "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"),
    ("", "Bakker"), ("", "Janssen"), ("", "Visser"), ("", "Smit"), ("", "Meijer"),
    ("de", "Boer"), ("", "Mulder"), ("de", "Groot"), ("", "Bos"), ("", "Vos"),
    ("", "Peters"), ("", "Hendriks"), ("van", "Leeuwen"), ("", "Dekker"), ("", "Brouwer"),
    ("de", "Wit"), ("", "Dijkstra"), ("", "Smits"), ("de", "Graaf"), ("van der", "Meer"),
    ("van der", "Linden"), ("", "Kok"), ("", "Jacobs"), ("de", "Haan"), ("", "Vermeulen"),
    ("van den", "Heuvel"), ("van der", "Veen"), ("van den", "Broek"), ("de", "Bruijn"),
    ("van der", "Heijden"), ("", "Schouten"), ("van", "Beek"), ("", "Willems"),
    ("van", "Vliet"), ("", "Hoekstra"), ("", "Maas"), ("", "Verhoeven"), ("", "Koster"),
    ("", "Prins"), ("", "Blom"), ("", "Huisman"), ("", "Yilmaz"), ("El", "Amrani"),
    ("", "Kaya"), ("", "Postma"),
)

STREETS = (
    "Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg", "Julianastraat", "Beatrixlaan",
    "Wilhelminastraat", "Stationsweg", "Parallelweg", "Lindelaan", "Eikenlaan", "Berkenlaan",
    "Kastanjelaan", "Populierenweg", "Meidoornstraat", "Rozenstraat", "Tulpstraat",
    "Nieuwstraat", "Hoofdstraat", "Marktstraat", "Zandweg", "Irenestraat", "Vondelstraat",
    "Rembrandtlaan", "Spoorstraat", "Havenstraat", "Sluisweg", "Dijkstraat", "Kanaalweg",
    "Lange Voorhout",
)

# (city, first and last four-digit postcode area of the city)
CITIES = (
    ("Amsterdam", 1011, 1109), ("Rotterdam", 3011, 3089), ("Den Haag", 2491, 2597),
    ("Utrecht", 3511, 3585), ("Eindhoven", 5611, 5658), ("Groningen", 9711, 9747),
    ("Tilburg", 5011, 5049), ("Almere", 1311, 1359), ("Breda", 4811, 4839),
    ("Nijmegen", 6511, 6546), ("Arnhem", 6811, 6846), ("Haarlem", 2011, 2037),
    ("Zwolle", 8011, 8045), ("Amersfoort", 3811, 3829), ("Leiden", 2311, 2334),
    ("Delft", 2611, 2629), ("Maastricht", 6211, 6229), ("Leeuwarden", 8911, 8939),
    ("Deventer", 7411, 7429), ("Alkmaar", 1811, 1825), ("Middelburg", 4331, 4339),
    ("Assen", 9401, 9409), ("Den Bosch", 5211, 5237), ("Enschede", 7511, 7548),
)

# Postcode letters never use F, I, O, Q, U or Y, nor the pairs SA, SD and SS.
POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
EXCLUDED_POSTCODE_PAIRS = {"SA", "SD", "SS"}

EMAIL_DOMAINS = ("example.com", "example.net", "example.org")

# Small businesses that order in bulk (A1's "six-figure deals" start somewhere).
BUSINESSES = (
    ("Bakkerij De Korenschoof", "korenschoof.example"),
    ("Installatiebedrijf Van Rijn", "vanrijn-installatie.example"),
    ("Tandartsenpraktijk Centrum", "tandartscentrum.example"),
    ("Kantoorhuys Zwolle B.V.", "kantoorhuys.example"),
    ("Stichting Buurtwerk Oost", "buurtwerkoost.example"),
    ("Architectenbureau Lijnspel", "lijnspel.example"),
)
