"""The words generate.py builds synthetic records from: actors' weights and spoken names,
places, topics, claimants, title and quote templates, metrics with their units, and kinds of date.

Weights are relative frequencies. The last places and the probe metric are rare on purpose, so
that a search for them or a `figure` of it is a selective question at every size.
"""

ACTOR_WEIGHTS = {
    "RUS": 50,
    "PRK": 45,
    "CHN": 45,
    "IRN": 14,
    "USA": 18,
    "UKR": 12,
    "KOR": 10,
    "TWN": 3,
    "VNM": 2,
    "IND": 3,
    "SAU": 2,
    "ARE": 2,
    "UN": 5,
    "EU": 4,
    "QUAD": 1,
    "SCO": 2,
    "BRICS": 2,
    "WAGNER": 2,
}
SPOKEN_NAMES = {  # how prose names an actor, besides its registered name
    "CHN": ["Beijing"],
    "RUS": ["Moscow", "the Kremlin"],
    "PRK": ["Pyongyang", "the DPRK"],
    "IRN": ["Tehran"],
    "USA": ["Washington", "the U.S."],
    "UKR": ["Kyiv"],
    "KOR": ["Seoul"],
    "TWN": ["Taipei"],
    "IND": ["New Delhi"],
    "UN": ["the UN Security Council"],
    "WAGNER": ["Wagner"],
}
# Places by how often they come up: the last ones are rare enough to make a selective search.
PLACES = [
    ("Pyongyang", 40), ("Moscow", 40), ("Beijing", 35), ("Vladivostok", 14), ("Kursk", 14),
    ("Tehran", 10), ("Rason", 8), ("Khabarovsk", 6), ("Shenyang", 6), ("Dandong", 6),
    ("Nampo", 5), ("Sinuiju", 4), ("Wonsan", 4), ("Novosibirsk", 3), ("Harbin", 3),
    ("Kazan", 3), ("Irkutsk", 2), ("Yanji", 2), ("Khasan", 2), ("Chongjin", 1), ("Hunchun", 1),
]  # fmt: skip
TOPICS = [
    "energy cooperation", "border security", "satellite launches", "labour exports",
    "payment systems", "port access", "missile technology", "air defence", "food aid",
    "tourism", "fisheries", "rail freight", "nuclear talks", "military education",
    "medical supplies", "grain shipments", "customs procedures", "space cooperation",
]  # fmt: skip
GOODS = [
    "coal", "grain", "fertiliser", "machine tools", "microelectronics", "textiles", "timber",
    "seafood", "ball bearings", "trucks", "crude oil", "refined petroleum", "steel",
]  # fmt: skip
CLAIMANTS = [
    "U.S. officials", "Ukraine", "South Korea's National Intelligence Service", "CSIS",
    "the Lowy Institute", "Chatham House", "Russian state media", "KCNA", "analysts",
    "the Wilson Center", "FPRI", "a UN panel of experts", "Japan's defence ministry",
    "open-source researchers", "satellite imagery analysts", "European officials",
]  # fmt: skip
ADJECTIVES = [
    "significant", "symbolic", "unprecedented", "modest", "long-anticipated", "tentative",
    "far-reaching", "limited", "transactional", "carefully staged", "largely rhetorical",
]  # fmt: skip
TAGS = {
    "diplomatic": ["summit", "visit", "treaty", "diplomacy", "joint-statement", "partnership"],
    "military": ["troops", "deployment", "exercises", "naval", "air-defence", "casualties"],
    "arms": ["munitions", "shells", "missiles", "drones", "arms-transfer", "containers"],
    "economic": ["trade", "rail", "loans", "currency", "labour", "ports"],
    "energy": ["oil", "gas", "pipeline", "refined-petroleum", "coal"],
    "sanctions": ["sanctions", "banking", "finance", "sanctions-evasion", "un-security-council"],
    "technology": ["satellite", "space", "dual-use", "microelectronics", "cyber", "nuclear"],
    "domestic": ["leadership", "parade", "party-congress", "propaganda", "purge"],
}

