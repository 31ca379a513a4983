"""Languages, countries, time zones, internet providers and user agents.

Country rows tie a declared country to its language, its UTC offset (which shapes the daily
rhythm of its accounts), some cities (for bios, branch names and news outlets) and the
autonomous systems its residents connect from. Hosting and VPN networks are listed apart: a
session through one of them is how an account hides where it really is.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Language codes (ISO 639-1) of the world; an index into this tuple is a language id.
LANGS: tuple[str, ...] = (
    "en",
    "es",
    "pt",
    "de",
    "fr",
    "ru",
    "ar",
    "ja",
    "zh",
    "id",
    "tr",
    "it",
    "ro",
    "uk",
)
LANG_ID: dict[str, int] = {code: i for i, code in enumerate(LANGS)}

#: Share of organic accounts per language (normalised where used).
LANG_WEIGHTS: tuple[float, ...] = (
    0.33,
    0.12,
    0.09,
    0.06,
    0.06,
    0.05,
    0.06,
    0.06,
    0.03,
    0.05,
    0.03,
    0.03,
    0.015,
    0.015,
)

#: Languages written without spaces between words.
UNSPACED: frozenset[str] = frozenset({"ja", "zh"})


@dataclass(frozen=True)
class Country:
    """A declared country: its language, UTC offset, cities and consumer networks."""

    code: str
    lang: str
    #: offset of local time from UTC in hours
    tz: float
    #: share of the language's accounts that declare this country
    weight: float
    #: (name as written locally, Latin-script name for handles and domains)
    cities: tuple[tuple[str, str], ...]
    #: (ASN, provider) of consumer internet providers
    isps: tuple[tuple[int, str], ...]


def _c(*names: str) -> tuple[tuple[str, str], ...]:
    """Cities written in Latin script already: the handle form drops the accents later."""
    return tuple((n, n) for n in names)


COUNTRIES: tuple[Country, ...] = (
    Country(
        "US",
        "en",
        -5,
        0.45,
        _c("New York", "Chicago", "Austin", "Seattle", "Denver"),
        ((7922, "Comcast"), (7018, "AT&T"), (701, "Verizon"), (20115, "Charter")),
    ),
    Country(
        "GB",
        "en",
        0,
        0.2,
        _c("London", "Manchester", "Leeds", "Bristol"),
        ((2856, "BT"), (5089, "Virgin Media"), (5607, "Sky")),
    ),
    Country("CA", "en", -5, 0.08, _c("Toronto", "Vancouver", "Montreal"), ((812, "Rogers"),)),
    Country("AU", "en", 10, 0.07, _c("Sydney", "Melbourne", "Brisbane"), ((1221, "Telstra"),)),
    Country(
        "IN",
        "en",
        5.5,
        0.12,
        _c("Mumbai", "Bengaluru", "Delhi"),
        ((55836, "Reliance Jio"), (9829, "BSNL")),
    ),
    Country("NG", "en", 1, 0.08, _c("Lagos", "Abuja"), ((29465, "MTN Nigeria"),)),
    Country(
        "ES",
        "es",
        1,
        0.3,
        _c("Madrid", "Barcelona", "Sevilla", "Valencia"),
        ((3352, "Telefonica de Espana"), (12479, "Orange Espagne")),
    ),
    Country(
        "MX",
        "es",
        -6,
        0.35,
        _c("Ciudad de México", "Guadalajara", "Monterrey", "Puebla"),
        ((8151, "Telmex"), (13999, "Megacable")),
    ),
    Country(
        "AR",
        "es",
        -3,
        0.2,
        _c("Buenos Aires", "Córdoba", "Rosario"),
        ((7303, "Telecom Argentina"),),
    ),
    Country("CO", "es", -5, 0.15, _c("Bogotá", "Medellín", "Cali"), ((3816, "Movistar CO"),)),
    Country(
        "BR",
        "pt",
        -3,
        0.85,
        _c("São Paulo", "Rio de Janeiro", "Belo Horizonte", "Recife", "Porto Alegre"),
        ((26599, "Vivo"), (28573, "Claro NET"), (7738, "Oi")),
    ),
    Country("PT", "pt", 0, 0.15, _c("Lisboa", "Porto", "Braga"), ((3243, "MEO"),)),
    Country(
        "DE",
        "de",
        1,
        0.8,
        _c("Berlin", "Hamburg", "München", "Köln", "Leipzig", "Frankfurt"),
        ((3320, "Deutsche Telekom"), (3209, "Vodafone DE"), (6805, "Telefonica DE")),
    ),
    Country("AT", "de", 1, 0.12, _c("Wien", "Graz", "Linz"), ((8447, "A1 Telekom"),)),
    Country("CH", "de", 1, 0.08, _c("Zürich", "Bern", "Basel"), ((3303, "Swisscom"),)),
    Country(
        "FR",
        "fr",
        1,
        0.85,
        _c("Paris", "Lyon", "Marseille", "Toulouse", "Nantes"),
        ((3215, "Orange"), (12322, "Free"), (5410, "Bouygues")),
    ),
    Country("BE", "fr", 1, 0.15, _c("Bruxelles", "Liège", "Namur"), ((5432, "Proximus"),)),
    Country(
        "RU",
        "ru",
        3,
        0.85,
        (
            ("Москва", "Moskva"),
            ("Санкт-Петербург", "Piter"),
            ("Казань", "Kazan"),
            ("Новосибирск", "Novosibirsk"),
        ),
        ((12389, "Rostelecom"), (8359, "MTS"), (3216, "Beeline")),
    ),
    Country(
        "KZ",
        "ru",
        5,
        0.15,
        (("Алматы", "Almaty"), ("Астана", "Astana")),
        ((9198, "Kazakhtelecom"),),
    ),
    Country(
        "EG",
        "ar",
        2,
        0.35,
        (("القاهرة", "Cairo"), ("الإسكندرية", "Alexandria")),
        ((8452, "TE Data"), (36935, "Vodafone EG")),
    ),
    Country(
        "SA",
        "ar",
        3,
        0.3,
        (("الرياض", "Riyadh"), ("جدة", "Jeddah")),
        ((25019, "STC"), (35819, "Mobily")),
    ),
    Country(
        "IQ",
        "ar",
        3,
        0.15,
        (("بغداد", "Baghdad"), ("البصرة", "Basra")),
        ((50710, "EarthLink IQ"),),
    ),
    Country(
        "MA",
        "ar",
        1,
        0.2,
        (("الدار البيضاء", "Casablanca"), ("الرباط", "Rabat")),
        ((6713, "Maroc Telecom"),),
    ),
    Country(
        "JP",
        "ja",
        9,
        1.0,
        (("東京", "Tokyo"), ("大阪", "Osaka"), ("名古屋", "Nagoya"), ("福岡", "Fukuoka")),
        ((4713, "NTT OCN"), (2516, "KDDI"), (17676, "SoftBank")),
    ),
    Country(
        "CN",
        "zh",
        8,
        0.5,
        (("北京", "Beijing"), ("上海", "Shanghai"), ("成都", "Chengdu")),
        ((4134, "China Telecom"), (4837, "China Unicom")),
    ),
    Country(
        "TW",
        "zh",
        8,
        0.5,
        (("台北", "Taipei"), ("台中", "Taichung"), ("高雄", "Kaohsiung")),
        ((3462, "HiNet"),),
    ),
    Country(
        "ID",
        "id",
        7,
        1.0,
        _c("Jakarta", "Surabaya", "Bandung", "Medan", "Makassar"),
        ((7713, "Telkom Indonesia"), (23693, "Telkomsel")),
    ),
    Country(
        "TR",
        "tr",
        3,
        1.0,
        _c("İstanbul", "Ankara", "İzmir", "Bursa"),
        ((9121, "Turk Telekom"), (34984, "Superonline")),
    ),
    Country(
        "IT",
        "it",
        1,
        1.0,
        _c("Roma", "Milano", "Napoli", "Torino", "Bologna"),
        ((3269, "TIM"), (30722, "Vodafone IT")),
    ),
    Country(
        "RO",
        "ro",
        2,
        0.8,
        _c("București", "Cluj-Napoca", "Iași", "Timișoara"),
        ((8708, "RCS & RDS"), (9050, "Telekom Romania")),
    ),
    Country("MD", "ro", 2, 0.2, _c("Chișinău", "Bălți"), ((8926, "Moldtelecom"),)),
    Country(
        "UA",
        "uk",
        2,
        1.0,
        (("Київ", "Kyiv"), ("Львів", "Lviv"), ("Харків", "Kharkiv"), ("Одеса", "Odesa")),
        ((15895, "Kyivstar"), (6849, "Ukrtelecom")),
    ),
)
COUNTRY_ID: dict[str, int] = {c.code: i for i, c in enumerate(COUNTRIES)}

#: Hosting, cloud and commercial VPN networks: (ASN, provider, country of the exit).
HOSTING: tuple[tuple[int, str, str], ...] = (
    (16509, "Amazon", "US"),
    (14061, "DigitalOcean", "NL"),
    (24940, "Hetzner", "DE"),
    (9009, "M247", "RO"),
    (20473, "Vultr", "US"),
    (60068, "Datacamp", "GB"),
    (16276, "OVH", "FR"),
    (51167, "Contabo", "DE"),
    (63949, "Akamai Linode", "SG"),
    (62240, "Clouvider", "GB"),
    (39351, "31173 Services", "SE"),
    (9009, "M247", "CH"),
)

#: Every ip_country a session can carry: the declared countries plus the hosting exits.
IP_COUNTRIES: tuple[str, ...] = tuple(
    dict.fromkeys([c.code for c in COUNTRIES] + [h[2] for h in HOSTING])
)
IP_COUNTRY_ID: dict[str, int] = {code: i for i, code in enumerate(IP_COUNTRIES)}

#: User agents of people's phones and computers.
USER_AGENTS: tuple[str, ...] = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/122.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/123.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/123.0.0.0 Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0",
    "Mozilla/5.0 (iPad; CPU OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Mobile/15E148",
)
#: How often each of USER_AGENTS is someone's main device (phones dominate).
USER_AGENT_WEIGHTS: tuple[float, ...] = (
    0.17,
    0.08,
    0.14,
    0.07,
    0.08,
    0.08,
    0.13,
    0.05,
    0.06,
    0.06,
    0.03,
    0.05,
)

#: User agents of scripts, headless browsers and emulators: how account farms connect.
AUTOMATION_AGENTS: tuple[str, ...] = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/120.0.0.0 Safari/537.36",
    "python-requests/2.31.0",
    "okhttp/4.12.0",
    "Mozilla/5.0 (Linux; Android 9; Android SDK built for x86) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/69.0.3497.100 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/99.0.4844.51 Safari/537.36",
)
ALL_AGENTS: tuple[str, ...] = USER_AGENTS + AUTOMATION_AGENTS
#: Index of the first automation agent in ALL_AGENTS.
AUTOMATION_BASE = len(USER_AGENTS)

#: Local-hour activity profile (0..23): quiet nights, a lunch bump, a long evening peak.
HOUR_WEIGHTS: tuple[float, ...] = (
    2.0,
    1.2,
    0.8,
    0.5,
    0.4,
    0.5,
    1.0,
    2.2,
    3.4,
    3.8,
    3.9,
    4.0,
    4.6,
    4.5,
    4.0,
    3.9,
    4.0,
    4.4,
    5.0,
    5.6,
    6.0,
    5.8,
    4.8,
    3.3,
)
