"""Several accounts, distinct purposes: business branches, hobby bots, news outlets, and a
person's personal plus hobby account.

* Branch accounts share a brand (name and often the very same logo as avatar) but each has
  its own city, bio and device; they like each other's posts and sometimes all post the same
  promotion within hours, and a social-media manager may log in to all from one device.
* Hobby bots declare themselves automated and post on a fixed schedule from a cloud server,
  from templates: near-identical posts by design.
* News outlets post headline plus link all day, now and then a bare link.
* A person's personal and hobby accounts share a phone and a home network, post about
  different things and interact with each other.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from lockstep.synth import arrow as A
from lockstep.synth.organic import diurnal
from lockstep.synth.plant import Group, add_engagements, add_posts, new_accounts, pick_free
from lockstep.synth.profiles import COUNTRY_TZ, ascii_name
from lockstep.synth.rand import DAY, HOUR, MINUTE, flip_bits, random_u64
from lockstep.synth.text import (
    Noise,
    attach,
    cities,
    clock,
    compose_reply,
    full_names,
    noisy,
    tag_lists,
)
from lockstep.synth.urls import site_links, token
from lockstep.synth.vocab.books import (
    BOT_BIOS,
    BOT_WORDS,
    BRANCH_PROMO,
    BRANDS_LOCAL,
    HEADLINES,
    QUAKE_PLACES,
    WEATHER_WORDS,
    book,
)
from lockstep.synth.vocab.geo import AUTOMATION_BASE, COUNTRIES, LANG_ID, LANGS
from lockstep.synth.vocab.posts import TOPIC_ID
from lockstep.synth.vocab.web import COUNTRY_TLD, OUTLET_WORDS
from lockstep.synth.world import World


def _main_country(lang: int) -> int:
    """The country of a language with the most listed cities (its biggest market)."""
    options = [i for i, c in enumerate(COUNTRIES) if c.lang == LANGS[lang]]
    return max(options, key=lambda i: (COUNTRIES[i].weight, len(COUNTRIES[i].cities)))


def _server(world: World, rng: np.random.Generator, n: int) -> dict[str, Any]:
    """Session profile of software running on a cloud server."""
    net = world.hosting[rng.integers(0, len(world.hosting), n)]
    return {"asn": net, "ip24": world.addresses(rng, net).astype(np.uint32), "vpn_p": np.zeros(n)}


class BranchAccounts(Group):
    """A business with one account per location."""

    kind = "branch_accounts"
    negative = True

    def plan(self) -> None:
        rng = self.rng
        options = sorted(BRANDS_LOCAL)
        self.code = LANG_ID[options[int(rng.integers(0, len(options)))]]
        brands = BRANDS_LOCAL[LANGS[self.code]]
        self.brand = brands[int(rng.integers(0, len(brands)))]
        self.country = _main_country(self.code)
        cities = COUNTRIES[self.country].cities
        self.size = min(len(cities), int(rng.integers(3, 9)))
        self.params = {
            "brand": self.brand,
            "branches": self.size,
            "promotions": int(rng.integers(1, 4)),
            "same_logo": bool(rng.random() < 0.7),
            "manager_device": bool(rng.random() < 0.5),
            # the promotion as a short video clip, the same one on every branch
            "promo_video": bool(rng.random() < 0.5),
            "language": LANGS[self.code],
        }

    def create(self) -> None:
        rng, world = self.rng, self.world
        n = self.size
        cities = COUNTRIES[self.country].cities
        pick = rng.choice(len(cities), n, replace=False)
        native = [cities[int(i)][0] for i in pick]
        latin = [ascii_name(cities[int(i)][1]) for i in pick]
        brand_slug = ascii_name(self.brand) or "brand"
        logo = np.full(n, random_u64(rng, 1)[0], dtype=np.uint64)
        if not self.params["same_logo"]:
            logo = flip_bits(rng, logo, rng.integers(0, 2, n))
        hours = ("7-19", "8-20", "6:30-18", "9-22", "10-23")
        bios = [
            f"{self.brand} {city} · {hours[int(rng.integers(0, len(hours)))]} · 📍 {city}"
            for city in native
        ]
        extra: dict[str, Any] = {}
        if self.params["manager_device"]:
            extra["device2"] = np.full(n, random_u64(rng, 1)[0], dtype=np.uint64)
        self.rows = new_accounts(
            world,
            rng,
            n,
            self.code,
            country=np.full(n, self.country),
            created_at=world.start - (rng.uniform(0.5, 9, n) * 365 * DAY).astype(np.int64),
            handle=A.strings([f"{brand_slug}_{c}" for c in latin]),
            display_name=A.strings([f"{self.brand} {c}" for c in native]),
            bio=A.strings(bios),
            avatar=logo,
            has_avatar=np.ones(n, dtype=bool),
            followers=rng.lognormal(6.5, 1.0, n).astype(np.int64),
            topic_a=np.full(n, TOPIC_ID["food"]),
            topic_b=np.full(n, TOPIC_ID["daily"]),
            post_rate=rng.uniform(0.3, 1.0, n),
            product_p=np.full(n, 0.2),
            **extra,
        )
        self.open_record(targets={"countries": [COUNTRIES[self.country].code]})
        world.label(self.rows, self.record, "hard_negative")

    def act(self) -> None:
        rng, world, p = self.rng, self.world, self.params
        n = self.size
        texts = [t.format(brand=self.brand) for t in book(BRANCH_PROMO, LANGS[self.code])]
        for _ in range(p["promotions"]):
            t0 = self.start_within(DAY)
            t = t0 + (rng.random(n) * 4 * HOUR).astype(np.int64)
            text = A.strings([texts[int(rng.integers(0, len(texts)))]] * n)
            clip = np.full(n, random_u64(rng, 1)[0], dtype=np.uint64)
            video = p["promo_video"]
            if video:  # each branch uploads its own encoding of the clip
                clip = flip_bits(rng, clip, rng.integers(0, 3, n))
            media = A.lists_from_counts(np.ones(n, dtype=np.int64), A.hex16(clip))
            posts = add_posts(
                world,
                self.rows,
                t,
                noisy(rng, text, Noise(emoji=0.3)),
                self.code,
                media=media,
                kind="video" if video else "post",
            )
            a, b = np.nonzero(~np.eye(n, dtype=bool))
            like = rng.random(len(a)) < 0.7
            t_like = t[b[like]] + (rng.lognormal(np.log(45), 1.0, int(like.sum())) * MINUTE).astype(
                np.int64
            )
            add_engagements(world, self.rows[a[like]], "like", t_like, post=posts[b[like]])
        org = world.organic
        if org is None:
            return
        own = org.rows[np.isin(org.account, self.rows)]
        if len(own) == 0:
            return
        author = world.posts.gather("account", own)
        liker = self.rows[rng.integers(0, n, len(own))]
        ok = liker != author
        t = world.posts.gather("t", own[ok]) + (
            rng.lognormal(np.log(90), 1.0, int(ok.sum())) * MINUTE
        ).astype(np.int64)
        add_engagements(world, liker[ok], "like", t, post=own[ok])


class HobbyBot(Group):
    """A self-declared bot posting templated posts on a schedule, with its owner nearby."""

    kind = "hobby_bot"
    negative = True
    KINDS = ("clock", "word", "weather", "quake", "art")

    def plan(self) -> None:
        rng = self.rng
        self.bot_kind = self.KINDS[int(rng.integers(0, len(self.KINDS)))]
        self.size = 1
        self.params = {
            "bot": self.bot_kind,
            "every_hours": int(rng.choice([1, 2, 3, 4, 6])),
            "minute": int(rng.integers(0, 60)),
            "jitter_seconds": float(rng.uniform(0, 90)),
        }

    def create(self) -> None:
        rng, world = self.rng, self.world
        owner = pick_free(world, rng, 1)
        if len(owner) == 0:
            return
        acc = world.accounts
        owner_handle = str(acc.text("handle")[int(owner[0])].as_py())
        lang = LANG_ID["en"]
        country = int(acc.num("country")[owner[0]])
        city = COUNTRIES[country].cities[0]
        word = {
            "clock": ascii_name(city[1]) + "clock",
            "weather": ascii_name(city[1]) + "weather",
            "word": "randomword",
            "quake": "quakewatch",
            "art": "patterns",
        }[self.bot_kind]
        bio = BOT_BIOS[self.bot_kind].format(owner=owner_handle, city=city[1])
        self.city = city[1]
        bot = new_accounts(
            world,
            rng,
            1,
            lang,
            country=np.array([country]),
            created_at=world.start - (rng.uniform(0.5, 6, 1) * 365 * DAY).astype(np.int64),
            handle=A.strings([f"{word}_bot"]),
            display_name=A.strings([f"{word.capitalize()} Bot 🤖"]),
            bio=A.strings([bio]),
            automated=np.ones(1, dtype=bool),
            post_rate=np.zeros(1),
            eng_rate=np.zeros(1),
            session_rate=np.full(1, 3.0),
            ua1=np.full(1, AUTOMATION_BASE + 1),
            ua2=np.full(1, AUTOMATION_BASE + 1),
            followers=rng.lognormal(6.0, 1.2, 1).astype(np.int64),
            **_server(world, rng, 1),
        )
        self.bot, self.owner = bot, owner
        self.rows = np.concatenate([bot, owner])
        self.open_record()
        world.label(self.rows, self.record, "hard_negative")

    def act(self) -> None:
        rng, world, p = self.rng, self.world, self.params
        if len(self.rows) == 0:
            return
        every = p["every_hours"] * HOUR
        first = world.start + p["minute"] * MINUTE
        t = np.arange(first, world.end, every, dtype=np.int64)
        t += (rng.random(len(t)) * p["jitter_seconds"] * 1e6).astype(np.int64)
        t = t[t < world.end]
        n = len(t)
        urls = media = None
        if self.bot_kind == "clock":
            hour = ((t - world.start) // HOUR) % 12
            chimes = A.strings([" ".join(["BONG"] * (h or 12)) for h in range(12)])
            text = A.take(chimes, hour)
        elif self.bot_kind == "word":
            text = A.join("Word of the day:", A.pick(rng, BOT_WORDS, n), sep=" ")
        elif self.bot_kind == "weather":
            temp = A.ints(rng.integers(-5, 32, n))
            text = A.join(
                f"Weather in {self.city}:",
                A.join(temp, "°C,", sep=""),
                A.pick(rng, WEATHER_WORDS, n),
                sep=" ",
            )
        elif self.bot_kind == "quake":
            mag = A.join(
                "M", A.ints(rng.integers(4, 7, n)), ".", A.ints(rng.integers(0, 10, n)), sep=""
            )
            place = A.join(
                A.ints(rng.integers(3, 80, n)), "km from", A.pick(rng, QUAKE_PLACES, n), sep=" "
            )
            text = A.join(mag, "earthquake,", place, sep=" ")
            link = A.join("https://quakewatch.org/event/", token(rng, n, 8, "lower"), sep="")
            urls = A.lists_from_counts(np.ones(n, dtype=np.int64), link)
            text = attach(text, urls)
        else:
            text = A.join("Pattern #", A.ints(np.arange(n) + 1), " 🎨", sep="")
            media = A.lists_from_counts(np.ones(n, dtype=np.int64), A.hex16(random_u64(rng, n)))
        tagged = (np.arange(n) % 5 == 0).astype(np.int64)
        tags = tag_lists(A.strings(["bot"] * int(tagged.sum())), tagged)
        text = attach(text, None, tags)
        posts = add_posts(
            world,
            np.full(n, self.bot[0]),
            t,
            text,
            LANG_ID["en"],
            urls=urls,
            media=media,
            hashtags=tags,
        )
        liked = rng.random(n) < 0.15
        t_like = t[liked] + (rng.lognormal(np.log(60), 1.0, int(liked.sum())) * MINUTE).astype(
            np.int64
        )
        add_engagements(
            world, np.full(int(liked.sum()), self.owner[0]), "like", t_like, post=posts[liked]
        )


class NewsLinks(Group):
    """A news outlet posting headlines with links all day; a few bare links."""

    kind = "news_links"
    negative = True

    def plan(self) -> None:
        rng = self.rng
        options = sorted(HEADLINES)
        self.code = LANG_ID[options[int(rng.integers(0, len(options)))]]
        self.country = _main_country(self.code)
        self.size = 1
        self.params = {
            "posts_per_day": float(rng.uniform(8, 40)),
            "bare_share": float(rng.uniform(0.05, 0.2)),
            "tag_share": float(rng.uniform(0.0, 0.3)),
            "language": LANGS[self.code],
        }

    def create(self) -> None:
        rng, world = self.rng, self.world
        cities = COUNTRIES[self.country].cities
        native, latin = cities[int(rng.integers(0, len(cities)))]
        words = OUTLET_WORDS[LANGS[self.code]]
        shown, slug = words[int(rng.integers(0, len(words)))]
        city_slug = ascii_name(latin)
        domain = f"{slug}{city_slug}.{COUNTRY_TLD.get(COUNTRIES[self.country].code, 'com')}"
        self.domain, self.city = domain, native
        self.params["domain"] = domain
        self.rows = new_accounts(
            world,
            rng,
            1,
            self.code,
            country=np.array([self.country]),
            created_at=world.start - (rng.uniform(3, 12, 1) * 365 * DAY).astype(np.int64),
            handle=A.strings([f"{city_slug}{slug}"]),
            display_name=A.strings([f"{native} {shown}"]),
            bio=A.strings([f"{native} {shown} · {domain}"]),
            verified=np.array([rng.random() < 0.6]),
            followers=rng.lognormal(10.0, 1.0, 1).astype(np.int64),
            post_rate=np.zeros(1),
            vpn_p=np.full(1, 0.3),
        )
        self.open_record(targets={"countries": [COUNTRIES[self.country].code]})
        world.label(self.rows, self.record, "hard_negative")

    def act(self) -> None:
        rng, world, p = self.rng, self.world, self.params
        n = int(rng.poisson(p["posts_per_day"] * world.days))
        account = np.full(n, self.rows[0])
        t = np.sort(
            diurnal(world, rng, COUNTRY_TZ[np.full(n, self.country)], np.full(n, world.start))
        )
        subjects, events = HEADLINES[LANGS[self.code]]
        sep = "" if LANGS[self.code] == "ja" else " "
        headline = A.join(A.pick(rng, subjects, n), A.pick(rng, events, n), sep=sep)
        headline = A.join(f"{self.city}:", headline, sep=" ")
        # Every story has its own place, time and reporter: an outlet never runs one
        # headline again and again (seed 001's occasional links, not repetition).
        dateline = A.join(cities(rng, self.code, n), clock(rng, self.code, n), sep=", ")
        byline = A.join("(", full_names(rng, self.code, n), ")", sep="")
        headline = A.join(headline, "–", dateline, byline, sep=" ")
        urls = A.lists_from_counts(np.ones(n, dtype=np.int64), site_links(rng, [self.domain], n))
        tagged = rng.random(n) < p["tag_share"]
        tags = tag_lists(
            A.pick(rng, ("breaking", "news", "local"), int(tagged.sum())), tagged.astype(np.int64)
        )
        bare = rng.random(n) < p["bare_share"]
        text = attach(A.null_where(bare, headline), urls, tags)
        add_posts(world, account, t, text, self.code, urls=urls, hashtags=tags)


class PersonalHobby(Group):
    """One person's personal account and hobby account: same phone, different content."""

    kind = "personal_hobby"
    negative = True
    HOBBIES = (
        ("food", "bakes", "🍞"),
        ("music", "beats", "🎧"),
        ("travel", "travels", "🧭"),
        ("sport", "runs", "🏃"),
        ("movies", "films", "🎬"),
        ("tech", "codes", "💻"),
    )

    def plan(self) -> None:
        rng = self.rng
        self.hobby = self.HOBBIES[int(rng.integers(0, len(self.HOBBIES)))]
        self.size = 2
        self.params = {"hobby": self.hobby[0], "like_share": float(rng.uniform(0.3, 0.8))}

    def create(self) -> None:
        rng, world = self.rng, self.world
        years = rng.uniform(1, 10, 1)
        person = new_accounts(
            world, rng, 1, None, created_at=world.start - (years * 365 * DAY).astype(np.int64)
        )
        acc = world.accounts
        i = int(person[0])
        first = str(acc.text("display_name")[i].as_py()).split(" ")[0]
        handle = ascii_name(first) or "me"
        topic = TOPIC_ID[self.hobby[0]]
        hobby = new_accounts(
            world,
            rng,
            1,
            int(acc.num("lang")[i]),
            country=np.array([acc.num("country")[i]]),
            created_at=np.array(
                [
                    max(int(acc.num("created_at")[i]), world.start - 3 * 365 * DAY)
                    + int(rng.uniform(30, 700) * DAY)
                ]
            ).clip(max=world.start),
            handle=A.strings([f"{handle}{self.hobby[1]}{int(rng.integers(1, 99))}"]),
            display_name=A.strings([f"{first} {self.hobby[2]}"]),
            topic_a=np.array([topic]),
            topic_b=np.array([topic]),
            device1=np.array([acc.num("device1")[i]], dtype=np.uint64),
            asn=np.array([acc.num("asn")[i]]),
            ip24=np.array([acc.num("ip24")[i]], dtype=np.uint32),
            ip_last=np.array([acc.num("ip_last")[i]]),
        )
        acc.set("topic_a", person, (topic + 2) % 8)
        self.rows = np.concatenate([person, hobby])
        self.open_record()
        world.label(self.rows, self.record, "hard_negative")

    def act(self) -> None:
        rng, world = self.rng, self.world
        org = world.organic
        if org is None:
            return
        person, hobby = int(self.rows[0]), int(self.rows[1])
        for src, dst in ((person, hobby), (hobby, person)):
            posts = org.rows[org.account == dst]
            liked = posts[rng.random(len(posts)) < self.params["like_share"]]
            t = world.posts.gather("t", liked) + (
                rng.lognormal(np.log(120), 1.0, len(liked)) * MINUTE
            ).astype(np.int64)
            add_engagements(world, np.full(len(liked), src), "like", t, post=liked)
        hobby_posts = org.rows[org.account == hobby]
        replied = hobby_posts[rng.random(len(hobby_posts)) < 0.15]
        m = len(replied)
        if m:
            lang = np.full(m, world.accounts.num("lang")[person], dtype=np.int64)
            t = world.posts.gather("t", replied) + (
                rng.lognormal(np.log(60), 1.0, m) * MINUTE
            ).astype(np.int64)
            keep = t < world.end
            text = compose_reply(rng, lang, np.full(m, TOPIC_ID[self.hobby[0]], dtype=np.int64))
            add_posts(
                world,
                np.full(int(keep.sum()), person),
                t[keep],
                A.take(text, np.flatnonzero(keep)),
                lang[keep],
                kind="comment",
                reply_to=replied[keep],
            )