# Event title templates per domain: {a} and {b} are actor names, {p} a place, {t} a topic,
# {g} goods, {x} an adjective.
TITLES = {
    "diplomatic": [
        "{a} and {b} hold a summit in {p}",
        "{a} and {b} sign a memorandum on {t}",
        "{a} hosts a delegation from {b} in {p}",
        "{a} and {b} upgrade ties to a comprehensive strategic partnership",
        "{a} and {b} issue a joint statement on {t}",
        "{a} opens a consulate in {p}",
    ],
    "military": [
        "{a} sends troops to support {b} near {p}",
        "{a} and {b} stage joint naval drills off {p}",
        "{a} deploys artillery units to {p}",
        "{a} test-fires a ballistic missile from near {p}",
        "{a} and {b} hold joint air patrols",
    ],
    "arms": [
        "{a} ships artillery shells to {b} through {p}",
        "{a} transfers attack drones to {b}",
        "{a} supplies short-range ballistic missiles to {b}",
        "Containers of munitions move from {p} to {b}",
    ],
    "economic": [
        "{a} and {b} expand trade in {g}",
        "{a} reopens a rail link to {b} through {p}",
        "{a} agrees a loan to {b} for {t}",
        "{a} and {b} settle trade in their own currencies",
        "{a} sends workers to {b} despite a UN ban",
    ],
    "energy": [
        "{a} delivers refined petroleum to {b} via {p}",
        "{a} and {b} agree a gas pipeline route through {p}",
        "{a} buys discounted crude oil from {b}",
    ],
    "sanctions": [
        "{a} sanctions banks in {b} over {t}",
        "{a} vetoes the renewal of a UN sanctions panel on {b}",
        "{a} evades sanctions through the port of {p}",
        "{a} and {b} build payment channels outside Western banks",
    ],
    "technology": [
        "{a} shares satellite technology with {b}",
        "{a} exports dual-use microelectronics to {b}",
        "{a} and {b} cooperate on space launches from {p}",
        "{a} helps {b} with {t}",
    ],
    "domestic": [
        "{a} reshuffles its defence leadership",
        "{a} holds a party plenum in {p}",
        "{a} stages a military parade in {p}",
        "{a} tightens control of information about {t}",
    ],
}
CONTEXT = [
    "Analysts describe the step as {x}, part of a wider pattern of cooperation on {t}.",
    "Officials in {p} did not confirm the report.",
    "It followed months of talks on {t} between {a} and {b}.",
    "The move drew criticism from {c}, who called it a breach of UN resolutions.",
    "{c} said the arrangement served both sides' need for {g}.",
    "Satellite imagery showed increased activity around {p} in the weeks before.",
    "The agreement's terms were not published.",
    "Neither government gave figures for the volumes involved.",
]
QUOTES = [
    "{a} and {b} have deepened cooperation on {t}, with activity centred on {p}.",
    "According to {c}, {a} {v} in what observers called a {x} step.",
    "The relationship between {a} and {b} has become markedly more {x} since the war began.",
    "Shipments through {p} rose sharply, a pattern {c} linked to {t}.",
    "{c} assessed that {a} {v}, though the scale remains unclear.",
    "Reports indicate that {a} {v}, and that further deliveries of {g} were planned.",
]
VERBS = [
    "supplied munitions", "sent personnel", "provided technical assistance",
    "expanded shipments", "signed new agreements", "hosted senior officials",
    "offered diplomatic cover", "increased purchases",
]  # fmt: skip
UNDATED_NOTES = [
    "Undated: the text gives no date; it places this before {a}'s talks with {b}.",
    "Undated: the text says only that this happened 'in recent years'.",
    "Undated: the text gives no year; it follows the events it describes around {p}.",
    "Undated: no date is given; the text implies it came after the 2022 invasion of Ukraine.",
]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip

