#!/usr/bin/env python3
"""Deterministic synthetic seeds for scale-testing Lattice.

    python3 scripts/generate-seeds.py --scale 1000 --output /tmp/seeds-1000x [--seed 42]

Writes a seeds folder in the format of seeds/README.md:

    docs/doc-00001.txt ...            generated articles (UTF-8, byte for byte what the
                                      annotations were made against; sha256 pinned)
    annotations/doc-00001.json ...    one annotation file per document (or per batch of
                                      --docs-per-file documents)

Each record type is about --scale times the one real article's count (1 document,
29 actors, 11 alliances, 35 relations, 22 statements), so --scale 1000 gives about
1,000 documents, 29,000 actors, 11,000 alliances, 35,000 relations and 22,000 statements.

The text is generated first; every quote and evidence span is then derived from the
final text (with "occurrence" or "context" whenever a quote occurs more than once), so
every span is found verbatim. Every pair of quotation marks in a document belongs to a
statement. The data is fictional (invented states, people and groupings) and mixes in
non-ASCII text: curly quotes and apostrophes, em and en dashes, ellipses, accented names
(some documents in NFD, i.e. decomposed), an astral-plane ideograph, and a few CRLF
documents, so offsets in Unicode scalars are exercised.

A handful of "hubs" (the first states, organization and alliances of document 1) are
speakers, subjects, relation ends and alliance members across the whole dataset, so
indexed filters on a big dataset return large result sets.

Python 3 standard library only. The same --seed and options give byte-identical output.
"""

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import time
import unicodedata

# --------------------------------------------------------------------------------------
# The real dataset's shape, per document, and the vocabularies of API.md.

REAL_COUNTS = {"documents": 1, "actors": 29, "alliances": 11, "relations": 35, "statements": 22}
PER_DOC = {"state": 15, "organization": 3, "person": 11, "alliance": 11, "relation": 35, "statement": 22}

REGIONS = ["east-asia", "southeast-asia", "south-asia", "oceania", "europe", "north-america", "eurasia", "global"]
REGION_ADJ = {
    "east-asia": "East Asian", "southeast-asia": "Southeast Asian", "south-asia": "South Asian",
    "oceania": "Pacific", "europe": "European", "north-america": "North American", "eurasia": "Eurasian",
    "global": "globally engaged",
}
ALLIANCE_KINDS = ["military_alliance", "security_dialogue", "minilateral", "partner_group",
                  "strategic_partnership", "political_union", "economic_bloc"]
ALLIANCE_KIND_LABEL = {
    "military_alliance": "military alliance", "security_dialogue": "security dialogue",
    "minilateral": "minilateral grouping", "partner_group": "partner group",
    "strategic_partnership": "strategic partnership", "political_union": "political union",
    "economic_bloc": "economic bloc",
}
ALLIANCE_KIND_NOUNS = {
    "military_alliance": ["Defense Pact", "Treaty Organization", "Mutual Defense Alliance", "Security Alliance"],
    "security_dialogue": ["Security Dialogue", "Defense Forum", "Strategic Dialogue", "Maritime Dialogue"],
    "minilateral": ["Trilateral", "Quartet", "Maritime Initiative", "Coast Guard Compact"],
    "partner_group": ["Partners Group", "Contact Group", "Partner Network", "Friends Group"],
    "strategic_partnership": ["Strategic Partnership", "Comprehensive Partnership", "Security Partnership"],
    "political_union": ["Union", "Commonwealth", "Community", "Council"],
    "economic_bloc": ["Trade Bloc", "Economic Area", "Customs Union", "Free Trade Zone"],
}
ALLIANCE_KIND_OBLIGATIONS = {
    "military_alliance": ["mutual_defense", "intelligence_sharing", "defense_industrial"],
    "security_dialogue": ["consultation", "intelligence_sharing"],
    "minilateral": ["naval_cooperation", "consultation", "intelligence_sharing"],
    "partner_group": ["consultation"],
    "strategic_partnership": ["defense_industrial", "consultation", "naval_cooperation"],
    "political_union": ["economic_coordination", "consultation"],
    "economic_bloc": ["economic_coordination"],
}
OBLIGATIONS = ["mutual_defense", "consultation", "intelligence_sharing", "defense_industrial",
               "naval_cooperation", "economic_coordination"]
OBLIGATION_PROSE = {
    "mutual_defense": "a mutual defense clause", "consultation": "regular consultations",
    "intelligence_sharing": "routine intelligence sharing", "defense_industrial": "joint arms production",
    "naval_cooperation": "joint naval patrols", "economic_coordination": "a coordinated trade policy",
}
STATUSES = ["active", "proposed", "hypothetical"]
MEMBER_ROLES = ["member", "partner", "party"]
STANCES = ["supports", "opposes", "skeptical", "neutral"]
RELATION_KINDS = ["territorial_dispute", "historical_animosity", "threat_perception", "war", "military_support",
                  "intelligence_sharing", "trade_dependence", "strategic_partnership", "defense_cooperation",
                  "deterrence", "alliance_tie"]
RELATION_DEFAULTS = {  # kind: (directed, valence)
    "territorial_dispute": (False, "hostile"), "historical_animosity": (False, "hostile"),
    "threat_perception": (True, "hostile"), "war": (True, "hostile"), "military_support": (True, "cooperative"),
    "intelligence_sharing": (False, "cooperative"), "trade_dependence": (True, "cooperative"),
    "strategic_partnership": (False, "cooperative"), "defense_cooperation": (False, "cooperative"),
    "deterrence": (True, "hostile"), "alliance_tie": (False, "cooperative"),
}
VALENCES = ["cooperative", "hostile", "mixed"]
MODES = ["direct", "partial", "paraphrase"]

# --------------------------------------------------------------------------------------
# Word pools. Accented letters are all ones that decompose canonically (NFD), so the
# slugs computed here agree with the loader's diacritic folding.

STATE_HEADS = ["Val", "Kes", "Mor", "Ost", "Bel", "Tar", "Ser", "Lun", "Nor", "Cal", "Ves", "Dra", "Ith", "Qua",
               "Zan", "Eld", "Fen", "Gal", "Hel", "Ira", "Jor", "Kal", "Lor", "Mar", "Nes", "Oru", "Pel", "Rhu",
               "Sol", "Tev", "Ul", "Vor", "Wen", "Yar", "Zel", "Ös", "Él", "Çar", "Ñu", "Ång", "Bré", "Dú",
               "Ar", "Bo", "Cor", "Den", "Est", "Fal", "Gor", "Hal", "Isk", "Jan", "Kor", "Lim", "Mal", "Nav",
               "Ord", "Pra", "Ros", "Sav", "Tor", "Ven", "Xan", "Yel", "Zor"]
STATE_MIDS = ["a", "e", "i", "o", "an", "or", "el", "ar", "is", "un", "", "av", "et"]
STATE_TAILS = ["ia", "ova", "land", "stan", "ora", "ene", "ica", "oria", "aria", "esh", "ad", "mark", "inia", "ura"]
STATE_PREFIXES = [""] * 24 + ["North ", "South ", "New ", "East ", "West ", "Upper ", "Lower ", "Greater "]
CAPITAL_PATTERNS = ["Port {r}", "San {r}", "{r}grad", "{r}ville", "Nova {r}", "{r}burg", "{r} City", "Fort {r}",
                    "{r}haven", "Saint-{r}"]
CAPITAL_ROOTS = ["Verel", "Amaro", "Cassel", "Dorin", "Esmé", "Faro", "Galen", "Hollis", "Isar", "Jaffe", "Kovel",
                 "Lirae", "Mossé", "Nadir", "Orsk", "Pavel", "Quill", "Rennes", "Sabin", "Tolle", "Ulmo", "Varga",
                 "Wexe", "Ysolde", "Zorn", "Aurel", "Brio", "Côme", "Dália", "Enzo"]
SEA_ROOTS = ["Kestrel", "Amber", "Coral", "Halcyon", "Meridian", "Sable", "Tethys", "Vesper", "Lumen", "Orrin",
             "Cerulean", "Marrow", "Ondine", "Pallas", "Saffron", "Thule", "Ysel", "Zéphyr", "Nimbus", "Auster"]
SEA_PATTERNS = ["{r} Sea", "{r} Strait", "Gulf of {r}", "{r} Basin", "{r} Passage"]
ISLE_PATTERNS = ["{r} Shoals", "{r} Islands", "{r} Reef", "{r} Rocks", "{r} Atoll", "{r} Cays"]
ISLE_ROOTS = ["Verel", "Saint Ansel", "Marisol", "Oyster", "Cinder", "Halde", "Pinto", "Ébano", "Grison", "Lazul",
              "Nacre", "Tamsin", "Vireo", "Wrenna", "Zinnia"]
