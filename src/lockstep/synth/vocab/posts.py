"""Phrase pools for organic posts, replies and bios, in every language of the world.

An organic post is ``opener + topic phrase + comment (+ time phrase) + closer (+ second
sentence)``, each part drawn from the pools of the post's language; languages written without
spaces put the time phrase first. With eight to twelve entries per part the combinations run
to hundreds of thousands per language and topic, so two unrelated organic posts rarely share
more than a word or two, while a campaign's copies of one text stay near-identical: the
contrast the copy detectors must find. Comments avoid gendered adjectives so every
combination is grammatical.
"""

from __future__ import annotations

from dataclasses import dataclass

TOPICS: tuple[str, ...] = (
    "daily",
    "food",
    "sport",
    "music",
    "tech",
    "travel",
    "politics",
    "movies",
)
TOPIC_ID: dict[str, int] = {t: i for i, t in enumerate(TOPICS)}
POLITICS = TOPIC_ID["politics"]


def _p(text: str) -> tuple[str, ...]:
    """A pool written as ``a | b | c``."""
    return tuple(part.strip() for part in text.split("|"))


@dataclass(frozen=True)
class Pools:
    """The phrase pools of one language."""

    open: tuple[str, ...]
    #: one pool of subject phrases per entry of TOPICS
    topics: tuple[tuple[str, ...], ...]
    comment: tuple[str, ...]
    extra: tuple[str, ...]
    #: appended without a separator, so spaced languages write their own leading space
    close: tuple[str, ...]
    tail: tuple[str, ...]
    reply: tuple[str, ...]
    bio_role: tuple[str, ...]
    bio_like: tuple[str, ...]
    #: short words inserted or substituted when a copy is edited
    filler: tuple[str, ...]


_WEST_CLOSE = ("!", ".", " 😂", " 🙌", "...", " 🔥", "", " ❤️", " 👀", "!!")

