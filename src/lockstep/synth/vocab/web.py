"""Domains and URL parts: what organic people link to, and what abusers imitate.

Organic links go to news outlets of the poster's language, big platforms, blogs and shops;
a few go through ordinary shorteners. The brand list is what lookalike and phishing links
imitate; the risky top-level domains and the word lists build throwaway spam domains.
"""

from __future__ import annotations

#: Major news outlets per language (registered domains as they appear in links).
NEWS: dict[str, tuple[str, ...]] = {
    "en": ("bbc.co.uk", "theguardian.com", "nytimes.com", "reuters.com", "apnews.com", "cnn.com"),
    "es": ("elpais.com", "elmundo.es", "clarin.com", "eluniversal.com.mx", "eltiempo.com"),
    "pt": ("g1.globo.com", "folha.uol.com.br", "publico.pt", "estadao.com.br"),
    "de": ("spiegel.de", "zeit.de", "tagesschau.de", "faz.net", "sueddeutsche.de"),
    "fr": ("lemonde.fr", "lefigaro.fr", "liberation.fr", "francetvinfo.fr"),
    "ru": ("ria.ru", "lenta.ru", "meduza.io", "rbc.ru"),
    "ar": ("aljazeera.net", "alarabiya.net", "youm7.com", "bbc.com"),
    "ja": ("nhk.or.jp", "asahi.com", "mainichi.jp", "nikkei.com"),
    "zh": ("udn.com", "ltn.com.tw", "scmp.com", "thepaper.cn"),
    "id": ("kompas.com", "detik.com", "tempo.co", "cnnindonesia.com"),
    "tr": ("hurriyet.com.tr", "sozcu.com.tr", "bbc.com", "ntv.com.tr"),
    "it": ("repubblica.it", "corriere.it", "ilpost.it", "ansa.it"),
    "ro": ("digi24.ro", "hotnews.ro", "g4media.ro", "libertatea.ro"),
    "uk": ("pravda.com.ua", "ukrinform.ua", "suspilne.media", "nv.ua"),
}

#: Big platforms linked from every language, with the URL shape each uses.
PLATFORMS: tuple[tuple[str, str], ...] = (
    ("www.youtube.com", "video"),
    ("youtu.be", "short_video"),
    ("wikipedia.org", "wiki"),
    ("open.spotify.com", "track"),
    ("github.com", "repo"),
    ("www.reddit.com", "thread"),
    ("www.instagram.com", "profile"),
    ("www.imdb.com", "title"),
    ("medium.com", "article"),
)

#: Blog hosts where each blog is its own subdomain.
BLOG_HOSTS: tuple[str, ...] = ("substack.com", "wordpress.com", "blogspot.com", "tumblr.com")

#: Shops people link to (their own or someone else's products).
SHOPS: tuple[str, ...] = (
    "www.etsy.com",
    "www.amazon.com",
    "www.amazon.de",
    "www.amazon.es",
    "www.ebay.com",
    "www.zalando.de",
    "www.mercadolivre.com.br",
    "www.rakuten.co.jp",
)

#: Ordinary shorteners organic posters also use now and then.
SHORTENERS: tuple[str, ...] = ("bit.ly", "tinyurl.com", "buff.ly", "ow.ly", "rb.gy", "cutt.ly")

#: Brands phishing and lookalike links imitate: (name, registered domain).
BRANDS: tuple[tuple[str, str], ...] = (
    ("paypal", "paypal.com"),
    ("amazon", "amazon.com"),
    ("netflix", "netflix.com"),
    ("apple", "apple.com"),
    ("microsoft", "microsoft.com"),
    ("instagram", "instagram.com"),
    ("facebook", "facebook.com"),
    ("google", "google.com"),
    ("whatsapp", "whatsapp.com"),
    ("binance", "binance.com"),
    ("coinbase", "coinbase.com"),
    ("dhl", "dhl.com"),
    ("steamcommunity", "steamcommunity.com"),
    ("roblox", "roblox.com"),
    ("spotify", "spotify.com"),
    ("youtube", "youtube.com"),
)

#: Top-level domains with a high share of abuse.
RISKY_TLDS: tuple[str, ...] = (
    "xyz",
    "top",
    "icu",
    "click",
    "cyou",
    "buzz",
    "rest",
    "cfd",
    "sbs",
    "zip",
    "cam",
    "tk",
    "monster",
)

#: Ordinary top-level domains for spam domains that try to look normal.
PLAIN_TLDS: tuple[str, ...] = ("com", "net", "org", "info", "co", "shop", "online", "site")

#: Words throwaway spam and content-farm domains are built from.
SPAM_WORDS: tuple[str, ...] = (
    "daily",
    "best",
    "deal",
    "deals",
    "viral",
    "hub",
    "trend",
    "buzz",
    "mega",
    "smart",
    "top",
    "promo",
    "flash",
    "lucky",
    "gift",
    "prime",
    "super",
    "hot",
    "click",
    "easy",
)

#: Link cloakers and redirectors that hide the destination and pay per click.
CLOAKERS: tuple[str, ...] = ("adf.ly", "ouo.io", "shorte.st", "bc.vc", "exe.io")

#: Affiliate tracking hosts.
AFFILIATE_HOSTS: tuple[str, ...] = ("anrdoezrs.net", "awin1.com", "prf.hn", "hop.clickbank.net")