FIRST_NAMES = ["Zoë", "José", "Ana", "Mateus", "Léa", "Chloé", "Noémie", "François", "Björn", "Åsa", "Jürgen",
               "Müge", "Çağla", "Ömer", "Daniel", "Maria", "Kenji", "Hiroshi", "Mei", "Wei", "Ravi", "Priya",
               "Arjun", "Sione", "Aroha", "Tevita", "Liam", "Grace", "Ethan", "Amara", "Chidi", "Fatima", "Omar",
               "Layla", "Yusuf", "Elif", "Ying-Yu", "Min-jun", "Ji-woo", "Dmitri", "Olena", "Taras", "Marta",
               "Tomás", "Inês", "João", "Renée", "Hélène", "Zoltán", "Dóra", "Miloš", "Jiří", "Agnieszka",
               "Gilberto", "Rosário", "Kalani", "Mere", "Ngaire", "Nikhil", "Anh", "Thanh", "Siobhán", "Aoife",
               "Eoin", "Ciarán", "Ifeoma", "Kwame", "Ama", "Rahel", "Noa"]
LAST_NAMES = ["Ångström", "Nguyễn", "Müller", "Okonkwo", "Tanaka", "Watanabe", "Sato", "Kim", "Park", "Lee",
              "Chen", "Lin", "Wang", "Zhou", "Sharma", "Iyer", "Reddy", "Fonoti", "Tupou", "Ngata", "Walker",
              "Hughes", "Moreau", "Lefèvre", "Dubois", "Núñez", "García", "Peña", "Gonçalves", "Araújo",
              "Conceição", "Kovács", "Horváth", "Dvořák", "Novák", "Šimić", "Petrović", "Jovanović", "Lindqvist",
              "Bergström", "Håkansson", "Öztürk", "Demir", "Koç", "O’Connell", "D’Souza", "Al-Rashid", "Teodoro",
              "Santos", "Reyes", "Bautista", "Mendoza", "Aquino", "Wiranto", "Sutanto", "Halim", "Rahman",
              "Abdullah", "Tan", "Lim", "Ong", "Pham", "Tran", "Vu", "Thapa", "Gurung", "Perera", "Fernando",
              "Silva", "Ivanova", "Sokolov", "Kuznetsova", "Bondarenko", "Shevchenko", "Kowalski", "Nowak",
              "Wójcik", "Schröder", "Fischer", "Van der Berg", "de la Cruz", "MacLeod", "Ó Briain", "Mbeki",
              "Haddad", "Khoury", "Yamamoto", "Nakamura", "Cho", "Jung", "Bose", "Menon", "Kapoor"]
INITIALS = "ABCDEFGHJKLMNOPRSTVWZ"
ORG_TOPICS = ["Strategic", "Maritime", "Security", "Defense", "Regional", "Policy", "Peace", "Naval",
              "International", "Indo-Pacific", "Eurasian", "Coastal", "Arms Control", "Economic"]
ORG_PATTERNS = [  # (name pattern, what it is)
    ("{P} Institute for {T} Studies", "think tank"),
    ("{P} Centre for {T} Affairs", "research centre"),
    ("University of {P}", "university"),
    ("{L} Foundation", "private foundation"),
    ("{P} {T} Industries", "defense manufacturer"),
    ("{P} Coast Guard", "coast guard agency"),
    ("{P} Chamber of Commerce", "business association"),
    ("{L}–{L2} Forum", "policy forum"),
]
OUTLET_PATTERNS = ["{P} Observer", "{P} Herald", "{P} Daily", "{P} Times", "{P} Courier", "{P} Review",
                   "{P} Dispatch", "{P} Ledger"]
PUBLISHERS = [
    "Centre for Maritime Security Studies — Lisbon & Vienna",
    "Institut für Sicherheitspolitik, Berlin",
    "Observatoire de l’Indo-Pacifique",
    "Asia–Europe Security Monitor",
    "Nordic Institute for Strategic Affairs",
    "Pacific Forum Review",
    "Global Lattice Quarterly",
    "Fundação para Estudos Estratégicos — Porto",
]
YEARS = list(range(1994, 2025))
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SEASONS = ["spring", "summer", "autumn", "winter"]
TOPICS = ["freedom of navigation", "fisheries enforcement", "semiconductor supply chains", "missile defense",
          "undersea cables", "rare-earth exports", "port access", "coast guard patrols", "arms exports",
          "energy security", "maritime domain awareness", "cyber defense", "space surveillance"]
ITEMS = ["patrol boats", "coastal radars", "artillery shells", "surveillance drones", "anti-ship missiles",
         "armored vehicles", "night-vision equipment", "transport aircraft"]
GOODS = ["liquefied natural gas", "rice", "rare-earth magnets", "steel", "fertilizer", "microchips",
         "crude oil", "pharmaceuticals"]
ACTIONS = ["seizing the outlying islands", "blockading its ports", "testing missiles over the strait",
           "harassing fishing fleets", "cutting undersea cables", "massing troops on the border"]
DECADES = ["1930s", "1940s", "1950s", "1960s", "1970s", "1980s"]

STATE_SIZES = ["small", "mid-sized", "populous", "landlocked", "archipelagic", "coastal", "resource-rich"]
STATE_ADJS = ["cautious", "hawkish", "pragmatic", "independent", "vocal", "reluctant"]
STATE_PREDS = ["has doubled its coast guard budget since {Y}", "is hedging between the great powers",
               "has quietly expanded its deep-water ports", "remains wary of entangling commitments",
               "recently opened its airfields to foreign rotations", "is rebuilding a navy it let wither",
               "has become an unlikely broker of regional talks"]
STATE_PREDS2 = ["the government has avoided taking sides", "ministers speak of strategic autonomy",
                "the opposition wants closer ties with the West", "the military budget keeps climbing",
                "few politicians will say the word alliance out loud"]

FILLER = [
    "The {SEA} has become the region’s most crowded stretch of water — and its most dangerous.",
    "Few expected the détente of {Y} to last; fewer still expected it to end so abruptly.",
    "Diplomats now speak of a lattice of overlapping arrangements rather than a single alliance.",
    "Trade still flows, but the mood has soured.",
    "For now, the rapprochement holds — barely.",
    "Defense budgets across the region rose by {N} percent last year, by one independent estimate.",
    "None of this amounts to a collective defense treaty… at least not yet.",
    "The U.S. and its European allies have watched these developments closely.",
    "Analysts describe the result as a patchwork: bilateral deals, ad hoc coalitions and a great deal of hedging.",
    "Much depends on {TOPIC}, an issue that rarely makes headlines but shapes every negotiation.",
    "Behind closed doors, the tone is blunter than the communiqués suggest.",
    "Café diplomacy has its limits when warships shadow each other a few miles offshore.",
    "Public opinion, meanwhile, remains fickle — and easily inflamed by incidents at sea.",
    "The naïve hope that economic interdependence would guarantee peace has faded.",
    "Memories of past occupations linger, and they are easily stirred.",
]
ASTRAL_FILLER = "In the fishing town of 𠮷浦, locals watch the patrol boats with a mixture of pride and unease."

DIRECT_QUOTES = [
    "We will not accept any arrangement that treats {B} as a junior partner",
    "Our door remains open to {B}, but dialogue cannot be a one-way street",
    "{X} is not aimed at anyone — it is about keeping the sea lanes open",
    "If {B} continues its patrols near the {SEA}, we will respond… proportionately",
    "This is the most serious crisis in the {SEA} since {Y}",
    "{B} has to decide whether it wants to be a partner or a spoiler",
    "We are not asking {X} for a defense guarantee. We are asking to be heard",
    "Deterrence against {B} works only if it is credible, and today it is not",
    "There is no appetite for a collective defense clause in {X} — none at all",
    "{X} will survive this, as it has survived worse",
    "We share intelligence with {B} every day, and that will not change",
    "Nobody wants a new bloc; we want predictability from {B}",
    "Frankly, the talks with {B} achieved very little",
    "Let me be clear: {X} will not be dragged into someone else’s war",
    "We have told {B} privately what we now say publicly",
    "Our fishermen are being pushed out of the {SEA} by {B}, and that is unacceptable",
    "The question is not whether {X} expands, but how fast",
    "{B} cannot be both our largest customer and our largest threat",
]
PARTIAL_FRAGMENTS = [
    "a dangerous provocation", "premature", "a line in the sand", "a marriage of convenience",
    "strategic patience", "an unacceptable escalation", "rock-solid", "a paper tiger",
    "nothing more than a talking shop", "a historic step", "deeply regrettable", "a Cold War relic",
    "a new chapter", "a red line", "naïve", "reckless and destabilizing", "our most important partner",
    "a matter of sovereignty", "the cornerstone of regional stability", "déjà vu", "an ironclad commitment",
    "a fait accompli", "a threat to {B}’s sovereignty", "a gift to {B}", "{B}’s reckless adventurism",
    "grey-zone coercion", "salami slicing", "a lattice, not a ladder", "unthinkable… until recently",
    "the new normal",
]
PARAPHRASE_CLAUSES = [
    "{B} has no plans to join {X} before {Y2}",
    "{X} will hold its first joint exercise in the {SEA} next spring",
    "{B} is quietly supplying drone components to its neighbours",
    "the talks with {B} collapsed over the question of basing rights",
    "{B} and its partners are closer to a deal than either side admits",
    "there is no appetite in {X} for a mutual defense clause",
    "{X} lacks the political cohesion to act in a crisis",
    "{B}’s coast guard has tripled its patrols near the {SEA}",
    "sanctions on {B} have done little to change its behaviour",
    "{X} is more symbolic than operational — for now",
    "{B} will seek observer status in {X} within two years",
    "the dispute with {B} could be settled through arbitration",
]


