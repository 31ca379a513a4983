"""Small engagement worlds shared by the engagement detector tests: an organic background
of people liking, following and unfollowing now and then, into which each test plants one
behaviour or one of the seeds' non-violations."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

T0 = datetime(2024, 5, 1, 8, 0)
LANGS = ("en", "es", "de", "fr", "pt", "id", "tr", "ja")

Row = dict[str, Any]


class World:
    """Rows of the four tables, built up by the helpers below."""

    def __init__(self, people: int = 120, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.accounts: list[Row] = []
        self.posts: list[Row] = []
        self.engagements: list[Row] = []
        for i in range(people):
            self.account(f"p{i:03d}", lang=LANGS[i % len(LANGS)] if i % 3 == 0 else "en")
        self.people = [a["account_id"] for a in self.accounts]
        self._background()

    def account(self, account_id: str, **values: Any) -> str:
        row: Row = {
            "account_id": account_id,
            "handle": account_id,
            "display_name": f"Person {account_id}",
            "created_at": T0 - timedelta(days=900),
            "bio": "hello",
            "avatar_hash": "ab" * 8,
            "followers_count": 150,
            "lang": "en",
            "declared_automated": False,
        }
        row.update(values)
        self.accounts.append(row)
        return account_id

    def post(self, account: str, minutes: float) -> str:
        post_id = f"post{len(self.posts):05d}"
        self.posts.append(
            {
                "post_id": post_id,
                "account_id": account,
                "created_at": T0 + timedelta(minutes=minutes),
            }
        )
        return post_id

    def engage(
        self,
        account: str,
        kind: str,
        minutes: float,
        post: str | None = None,
        target: str | None = None,
    ) -> None:
        self.engagements.append(
            {
                "account_id": account,
                "kind": kind,
                "created_at": T0 + timedelta(minutes=minutes),
                "target_post_id": post,
                "target_account_id": target,
            }
        )

    def _background(self) -> None:
        """Each person posts a few times, likes others' posts hours later, follows a few
        accounts and unfollows one now and then."""
        rng = self.rng
        posts = [self.post(a, rng.uniform(0, 14 * 1440)) for a in self.people for _ in range(3)]
        for person in self.people:
            for _ in range(12):
                post = rng.choice(posts)
                when = self.posted(post) + rng.uniform(10, 2000)
                self.engage(person, "like", when, post=post)
            for _ in range(3):
                self.engage(
                    person, "follow", rng.uniform(0, 14 * 1440), target=rng.choice(self.people)
                )
            if rng.random() < 0.2:
                other = rng.choice(self.people)
                t = rng.uniform(0, 13 * 1440)
                self.engage(person, "follow", t, target=other)
                self.engage(person, "unfollow", t + rng.uniform(60, 600), target=other)

    def posted(self, post: str) -> float:
        row = next(p for p in self.posts if p["post_id"] == post)
        return float((row["created_at"] - T0).total_seconds() / 60)

    def tables(self) -> dict[str, list[Row]]:
        engagements = [
            {k: v for k, v in e.items()} | {"engagement_id": f"e{i:06d}"}
            for i, e in enumerate(self.engagements)
        ]
        return {"accounts": self.accounts, "posts": self.posts, "engagements": engagements}
