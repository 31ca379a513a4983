"""Personal names per language, as written locally and in Latin script for handles.

Family names for Russian and Ukrainian are ones that do not change with gender, so any first
name pairs with any family name. Chinese and Japanese names are written family name first and
without a space.
"""

from __future__ import annotations

from dataclasses import dataclass


def _same(text: str) -> tuple[tuple[str, str], ...]:
    """Latin-script names: the handle form is derived by dropping accents."""
    return tuple((n.strip(), n.strip()) for n in text.split("|"))


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    """``native:latin | ...`` for names in other scripts."""
    out = []
    for part in text.split("|"):
        native, latin = part.strip().split(":")
        out.append((native, latin))
    return tuple(out)


@dataclass(frozen=True)
class Names:
    first: tuple[tuple[str, str], ...]
    last: tuple[tuple[str, str], ...]
    #: family name before given name, without a space (zh, ja)
    family_first: bool = False


NAMES: dict[str, Names] = {
    "en": Names(
        _same(
            "James | Emily | Michael | Sarah | David | Jessica | Chris | Ashley | Daniel | "
            "Olivia | Ryan | Hannah | Tom | Grace | Liam | Chloe | Jordan | Megan"
        ),
        _same(
            "Smith | Johnson | Brown | Taylor | Miller | Wilson | Moore | Clark | Walker | Hall | "
            "Young | King | Wright | Green | Baker | Evans | Okafor | Patel"
        ),
    ),
    "es": Names(
        _same(
            "Lucía | Mateo | Sofía | Diego | Valentina | Javier | Camila | Andrés | Paula | "
            "Carlos | Martina | Alejandro | Elena | Pablo"
        ),
        _same(
            "García | Martínez | López | Sánchez | Pérez | Gómez | Rodríguez | Fernández | "
            "Torres | Ramírez | Flores | Díaz | Moreno | Ruiz"
        ),
    ),
    "pt": Names(
        _same(
            "Ana | João | Beatriz | Pedro | Mariana | Lucas | Juliana | Gabriel | Larissa | "
            "Rafael | Fernanda | Thiago | Camila | Bruno"
        ),
        _same(
            "Silva | Santos | Oliveira | Souza | Lima | Pereira | Costa | Ferreira | Almeida | "
            "Carvalho | Ribeiro | Rocha | Gomes | Martins"
        ),
    ),
    "de": Names(
        _same(
            "Lukas | Anna | Jonas | Lea | Felix | Laura | Maximilian | Sophie | Paul | Marie | "
            "Leon | Hannah | Tobias | Katharina"
        ),
        _same(
            "Müller | Schmidt | Schneider | Fischer | Weber | Meyer | Wagner | Becker | "
            "Hoffmann | Schulz | Koch | Richter | Wolf | Klein"
        ),
    ),
    "fr": Names(
        _same(
            "Camille | Louis | Léa | Hugo | Manon | Lucas | Chloé | Arthur | Inès | Jules | "
            "Sarah | Théo | Julie | Nathan"
        ),
        _same(
            "Martin | Bernard | Dubois | Thomas | Robert | Richard | Petit | Durand | Leroy | "
            "Moreau | Simon | Laurent | Lefebvre | Michel"
        ),
    ),
    "ru": Names(
        _pairs(
            "Анна:anna | Дмитрий:dmitry | Мария:maria | Алексей:alexey | Екатерина:ekaterina | "
            "Иван:ivan | Ольга:olga | Сергей:sergey | Наталья:natalia | Андрей:andrey | "
            "Юлия:yulia | Михаил:mikhail"
        ),
        _pairs(
            "Черных:chernykh | Белых:belykh | Седых:sedykh | Долгих:dolgikh | Шевчук:shevchuk | "
            "Ковальчук:kovalchuk | Ткаченко:tkachenko | Бондаренко:bondarenko | Кравец:kravets | "
            "Гордиенко:gordienko"
        ),
    ),
    "ar": Names(
        _pairs(
            "محمد:mohamed | أحمد:ahmed | فاطمة:fatima | علي:ali | مريم:mariam | يوسف:youssef | "
            "نور:nour | عمر:omar | سارة:sara | خالد:khaled | ليلى:layla | حسن:hassan"
        ),
        _pairs(
            "العلي:alali | حسن:hassan | إبراهيم:ibrahim | الشمري:alshammari | منصور:mansour | "
            "السيد:elsayed | عبدالله:abdullah | الحربي:alharbi | سالم:salem | الكبيسي:alkubaisi"
        ),
    ),
    "ja": Names(
        _pairs(
            "健太:kenta | さくら:sakura | 翔:sho | 結衣:yui | 大輝:daiki | 美咲:misaki | 蓮:ren | "
            "陽菜:hina | 拓海:takumi | 葵:aoi"
        ),
        _pairs(
            "佐藤:sato | 鈴木:suzuki | 高橋:takahashi | 田中:tanaka | 伊藤:ito | 渡辺:watanabe | "
            "山本:yamamoto | 中村:nakamura | 小林:kobayashi | 加藤:kato"
        ),
        family_first=True,
    ),
    "zh": Names(
        _pairs(
            "伟:wei | 芳:fang | 静:jing | 磊:lei | 婷:ting | 强:qiang | 敏:min | 杰:jie | 丽:li | "
            "浩:hao | 雪:xue | 晨:chen"
        ),
        _pairs(
            "王:wang | 李:li | 张:zhang | 刘:liu | 陈:chen | 杨:yang | 黄:huang | 赵:zhao | "
            "吴:wu | 周:zhou"
        ),
        family_first=True,
    ),
    "id": Names(
        _same(
            "Putri | Budi | Siti | Agus | Dewi | Rizky | Ayu | Andi | Nur | Fajar | Rina | Dimas"
        ),
        _same(
            "Santoso | Wijaya | Saputra | Pratama | Hidayat | Nugroho | Kusuma | Lestari | "
            "Setiawan | Wibowo"
        ),
    ),
    "tr": Names(
        _same(
            "Elif | Mehmet | Zeynep | Ahmet | Ayşe | Mustafa | Emine | Can | Merve | Burak | "
            "Selin | Emre"
        ),
        _same(
            "Yılmaz | Kaya | Demir | Şahin | Çelik | Yıldız | Yıldırım | Öztürk | Aydın | Özdemir"
        ),
    ),
    "it": Names(
        _same(
            "Giulia | Marco | Francesca | Luca | Chiara | Alessandro | Sara | Matteo | Martina | "
            "Andrea | Elena | Lorenzo"
        ),
        _same("Rossi | Russo | Ferrari | Esposito | Bianchi | Romano | Colombo | Ricci | Greco"),
    ),
    "ro": Names(
        _same(
            "Andreea | Andrei | Elena | Mihai | Ioana | Alexandru | Maria | Ștefan | Cristina | "
            "Bogdan | Raluca | Vlad"
        ),
        _same(
            "Popescu | Ionescu | Popa | Dumitru | Stan | Stoica | Gheorghe | Matei | Ciobanu | "
            "Munteanu"
        ),
    ),
    "uk": Names(
        _pairs(
            "Олена:olena | Андрій:andrii | Оксана:oksana | Тарас:taras | Ірина:iryna | "
            "Богдан:bohdan | Наталія:nataliia | Олександр:oleksandr | Юлія:yuliia | Дмитро:dmytro"
        ),
        _pairs(
            "Коваленко:kovalenko | Шевченко:shevchenko | Бондаренко:bondarenko | "
            "Ткаченко:tkachenko | Кравченко:kravchenko | Мельник:melnyk | Бойко:boiko | "
            "Лисенко:lysenko"
        ),
    ),
}

#: Words people build handles from when they do not use their name.
HANDLE_WORDS: tuple[str, ...] = (
    "sunny",
    "pixel",
    "coffee",
    "moon",
    "wolf",
    "river",
    "lucky",
    "ninja",
    "mango",
    "storm",
    "velvet",
    "echo",
    "maple",
    "neon",
    "tiny",
    "cosmic",
    "panda",
    "salty",
    "blue",
    "wild",
)

#: Emoji some people put after their display name.
NAME_EMOJI: tuple[str, ...] = ("🌸", "⚽", "🎧", "✨", "🌿", "🐾", "☕", "🏳️‍🌈", "🇪🇺", "📚")