# Metrics: quantity, unit, the values it takes, and the subjects it is counted for. Every unit
# of the bundled store appears.
QUANTITIES: list[tuple[str, str, tuple[float, float], list[str]]] = [
    ("troops", "troops", (500, 20000), ["dprk-in-russia", "russia-in-ukraine", "iran-in-syria"]),
    ("casualties", "casualties", (100, 12000), ["dprk-in-russia", "china-in-korean-war"]),
    (
        "trade",
        "USD",
        (10**7, 3 * 10**11),
        ["china-russia", "china-dprk", "russia-dprk", "russia-iran"],
    ),
    (
        "trade-share",
        "percent",
        (1, 95),
        ["dprk-with-china", "china-with-russia", "russia-with-china"],
    ),
    ("munitions", "shells", (10**4, 6 * 10**6), ["dprk-to-russia.artillery-shells"]),
    ("munitions", "rounds", (10**4, 5 * 10**6), ["dprk-to-russia.152mm-rounds"]),
    ("munitions", "containers", (100, 20000), ["dprk-to-russia.containers"]),
    (
        "munitions",
        "missiles",
        (5, 300),
        ["dprk-to-russia.ballistic-missiles", "iran-to-russia.ballistic-missiles"],
    ),
    ("munitions", "drones", (50, 8000), ["dprk-to-russia.drones", "iran-to-russia.drones"]),
    ("exercises", "exercises", (1, 40), ["crink", "china-russia", "russia-dprk"]),
    ("oil-and-refined-petroleum", "barrels", (10**4, 10**7), ["russia-to-dprk", "iran-to-china"]),
    ("banks-curtailing-transactions", "banks", (1, 60), ["china-with-russia"]),
    ("formal-alliances", "alliances", (1, 5), ["china", "russia"]),
    ("interval", "years", (1, 75), ["since-cold-war-end", "since-putin-trip-to-dprk"]),
    ("workers", "workers", (1000, 100000), ["dprk-in-russia", "dprk-in-china"]),
]
PROPER = {"dprk": "DPRK", "crink": "CRINK", "ukraine": "Ukraine", "syria": "Syria"}
PROPER.update({w: w.capitalize() for w in ("russia", "china", "iran", "korean", "putin")})
SUBJECT_ACTORS = {"dprk": "PRK", "russia": "RUS", "china": "CHN", "iran": "IRN", "ukraine": "UKR"}
QUANTITY_DOMAINS = {
    "troops": "military",
    "casualties": "military",
    "trade": "economic",
    "trade-share": "economic",
    "munitions": "arms",
    "exercises": "military",
    "oil-and-refined-petroleum": "energy",
    "banks-curtailing-transactions": "sanctions",
    "formal-alliances": "diplomatic",
    "interval": "diplomatic",
    "workers": "economic",
}
QUALIFIER_WEIGHTS = {"exact": 30, "about": 30, "at least": 15, "more than": 15, "up to": 10}
MAGNITUDES: list[tuple[str, int | None, int | None]] = [  # word, low, high: no value
    ("hundreds", 200, None),
    ("thousands", 2000, None),
    ("tens of thousands", 20000, None),
    ("hundreds of thousands", 200000, None),
    ("millions", 2000000, None),
    ("dozens", 24, None),
    ("a handful", 2, 9),
]
PERCENT_MAGNITUDES: list[tuple[str, int | None, int | None]] = [
    ("the majority", 50, 100),
    ("a small share", None, 20),
]

# Kinds of date and how often each comes up (of records); "undated" has no date at all.
DATE_KINDS = {
    "day": 28,
    "month": 20,
    "year": 10,
    "marked": 12,  # a point with ~, ? or %
    "interval": 8,
    "since": 6,  # X/..
    "by": 6,  # ../X
    "undated": 10,
}
FIGURE_DATE_KINDS = {**DATE_KINDS, "interval": 14, "by": 14, "day": 14}