# --------------------------------------------------------------------------------------
# Slugs, exactly as the loader makes them (fold case and diacritics, runs of other
# characters become one hyphen).

def slugify(text):
    text = text.replace("’", "'")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    out = []
    pending = False
    for c in text:
        if "a" <= c <= "z" or "0" <= c <= "9":
            if pending and out:
                out.append("-")
            pending = False
            out.append(c)
        else:
            pending = True
    return "".join(out)


def short_slug(text, words=3):
    return "-".join(slugify(text).split("-")[:words])


def cap(text):
    return text[:1].upper() + text[1:]


def article(word):
    return "an" if slugify(word)[:1] in ("a", "e", "i", "o", "u") else "a"


def join_names(names):
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


class Registry:
    """Every id, and every slug a name, short name or alias claims: one namespace."""

    def __init__(self):
        self.ids = set()
        self.slugs = set()

    def free(self, name):
        s = slugify(name)
        return bool(s) and s not in self.ids and s not in self.slugs

    def claim(self, name):
        s = slugify(name)
        if s:
            self.slugs.add(s)

    def add_id(self, record_id):
        assert record_id not in self.ids and record_id not in self.slugs, record_id
        self.ids.add(record_id)


# --------------------------------------------------------------------------------------
# Text with spans: sentences are generated first, spans point into them; offsets are
# resolved against the final text of the document.

class Sentence:
    __slots__ = ("text", "doc", "start", "final")

    def __init__(self, text, doc):
        self.text = text
        self.doc = doc
        self.start = None
        self.final = None


class Span:
    __slots__ = ("sentence", "local", "quote")

    def __init__(self, sentence, local, quote):
        self.sentence = sentence
        self.local = local
        self.quote = quote


def mark(sentence, quote, inner=False):
    """A span for `quote` in `sentence`: its first occurrence there, or (inner) the text
    right after the first opening quotation mark that starts with it."""
    if inner:
        i = sentence.text.index("“" + quote) + 1
    else:
        i = sentence.text.index(quote)
    return Span(sentence, i, quote)


class Entity:
    """An actor or alliance while it is being generated."""
    __slots__ = ("type", "id", "name", "prose", "short", "doc", "rec", "evidence", "extra", "surname",
                 "intro", "introduced", "capital", "state")

    def __init__(self, type_, name, prose, doc):
        self.type = type_          # state | organization | person | alliance
        self.id = None
        self.name = name
        self.prose = prose         # how the text names it mid-sentence
        self.short = prose
        self.doc = doc
        self.rec = {}
        self.evidence = []
        self.extra = 0             # evidence spans added from other documents
        self.surname = None
        self.intro = None          # persons: appositive used at first mention
        self.introduced = False
        self.capital = None
        self.state = None          # persons and organizations: their state entity

    @property
    def poss(self):
        return self.prose + "’s"


class Doc:
    def __init__(self, index, width):
        self.index = index
        self.id = f"doc-{index:0{width}d}"
        self.file = f"docs/{self.id}.txt"
        self.nl = "\r\n" if index % 37 == 0 else "\n"
        self.nfd = index % 23 == 0
        self.lines = []            # header lines (publisher, title)
        self.paragraphs = []       # lists of Sentence
        self.text = None
        self.rec = None
        self.actors = []
        self.alliances = []
        self.relations = []
        self.statements = []


# --------------------------------------------------------------------------------------