#: Lure words added to a brand to make a lookalike host.
LURE_WORDS: tuple[str, ...] = (
    "secure",
    "login",
    "verify",
    "support",
    "account",
    "gift",
    "deals",
    "promo",
    "help",
    "update",
    "billing",
    "rewards",
)

#: Paths of login-harvesting pages.
PHISH_PATHS: tuple[str, ...] = (
    "/login.php",
    "/signin/verify",
    "/account/verify",
    "/secure/update-billing",
    "/webscr/cmd=login",
    "/auth/session-expired",
    "/wallet/connect",
    "/claim/reward",
)

#: File names of drive-by downloads.
DOWNLOADS: tuple[str, ...] = (
    "setup.exe",
    "WhatsApp_Gold.apk",
    "invoice_2291.scr",
    "free_vpn_pro.apk",
    "crack_installer.exe",
    "photo_album.scr",
    "update_flash.exe",
    "netflix_premium.apk",
)

#: Words for the names of domains an influence operation runs, per language (Latin script).
NETWORK_SITE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("truth", "voice", "patriot", "report", "insider", "frontline"),
    "es": ("verdad", "voz", "noticias", "pueblo", "diario", "alerta"),
    "pt": ("verdade", "voz", "noticias", "povo", "brasil", "alerta"),
    "de": ("wahrheit", "stimme", "nachrichten", "volk", "blick", "klartext"),
    "fr": ("verite", "voix", "infos", "peuple", "alerte", "libre"),
    "ru": ("pravda", "vesti", "narod", "novosti", "otechestvo", "mir"),
    "ar": ("alhaqiqa", "sawt", "akhbar", "shaab", "alwatan", "nabaa"),
    "ja": ("shinjitsu", "nippon", "koe", "jiji", "minna"),
    "zh": ("zhenxiang", "xinwen", "minsheng", "huaren", "shishi"),
    "id": ("berita", "suara", "rakyat", "nusantara", "kabar", "fakta"),
    "tr": ("gercek", "ses", "haber", "halk", "vatan", "manset"),
    "it": ("verita", "voce", "notizie", "popolo", "italia", "libero"),
    "ro": ("adevarul", "vocea", "stirea", "romania", "libera", "neamul"),
    "uk": ("pravda", "novyny", "holos", "narod", "svoboda", "ukraina"),
}

#: Country code top-level domain per declared country (outlets and network sites use them).
COUNTRY_TLD: dict[str, str] = {
    "US": "com",
    "GB": "co.uk",
    "CA": "ca",
    "AU": "com.au",
    "IN": "in",
    "NG": "ng",
    "ES": "es",
    "MX": "mx",
    "AR": "com.ar",
    "CO": "co",
    "BR": "com.br",
    "PT": "pt",
    "DE": "de",
    "AT": "at",
    "CH": "ch",
    "FR": "fr",
    "BE": "be",
    "RU": "ru",
    "KZ": "kz",
    "EG": "com.eg",
    "SA": "sa",
    "IQ": "iq",
    "MA": "ma",
    "JP": "jp",
    "CN": "cn",
    "TW": "tw",
    "ID": "id",
    "TR": "com.tr",
    "IT": "it",
    "RO": "ro",
    "MD": "md",
    "UA": "ua",
}

#: Words of fictional local newspapers per language: (as in the name, as in the domain).
OUTLET_WORDS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("Herald", "herald"), ("Gazette", "gazette"), ("Chronicle", "chronicle")),
    "es": (("Diario", "diario"), ("Heraldo", "heraldo"), ("Noticias", "noticias")),
    "pt": (("Jornal", "jornal"), ("Notícias", "noticias"), ("Correio", "correio")),
    "de": (("Tagesblick", "tagesblick"), ("Rundschau", "rundschau"), ("Anzeiger", "anzeiger")),
    "fr": (("Le Courrier", "courrier"), ("L'Écho", "echo"), ("Le Journal", "journal")),
    "ru": (("Вести", "vesti"), ("Новости", "novosti"), ("Вестник", "vestnik")),
    "ar": (("أخبار", "akhbar"), ("صحيفة", "sahifa"), ("اليوم", "alyawm")),
    "ja": (("新聞", "shimbun"), ("ニュース", "news"), ("日報", "nippo")),
    "zh": (("日报", "ribao"), ("新闻", "xinwen"), ("晚报", "wanbao")),
    "id": (("Berita", "berita"), ("Kabar", "kabar"), ("Harian", "harian")),
    "tr": (("Haber", "haber"), ("Gazetesi", "gazetesi"), ("Postası", "postasi")),
    "it": (("Gazzetta", "gazzetta"), ("Corriere", "corriere"), ("Notizie", "notizie")),
    "ro": (("Gazeta", "gazeta"), ("Știri", "stiri"), ("Monitorul", "monitorul")),
    "uk": (("Вісті", "visti"), ("Новини", "novyny"), ("Газета", "gazeta")),
}

#: Slug words for URL paths (Latin script, language-neutral enough).
SLUG_WORDS: tuple[str, ...] = (
    "city",
    "council",
    "budget",
    "match",
    "season",
    "review",
    "guide",
    "best",
    "new",
    "update",
    "report",
    "weather",
    "market",
    "recipe",
    "travel",
    "music",
    "album",
    "tech",
    "phone",
    "ai",
    "election",
    "vote",
    "local",
    "story",
    "interview",
    "festival",
    "transfer",
    "housing",
    "plan",
    "week",
)