POOLS: dict[str, Pools] = {
    "en": Pools(
        open=_p(
            "Honestly, | Ok so | Not gonna lie, | Update: | Just saying, | PSA: | Hot take: | "
            "Reminder: | Wow, | Fun fact: | Real talk: | Quick thought:"
        ),
        topics=(
            _p(
                "my morning commute | the weather here | our neighbour's dog | this Monday | "
                "the laundry pile | my new plant | the school run"
            ),
            _p(
                "the new ramen place downtown | homemade sourdough | my grandma's lasagna | "
                "this iced coffee | street tacos | the farmers market | the bakery on 5th"
            ),
            _p(
                "last night's match | the new coach | that penalty call | my 10k run | "
                "the transfer window | our local team | the derby"
            ),
            _p(
                "the new album | this live version | the concert last night | that guitar solo "
                "| my gym playlist | the festival lineup"
            ),
            _p(
                "the latest phone update | my old laptop | this new AI feature | the battery life "
                "| that open source project | the new keyboard"
            ),
            _p(
                "the train to the coast | this tiny beach town | airport security | "
                "the hostel we booked | the mountain trail | the night bus"
            ),
            _p(
                "the new housing bill | the city council vote | the budget debate | "
                "the election polls | the tax proposal | the transit plan"
            ),
            _p(
                "the season finale | that new thriller | the director's cut | this documentary | "
                "the plot twist | the sequel"
            ),
        ),
        comment=_p(
            "is honestly underrated | was a total mess | made my day | "
            "deserves way more attention | is not what I expected | keeps getting better | "
            "was worth the wait | is overhyped | surprised me | needs a second look | "
            "is exactly what I needed | is a whole mood"
        ),
        extra=_p(
            "today | this week | again | after work | tbh | this weekend | for real | at last"
        ),
        close=(*_WEST_CLOSE, " lol"),
        tail=_p(
            "Who else agrees? | Thoughts? | Can't wait for next week. | Anyway, back to work. | "
            "Not sure how I feel about it. | Highly recommend. | Tell me I'm wrong."
        ),
        reply=_p(
            "Totally agree | haha so true | Not sure about that | This! 👏 | Same here | "
            "Wait, really? | Couldn't have said it better | Love this | Interesting point | lol no"
        ),
        bio_role=_p(
            "teacher | dad of two | coffee addict | student | nurse | software engineer | "
            "photographer | runner | designer | bookworm | mum of three | chef"
        ),
        bio_like=_p(
            "football | books & bread | cooking | travel | indie music | cats | hiking | "
            "gaming | films | gardening"
        ),
        filler=_p(
            "really | so | just | literally | totally | very | now | actually | pretty | omg"
        ),
    ),
    "es": Pools(
        open=_p(
            "Sinceramente, | A ver, | No voy a mentir: | Dato curioso: | Ojo: | Bueno, | "
            "Madre mía, | Recordatorio: | La verdad, | Pregunta:"
        ),
        topics=(
            _p(
                "el tráfico de esta mañana | el calor de hoy | el perro del vecino | este lunes "
                "| mi nueva planta | la reunión de vecinos"
            ),
            _p(
                "la taquería nueva del centro | la tortilla de mi abuela | este café con leche | "
                "el pan casero | las empanadas del mercado | el menú del día"
            ),
            _p(
                "el partido de anoche | el nuevo entrenador | ese penalti | mi carrera de 10 km "
                "| el mercado de fichajes | el clásico"
            ),
            _p(
                "el nuevo disco | el concierto de anoche | esa versión en vivo | "
                "mi lista para el gimnasio | ese solo de guitarra"
            ),
            _p(
                "la última actualización del móvil | mi portátil viejo | "
                "esta nueva función de IA | la batería | ese proyecto de código abierto"
            ),
            _p(
                "el tren a la costa | este pueblito de playa | el control del aeropuerto | "
                "el hostal que reservamos | la ruta de montaña"
            ),
            _p(
                "la nueva ley de vivienda | la votación del ayuntamiento | "
                "el debate del presupuesto | las encuestas | la reforma fiscal"
            ),
            _p(
                "el final de temporada | ese thriller nuevo | este documental | "
                "el giro de guion | la serie de la que todos hablan"
            ),
        ),
        comment=_p(
            "merece más atención | fue un desastre total | me alegró el día | "
            "no es lo que esperaba | mejora cada vez más | valió la pena | me sorprendió | "
            "es justo lo que necesitaba | es otro nivel | me tiene pensando"
        ),
        extra=_p("hoy | esta semana | otra vez | después del trabajo | la verdad | este finde"),
        close=(*_WEST_CLOSE, " jajaja"),
        tail=_p(
            "¿Quién más? | ¿Qué opinan? | Ya quiero que sea la próxima semana. | "
            "En fin, a trabajar. | Lo recomiendo mucho. | Díganme que me equivoco."
        ),
        reply=_p(
            "Totalmente de acuerdo | jajaja qué verdad | No estoy tan seguro | ¡Esto! 👏 | "
            "Igual yo | ¿En serio? | Me encanta | Buen punto | jaja no"
        ),
        bio_role=_p(
            "profe | papá de dos | adicta al café | estudiante | enfermera | programador | "
            "fotógrafa | corredor | diseñadora"
        ),
        bio_like=_p("fútbol | libros | cocina | viajes | música indie | gatos | montaña | cine"),
        filler=_p("muy | tan | justo | literal | bastante | ya | súper | wow"),
    ),
    "pt": Pools(
        open=_p(
            "Sinceramente, | Gente, | Não vou mentir: | Curiosidade: | Atenção: | Olha, | "
            "Nossa, | Lembrete: | Real, | Pergunta:"
        ),
        topics=(
            _p(
                "o trânsito de hoje | o calor dessa semana | o cachorro do vizinho | "
                "essa segunda-feira | minha planta nova"
            ),
            _p(
                "o açaí da esquina | a feijoada da minha avó | esse cafezinho | "
                "o pão de queijo da padaria | a feira de domingo"
            ),
            _p(
                "o jogo de ontem | o novo técnico | aquele pênalti | minha corrida de 10 km | "
                "a janela de transferências"
            ),
            _p(
                "o álbum novo | o show de ontem | essa versão ao vivo | "
                "minha playlist da academia | aquele solo de guitarra"
            ),
            _p(
                "a última atualização do celular | meu notebook velho | esse recurso novo de IA "
                "| a bateria | aquele projeto open source"
            ),
            _p(
                "a viagem pro litoral | essa praia escondida | a fila do aeroporto | "
                "a pousada que reservamos | a trilha da serra"
            ),
            _p(
                "o novo projeto de moradia | a votação na câmara | o debate do orçamento | "
                "as pesquisas eleitorais | a reforma tributária"
            ),
            _p(
                "o final da temporada | aquele suspense novo | esse documentário | "
                "a reviravolta do roteiro | a novela das nove"
            ),
        ),
        comment=_p(
            "merece mais atenção | foi um desastre | fez meu dia | não era o que eu esperava | "
            "só melhora | valeu a pena | me surpreendeu | é outro nível | "
            "era tudo que eu precisava | tá bombando"
        ),
        extra=_p("hoje | essa semana | de novo | depois do trabalho | sério | nesse fim de semana"),
        close=(*_WEST_CLOSE, " kkkkk"),
        tail=_p(
            "Quem mais? | O que vocês acham? | Já quero a próxima semana. | "
            "Enfim, bora trabalhar. | Super recomendo. | Me digam que estou errado."
        ),
        reply=_p(
            "Concordo totalmente | kkkk verdade | Não tenho certeza | Isso! 👏 | Eu também | "
            "Sério? | Amei | Bom ponto | kkk não"
        ),
        bio_role=_p(
            "professora | pai de dois | viciada em café | estudante | enfermeiro | dev | "
            "fotógrafa | corredor"
        ),
        bio_like=_p("futebol | livros | cozinha | viagens | MPB | gatos | trilhas | cinema"),
        filler=_p("muito | tão | só | literalmente | bem | já | super | nossa"),
    ),
    "de": Pools(
        open=_p(
            "Ehrlich gesagt: | Leute, | Kurzes Update: | Fun Fact: | Achtung: | Also, | Wow, | "
            "Erinnerung: | Mal ehrlich: | Frage:"
        ),
        topics=(
            _p(
                "der Stau heute Morgen | das Wetter hier | der Hund vom Nachbarn | "
                "dieser Montag | meine neue Zimmerpflanze | der Elternabend"
            ),
            _p(
                "der neue Ramen-Laden in der Altstadt | Omas Apfelstrudel | dieser Cappuccino | "
                "das selbstgebackene Brot | der Wochenmarkt | die Currywurst am Bahnhof"
            ),
            _p(
                "das Spiel gestern Abend | der neue Trainer | dieser Elfmeter | "
                "mein 10-km-Lauf | das Transferfenster | das Derby"
            ),
            _p(
                "das neue Album | das Konzert gestern | diese Live-Version | "
                "meine Playlist fürs Gym | dieses Gitarrensolo"
            ),
            _p(
                "das letzte Handy-Update | mein alter Laptop | diese neue KI-Funktion | der Akku "
                "| dieses Open-Source-Projekt"
            ),
            _p(
                "die Zugfahrt an die Ostsee | dieses kleine Dorf am Meer | "
                "die Sicherheitskontrolle am Flughafen | die Ferienwohnung | "
                "der Wanderweg in den Alpen"
            ),
            _p(
                "das neue Mietgesetz | die Abstimmung im Stadtrat | die Haushaltsdebatte | "
                "die neuen Umfragen | die Steuerreform"
            ),
            _p(
                "das Staffelfinale | der neue Tatort | diese Doku | die Wendung am Ende | "
                "die Serie, über die alle reden"
            ),
        ),
        comment=_p(
            "ist echt unterschätzt | war ein komplettes Chaos | hat meinen Tag gerettet | "
            "verdient mehr Aufmerksamkeit | ist nicht, was ich erwartet hatte | "
            "wird immer besser | hat sich gelohnt | ist total überbewertet | "
            "hat mich überrascht | ist genau das, was ich brauchte"
        ),
        extra=_p("heute | diese Woche | schon wieder | nach der Arbeit | ehrlich | am Wochenende"),
        close=(*_WEST_CLOSE, " haha"),
        tail=_p(
            "Wer noch? | Was meint ihr? | Freu mich schon auf nächste Woche. | "
            "Egal, zurück an die Arbeit. | Klare Empfehlung. | Sagt mir, dass ich falsch liege."
        ),
        reply=_p(
            "Absolut | haha so wahr | Da bin ich nicht sicher | Genau das! 👏 | "
            "Geht mir auch so | Echt jetzt? | Liebe ich | Guter Punkt | lol nein"
        ),
        bio_role=_p(
            "Lehrerin | Papa von zwei | Kaffeejunkie | Student | Pflegekraft | Entwicklerin | "
            "Fotograf | Läuferin"
        ),
        bio_like=_p("Fußball | Bücher | Kochen | Reisen | Indie | Katzen | Wandern | Kino"),
        filler=_p("echt | so | halt | mega | total | gerade | ziemlich | voll"),
    ),
    "fr": Pools(
        open=_p(
            "Honnêtement, | Bon, | Petite info : | Fun fact : | Attention : | Franchement, | "
            "Waouh, | Rappel : | Sérieux, | Question :"
        ),
        topics=(
            _p(
                "les bouchons ce matin | la météo ici | le chien du voisin | ce lundi | "
                "ma nouvelle plante"
            ),
            _p(
                "le nouveau resto de ramen | la tarte de ma grand-mère | ce petit café | "
                "le pain maison | le marché du dimanche"
            ),
            _p("le match d'hier soir | le nouveau coach | ce penalty | mon 10 km | le mercato"),
            _p(
                "le nouvel album | le concert d'hier | cette version live | "
                "ma playlist de sport | ce solo de guitare"
            ),
            _p(
                "la dernière mise à jour du téléphone | mon vieux portable | "
                "cette nouvelle fonction IA | la batterie | ce projet open source"
            ),
            _p(
                "le train pour la côte | ce petit village en bord de mer | "
                "la sécurité à l'aéroport | le gîte qu'on a réservé | le sentier de montagne"
            ),
            _p(
                "la nouvelle loi sur le logement | le vote du conseil municipal | "
                "le débat sur le budget | les sondages | la réforme fiscale"
            ),
            _p(
                "le final de la saison | ce nouveau thriller | ce documentaire | "
                "le rebondissement | la série dont tout le monde parle"
            ),
        ),
        comment=_p(
            ", c'est vraiment sous-coté | , c'était le chaos total | a fait ma journée | "
            "mérite plus d'attention | , c'est pas ce que j'attendais | "
            "s'améliore de plus en plus | valait le coup | , c'est surcoté | m'a surpris | "
            ", c'est exactement ce qu'il me fallait"
        ),
        extra=_p("aujourd'hui | cette semaine | encore | après le boulot | ce week-end | enfin"),
        close=(*_WEST_CLOSE, " mdr"),
        tail=_p(
            "Qui d'autre ? | Vous en pensez quoi ? | Vivement la semaine prochaine. | "
            "Bref, au boulot. | Je recommande. | Dites-moi que j'ai tort."
        ),
        reply=_p(
            "Tout à fait d'accord | mdr trop vrai | Pas sûr | Ça ! 👏 | Pareil | Sérieux ? | "
            "J'adore | Bon point | mdr non"
        ),
        bio_role=_p(
            "prof | papa de deux | accro au café | étudiante | infirmier | développeuse | "
            "photographe | coureur"
        ),
        bio_like=_p("foot | livres | cuisine | voyages | musique | chats | rando | cinéma"),
        filler=_p("trop | vraiment | genre | grave | juste | super | carrément | bon"),
    ),
    "ru": Pools(
        open=_p(
            "Честно говоря, | Итак, | Не буду врать: | Интересный факт: | Внимание: | Короче, "
            "| Ого, | Напоминаю: | Вопрос:"
        ),
        topics=(
            _p(
                "пробки сегодня утром | погода у нас | собака соседа | этот понедельник | "
                "мой новый цветок"
            ),
            _p(
                "новая раменная в центре | бабушкины пирожки | этот кофе | домашний хлеб | "
                "рынок по выходным"
            ),
            _p(
                "вчерашний матч | новый тренер | этот пенальти | моя пробежка на 10 км | "
                "трансферное окно"
            ),
            _p(
                "новый альбом | вчерашний концерт | эта живая версия | мой плейлист для зала | "
                "это гитарное соло"
            ),
            _p(
                "последнее обновление телефона | мой старый ноутбук | новая функция ИИ | "
                "батарея | этот open source проект"
            ),
            _p(
                "поезд к морю | этот маленький посёлок у моря | досмотр в аэропорту | "
                "хостел, который мы забронировали | горная тропа"
            ),
            _p(
                "новый закон о жилье | голосование в городской думе | дебаты о бюджете | "
                "опросы | налоговая реформа"
            ),
            _p(
                "финал сезона | новый триллер | этот документальный фильм | поворот сюжета | "
                "сериал, о котором все говорят"
            ),
        ),
        comment=_p(
            "заслуживает больше внимания | радует | удивляет | бесит | становится всё лучше | "
            "— это просто нечто | — полный провал | — именно то, что нужно | "
            "— лучшее за неделю | — совсем не то, что я ждал"
        ),
        extra=_p("сегодня | на этой неделе | опять | после работы | если честно | наконец-то"),
        close=(*_WEST_CLOSE, " ахах"),
        tail=_p(
            "Кто ещё? | Что думаете? | Жду следующую неделю. | Ладно, работать. | Рекомендую. | "
            "Скажите, что я не прав."
        ),
        reply=_p(
            "Полностью согласен | ахах точно | Не уверен | Вот! 👏 | У меня так же | Серьёзно? | "
            "Обожаю | Хорошая мысль | лол нет"
        ),
        bio_role=_p(
            "учитель | папа двоих детей | кофеман | студентка | медсестра | программист | "
            "фотограф | бегун"
        ),
        bio_like=_p("футбол | книги | кулинария | путешествия | рок | коты | походы | кино"),
        filler=_p("очень | так | просто | реально | вообще | прям | уже | ну"),
    ),
    "ar": Pools(
        open=_p("بصراحة، | طيب، | معلومة: | تنبيه: | يا جماعة، | واو، | تذكير: | سؤال:"),
        topics=(
            _p("زحمة المرور اليوم | الطقس عندنا | كلب الجيران | يوم الاثنين هذا | نبتتي الجديدة"),
            _p("مطعم الشاورما الجديد | كبسة أمي | هذه القهوة | الخبز البيتي | سوق الجمعة"),
            _p("مباراة أمس | المدرب الجديد | ضربة الجزاء تلك | جريي لمسافة 10 كم | سوق الانتقالات"),
            _p("الألبوم الجديد | حفلة أمس | هذه النسخة الحية | قائمة أغاني النادي | عزف العود ذاك"),
            _p(
                "آخر تحديث للهاتف | حاسوبي القديم | ميزة الذكاء الاصطناعي الجديدة | البطارية | "
                "ذلك المشروع مفتوح المصدر"
            ),
            _p(
                "القطار إلى الساحل | هذه القرية الصغيرة على البحر | تفتيش المطار | "
                "الفندق الذي حجزناه | طريق الجبل"
            ),
            _p(
                "قانون الإسكان الجديد | تصويت المجلس البلدي | نقاش الميزانية | استطلاعات الرأي | "
                "الإصلاح الضريبي"
            ),
            _p(
                "الحلقة الأخيرة من الموسم | فيلم التشويق الجديد | هذا الفيلم الوثائقي | "
                "المفاجأة في النهاية | المسلسل الذي يتحدث عنه الجميع"
            ),
        ),
        comment=_p(
            "— شيء رائع | — فوضى كاملة | — أفضل ما في الأسبوع | — تجربة لا تنسى | — خيبة أمل | "
            "— مفاجأة حلوة | — بالضبط ما كنت أحتاجه | — أكثر من رائع | — ليس كما توقعت"
        ),
        extra=_p("اليوم | هذا الأسبوع | مرة أخرى | بعد العمل | أخيراً | في نهاية الأسبوع"),
        close=("!", ".", " 😂", " 🙌", "...", " 🔥", "", " ❤️", " 😍"),
        tail=_p("من يوافقني؟ | ما رأيكم؟ | أنصح به بشدة. | المهم، نرجع للشغل."),
        reply=_p(
            "أتفق تماماً | هههه صح | لست متأكداً | بالضبط! 👏 | وأنا كذلك | بجد؟ | أحببت هذا | "
            "نقطة جيدة"
        ),
        bio_role=_p("معلم | أب لطفلين | مدمنة قهوة | طالب | ممرضة | مبرمج | مصور | عداء"),
        bio_like=_p("كرة القدم | الكتب | الطبخ | السفر | الموسيقى | القطط | الجبال | السينما"),
        filler=_p("جداً | فعلاً | بصراحة | والله | خلاص | تماماً"),
    ),
    "ja": Pools(
        open=_p(
            "正直、 | えっと、 | お知らせ： | 豆知識： | 注意： | まじで、 | わあ、 | リマインド："
        ),
        topics=(
            _p("朝の通勤電車 | ここの天気 | 隣の犬 | この月曜日 | 新しい観葉植物"),
            _p(
                "駅前の新しいラーメン屋 | おばあちゃんのカレー | このアイスコーヒー | "
                "手作りのパン | 週末のマルシェ"
            ),
            _p("昨日の試合 | 新しい監督 | あのPK | 10キロのランニング | 移籍市場"),
            _p(
                "新しいアルバム | 昨日のライブ | このライブ版 | ジム用のプレイリスト | "
                "あのギターソロ"
            ),
            _p(
                "スマホの最新アップデート | 古いノートパソコン | 新しいAI機能 | バッテリー | "
                "あのオープンソースのプロジェクト"
            ),
            _p("海辺への電車 | 小さな海の町 | 空港の保安検査 | 予約した民宿 | 山の登山道"),
            _p("新しい住宅法案 | 市議会の採決 | 予算の議論 | 世論調査 | 税制改正"),
            _p(
                "シーズンの最終回 | 新作のスリラー | このドキュメンタリー | 最後のどんでん返し | "
                "みんなが話してるドラマ"
            ),
        ),
        comment=_p(
            "が最高だった | はひどかった | で元気が出た | はもっと注目されるべき | "
            "は思ってたのと違った | がどんどん良くなってる | は待った甲斐があった | "
            "は過大評価だと思う | にびっくりした | がまさに必要だった"
        ),
        extra=_p("今日、 | 今週、 | また | 仕事終わりに | 週末、 | やっと"),
        close=("！", "。", "😂", "🙌", "…", "w", "🔥", "", "✨"),
        tail=_p(
            "みんなはどう思う？ | 来週が楽しみ。 | さて、仕事に戻ろう。 | めっちゃおすすめ。 | "
            "異論は認める。"
        ),
        reply=_p(
            "それな | わかる〜 | どうかな | これ！👏 | 私も | え、本当？ | 好き | いい視点 | 草"
        ),
        bio_role=_p(
            "教師 | 二児の父 | コーヒー中毒 | 大学生 | 看護師 | エンジニア | 写真家 | ランナー"
        ),
        bio_like=_p("サッカー | 読書 | 料理 | 旅行 | 音楽 | 猫 | 登山 | 映画"),
        filler=_p("本当に | めっちゃ | ちょっと | すごく | なんか | やっぱり"),
    ),
    "zh": Pools(
        open=_p("说实话， | 那个， | 小提醒： | 冷知识： | 注意： | 哇， | 老实讲，"),
        topics=(
            _p("早上的地铁 | 这里的天气 | 邻居家的狗 | 这个周一 | 我的新盆栽"),
            _p("市中心新开的拉面店 | 外婆做的红烧肉 | 这杯冰咖啡 | 自己烤的面包 | 周末的夜市"),
            _p("昨晚的比赛 | 新教练 | 那个点球 | 我的十公里跑 | 转会窗口"),
            _p("新专辑 | 昨晚的演唱会 | 这个现场版 | 健身歌单 | 那段吉他独奏"),
            _p("手机最新的更新 | 我的旧笔记本 | 新的AI功能 | 电池续航 | 那个开源项目"),
            _p("去海边的火车 | 这个海边小镇 | 机场安检 | 订的民宿 | 山里的步道"),
            _p("新的住房法案 | 市议会的投票 | 预算辩论 | 民调 | 税制改革"),
            _p("这季的大结局 | 新出的惊悚片 | 这部纪录片 | 结尾的反转 | 大家都在追的剧"),
        ),
        comment=_p(
            "真的被低估了 | 简直一团糟 | 让我开心了一整天 | 值得更多关注 | 和我想的不一样 | "
            "越来越好了 | 值得等待 | 被高估了 | 让我很惊讶 | 正是我需要的"
        ),
        extra=_p("今天 | 这周 | 又 | 下班后 | 周末 | 终于"),
        close=("！", "。", "😂", "🙌", "…", "哈哈", "🔥", "", "👍"),
        tail=_p("大家觉得呢？ | 期待下周。 | 好了，继续工作。 | 强烈推荐。 | 不服来辩。"),
        reply=_p(
            "完全同意 | 哈哈哈真的 | 不太确定 | 就是这样！👏 | 我也是 | 真的吗？ | 太喜欢了 | "
            "有道理"
        ),
        bio_role=_p("老师 | 两个孩子的爸爸 | 咖啡控 | 学生 | 护士 | 程序员 | 摄影师 | 跑者"),
        bio_like=_p("足球 | 读书 | 做饭 | 旅行 | 音乐 | 猫 | 爬山 | 电影"),
        filler=_p("真的 | 超级 | 有点 | 非常 | 其实 | 就是"),
    ),
    "id": Pools(
        open=_p(
            "Jujur, | Oke jadi, | Info: | Fakta unik: | Perhatian: | Wah, | Pengingat: | Guys,"
        ),
        topics=(
            _p(
                "macet pagi ini | cuaca di sini | kucing tetangga | hari Senin ini | tanaman baruku"
            ),
            _p(
                "warung bakso baru di pusat kota | rendang buatan nenek | es kopi susu ini | "
                "martabak manis | pasar pagi"
            ),
            _p(
                "pertandingan semalam | pelatih baru | penalti itu | lari 10 km-ku | bursa transfer"
            ),
            _p("album baru | konser semalam | versi live ini | playlist buat gym | solo gitar itu"),
            _p(
                "update HP terbaru | laptop lamaku | fitur AI baru ini | baterainya | aplikasi ojol"
            ),
            _p(
                "kereta ke pantai | desa kecil di tepi laut ini | antrean imigrasi | "
                "homestay yang kami pesan | jalur pendakian"
            ),
            _p("RUU perumahan baru | rapat DPRD | debat anggaran | hasil survei | reformasi pajak"),
            _p(
                "episode terakhir musim ini | film thriller baru | film dokumenter ini | "
                "plot twist-nya | sinetron yang lagi viral"
            ),
        ),
        comment=_p(
            "beneran underrated | kacau banget | bikin hariku senang | "
            "layak dapat perhatian lebih | nggak sesuai ekspektasi | makin bagus | "
            "sepadan dengan penantian | terlalu dibesar-besarkan | bikin kaget | pas banget"
        ),
        extra=_p("hari ini | minggu ini | lagi | habis kerja | akhirnya | akhir pekan ini"),
        close=(*_WEST_CLOSE, " wkwk"),
        tail=_p(
            "Siapa lagi? | Gimana menurut kalian? | Rekomendasi banget. | Yaudah, lanjut kerja."
        ),
        reply=_p(
            "Setuju banget | wkwk bener | Nggak yakin sih | Nah ini! 👏 | Sama | Serius? | "
            "Suka banget | Poin bagus"
        ),
        bio_role=_p("guru | bapak dua anak | pecinta kopi | mahasiswa | perawat | programmer"),
        bio_like=_p("bola | buku | masak | jalan-jalan | musik | kucing | naik gunung | film"),
        filler=_p("banget | sih | aja | dong | beneran | kok"),
    ),
    "tr": Pools(
        open=_p("Açıkçası, | Şimdi, | Bilgi: | İlginç bilgi: | Dikkat: | Vay, | Hatırlatma:"),
        topics=(
            _p(
                "bu sabahki trafik | buradaki hava | komşunun köpeği | bu pazartesi | "
                "yeni saksı bitkim"
            ),
            _p(
                "yeni açılan dürümcü | annemin mantısı | bu Türk kahvesi | ev yapımı ekmek | "
                "pazar yeri"
            ),
            _p("dünkü maç | yeni teknik direktör | o penaltı | 10 km koşum | transfer dönemi"),
            _p(
                "yeni albüm | dünkü konser | bu canlı versiyon | spor çalma listem | o gitar solosu"
            ),
            _p(
                "telefonun son güncellemesi | eski dizüstüm | yeni yapay zeka özelliği | "
                "pil ömrü | o açık kaynak proje"
            ),
            _p(
                "sahile giden tren | bu küçük sahil kasabası | havalimanı güvenliği | "
                "tuttuğumuz pansiyon | dağ yolu"
            ),
            _p(
                "yeni konut yasası | belediye meclisi oylaması | bütçe tartışması | anketler | "
                "vergi reformu"
            ),
            _p(
                "sezon finali | yeni gerilim filmi | bu belgesel | sondaki sürpriz | "
                "herkesin konuştuğu dizi"
            ),
        ),
        comment=_p(
            "gerçekten hafife alınıyor | tam bir kaostu | günümü güzelleştirdi | "
            "daha fazla ilgiyi hak ediyor | beklediğim gibi değildi | gittikçe güzelleşiyor | "
            "beklemeye değdi | abartılıyor | beni şaşırttı | tam ihtiyacım olan şeydi"
        ),
        extra=_p("bugün | bu hafta | yine | işten sonra | sonunda | bu hafta sonu"),
        close=(*_WEST_CLOSE, " sjsjsj"),
        tail=_p(
            "Başka kim? | Ne düşünüyorsunuz? | Kesinlikle tavsiye ederim. | Neyse, işe dönelim."
        ),
        reply=_p(
            "Kesinlikle katılıyorum | aynen öyle | Emin değilim | İşte bu! 👏 | Ben de | "
            "Cidden mi? | Bayıldım | İyi nokta"
        ),
        bio_role=_p(
            "öğretmen | iki çocuk babası | kahve bağımlısı | öğrenci | hemşire | yazılımcı"
        ),
        bio_like=_p("futbol | kitaplar | yemek | seyahat | müzik | kediler | doğa | sinema"),
        filler=_p("çok | gerçekten | resmen | cidden | bayağı | yani"),
    ),
    "it": Pools(
        open=_p(
            "Sinceramente, | Allora, | Piccolo aggiornamento: | Curiosità: | Attenzione: | "
            "Mamma mia, | Promemoria:"
        ),
        topics=(
            _p(
                "il traffico di stamattina | il tempo qui | il cane del vicino | questo lunedì | "
                "la mia nuova pianta"
            ),
            _p(
                "la nuova pizzeria in centro | la lasagna della nonna | questo espresso | "
                "il pane fatto in casa | il mercato del sabato"
            ),
            _p(
                "la partita di ieri sera | il nuovo allenatore | quel rigore | "
                "la mia corsa di 10 km | il calciomercato"
            ),
            _p(
                "il nuovo album | il concerto di ieri | questa versione live | "
                "la mia playlist per la palestra | quell'assolo di chitarra"
            ),
            _p(
                "l'ultimo aggiornamento del telefono | il mio vecchio portatile | "
                "questa nuova funzione IA | la batteria | quel progetto open source"
            ),
            _p(
                "il treno per il mare | questo paesino sul mare | i controlli in aeroporto | "
                "l'agriturismo prenotato | il sentiero di montagna"
            ),
            _p(
                "la nuova legge sulla casa | il voto del consiglio comunale | "
                "il dibattito sul bilancio | i sondaggi | la riforma fiscale"
            ),
            _p(
                "il finale di stagione | il nuovo thriller | questo documentario | "
                "il colpo di scena | la serie di cui parlano tutti"
            ),
        ),
        comment=_p(
            "merita più attenzione | è stato un disastro | mi ha migliorato la giornata | "
            "non è quello che mi aspettavo | migliora sempre di più | valeva l'attesa | "
            "mi ha sorpreso | è proprio quello che mi serviva | è un altro livello"
        ),
        extra=_p("oggi | questa settimana | di nuovo | dopo il lavoro | finalmente | nel weekend"),
        close=(*_WEST_CLOSE, " ahah"),
        tail=_p("Chi altro? | Voi che ne pensate? | Consigliatissimo. | Vabbè, torno a lavorare."),
        reply=_p(
            "Totalmente d'accordo | ahah verissimo | Non ne sono sicuro | Questo! 👏 | Anch'io "
            "| Davvero? | Adoro | Buon punto"
        ),
        bio_role=_p(
            "insegnante | papà di due | caffeinomane | studentessa | infermiere | sviluppatore"
        ),
        bio_like=_p("calcio | libri | cucina | viaggi | musica | gatti | montagna | cinema"),
        filler=_p("proprio | davvero | troppo | tipo | molto | già"),
    ),
    "ro": Pools(
        open=_p("Sincer, | Deci, | Info: | Curiozitate: | Atenție: | Wow, | Reminder:"),
        topics=(
            _p(
                "traficul de azi-dimineață | vremea de aici | câinele vecinului | lunea asta | "
                "planta mea nouă"
            ),
            _p(
                "noua shaormerie din centru | sarmalele bunicii | cafeaua asta | pâinea de casă | "
                "piața de sâmbătă"
            ),
            _p(
                "meciul de aseară | noul antrenor | penaltiul ăla | alergarea mea de 10 km | "
                "perioada de transferuri"
            ),
            _p("noul album | concertul de aseară | versiunea live | playlistul de sală"),
            _p("ultimul update de telefon | laptopul meu vechi | noua funcție AI | bateria"),
            _p(
                "trenul spre mare | satul ăsta de pe litoral | controlul din aeroport | "
                "traseul montan"
            ),
            _p(
                "noua lege a locuințelor | votul din consiliul local | dezbaterea bugetului | "
                "sondajele | reforma fiscală"
            ),
            _p(
                "finalul de sezon | noul thriller | documentarul ăsta | "
                "serialul despre care vorbește toată lumea"
            ),
        ),
        comment=_p(
            "merită mai multă atenție | a fost un haos total | mi-a făcut ziua | "
            "nu e ce mă așteptam | e din ce în ce mai bine | a meritat așteptarea | m-a surprins "
            "| e exact ce-mi trebuia"
        ),
        extra=_p("azi | săptămâna asta | din nou | după muncă | în sfârșit | în weekend"),
        close=(*_WEST_CLOSE, " haha"),
        tail=_p("Cine mai e? | Voi ce ziceți? | Recomand cu drag. | Gata, înapoi la muncă."),
        reply=_p(
            "Total de acord | haha așa e | Nu sunt sigur | Exact! 👏 | Și eu | Serios? | Ador | "
            "Bun punct"
        ),
        bio_role=_p("profesoară | tată a doi copii | dependent de cafea | student | asistentă"),
        bio_like=_p("fotbal | cărți | gătit | călătorii | muzică | pisici | munte | filme"),
        filler=_p("foarte | chiar | super | cam | deja | efectiv"),
    ),
    "uk": Pools(
        open=_p("Чесно кажучи, | Отже, | Коротко: | Цікавий факт: | Увага: | Ого, | Нагадую:"),
        topics=(
            _p("затори зранку | погода в нас | собака сусідів | цей понеділок | моя нова рослина"),
            _p(
                "нова кав'ярня в центрі | бабусині вареники | ця кава | домашній хліб | "
                "ринок у неділю"
            ),
            _p("вчорашній матч | новий тренер | цей пенальті | моя пробіжка на 10 км"),
            _p("новий альбом | вчорашній концерт | ця жива версія | мій плейлист для спортзалу"),
            _p("останнє оновлення телефону | мій старий ноутбук | нова функція ШІ | батарея"),
            _p("потяг до моря | маленьке містечко в Карпатах | черга на кордоні | гірська стежка"),
            _p(
                "новий закон про житло | голосування в міськраді | дебати щодо бюджету | "
                "нові опитування"
            ),
            _p(
                "фінал сезону | новий трилер | цей документальний фільм | "
                "серіал, про який усі говорять"
            ),
        ),
        comment=_p(
            "заслуговує більше уваги | тішить | дивує | дратує | стає все краще | "
            "— це щось неймовірне | — повний провал | — саме те, що треба"
        ),
        extra=_p("сьогодні | цього тижня | знову | після роботи | нарешті"),
        close=(*_WEST_CLOSE,),
        tail=_p("Хто ще? | Що думаєте? | Рекомендую. | Гаразд, до роботи."),
        reply=_p(
            "Повністю згоден | ахах точно | Не впевнений | Саме так! 👏 | Серйозно? | Люблю це"
        ),
        bio_role=_p("вчителька | тато двох дітей | кавоман | студент | медсестра | програміст"),
        bio_like=_p("футбол | книжки | кулінарія | подорожі | музика | коти | гори | кіно"),
        filler=_p("дуже | просто | справді | вже | ну | таки"),
    ),
}