class Generator:
    def __init__(self, scale, seed, registry):
        self.scale = scale
        self.rng = random.Random(seed)
        self.reg = registry
        self.width = max(5, len(str(scale * 40)))
        self.docs = []
        self.pool = {"state": [], "organization": [], "person": [], "alliance": []}
        self.numbers = {}
        self.rr = {}
        self.hub_actors = []       # (entity, weight)
        self.hub_alliances = []
        self.occurrence_spans = 0
        self.context_spans = 0
        self.cross_doc_spans = 0

    # ---- helpers ---------------------------------------------------------------------

    def number(self, kind):
        self.numbers[kind] = self.numbers.get(kind, 0) + 1
        return f"{self.numbers[kind]:0{self.width}d}"

    def pick(self, name, values, weights=None):
        """Round-robin until every value has been used once, then random (weighted)."""
        n = self.rr.get(name, 0)
        self.rr[name] = n + 1
        if n < len(values):
            return values[n]
        if weights:
            return self.rng.choices(values, weights)[0]
        return self.rng.choice(values)

    def unique_name(self, make, tries=40):
        for _ in range(tries):
            name = make()
            if self.reg.free(name):
                self.reg.claim(name)
                return name
        return None

    def vary(self, mean, spread, first):
        return mean if first else max(1, mean + self.rng.randint(-spread, spread))

    def hub_actor(self):
        ents, weights = zip(*self.hub_actors)
        return self.rng.choices(ents, weights)[0]

    def hub_state(self):
        ents, weights = zip(*[(e, w) for e, w in self.hub_actors if e.type == "state"])
        return self.rng.choices(ents, weights)[0]

    def hub_alliance(self):
        ents, weights = zip(*self.hub_alliances)
        return self.rng.choices(ents, weights)[0]

    def cross(self, types, doc):
        """A random earlier document's actor or alliance of one of `types`, or None."""
        t = self.rng.choice(types)
        pool = self.pool[t]
        for _ in range(4):
            if not pool:
                return None
            e = pool[self.rng.randrange(len(pool))]
            if e.doc is not doc:
                return e
        return None

    def add_evidence(self, entity, span, doc):
        """Evidence from the entity's own document always; from another one up to a cap."""
        if entity.doc is doc:
            entity.evidence.append(span)
            return
        is_hub = any(entity is h for h, _ in self.hub_actors + self.hub_alliances)
        cap_ = max(3, self.scale // 10) if is_hub else 3
        if entity.extra < cap_:
            entity.extra += 1
            entity.evidence.append(span)

    # ---- entities --------------------------------------------------------------------

    def state_name(self):
        r = self.rng
        return (r.choice(STATE_PREFIXES) + r.choice(STATE_HEADS) + r.choice(STATE_MIDS) + r.choice(STATE_TAILS))

    def make_state(self, doc, region):
        r = self.rng
        name = self.unique_name(self.state_name)
        if name is None:  # the single-word space is exhausted (very large scales): two parts
            name = self.unique_name(lambda: self.state_name() + "-" + self.state_name().split()[-1].lower(), 1000)
        e = Entity("state", name, name, doc)
        e.id = f"state-{self.number('state')}-{short_slug(name)}"
        self.reg.add_id(e.id)
        letters = slugify(name).replace("-", "").upper()
        aliases = []
        if r.random() < 0.45:
            capital = self.unique_name(lambda: r.choice(CAPITAL_PATTERNS).format(r=r.choice(CAPITAL_ROOTS)), 6)
            if capital:
                aliases.append(capital)
                e.capital = capital
        e.rec = {
            "id": e.id, "name": name, "kind": "state", "aliases": aliases,
            "codes": {"iso3166_alpha2": letters[0] + r.choice(letters[1:]),
                      "iso3166_alpha3": letters[:3]},
            "region": region,
        }
        return e

    def make_org(self, doc, states, outlet=False):
        r = self.rng

        def place():
            s = r.choice(states)
            return s.capital if s.capital and r.random() < 0.4 else s.name
        if outlet:
            name = self.unique_name(lambda: r.choice(OUTLET_PATTERNS).format(P=place()))
            what = "news outlet"
        else:
            pattern, what = r.choice(ORG_PATTERNS)
            name = self.unique_name(lambda: pattern.format(P=place(), T=r.choice(ORG_TOPICS),
                                                           L=r.choice(LAST_NAMES), L2=r.choice(LAST_NAMES)))
        if name is None:
            name = self.unique_name(lambda: f"{place()} {r.choice(ORG_TOPICS)} Society of {r.choice(LAST_NAMES)}", 1000)
        e = Entity("organization", name, "the " + name, doc)
        e.id = f"org-{self.number('org')}-{short_slug(name)}"
        self.reg.add_id(e.id)
        e.state = next((s for s in states if s.name in name or (s.capital and s.capital in name)), r.choice(states))
        aliases = []
        words = [w for w in name.replace("–", " ").split() if w[:1].isupper() and w not in ("The",)]
        acronym = "".join(w[0] for w in words)
        if len(acronym) >= 3 and r.random() < 0.3 and self.reg.free(acronym):
            self.reg.claim(acronym)
            aliases.append(acronym)
        e.rec = {"id": e.id, "name": name, "kind": "organization", "aliases": aliases,
                 "region": e.state.rec["region"] if r.random() < 0.85 else "global"}
        e.rec["_what"] = what
        return e

    def make_alliance(self, doc, states, orgs):
        r = self.rng
        kind = self.pick("alliance_kind", ALLIANCE_KINDS)
        status = self.pick("alliance_status", STATUSES, [0.7, 0.2, 0.1])

        def make():
            a, b = r.sample(states, 2)
            style = r.random()
            noun = r.choice(ALLIANCE_KIND_NOUNS[kind])
            if style < 0.45:
                return f"{a.name}–{b.name} {noun}"
            if style < 0.75:
                sea = r.choice(SEA_PATTERNS).format(r=r.choice(SEA_ROOTS))
                return f"{sea} {noun}"
            return f"{(a.capital or a.name)} {noun}"
        name = self.unique_name(make)
        if name is None:
            name = self.unique_name(lambda: f"{make()} of {r.choice(CAPITAL_ROOTS)}", 1000)
        words = [w for w in name.replace("–", " ").split() if w[:1].isupper() and w not in ("Of",)]
        short = "".join(w[0] for w in words)
        if len(short) < 2 or r.random() < 0.35 or not self.reg.free(short):
            short = None
        else:
            self.reg.claim(short)
        aliases = []
        if r.random() < 0.15:
            nick = f"{name.split()[0].rstrip('–')} club"
            if self.reg.free(nick):
                self.reg.claim(nick)
                aliases.append(nick)
        e = Entity("alliance", name, "the " + name, doc)
        e.short = ("the " + short) if short and r.random() < 0.5 else e.prose
        e.id = f"alliance-{self.number('alliance')}-{short_slug(name)}"
        self.reg.add_id(e.id)
        obligations = []
        if status != "hypothetical" or r.random() < 0.3:
            base = ALLIANCE_KIND_OBLIGATIONS[kind]
            obligations = r.sample(base, r.randint(1, len(base)))
            if r.random() < 0.1:
                extra = self.pick("obligation_extra", OBLIGATIONS)
                if extra not in obligations:
                    obligations.append(extra)
        e.rec = {"id": e.id, "name": name, "short_name": short, "aliases": aliases, "kind": kind, "status": status,
                 "obligations": obligations, "members": [], "excluded": [], "initiated_by": [], "positions": []}
        e.rec["_members"] = []     # (entity, role)
        e.rec["_excluded"] = []
        e.rec["_initiators"] = []
        e.rec["_positions"] = []   # (entity, stance, statement id or None)
        return e

    def person_name(self, with_initial):
        r = self.rng
        first, last = r.choice(FIRST_NAMES), r.choice(LAST_NAMES)
        if with_initial:
            return f"{first} {r.choice(INITIALS)}. {last}", last
        return f"{first} {last}", last

    def make_person(self, doc, states, orgs, alliances, outlet):
        r = self.rng
        anonymous = r.random() < 0.27
        state = r.choice(states)
        if anonymous:
            templates = [
                ("An official in {S}’s foreign ministry", "Foreign ministry official of {S}", "state"),
                ("Two diplomats from {S}", "Diplomats of {S}", "state"),
                ("A {S}-based analyst", "Analyst based in {S}", None),
                ("A senior officer in the {S} navy", "Naval officer of {S}", "state"),
                ("Officials close to {X}", "Officials of {X}", "alliance"),
                ("A source at {O}", "Source at {O}", "org"),
                ("A defense attaché posted to {S}", "Defense attaché posted to {S}", None),
            ]
            for _ in range(12):
                pattern, role, aff = r.choice(templates)
                x, o = r.choice(alliances), r.choice(orgs)
                fill = dict(S=state.name, X=x.prose, O=o.prose)
                name = pattern.format(**fill)
                if self.reg.free(name):
                    break
                state = r.choice(states)
            else:
                anonymous = False
        if anonymous:
            self.reg.claim(name)
            affiliation = {"state": [state], "alliance": [x], "org": [o], None: []}[aff]
            e = Entity("person", name, name[0].lower() + name[1:], doc)
            e.intro = e.prose + ", speaking on condition of anonymity"
            e.surname = e.prose
            roles = [role.format(**fill)]
        else:
            name, last = self.person_name(False)
            if not self.reg.free(name):
                name = None
                for _ in range(40):
                    name, last = self.person_name(True)
                    if self.reg.free(name):
                        break
                    name = None
            if name is None:
                name = self.unique_name(lambda: f"{r.choice(FIRST_NAMES)} {r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}", 1000)
                last = name.split()[-1]
            else:
                self.reg.claim(name)
            e = Entity("person", name, name, doc)
            e.surname = last
            choice = r.random()
            if choice < 0.5:
                office = r.choice(["Defense Minister", "Foreign Minister", "Prime Minister", "President",
                                   "Chief of Naval Staff", "National Security Adviser", "Trade Minister"])
                role = f"{office} of {state.name}"
                phrase = f"the {office.lower()} of {state.name}" if office not in (
                    "Prime Minister", "President") else f"{state.poss} {office.lower()}"
                affiliation = [state]
            elif choice < 0.65:
                other = r.choice([s for s in states if s is not state] or states)
                role = f"Ambassador of {state.name} to {other.name}"
                phrase = f"{state.poss} ambassador to {other.name}"
                affiliation = [state]
            elif choice < 0.8:
                x = r.choice(alliances)
                role = f"Secretary-General of {x.prose}"
                phrase = f"the secretary-general of {x.prose}"
                affiliation = [x]
            elif choice < 0.93:
                o = r.choice(orgs)
                role = f"Senior fellow at {o.prose}"
                phrase = f"a senior fellow at {o.prose}"
                affiliation = [o]
                if r.random() < 0.3:
                    affiliation.append(o.state)
            else:
                role = f"Columnist for {outlet.prose}"
                phrase = f"a columnist for {outlet.prose}"
                affiliation = [outlet]
            roles = [role[0].upper() + role[1:]]
            e.intro = f"{name}, {phrase}"
        e.state = state
        e.id = f"person-{self.number('person')}-{short_slug(name)}"
        self.reg.add_id(e.id)
        e.rec = {"id": e.id, "name": name, "kind": "person", "aliases": []}
        if anonymous:
            e.rec["anonymous"] = True
        e.rec["roles"] = roles
        e.rec["_affiliations"] = affiliation
        e.rec["region"] = state.rec["region"] if r.random() < 0.9 else "global"
        return e

    # ---- one document ----------------------------------------------------------------

    def generate_doc(self, index):
        r = self.rng
        doc = Doc(index, self.width)
        first = index == 1
        region = REGIONS[(index - 1) % len(REGIONS)]
        regions_near = [region] * 6 + REGIONS

        n_states = self.vary(PER_DOC["state"], 3, first)
        n_orgs = self.vary(PER_DOC["organization"], 1, first)
        n_persons = self.vary(PER_DOC["person"], 3, first)
        n_alliances = self.vary(PER_DOC["alliance"], 3, first)
        n_relations = self.vary(PER_DOC["relation"], 6, first)
        n_statements = self.vary(PER_DOC["statement"], 5, first)

        # Entities.
        states = [self.make_state(doc, self.pick("region", REGIONS) if first or r.random() < 0.1
                                  else r.choice(regions_near)) for _ in range(n_states)]
        outlet = self.make_org(doc, states, outlet=True)
        orgs = [outlet] + [self.make_org(doc, states) for _ in range(n_orgs - 1)]
        alliances = [self.make_alliance(doc, states, orgs) for _ in range(n_alliances)]
        persons = [self.make_person(doc, states, orgs, alliances, outlet) for _ in range(n_persons)]
        if first:
            self.hub_actors = list(zip(states[:3] + orgs[1:2], [0.4, 0.25, 0.15, 0.2]))
            self.hub_alliances = list(zip(alliances[:2], [0.65, 0.35]))
            for a in alliances[:2]:
                a.rec["status"] = "active"
        doc.actors = states + orgs + persons
        doc.alliances = alliances
        locals_ = states + orgs + alliances

        # Memberships, exclusions, initiators.
        for a in alliances:
            status = a.rec["status"]
            k = r.randint(0, 3) if status == "hypothetical" else r.randint(2, 4)
            chosen = r.sample(states, min(k, len(states)))
            if r.random() < 0.15:
                other = r.choice(alliances)
                if other is not a and all(m is not a for m, _ in other.rec["_members"]):
                    chosen.append(other)
            if r.random() < 0.1:
                c = self.cross(["state"], doc)
                if c and c not in chosen:
                    chosen.append(c)
            if self.hub_actors and r.random() < 0.3 and a not in (h for h, _ in self.hub_alliances):
                h = self.hub_state()
                if h not in chosen:
                    chosen.append(h)
            for m in chosen:
                a.rec["_members"].append((m, self.pick("member_role", MEMBER_ROLES, [0.7, 0.2, 0.1])))
            if r.random() < 0.2:
                outside = [s for s in states if s not in chosen]
                if outside:
                    a.rec["_excluded"].append(r.choice(outside))
            if status != "hypothetical":
                members = [m for m, _ in a.rec["_members"] if m.type == "state"] or states
                leaders = [p for p in persons if p.state in members and not p.rec.get("anonymous")]
                a.rec["_initiators"].append(r.choice(leaders) if leaders and r.random() < 0.4 else r.choice(members))

        # Relations (before statements, which may be about them).
        relation_sentences = [self.make_relation(doc, states, orgs, alliances) for _ in range(n_relations)]

        # Statements.
        speakers = [p for p in persons]
        r.shuffle(speakers)
        stmt_plan = []
        for i in range(n_statements):
            if i < len(speakers):
                sp = speakers[i]
            else:
                x = r.random()
                if self.hub_actors and x < 0.2:
                    sp = self.hub_actor()
                elif self.hub_alliances and x < 0.25:
                    sp = self.hub_alliance()
                elif x < 0.6:
                    sp = r.choice(persons)
                elif x < 0.78:
                    sp = r.choice(states)
                elif x < 0.88:
                    sp = r.choice(orgs)
                else:
                    sp = r.choice(alliances)
            stmt_plan.append(sp)
        statement_sentences = [self.make_statement(doc, sp, states, alliances, outlet) for sp in stmt_plan]

        # Positions: every statement with a stance on one of this document's alliances.
        for st in doc.statements:
            target = st["_stance_target"]
            if target is not None and target.type == "alliance":
                positions = target.rec["_positions"]
                if target.doc is doc or len(positions) < 25:
                    if all(p[0] is not st["_speaker"] for p in positions):
                        positions.append((st["_speaker"], st["stance"]["value"], st["id"]))
        for a in alliances:
            if r.random() < 0.3 and a.rec["_members"]:
                m = r.choice(a.rec["_members"])[0]
                if all(p[0] is not m for p in a.rec["_positions"]):
                    a.rec["_positions"].append((m, self.pick("position_stance", STANCES), None))

        # Sentences for every entity introduced here.
        intro = []
        singles = list(states)
        while len(singles) > 6 and r.random() < 0.75:
            group = [singles.pop(r.randrange(len(singles))) for _ in range(r.randint(2, 4))]
            intro.append(self.state_group_intro(doc, group))
        for s in states:
            if s in singles:
                intro.append(self.state_intro(doc, s))
            if s.capital and r.random() < 0.4:
                sent = Sentence(f"Officials in {s.capital} privately concede that {r.choice(TOPICS)} "
                                f"will shape the next decade.", doc)
                s.evidence.append(mark(sent, f"Officials in {s.capital}"))
                intro.append(sent)
        for o in orgs[1:]:
            intro.append(self.org_intro(doc, o))
        for a in alliances:
            intro.extend(self.alliance_sentences(doc, a))
        for p in persons:
            if not p.introduced:
                sent = Sentence(f"{cap(p.intro)}, attended the talks in {r.choice(states).name} "
                                f"as an observer.", doc)
                p.evidence.append(mark(sent, cap(p.intro)))
                p.introduced = True
                intro.append(sent)
        # A few states join the hub alliances.
        for hub, weight in self.hub_alliances:
            if not first and r.random() < 0.9 * weight:
                s = r.choice(states)
                members = hub.rec["_members"]
                if all(m is not s for m, _ in members):
                    role = self.pick("hub_role", MEMBER_ROLES, [0.6, 0.3, 0.1])
                    article = "an" if role[0] in "aeiou" else "a"
                    sent = Sentence(f"In {r.choice(YEARS)}, {s.name} joined {hub.prose} as {article} {role}.", doc)
                    members.append((s, role))
                    self.add_evidence(hub, mark(sent, f"{s.name} joined {hub.prose}"), doc)
                    intro.append(sent)

        # Body: relations and statements interleaved (statements keep their order, so a
        # person's first statement, which introduces them, comes first).
        body = []
        rel = list(relation_sentences)
        stm = list(statement_sentences)
        while rel or stm:
            if stm and (not rel or r.random() < len(stm) / (len(stm) + len(rel))):
                body.append(stm.pop(0))
            else:
                body.append(rel.pop(0))

        # Document header, lead and close.
        title = self.title(states, alliances)
        publisher = r.choice(PUBLISHERS)
        sea = r.choice(SEA_PATTERNS).format(r=r.choice(SEA_ROOTS))
        lead = Sentence(f"{outlet.name} — " + r.choice(FILLER).format(
            SEA=sea, Y=r.choice(YEARS), N=r.randint(3, 19), TOPIC=r.choice(TOPICS)), doc)
        outlet.evidence.append(mark(lead, f"{outlet.name} —"))
        close = Sentence(f"Whether {alliances[0].prose} can hold together is, for now, an open question.", doc)
        alliances[0].evidence.append(mark(close, f"Whether {alliances[0].prose} can hold together"))

        fillers = [Sentence(f.format(SEA=sea, Y=r.choice(YEARS), N=r.randint(3, 19), TOPIC=r.choice(TOPICS)), doc)
                   for f in r.sample(FILLER, r.randint(1, 4))]
        if index % 11 == 3:
            fillers.insert(0, Sentence(ASTRAL_FILLER, doc))
        if index % 97 == 50:  # an occasional long-form piece
            fillers += [Sentence(r.choice(FILLER).format(SEA=sea, Y=r.choice(YEARS), N=r.randint(3, 19),
                                                         TOPIC=r.choice(TOPICS)), doc) for _ in range(150)]

        sentences = intro + body
        for f in fillers:
            sentences.insert(r.randrange(len(sentences) + 1), f)
        paragraphs = [[lead]]
        i = 0
        while i < len(sentences):
            n = r.randint(2, 5)
            paragraphs.append(sentences[i:i + n])
            i += n
        paragraphs.append([close])
        doc.lines = [publisher, title]
        doc.paragraphs = paragraphs

        year = r.choice(YEARS[-12:])
        published = None if r.random() < 0.15 else f"{year}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
        doc.rec = {"id": doc.id, "file": doc.file, "title": title, "publisher": publisher, "outlet": outlet.name,
                   "published": published, "language": r.choice(["en"] * 8 + ["en-GB", "en-US"]), "sha256": None}
        if published is None:
            doc.rec["note"] = "The source gives no date, so published is null."

        for e in states + orgs + persons:
            self.pool[e.type].append(e)
        self.pool["alliance"].extend(alliances)
        self.render(doc)
        self.docs.append(doc)

    def title(self, states, alliances):
        r = self.rng
        a, b = r.sample(states, 2)
        x = r.choice(alliances)
        return r.choice([
            f"Why {a.name} and {b.name} still cannot agree",
            f"{cap(x.prose)} at a crossroads",
            f"The unlikelihood of a {REGION_ADJ[a.rec['region']]} NATO",
            f"After {r.choice(YEARS)}, a new lattice for the region",
            f"Inside {a.poss} quiet hedge",
            f"{a.name}, {b.name} and the limits of deterrence",
        ])

    # ---- sentences -------------------------------------------------------------------

    def state_intro(self, doc, s):
        r = self.rng
        fill = dict(S=s.name, size=r.choice(STATE_SIZES), geo=REGION_ADJ[s.rec["region"]], pop=r.randint(2, 140),
                    pred=r.choice(STATE_PREDS).format(Y=r.choice(YEARS)), pred2=r.choice(STATE_PREDS2),
                    topic=r.choice(TOPICS), adj=r.choice(STATE_ADJS),
                    sea=r.choice(SEA_PATTERNS).format(r=r.choice(SEA_ROOTS)))
        text, ev = r.choice([
            ("{S}, a {size} {geo} state of some {pop} million people, {pred}.",
             "{S}, a {size} {geo} state of some {pop} million people"),
            ("In {S}, where {topic} dominates the political debate, {pred2}.",
             "In {S}, where {topic} dominates the political debate"),
            ("{S} — long a {adj} voice on {topic} — {pred}.", "{S} — long a {adj} voice on {topic}"),
            ("For {S}, whose navy patrols the {sea}, {topic} is not an abstraction.",
             "For {S}, whose navy patrols the {sea}"),
            ("Neighbouring {S} {pred}.", "Neighbouring {S} {pred}"),
        ])
        sent = Sentence(text.format(**fill), doc)
        s.evidence.append(mark(sent, ev.format(**fill)))
        if r.random() < 0.12:
            s.evidence.append(mark(sent, s.name))  # the bare name: usually ambiguous in the text
        adj = fill["size"]
        s.rec["summary"] = f"{cap(adj)} {fill['geo']} state that {fill['pred']}." if "pred" in text else \
            f"{cap(adj)} {fill['geo']} state where {fill['topic']} shapes policy."
        return sent

    def state_group_intro(self, doc, group):
        """One sentence naming several states: the list is evidence for each of them."""
        r = self.rng
        names = join_names([s.name for s in group])
        sea = r.choice(SEA_PATTERNS).format(r=r.choice(SEA_ROOTS))
        text = r.choice([
            f"{names} all border the {sea}.",
            f"{names} have each raised defense spending since {r.choice(YEARS)}.",
            f"Smaller states — {names} among them — prefer to hedge.",
        ])
        sent = Sentence(text, doc)
        span_ = mark(sent, names)
        for s in group:
            s.evidence.append(span_)
            s.rec["summary"] = f"{REGION_ADJ[s.rec['region']]} state named alongside {len(group) - 1} others."
        return sent

    def org_intro(self, doc, o):
        r = self.rng
        what = o.rec.pop("_what")
        where = o.state.capital or o.state.name
        sent = Sentence(f"{cap(o.prose)}, a {what} based in {where}, has tracked {r.choice(TOPICS)} "
                        f"for years.", doc)
        o.evidence.append(mark(sent, f"{cap(o.prose)}, a {what} based in {where}"))
        o.rec["summary"] = f"{cap(what)} based in {where}."
        return sent

    def alliance_sentences(self, doc, a):
        r = self.rng
        rec = a.rec
        name = rec["name"] + (f" ({rec['short_name']})" if rec["short_name"] else "")
        by_role = {role: [m.prose for m, rl in rec["_members"] if rl == role] for role in MEMBER_ROLES}
        members = join_names(by_role["member"]) or join_names(by_role["partner"]) or join_names(by_role["party"])
        extra = ""
        if by_role["member"] and by_role["partner"]:
            n = len(by_role["partner"])
            extra += f", with {join_names(by_role['partner'])} as {'a partner' if n == 1 else 'partners'}"
        if by_role["party"] and (by_role["member"] or by_role["partner"]):
            n = len(by_role["party"])
            extra += f"; {join_names(by_role['party'])} {'is a party' if n == 1 else 'are parties'}"
        excluded = join_names([x.prose for x in rec["_excluded"]])
        initiator = rec["_initiators"][0] if rec["_initiators"] else None
        obligations = join_names([OBLIGATION_PROSE[o] for o in rec["obligations"]])
        status = rec["status"]
        kind_label = ALLIANCE_KIND_LABEL[rec["kind"]]
        sentences = []
        if status == "active":
            # A person not yet introduced is introduced here, with their role.
            first_mention = initiator.type == "person" and not initiator.introduced
            who = cap(initiator.intro if first_mention else initiator.prose)
            if first_mention:
                initiator.introduced = True
            year = r.choice(YEARS)
            text = f"{who}{',' if first_mention else ''} launched the {name} in {year}"
            if members:
                text += f", bringing together {members}{extra}"
            if obligations and r.random() < 0.5:
                text += f"; it provides for {obligations}"
            if excluded:
                text += f" — {excluded} was pointedly left out"
            sent = Sentence(text + ".", doc)
            a.evidence.append(mark(sent, f"launched the {name} in {year}"))
            if first_mention:
                initiator.evidence.append(mark(sent, who))
            rec["summary"] = (f"Active {kind_label}" + (f" of {members}" if members else "")
                              + f", launched in {year}.")
        elif status == "proposed":
            who = cap(initiator.prose if initiator.type != "person" else initiator.name)
            text = f"{who} has proposed {article(name)} {name}"
            if members:
                text += f" that would link {members}{extra}"
            if excluded:
                text += f", although {excluded} would not be invited"
            sent = Sentence(text + ".", doc)
            a.evidence.append(mark(sent, f"has proposed {article(name)} {name}"))
            rec["summary"] = f"Proposed {kind_label}" + (f" that would link {members}." if members else ".")
        else:
            text = f"Talk of {article(name)} {name} — an idea no government has formally tabled — resurfaces"
            n = len(rec["_members"])
            text += (f" whenever {members} {'holds' if n == 1 else 'hold'} exercises" if members
                     else " every few years")
            sent = Sentence(text + ".", doc)
            a.evidence.append(mark(sent, f"Talk of {article(name)} {name}"))
            rec["summary"] = f"Hypothetical {kind_label} that no government has formally proposed."
        sentences.append(sent)
        if rec["aliases"] and r.random() < 0.8:
            alias = rec["aliases"][0]
            sentences.append(Sentence(f"Critics call it the {alias}, and not kindly.", doc))
        return sentences

    def speaker_forms(self, sp):
        """(subject, end) phrases: subject may carry a closing comma for an appositive."""
        if sp.type == "person":
            if not sp.introduced:
                sp.introduced = True
                return sp.intro + ",", sp.intro, True
            return sp.surname, sp.surname, False
        if sp.type == "state":
            form = self.rng.choice([sp.poss + " foreign ministry", "the government of " + sp.name] +
                                   ([sp.capital] if sp.capital else []))
            return form, form, False
        return sp.prose, sp.prose, False

    def make_statement(self, doc, sp, states, alliances, outlet):
        r = self.rng
        mode = self.pick("mode", MODES, [0.2, 0.45, 0.35])
        # Who and what it is about: B (an actor, often a hub) and X (an alliance).
        x = r.random()
        if self.hub_actors and x < 0.5:
            b = self.hub_actor()
        elif x < 0.6:
            b = self.cross(["state", "organization"], doc) or r.choice(states)
        else:
            b = r.choice(states)
        if b is sp:
            b = next(s for s in states + [self.hub_actors[0][0]] if s is not sp)
        if self.hub_alliances and r.random() < 0.25:
            xa = self.hub_alliance()
        elif r.random() < 0.07:
            xa = self.cross(["alliance"], doc) or r.choice(alliances)
        else:
            xa = r.choice(alliances)
        fill = dict(B=b.prose, SEA=r.choice(SEA_PATTERNS).format(r=r.choice(SEA_ROOTS)), Y=r.choice(YEARS),
                    Y2=r.choice(range(2026, 2036)))
        subj, end, intro = self.speaker_forms(sp)

        def fmt(t, x_form):
            used = []
            if "{B}" in t:
                used.append(b)
            if "{X}" in t:
                used.append(xa)
            return t.format(X=x_form, **fill), used

        if mode == "direct":
            raw = r.choice(DIRECT_QUOTES)
            quote, used = fmt(raw, cap(xa.short) if raw.startswith("{X}") else xa.short)
            form = r.randrange(4)
            if form == 0:
                text, verb, q = f"“{quote},” said {end}.", "said", quote
            elif form == 1:
                text, verb, q = f"“{quote},” {subj} told {outlet.prose}.", "told", quote
            elif form == 2:
                text, verb, q = f"{cap(subj)} put it bluntly: “{quote}.”", "put it", quote + "."
            else:
                text, verb, q = f"“{quote}…” {subj} wrote in an op-ed.", "wrote", quote + "…"
            sent = Sentence(text, doc)
            span = mark(sent, q, inner=True)
        elif mode == "partial":
            raw = r.choice(PARTIAL_FRAGMENTS)
            frag, used = fmt(raw, xa.short)
            xp = xa.short
            form = r.randrange(6)
            if form == 0:
                text, verb = f"{cap(subj)} called {xp} “{frag}” in remarks on {r.choice(WEEKDAYS)}.", "called"
                used = used + [xa]
            elif form == 1:
                text, verb = (f"{cap(subj)} called {b.poss} move “{frag},” but said talks "
                              f"would go on.", "called")
                used = used + [b]
            elif form == 2:
                text, verb = f"In a statement, {subj} said the deal with {b.prose} was “{frag}”.", "said"
                used = used + [b]
            elif form == 3:
                text, verb = f"What {subj} calls “{frag}” has become the default posture toward {b.prose}.", "calls"
                used = used + [b]
            elif form == 4:
                text, verb = f"{cap(subj)} dismissed talk of {xp} as “{frag}”.", "dismissed"
                used = used + [xa]
            else:
                text, verb = (f"The so-called “{frag}” doctrine, long associated with {end}, is now under "
                              f"strain in {xa.short}.", None)
                used = used + [xa]
            sent = Sentence(text, doc)
            span = mark(sent, frag, inner=True)
        else:
            raw = r.choice(PARAPHRASE_CLAUSES)
            clause, used = fmt(raw, xa.short)
            form = r.randrange(6)
            lead, verb = [("According to {E}, ", "according to"), ("{S} believes ", "believes"),
                          ("{S} warned that ", "warned"), ("{S} revealed that ", "revealed"),
                          ("{S} noted that ", "noted"), ("{S} has argued that ", "argued")][form]
            if form == 0:
                lead = lead.format(E=end + ("," if intro else ""))
                lead = lead.replace(",,", ",")
            else:
                lead = cap(lead.format(S=subj))
            text = lead + clause + "."
            sent = Sentence(text, doc)
            span = Span(sent, len(lead), clause)
        if intro:
            sp.evidence.append(mark(sent, sp.intro if sp.intro in sent.text else cap(sp.intro)))
        # about, stance
        about = []
        for e in used:
            if e not in about and e is not sp:
                about.append(e)
        if not about:
            about.append(b)
        about_ids = [e.id for e in about]
        extra_about = r.random()
        if extra_about < 0.06 and doc.relations:
            rel = r.choice(doc.relations)
            about_ids.append(rel["id"])
        elif extra_about < 0.08 and self.docs:
            about_ids.append(r.choice(self.docs).id)
        stance = None
        target = None
        if r.random() < 0.6:
            target = r.choice(about)
            stance = {"target": target.id, "value": self.pick("stance", STANCES)}
        n = self.number("statement")
        sid = f"stmt-{n}-{short_slug(sp.surname if sp.type == 'person' else sp.name, 2)}-{short_slug(span.quote, 3)}"
        if not short_slug(span.quote, 3):
            sid = f"stmt-{n}"
        self.reg.add_id(sid)
        st = {"id": sid, "speaker": sp.id, "_span": span, "mode": mode, "verb": verb, "about": about_ids,
              "stance": stance, "_speaker": sp, "_stance_target": target}
        doc.statements.append(st)
        return sent

    def make_relation(self, doc, states, orgs, alliances):
        r = self.rng
        kind = self.pick("relation_kind", RELATION_KINDS)
        directed, valence = RELATION_DEFAULTS[kind]
        local = states + alliances if kind in ("alliance_tie", "strategic_partnership", "deterrence") else states
        if kind in ("defense_cooperation", "military_support") and r.random() < 0.2:
            local = states + orgs[1:]
        x = r.random()
        a = r.choice(local)
        if self.hub_actors and x < 0.2:
            b = self.hub_alliance() if kind == "alliance_tie" and r.random() < 0.5 else self.hub_state()
        elif x < 0.35:
            b = self.cross(["state", "alliance"] if kind == "alliance_tie" else ["state"], doc) or r.choice(local)
        else:
            b = r.choice(local)
        tries = 0
        while b is a and tries < 10:
            b = r.choice(local)
            tries += 1
        if b is a:
            b = next(s for s in states if s is not a)
        if r.random() < 0.5:
            a, b = b, a
        if valence != "mixed" and r.random() < 0.15:
            valence = "mixed"
        if self.rr.get("valence_mixed") is None:
            self.rr["valence_mixed"] = 1
            valence = "mixed"
        A, B = a.prose, b.prose
        sea = r.choice(SEA_PATTERNS).format(r=r.choice(SEA_ROOTS))
        subject = None
        if kind == "territorial_dispute":
            isles = r.choice(ISLE_PATTERNS).format(r=r.choice(ISLE_ROOTS))
            clause, subject = f"{A} and {B} both claim the {isles} in the {sea}", isles
        elif kind == "historical_animosity":
            dec = r.choice(DECADES)
            clause = f"memories of {a.poss} occupation of {B} in the {dec} still poison ties"
            subject = f"Occupation in the {dec}"
        elif kind == "threat_perception":
            clause = f"{A} regards {B} as its main threat"
            subject = r.choice([None, "Missile programme", "Naval build-up", "Grey-zone coercion"])
        elif kind == "war":
            y = r.choice(YEARS)
            clause, subject = f"fighting has dragged on since {a.poss} forces crossed into {B} in {y}", \
                f"Invasion of {y}"
        elif kind == "military_support":
            item = r.choice(ITEMS)
            clause, subject = f"{A} has supplied {B} with {item}", cap(item)
        elif kind == "intelligence_sharing":
            clause, subject = f"{A} and {B} quietly share satellite imagery of the {sea}", f"Imagery of the {sea}"
        elif kind == "trade_dependence":
            goods = r.choice(GOODS)
            clause, subject = f"{A} buys nearly {r.randint(30, 90)} percent of its {goods} from {B}", cap(goods)
        elif kind == "strategic_partnership":
            clause = f"{A} and {B} upgraded their ties to a strategic partnership in {r.choice(YEARS)}"
        elif kind == "defense_cooperation":
            clause, subject = f"{A} and {B} hold naval drills every {r.choice(SEASONS)}", \
                "Joint naval drills"
        elif kind == "deterrence":
            act = r.choice(ACTIONS)
            clause, subject = f"{a.poss} forward deployments are meant to deter {B} from {act}", cap(act)
        else:
            clause = f"{A} remains closely tied to {B}"
        text = cap(clause)
        if valence == "mixed":
            text += f", though they spar over {r.choice(TOPICS)}"
        sent = Sentence(text + ".", doc)
        ev = mark(sent, cap(clause))
        n = self.number("relation")
        rid = f"rel-{n}-{short_slug(a.name, 1)}-{short_slug(b.name, 1)}-{kind.replace('_', '-')}"
        self.reg.add_id(rid)
        rec = {"id": rid, "kind": kind, "from": a.id, "to": b.id, "directed": directed, "valence": valence,
               "subject": subject, "summary": cap(clause) + ".", "_evidence": [ev]}
        doc.relations.append(rec)
        # Cross-document and hub ends: this sentence is evidence for them too (capped).
        for end_ in (a, b):
            if end_.doc is not doc:
                self.add_evidence(end_, mark(sent, end_.prose if end_.prose in sent.text else end_.name), doc)
        return sent

    # ---- rendering and span resolution -------------------------------------------------

    def render(self, doc):
        norm = (lambda s: unicodedata.normalize("NFD", s)) if doc.nfd else (lambda s: s)
        parts = []
        pos = 0
        for line in doc.lines:
            t = norm(line) + doc.nl
            parts.append(t)
            pos += len(t)
        for pi, para in enumerate(doc.paragraphs):
            for si, sent in enumerate(para):
                if si:
                    parts.append(" ")
                    pos += 1
                sent.final = norm(sent.text)
                sent.start = pos
                parts.append(sent.final)
                pos += len(sent.final)
            if pi < len(doc.paragraphs) - 1:
                parts.append(doc.nl)
                pos += len(doc.nl)
        doc.text = "".join(parts)
        doc.norm = norm
        assert '"' not in doc.text

    def resolve(self, span):
        """The JSON form of a span: quote, document, and occurrence or context if needed."""
        sent = span.sentence
        doc = sent.doc
        text = doc.text
        quote = doc.norm(span.quote)
        at = sent.start + len(doc.norm(sent.text[:span.local]))
        assert text[at:at + len(quote)] == quote, (doc.id, quote)
        places = occurrences(text, quote)
        out = {"quote": quote, "document": doc.id}
        if len(places) > 1:
            ctx = sent.final
            if (self.occurrence_spans + self.context_spans) % 3 == 0 and len(occurrences(text, ctx)) == 1 \
                    and len(occurrences(ctx, quote)) == 1:
                out["context"] = ctx
                self.context_spans += 1
            else:
                out["occurrence"] = places.index(at) + 1
                self.occurrence_spans += 1
        return out


def unused_enumeration_values(gen):
    """Values of API.md's vocabularies that no generated record uses (should be none)."""
    used = {}

    def use(name, *values):
        used.setdefault(name, set()).update(values)
    for doc in gen.docs:
        for e in doc.actors:
            use("actor kind", e.rec["kind"])
            use("region", e.rec["region"])
        for e in doc.alliances:
            use("alliance kind", e.rec["kind"])
            use("alliance status", e.rec["status"])
            use("obligation", *e.rec["obligations"])
            use("member role", *[role for _, role in e.rec["_members"]])
            use("stance", *[stance for _, stance, _ in e.rec["_positions"]])
        for rec in doc.relations:
            use("relation kind", rec["kind"])
            use("valence", rec["valence"])
        for st in doc.statements:
            use("statement mode", st["mode"])
            if st["stance"]:
                use("stance", st["stance"]["value"])
    expected = {"actor kind": ["state", "organization", "person"], "region": REGIONS,
                "alliance kind": ALLIANCE_KINDS, "alliance status": STATUSES, "obligation": OBLIGATIONS,
                "member role": MEMBER_ROLES, "stance": STANCES, "relation kind": RELATION_KINDS,
                "valence": VALENCES, "statement mode": MODES}
    return [f"{name} {v}" for name, values in expected.items() for v in values if v not in used.get(name, ())]


def occurrences(text, needle):
    """Start offsets of every occurrence, overlapping ones included (as the loader counts)."""
    found = []
    i = text.find(needle)
    while i >= 0:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


# --------------------------------------------------------------------------------------
# Output

def span_json(span, default_doc, gen):
    s = gen.resolve(span)
    if s["document"] != default_doc:
        gen.cross_doc_spans += 1
    if s["document"] == default_doc and len(s) == 2:
        return s["quote"]
    out = {"quote": s["quote"]}
    if s["document"] != default_doc:
        out["document"] = s["document"]
    for k in ("occurrence", "context"):
        if k in s:
            out[k] = s[k]
    return out


def actor_json(e, default_doc, gen):
    rec = dict(e.rec)
    out = {k: rec[k] for k in ("id", "name", "kind", "aliases")}
    if "codes" in rec:
        out["codes"] = rec["codes"]
    if rec.get("anonymous"):
        out["anonymous"] = True
    if e.type == "person":
        out["roles"] = rec["roles"]
        out["affiliations"] = [a.id for a in rec["_affiliations"]]
    out["region"] = rec["region"]
    out["summary"] = rec.get("summary") or (
        f"{rec['roles'][0]}, quoted on regional security." if e.type == "person" else f"{e.name}.")
    out["evidence"] = [span_json(s, default_doc, gen) for s in e.evidence]
    return out


def alliance_json(e, default_doc, gen):
    rec = e.rec
    out = {k: rec[k] for k in ("id", "name", "short_name", "aliases", "kind", "status", "obligations")}
    out["members"] = [{"actor": m.id, "role": role} for m, role in rec["_members"]]
    out["excluded"] = [x.id for x in rec["_excluded"]]
    out["initiated_by"] = [x.id for x in rec["_initiators"]]
    out["positions"] = [{"actor": a.id, "stance": st, "statement": sid} for a, st, sid in rec["_positions"]]
    out["summary"] = rec["summary"]
    out["evidence"] = [span_json(s, default_doc, gen) for s in e.evidence]
    return out


def relation_json(rec, default_doc, gen):
    out = {k: v for k, v in rec.items() if not k.startswith("_")}
    out["evidence"] = [span_json(s, default_doc, gen) for s in rec["_evidence"]]
    return out


def statement_json(st, default_doc, gen, style):
    s = gen.resolve(st["_span"])
    out = {"id": st["id"], "speaker": st["speaker"]}
    extra = {k: s[k] for k in ("occurrence", "context") if k in s}
    if s["document"] != default_doc:
        extra = {"document": s["document"], **extra}
    if extra and style:
        out["quote"] = {"quote": s["quote"], **extra}
    else:
        out["quote"] = s["quote"]
        out.update(extra)
    out["mode"] = st["mode"]
    out["verb"] = st["verb"]
    out["about"] = st["about"]
    out["stance"] = st["stance"]
    return out


def load_real_registry(real_dir, reg):
    """Claim the real dataset's ids and name slugs so generated ones never collide."""
    for root, dirs, files in os.walk(real_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.endswith(".json") or f.startswith("."):
                continue
            with open(os.path.join(root, f), encoding="utf-8") as fh:
                data = json.load(fh)
            for key in ("documents", "actors", "alliances", "relations", "statements"):
                for rec in data.get(key, []):
                    reg.ids.add(rec["id"])
                    for name in [rec.get("name"), rec.get("short_name")] + list(rec.get("aliases") or []):
                        if name and key in ("actors", "alliances"):
                            reg.claim(name)


def copy_real(real_dir, out_dir, written):
    for root, dirs, files in os.walk(real_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if f.startswith(".") or f == "README.md":
                continue
            src = os.path.join(root, f)
            rel = os.path.relpath(src, real_dir)
            dst = os.path.join(out_dir, rel)
            if os.path.exists(dst) and rel not in written:
                sys.exit(f"generate-seeds: {dst} already exists")
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(src, dst)
            written.append(rel)


MANIFEST = ".generated-seeds"


def prepare_output(out, force):
    if os.path.exists(out) and not os.path.isdir(out):
        sys.exit(f"generate-seeds: {out} exists and is not a folder")
    os.makedirs(out, exist_ok=True)
    entries = [e for e in os.listdir(out)]
    if entries and not force:
        sys.exit(f"generate-seeds: {out} is not empty; pass --force to replace a previous run's output")
    manifest = os.path.join(out, MANIFEST)
    if entries and os.path.exists(manifest):
        # Remove exactly what the previous run wrote, nothing else.
        with open(manifest, encoding="utf-8") as fh:
            for rel in fh.read().splitlines():
                path = os.path.normpath(os.path.join(out, rel))
                if path.startswith(os.path.normpath(out) + os.sep) and os.path.isfile(path):
                    os.remove(path)
        os.remove(manifest)
        for sub in ("annotations", "docs"):
            d = os.path.join(out, sub)
            if os.path.isdir(d) and not os.listdir(d):
                os.rmdir(d)
    leftovers = []
    for root, _, files in os.walk(out):
        leftovers += [os.path.join(root, f) for f in files if f.endswith(".json")]
    if leftovers:
        print(f"generate-seeds: warning: {len(leftovers)} other *.json file(s) in {out} will be loaded too, "
              f"e.g. {leftovers[0]}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description="Generate a deterministic synthetic Lattice seeds folder.")
    parser.add_argument("--scale", type=int, required=True,
                        help="how many times the real dataset (1 document, 29 actors, ...) to generate")
    parser.add_argument("--output", required=True, help="the seeds folder to create")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--force", action="store_true",
                        help="write into a non-empty folder (a previous run's files are replaced)")
    parser.add_argument("--include-real", metavar="SEEDS_DIR",
                        help="also copy a real seeds folder (e.g. seeds) into the output")
    parser.add_argument("--docs-per-file", type=int, default=1,
                        help="documents per annotation file (default 1)")
    args = parser.parse_args()
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    if args.docs_per_file < 1:
        parser.error("--docs-per-file must be at least 1")

    started = time.monotonic()
    out = args.output
    prepare_output(out, args.force)

    reg = Registry()
    written = []
    if args.include_real:
        load_real_registry(args.include_real, reg)
        copy_real(args.include_real, out, written)

    gen = Generator(args.scale, args.seed, reg)
    for i in range(1, args.scale + 1):
        gen.generate_doc(i)

    os.makedirs(os.path.join(out, "docs"), exist_ok=True)
    os.makedirs(os.path.join(out, "annotations"), exist_ok=True)
    total_bytes = 0
    counts = dict(documents=0, actors=0, alliances=0, relations=0, statements=0)
    for doc in gen.docs:
        data = doc.text.encode("utf-8")
        doc.rec["sha256"] = hashlib.sha256(data).hexdigest()
        with open(os.path.join(out, doc.file), "wb") as fh:
            fh.write(data)
        written.append(doc.file)
        total_bytes += len(data)

    per = args.docs_per_file
    for b in range(0, len(gen.docs), per):
        batch = gen.docs[b:b + per]
        default = batch[0].id
        content = {"document": default, "documents": [d.rec for d in batch], "actors": [], "alliances": [],
                   "relations": [], "statements": []}
        for d in batch:
            content["actors"] += [actor_json(e, default, gen) for e in d.actors]
            content["alliances"] += [alliance_json(e, default, gen) for e in d.alliances]
            content["relations"] += [relation_json(rc, default, gen) for rc in d.relations]
            content["statements"] += [statement_json(st, default, gen, i % 5 == 0)
                                      for i, st in enumerate(d.statements)]
        for k in ("actors", "alliances", "relations", "statements"):
            counts[k] += len(content[k])
        counts["documents"] += len(batch)
        name = batch[0].id if per == 1 else f"{batch[0].id}-to-{batch[-1].id[4:]}"
        rel = f"annotations/{name}.json"
        data = (json.dumps(content, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        with open(os.path.join(out, rel), "wb") as fh:
            fh.write(data)
        written.append(rel)
        total_bytes += len(data)

    with open(os.path.join(out, MANIFEST), "w", encoding="utf-8") as fh:
        fh.write("\n".join(written) + "\n")

    missing = unused_enumeration_values(gen)
    if missing:
        print(f"generate-seeds: warning: unused enumeration values: {', '.join(missing)}", file=sys.stderr)

    elapsed = time.monotonic() - started
    print(f"generate-seeds: scale {args.scale}, seed {args.seed}: {counts['documents']} documents, "
          f"{counts['actors']} actors, {counts['alliances']} alliances, {counts['relations']} relations, "
          f"{counts['statements']} statements; {total_bytes:,} bytes in {len(written)} files "
          f"({gen.occurrence_spans} spans with occurrence, {gen.context_spans} with context, "
          f"{gen.cross_doc_spans} cross-document) in {out} ({elapsed:.1f}s)")


if __name__ == "__main__":
    main()