#: Hashtags per topic that every language uses (English tags travel).
TOPIC_TAGS: tuple[tuple[str, ...], ...] = (
    ("mondaymood", "goodmorning", "dailylife", "weekendvibes"),
    ("foodie", "homecooking", "brunch", "coffee"),
    ("matchday", "running", "football", "gameday"),
    ("nowplaying", "newmusic", "livemusic", "playlist"),
    ("tech", "ai", "android", "opensource"),
    ("travel", "wanderlust", "roadtrip", "hiking"),
    ("politics", "localnews", "budget", "vote"),
    ("movies", "tvtime", "series", "netflix"),
)

#: Local hashtags per language and topic, used alongside TOPIC_TAGS.
LOCAL_TAGS: dict[str, tuple[tuple[str, ...], ...]] = {
    "es": (
        ("buenosdias",),
        ("comida", "recetas"),
        ("laliga", "futbol"),
        ("musica",),
        ("tecnologia",),
        ("viajar",),
        ("política",),
        ("series",),
    ),
    "pt": (
        ("bomdia",),
        ("comida", "receitas"),
        ("brasileirão", "futebol"),
        ("música",),
        ("tecnologia",),
        ("viagem",),
        ("política",),
        ("novela",),
    ),
    "de": (
        ("montagsmotivation",),
        ("essen", "rezept"),
        ("bundesliga", "fußball"),
        ("musik",),
        ("technik",),
        ("reisen",),
        ("politik",),
        ("tatort",),
    ),
    "fr": (
        ("bonjour",),
        ("cuisine", "recette"),
        ("ligue1", "foot"),
        ("musique",),
        ("tech",),
        ("voyage",),
        ("politique",),
        ("séries",),
    ),
    "ru": (
        ("доброеутро",),
        ("еда",),
        ("футбол",),
        ("музыка",),
        ("технологии",),
        ("путешествия",),
        ("политика",),
        ("кино",),
    ),
    "ar": (
        ("صباح_الخير",),
        ("طبخ",),
        ("كرة_القدم",),
        ("موسيقى",),
        ("تقنية",),
        ("سفر",),
        ("سياسة",),
        ("أفلام",),
    ),
    "ja": (
        ("おはよう",),
        ("ラーメン", "カフェ"),
        ("サッカー",),
        ("音楽",),
        ("ガジェット",),
        ("旅行",),
        ("政治",),
        ("映画",),
    ),
    "zh": (("早安",), ("美食",), ("足球",), ("音乐",), ("科技",), ("旅行",), ("政治",), ("电影",)),
    "id": (
        ("selamatpagi",),
        ("kuliner",),
        ("sepakbola",),
        ("musik",),
        ("teknologi",),
        ("jalanjalan",),
        ("politik",),
        ("film",),
    ),
    "tr": (
        ("günaydın",),
        ("yemek",),
        ("futbol",),
        ("müzik",),
        ("teknoloji",),
        ("seyahat",),
        ("siyaset",),
        ("dizi",),
    ),
    "it": (
        ("buongiorno",),
        ("cucina",),
        ("seriea", "calcio"),
        ("musica",),
        ("tecnologia",),
        ("viaggi",),
        ("politica",),
        ("serietv",),
    ),
    "ro": (
        ("bunădimineața",),
        ("mâncare",),
        ("fotbal",),
        ("muzică",),
        ("tehnologie",),
        ("călătorii",),
        ("politică",),
        ("filme",),
    ),
    "uk": (
        ("добранок",),
        ("їжа",),
        ("футбол",),
        ("музика",),
        ("технології",),
        ("подорожі",),
        ("політика",),
        ("кіно",),
    ),
}

#: Event-style hashtags that trend for a day or two; a world picks its own few per day.
TRENDING_TAGS: tuple[str, ...] = (
    "worldcupfinal",
    "eurovision",
    "oscars",
    "grammys",
    "superbowl",
    "elclasico",
    "nbafinals",
    "metgala",
    "blackfriday",
    "wwdc",
    "championsleague",
    "wimbledon",
    "tourdefrance",
    "f1",
    "coachella",
    "gameawards",
    "nationalpetday",
    "earthday",
    "pride",
    "backtoschool",
    "heatwave",
    "snowday",
    "solareclipse",
    "electionnight",
    "marchmadness",
    "bbb",
    "tatort",
    "koshien",
    "ballondor",
    "fashionweek",
    "comiccon",
    "nationaldogday",
)


@dataclass(frozen=True)
class Details:
    """How one language writes the small particulars that make a post someone's own.

    Each template holds one ``{}`` for the value: ``name`` addresses a friend by name at the
    start, ``place`` says where, ``clock`` when, ``day`` which day of a streak or trip. Values
    come from the language's names and cities, and random clock times and numbers, so two
    posts of one person about the same thing seldom share all their particulars.
    """

    name: str
    place: str
    clock: str
    day: str


DETAILS: dict[str, Details] = {
    "en": Details("{}, ", "in {}", "at {}", "Day {}:"),
    "es": Details("{}, ", "en {}", "a las {}", "Día {}:"),
    "pt": Details("{}, ", "em {}", "às {}", "Dia {}:"),
    "de": Details("{}, ", "in {}", "um {}", "Tag {}:"),
    "fr": Details("{}, ", "à {}", "à {}", "Jour {} :"),
    "ru": Details("{}, ", "📍 {}", "в {}", "День {}:"),
    "ar": Details("{}، ", "في {}", "الساعة {}", "اليوم {}:"),
    "ja": Details("{}さん、", "{}で", "{}に", "{}日目："),
    "zh": Details("{}，", "在{}", "{}", "第{}天："),
    "id": Details("{}, ", "di {}", "jam {}", "Hari ke-{}:"),
    "tr": Details("{}, ", "📍 {}", "saat {}", "{}. gün:"),
    "it": Details("{}, ", "a {}", "alle {}", "Giorno {}:"),
    "ro": Details("{}, ", "în {}", "la {}", "Ziua {}:"),
    "uk": Details("{}, ", "📍 {}", "о {}", "День {}:"),
}
