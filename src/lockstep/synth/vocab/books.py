"""Phrase books of abusers and of the seeds' explicit non-violators, in several languages.

A book maps a language to templates. Placeholders in braces (``{product}``, ``{n}``,
``{cand}``, ...) are filled per campaign in Python over these few templates, then the
generators pick among the filled texts with NumPy. A book without the wanted language falls
back to English (:func:`book`), the way real spam often does.
"""

from __future__ import annotations

Book = dict[str, tuple[str, ...]]


def _b(**langs: str) -> Book:
    """A book written as ``lang="t1 | t2 | ..."``."""
    return {lang: tuple(t.strip() for t in text.split(" | ")) for lang, text in langs.items()}


def book(b: Book, lang: str) -> tuple[str, ...]:
    """The templates of ``lang``, or the English ones when the book lacks the language."""
    return b.get(lang) or b["en"]


PRODUCTS = _b(
    en="wireless earbuds | smart watches | LED strip lights | skincare sets | phone cases | "
    "protein powder | running shoes | sunglasses | air fryers | hair dryers",
    es="auriculares inalámbricos | relojes inteligentes | luces LED | zapatillas | gafas de sol",
    pt="fones sem fio | relógios inteligentes | luzes de LED | tênis de corrida | óculos de sol",
    de="kabellose Kopfhörer | Smartwatches | LED-Streifen | Laufschuhe | Sonnenbrillen",
    fr="écouteurs sans fil | montres connectées | rubans LED | baskets | lunettes de soleil",
    ru="беспроводные наушники | смарт-часы | LED-ленты | кроссовки | солнцезащитные очки",
    id="earbuds wireless | jam tangan pintar | lampu LED | sepatu lari | kacamata hitam",
    tr="kablosuz kulaklık | akıllı saat | LED şerit | koşu ayakkabısı | güneş gözlüğü",
    it="auricolari wireless | smartwatch | strisce LED | scarpe da corsa | occhiali da sole",
    ar="سماعات لاسلكية | ساعات ذكية | أضواء LED | أحذية رياضية | نظارات شمسية",
)

PROMO = _b(
    en="🔥 Huge sale on {product}, {pct}% off today only! | Get {product} at {pct}% off, "
    "limited stock! | Best {product} deals of the year, don't miss out | {product} everyone is "
    "talking about. Order now 👇 | Flash sale: {product} from just ${price}! | Last chance: "
    "{product} -{pct}% ⏰",
    es="🔥 Oferta increíble en {product}, {pct}% de descuento solo hoy! | {product} al {pct}% "
    "de descuento, ¡últimas unidades! | Las mejores ofertas de {product} del año 👇",
    pt="🔥 Promoção imperdível de {product}, {pct}% off só hoje! | {product} com {pct}% de "
    "desconto, últimas unidades! | As melhores ofertas de {product} do ano 👇",
    de="🔥 Riesiger Sale: {product} heute {pct}% günstiger! | {product} mit {pct}% Rabatt, nur "
    "solange der Vorrat reicht! | Die besten Angebote für {product} des Jahres 👇",
    fr="🔥 Énorme promo sur {product}, -{pct}% aujourd'hui seulement ! | {product} à -{pct}%, "
    "stock limité ! | Les meilleures offres {product} de l'année 👇",
    ru="🔥 Огромная распродажа: {product} со скидкой {pct}% только сегодня! | {product} -{pct}%, "
    "количество ограничено! | Лучшие предложения на {product} 👇",
    id="🔥 Diskon besar {product} {pct}% hari ini saja! | {product} potongan {pct}%, stok "
    "terbatas! | Promo {product} terbaik tahun ini 👇",
    tr="🔥 {product} için dev indirim, sadece bugün %{pct}! | "
    "{product} %{pct} indirimli, stoklarla "
    "sınırlı! | Yılın en iyi {product} fırsatları 👇",
    it="🔥 Super saldi su {product}, -{pct}% solo oggi! | {product} scontati del {pct}%, ultimi "
    "pezzi! | Le migliori offerte su {product} dell'anno 👇",
    ar="🔥 تخفيضات ضخمة على {product} بخصم {pct}% اليوم فقط! | {product} بخصم {pct}%، الكمية "
    "محدودة! | أفضل عروض {product} هذا العام 👇",
)

MONEY = _b(
    en="Make $500 a day from home, no experience needed 💸 | Crypto signals with 95% accuracy 📈 "
    "join now | Lose 10kg in 2 weeks with this one trick | I turned $100 into $4,000 in a week, "
    "ask me how | Free iPhone for the first 100 people, hurry",
    es="Gana 500 € al día desde casa, sin experiencia 💸 | Señales cripto con 95% de acierto 📈 | "
    "Convertí 100 € en 4.000 € en una semana, pregúntame cómo",
    pt="Ganhe R$500 por dia em casa, sem experiência 💸 | Sinais de cripto com 95% de acerto 📈 | "
    "Transformei R$100 em R$4.000 em uma semana, me pergunte como",
    de="Verdiene 500 € am Tag von zu Hause, ohne Vorkenntnisse 💸 | Krypto-Signale mit 95 % "
    "Trefferquote 📈 | Aus 100 € wurden 4.000 € in einer Woche, frag mich wie",
    fr="Gagnez 500 € par jour depuis chez vous, sans expérience 💸 | Signaux crypto fiables à "
    "95 % 📈 | J'ai transformé 100 € en 4 000 € en une semaine, demandez-moi comment",
    ru="Зарабатывай 500$ в день из дома без опыта 💸 | Крипто-сигналы с точностью 95% 📈 | "
    "Превратил 100$ в 4000$ за неделю, спроси как",
    id="Hasilkan 5 juta per hari dari rumah tanpa pengalaman 💸 | Sinyal kripto akurat 95% 📈",
    tr="Evden günde 500$ kazan, deneyim gerekmez 💸 | %95 doğrulukla kripto sinyalleri 📈",
)

INCENTIVE = _b(
    en="Follow me and I'll follow back 💯 #f4f | F4F? Drop your @ below 👇 I follow everyone "
    "back | sub4sub! Subscribe to my channel and I'll sub back, 100% | like4like ❤️ like my last "
    "post and I'll like yours | 1000 followers for just ${price} 🚀 DM me | Buy real followers "
    "& likes, cheap and instant | Cheap likes, views and followers, best price guaranteed | "
    "GIVEAWAY 🎁 Follow + RT + tag 3 friends to win an {prize}! | Gain followers fast: follow "
    "everyone who likes this 🚀 | Need more followers? 5k for ${price}, delivery in 24h",
    es="Sígueme y te sigo de vuelta 💯 | ¿F4F? Deja tu @ abajo 👇 sigo a todos | ¡Suscríbete a mi "
    "canal y me suscribo al tuyo! | Like por like ❤️ | 1000 seguidores por solo {price} € 🚀 "
    "escríbeme | Compra seguidores y likes reales, baratos e instantáneos | SORTEO 🎁 Sígueme + "
    "RT + menciona a 3 amigos para ganar un {prize}!",
    pt="Me segue que eu sigo de volta 💯 | Troca de seguidores? Deixa seu @ aqui 👇 | Se inscreve "
    "no meu canal que eu me inscrevo no seu! | Curtida por curtida ❤️ | 1000 seguidores por "
    "apenas R${price} 🚀 chama no direct | Compre seguidores e curtidas reais, barato e rápido "
    "| SORTEIO 🎁 Siga + RT + marque 3 amigos para ganhar um {prize}!",
    de="Folg mir und ich folge zurück 💯 | Follow gegen Follow? Lass dein @ da 👇 | Abo gegen Abo! "
    "Abonniere meinen Kanal, ich abonniere zurück | Like gegen Like ❤️ | 1000 Follower für nur "
    "{price} € 🚀 schreib mir | Echte Follower und Likes kaufen, günstig und sofort | "
    "GEWINNSPIEL 🎁 Folgen + RT + 3 Freunde markieren und ein {prize} gewinnen!",
    fr="Abonne-toi et je m'abonne en retour 💯 | Follow pour follow ? Laisse ton @ 👇 | Abonnement "
    "pour abonnement ! | Like pour like ❤️ | 1000 abonnés pour seulement {price} € 🚀 DM | "
    "Achète des abonnés et des likes réels, pas cher et instantané | CONCOURS 🎁 Follow + RT + "
    "tag 3 amis pour gagner un {prize} !",
    ru="Подпишись, и я подпишусь в ответ 💯 | Взаимная подписка! Оставь свой @ 👇 | Лайк за лайк "
    "❤️ | 1000 подписчиков всего за {price}$ 🚀 пиши в ЛС | Накрутка подписчиков и лайков, "
    "дёшево и быстро | РОЗЫГРЫШ 🎁 Подпишись + репост + отметь 3 друзей и выиграй {prize}!",
    ar="تابعني وأتابعك فوراً 💯 | متابعة مقابل متابعة، اترك حسابك هنا 👇 | لايك مقابل لايك ❤️ | "
    "1000 متابع بـ {price} دولار فقط 🚀 راسلني | اشترِ متابعين ولايكات حقيقية بسعر رخيص | "
    "مسابقة 🎁 تابع + ريتويت + منشن 3 أصدقاء واربح {prize}!",
    id="Follow aku, pasti aku follback 💯 | F4F? Tinggalkan @ kamu di bawah 👇 | "
    "Sub4sub! Subscribe "
    "channel aku, aku subscribe balik | Like4like ❤️ | 1000 followers cuma {price}rb 🚀 DM aja "
    "| Jual followers dan likes asli, murah dan cepat | GIVEAWAY 🎁 Follow + RT + tag 3 teman, "
    "menangkan {prize}!",
    tr="Beni takip et, geri takip ederim 💯 | Takibe takip! @'ini bırak 👇 | Beğeniye beğeni ❤️ | "
    "Sadece {price}₺'ye 1000 takipçi 🚀 DM | Gerçek takipçi ve beğeni satın al, ucuz ve hızlı "
    "| ÇEKİLİŞ 🎁 Takip et + RT + 3 arkadaşını etiketle, {prize} kazan!",
    it="Seguimi e ti seguo subito 💯 | Follow per follow? Lascia la tua @ 👇 | Like per like ❤️ | "
    "1000 follower a soli {price} € 🚀 scrivimi | Compra follower e like reali, economici e "
    "immediati | GIVEAWAY 🎁 Segui + RT + tagga 3 amici per vincere un {prize}!",
    ja="フォローしてくれたら100%フォロバします💯 | 相互フォロー募集中！👇 | いいね返しします❤️ | "
    "フォロワー1000人がたったの{price}ドル🚀 DMください | "
    "プレゼント企画🎁 フォロー＆RTで{prize}が当たる！",
    zh="关注我，我一定回关 💯 | 互关互赞！留下你的账号 👇 | 点赞互赞 ❤️ | "
    "1000粉丝只要{price}元 🚀 私信我 | 抽奖 🎁 关注+转发+@三位好友赢{prize}！",
)

PRIZES = ("iPhone 15", "PS5", "MacBook", "$500 gift card", "Samsung Galaxy", "Nintendo Switch")

SELL_ACCOUNT = _b(
    en="Selling this account, {n}k followers, DM for price | Account for sale 💰 {n}k real "
    "followers, serious buyers only | Selling aged account with {n}k followers. DM offers | "
    "This account is for sale: {n}k followers, {topic} niche. DM me",
    es="Vendo esta cuenta, {n}k seguidores, precio por DM | Cuenta en venta 💰 {n}k seguidores "
    "reales, solo compradores serios",
    pt="Vendo essa conta, {n}k seguidores, chama no DM | Conta à venda 💰 {n}k seguidores "
    "reais, só compradores sérios",
    de="Verkaufe diesen Account, {n}k Follower, Preis per DM | Account zu verkaufen 💰 {n}k "
    "echte Follower, nur ernsthafte Anfragen",
    fr="Je vends ce compte, {n}k abonnés, prix en DM | Compte à vendre 💰 {n}k abonnés réels, "
    "acheteurs sérieux uniquement",
    ru="Продам этот аккаунт, {n}k подписчиков, цена в ЛС | Аккаунт на продажу 💰 {n}k живых "
    "подписчиков, только серьёзные покупатели",
    ar="للبيع هذا الحساب، {n} ألف متابع، السعر بالخاص | حساب للبيع 💰 {n} ألف متابع حقيقي",
    id="Jual akun ini, {n}rb followers, harga via DM | Akun dijual 💰 {n}rb followers asli",
    tr="Bu hesap satılık, {n}B takipçi, fiyat için DM | Satılık hesap 💰 {n}B gerçek takipçi",
    it="Vendo questo account, {n}k follower, prezzo in DM | Account in vendita 💰 {n}k "
    "follower reali",
)

BUY_ACCOUNT = _b(
    en="Buying aged accounts with {n}k+ followers, paying well. DM | Looking to buy an account "
    "in the {topic} niche, {n}k+ followers. DM me | Want to sell your account? I pay cash for "
    "{n}k+ followers",
    es="Compro cuentas con {n}k+ seguidores, pago bien. DM | ¿Quieres vender tu cuenta? Pago al "
    "contado por {n}k+ seguidores",
    pt="Compro contas com {n}k+ seguidores, pago bem. DM | Quer vender sua conta? Pago à vista",
    de="Kaufe Accounts mit {n}k+ Followern, zahle gut. DM | Du willst deinen Account verkaufen? "
    "Ich zahle bar",
    ru="Куплю аккаунт от {n}k подписчиков, пишите в ЛС | Хотите продать аккаунт? Плачу сразу",
    id="Beli akun {n}rb+ followers, bayar mahal. DM",
    tr="{n}B+ takipçili hesap satın alıyorum, iyi öderim. DM",
)

PHISH = _b(
    en="Your account has been limited. Verify your identity within 24h: | ⚠️ Security alert: "
    "unusual login detected. Confirm here | Congratulations! You won a {prize}. Claim it now: | "
    "Download the new {app} with extra features 👉 | Your parcel is on hold, pay the customs "
    "fee: | Free {app} premium for 1 year, install here",
    es="Tu cuenta ha sido limitada. Verifica tu identidad en 24h: | ⚠️ Alerta de seguridad: "
    "inicio de sesión inusual. Confirma aquí | ¡Felicidades! Ganaste un {prize}. Reclámalo: | "
    "Descarga el nuevo {app} con funciones extra 👉",
    pt="Sua conta foi limitada. Verifique sua identidade em 24h: | ⚠️ Alerta de segurança: login "
    "incomum detectado. Confirme aqui | Parabéns! Você ganhou um {prize}. Resgate agora: | "
    "Baixe o novo {app} com recursos extras 👉",
    de="Ihr Konto wurde eingeschränkt. Bestätigen Sie Ihre Identität innerhalb von 24 Std.: | "
    "⚠️ Sicherheitswarnung: ungewöhnliche Anmeldung. Hier bestätigen | Ihr Paket wird "
    "zurückgehalten, Zollgebühr zahlen: | Lade das neue {app} mit Extra-Funktionen 👉",
    fr="Votre compte a été limité. Vérifiez votre identité sous 24 h : | ⚠️ Alerte sécurité : "
    "connexion inhabituelle. Confirmez ici | Votre colis est bloqué, réglez les frais de douane :"
    " | Téléchargez le nouveau {app} avec plus de fonctions 👉",
    ru="Ваш аккаунт ограничен. Подтвердите личность в течение 24 часов: | ⚠️ Обнаружен "
    "подозрительный вход. Подтвердите здесь | Поздравляем! Вы выиграли {prize}. Заберите: | "
    "Скачай новый {app} с доп. функциями 👉",
    ar="تم تقييد حسابك. أكّد هويتك خلال 24 ساعة: | ⚠️ تنبيه أمني: تسجيل دخول غير معتاد. أكّد هنا | "
    "مبروك! ربحت {prize}. استلمه الآن: | حمّل {app} الجديد بميزات إضافية 👉",
    id="Akun kamu dibatasi. Verifikasi identitas dalam 24 jam: | Selamat! Kamu menang {prize}. "
    "Klaim sekarang: | Download {app} versi baru dengan fitur tambahan 👉",
    tr="Hesabınız kısıtlandı. 24 saat içinde kimliğinizi doğrulayın: | Tebrikler! {prize} "
    "kazandınız. Hemen alın: | Ekstra özellikli yeni {app} uygulamasını indir 👉",
    it="Il tuo account è stato limitato. Verifica la tua identità entro 24 ore: | Il tuo pacco è "
    "in giacenza, paga le spese doganali: | Scarica il nuovo {app} con funzioni extra 👉",
)

APPS = ("WhatsApp Gold", "Netflix", "Spotify", "VPN Pro", "Instagram Plus", "TikTok Pro")

MISLEAD = _b(
    en="You won't believe what happened next 😱 | Exclusive deal for our followers only 👉 | "
    "Get your free {prize} here: | Watch the full video here 👇 | Top 10 deals today, up to "
    "{pct}% off: | This trick saves you hundreds:",
    es="No vas a creer lo que pasó después 😱 | Oferta exclusiva para nuestros seguidores 👉 | "
    "Mira el video completo aquí 👇 | Las 10 mejores ofertas de hoy, hasta {pct}% menos:",
    pt="Você não vai acreditar no que aconteceu 😱 | Oferta exclusiva para seguidores 👉 | Veja o "
    "vídeo completo aqui 👇 | As 10 melhores ofertas de hoje, até {pct}% off:",
    de="Du wirst nicht glauben, was dann passierte 😱 | Exklusives Angebot nur für Follower 👉 | "
    "Das ganze Video hier 👇 | Die 10 besten Deals heute, bis zu {pct}% Rabatt:",
    fr="Vous n'allez pas croire la suite 😱 | Offre exclusive pour nos abonnés 👉 | La vidéo "
    "complète ici 👇 | Top 10 des bons plans du jour, jusqu'à -{pct}% :",
    ru="Вы не поверите, что было дальше 😱 | Эксклюзивное предложение для подписчиков 👉 | "
    "Полное видео здесь 👇",
    id="Kamu nggak akan percaya apa yang terjadi 😱 | Promo eksklusif khusus followers 👉 | "
    "Nonton video lengkapnya di sini 👇",
    tr="Sonra olanlara inanamayacaksınız 😱 | Takipçilerimize özel fırsat 👉 | Videonun tamamı "
    "burada 👇",
)

COPYPASTA = _b(
    en="I do not give permission to use my photos or posts. Copy and paste this before it's too "
    "late! | Everyone needs to see this: they are hiding the truth about {thing}. Share before "
    "it gets deleted! | Scientists finally admit {thing} was never safe. Spread the word! | Copy "
    "this to your timeline if you stand with our farmers 🚜 | This is not a drill: {thing} "
    "prices will double next month. Tell everyone!",
    es="No doy permiso para usar mis fotos ni publicaciones. ¡Copia y pega esto antes de que sea "
    "tarde! | Todos deben ver esto: esconden la verdad sobre {thing}. ¡Compártelo antes de que "
    "lo borren! | Los científicos por fin admiten que {thing} nunca fue seguro. ¡Difúndelo!",
    pt="Não dou permissão para usarem minhas fotos ou posts. Copie e cole antes que seja tarde! "
    "| Todo mundo precisa ver isso: estão escondendo a verdade sobre {thing}. Compartilhe antes "
    "que apaguem! | Cientistas finalmente admitem que {thing} nunca foi seguro. Espalhem!",
    de="Ich erlaube nicht, meine Fotos oder Beiträge zu verwenden. Kopiert das, bevor es zu spät "
    "ist! | Alle müssen das sehen: Sie verschweigen die Wahrheit über {thing}. Teilen, bevor es "
    "gelöscht wird! | Wissenschaftler geben endlich zu, dass {thing} nie sicher war. Weitersagen!",
    fr="Je n'autorise personne à utiliser mes photos ou publications. Copiez-collez ceci avant "
    "qu'il ne soit trop tard ! | Tout le monde doit voir ça : on nous cache la vérité sur {thing}"
    ". Partagez avant la suppression !",
    ru="Я не даю разрешения использовать мои фото и посты. Скопируйте это, пока не поздно! | "
    "Все должны это увидеть: от нас скрывают правду о {thing}. Распространите, пока не удалили!",
    ar="لا أسمح باستخدام صوري أو منشوراتي. انسخ والصق هذا قبل فوات الأوان! | يجب أن يرى الجميع "
    "هذا: إنهم يخفون الحقيقة عن {thing}. انشرها قبل أن تُحذف!",
    id="Saya tidak memberi izin untuk memakai foto atau postingan saya. Salin dan tempel sebelum "
    "terlambat! | Semua harus lihat ini: mereka menyembunyikan kebenaran soal {thing}. Sebarkan "
    "sebelum dihapus!",
    tr="Fotoğraflarımı veya paylaşımlarımı kullanmaya izin vermiyorum. Geç olmadan kopyala "
    "yapıştır! | Herkes bunu görmeli: {thing} hakkındaki gerçeği saklıyorlar. Silinmeden paylaş!",
    it="Non do il permesso di usare le mie foto o i miei post. Copia e incolla prima che sia "
    "tardi! | Tutti devono vederlo: nascondono la verità su {thing}. Condividi prima che lo "
    "cancellino!",
)

THINGS = _b(
    en="the water supply | 5G towers | the new vaccine | food prices | the bank merger",
    es="el agua del grifo | las antenas 5G | la nueva vacuna | los precios de la comida",
    pt="a água da torneira | as antenas 5G | a nova vacina | o preço dos alimentos",
    de="das Leitungswasser | 5G-Masten | den neuen Impfstoff | die Lebensmittelpreise",
    fr="l'eau du robinet | les antennes 5G | le nouveau vaccin | les prix alimentaires",
    ru="водопроводную воду | вышки 5G | новую вакцину | цены на продукты",
    ar="مياه الشرب | أبراج الجيل الخامس | اللقاح الجديد | أسعار الغذاء",
    id="air keran | menara 5G | vaksin baru | harga pangan",
    tr="musluk suyu | 5G kuleleri | yeni aşı | gıda fiyatları",
    it="l'acqua del rubinetto | le antenne 5G | il nuovo vaccino | i prezzi del cibo",
)

MENTION_SPAM = _b(
    en="hey! check out my profile, you'll love it 🔥 | DM me for a collab 💼 | earn $500/day from "
    "home, ask me how 💸 | follow me for daily crypto signals 📈 | your content is 🔥 let's work "
    "together, DM | I have a special offer just for you, check my bio",
    es="¡hola! mira mi perfil, te va a encantar 🔥 | escríbeme para una colaboración 💼 | gana "
    "500 € al día desde casa 💸 | tengo una oferta especial para ti, mira mi bio",
    pt="oi! dá uma olhada no meu perfil, você vai amar 🔥 | me chama pra uma parceria 💼 | ganhe "
    "R$500 por dia em casa 💸 | tenho uma oferta especial pra você, olha minha bio",
    de="hey! schau mal auf mein Profil, wird dir gefallen 🔥 | schreib mir für eine Kooperation 💼"
    " | verdiene 500 € am Tag von zu Hause 💸 | ich hab ein Angebot nur für dich, schau in meine "
    "Bio",
    ru="привет! загляни ко мне в профиль 🔥 | пиши в ЛС насчёт сотрудничества 💼 | заработок от "
    "500$ в день из дома 💸",
    id="halo kak! cek profil aku ya 🔥 | DM aku buat kolaborasi 💼 | "
    "cuan 5 juta sehari dari rumah 💸",
    tr="selam! profilime bir bak, bayılacaksın 🔥 | iş birliği için DM 💼 | evden günde 500$ 💸",
)

TRAIN = _b(
    en="🚂 FOLLOW TRAIN 🚂 Like & RT, follow everyone below and follow back! | All aboard the gain "
    "train 🚂 follow all who RT this | Mutuals train 🚂 reply with your @ and follow everyone "
    "who replies",
    es="🚂 TREN DE SEGUIDORES 🚂 dale like y RT, sigue a todos los de abajo y te siguen de vuelta! "
    "| Todos al tren 🚂 sigue a quien dé RT",
    pt="🚂 TREM DE SEGUIDORES 🚂 curte e dá RT, segue todo mundo aqui embaixo e sigam de volta! | "
    "Todos no trem 🚂 siga quem der RT",
    de="🚂 FOLLOW-ZUG 🚂 Liken, retweeten, allen unten folgen und zurückfolgen! | Alle einsteigen "
    "🚂 folgt allen, die das retweeten",
    fr="🚂 TRAIN DE FOLLOW 🚂 like et RT, suivez tout le monde en dessous et suivez en retour ! | "
    "Tout le monde à bord 🚂 suivez ceux qui RT",
    id="🚂 FOLLOW TRAIN 🚂 like & RT, follow semua di bawah dan follback! | Naik kereta "
    "followers 🚂 follow semua yang RT",
    tr="🚂 TAKİP TRENİ 🚂 beğen ve RT yap, aşağıdaki herkesi takip et, geri takip gelsin!",
)

LIVESTREAM = _b(
    en="🔴 LIVE: {product} unboxing + giveaway | "
    "LIVE now: big sale, {pct}% off everything | 🔴 Live "
    "Q&A and flash deals | Live: {product} haul, exclusive codes inside",
    es="🔴 EN VIVO: unboxing de {product} + sorteo | En vivo ahora: gran oferta, {pct}% en todo",
    pt="🔴 AO VIVO: unboxing de {product} + sorteio | Live agora: promoção, {pct}% em tudo",
    de="🔴 LIVE: {product} Unboxing + Gewinnspiel | Jetzt live: großer Sale, {pct}% auf alles",
    id="🔴 LIVE: unboxing {product} + giveaway | Live sekarang: diskon {pct}% semua produk",
    tr="🔴 CANLI: {product} kutu açılışı + çekiliş | Şimdi canlı: her şeyde %{pct} indirim",
)

#: Fans' replies to a star: short, emphatic, and often alike across unrelated fans.
FAN_REPLY = _b(
    en="I love you so much 😍 | QUEEN 👑 | omg this is everything | can't wait for the tour!! | "
    "you never miss 🔥 | crying rn 😭😭 | first! ❤️ | legend | this is art | "
    "notifications on for you always | the vocals 😭 | so proud of you | 😍😍😍 | ICON",
    es="te amo 😍 | REINA 👑 | esto es todo | ¡no puedo esperar la gira! | nunca fallas 🔥 | "
    "llorando 😭😭 | leyenda | qué orgullo | 😍😍😍",
    pt="te amo demais 😍 | RAINHA 👑 | isso é tudo | não vejo a hora da turnê!! | você nunca erra "
    "🔥 | chorando 😭😭 | lenda | que orgulho | 😍😍😍",
    ja="大好き😍 | 神 | 最高すぎる | ツアー楽しみ！！ | 泣いた😭😭 | 一生推す | 尊い | 😍😍😍",
    id="love you kak 😍 | QUEEN 👑 | keren banget | nggak sabar nonton konsernya!! | nangis 😭😭 | "
    "legend | bangga banget | 😍😍😍",
    tr="seni çok seviyorum 😍 | KRALİÇE 👑 | efsane | turneyi bekliyorum!! | ağladım 😭😭 | 😍😍😍",
    de="ich liebe dich 😍 | QUEEN 👑 | das ist alles | kann die Tour kaum erwarten!! | Legende | "
    "so stolz auf dich | 😍😍😍",
)

#: Organic causes: (language, hashtag, subject phrases, stance phrases, personal phrases).
CAUSES: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "en",
        "climatestrike",
        (
            "our city's climate plan",
            "the new coal plant",
            "clean air for our kids",
            "the river cleanup",
            "public transport funding",
            "the heat action plan",
        ),
        (
            "needs action now.",
            "can't wait any longer.",
            "is long overdue.",
            "needs all of us.",
            "is worth showing up for.",
            "matters more than ever.",
        ),
        (
            "Marching today with my neighbours.",
            "Brought my kids along this time.",
            "Wrote to my council rep this morning.",
            "First protest of my life, nervous but proud.",
            "Signed the petition, took two minutes.",
            "Our whole office walked out at noon.",
            "Grandma came too 💚",
            "See you at the square.",
        ),
    ),
    (
        "de",
        "mietenstopp",
        (
            "bezahlbare Mieten in unserer Stadt",
            "der Mietendeckel",
            "der Leerstand in meinem Viertel",
            "die nächste Mieterhöhung",
            "sozialer Wohnungsbau",
        ),
        (
            "geht uns alle an.",
            "darf nicht länger warten.",
            "ist überfällig.",
            "braucht jetzt Druck von der Straße.",
            "ist kein Luxus.",
        ),
        (
            "Bin heute mit meiner WG auf der Demo.",
            "Habe gerade die Petition unterschrieben.",
            "Zum ersten Mal auf einer Demo, Gänsehaut.",
            "Unsere Hausgemeinschaft ist komplett dabei.",
            "Schild gebastelt, los geht's.",
            "Wir sehen uns am Rathaus.",
        ),
    ),
    (
        "es",
        "sanidadpública",
        (
            "la sanidad pública",
            "las listas de espera",
            "el centro de salud de mi barrio",
            "las plantillas de enfermería",
            "la atención primaria",
        ),
        (
            "no se vende, se defiende.",
            "no puede esperar más.",
            "merece más recursos.",
            "es de todos.",
            "necesita nuestro apoyo hoy.",
        ),
        (
            "Hoy salgo a la calle con mi madre.",
            "Acabo de firmar la petición.",
            "Mi primera manifestación, emocionada.",
            "Todo el barrio está en la plaza.",
            "Nos vemos frente al hospital.",
            "Pancarta lista 💚",
        ),
    ),
    (
        "pt",
        "salveaamazônia",
        (
            "a floresta amazônica",
            "o desmatamento na minha região",
            "os povos indígenas",
            "os rios do Pará",
            "a fiscalização ambiental",
        ),
        (
            "precisa de proteção agora.",
            "não pode esperar.",
            "é responsabilidade de todos.",
            "merece mais atenção.",
            "é o nosso futuro.",
        ),
        (
            "Hoje vou pra rua com meus amigos.",
            "Acabei de assinar o abaixo-assinado.",
            "Minha primeira manifestação, emocionada.",
            "A escola inteira foi junto.",
            "Nos vemos na praça.",
        ),
    ),
    (
        "fr",
        "grèvepourleclimat",
        (
            "le plan climat de la ville",
            "la nouvelle autoroute",
            "l'air que respirent nos enfants",
            "les transports publics",
            "la rénovation des logements",
        ),
        (
            "ne peut plus attendre.",
            "nous concerne tous.",
            "mérite mieux.",
            "exige des actes maintenant.",
            "vaut la peine de se mobiliser.",
        ),
        (
            "Je marche aujourd'hui avec mes voisins.",
            "Je viens de signer la pétition.",
            "Première manif de ma vie, un peu stressée.",
            "Toute la classe est venue.",
            "On se retrouve place de la République.",
        ),
    ),
    (
        "id",
        "selamatkanhutan",
        (
            "hutan Kalimantan",
            "sungai di kampung kami",
            "udara bersih buat anak-anak",
            "tambang baru di hulu",
        ),
        (
            "harus dilindungi sekarang.",
            "nggak bisa nunggu lagi.",
            "tanggung jawab kita semua.",
            "butuh perhatian lebih.",
        ),
        (
            "Hari ini ikut aksi bareng teman kampus.",
            "Barusan tanda tangan petisi.",
            "Aksi pertamaku, deg-degan tapi bangga.",
            "Ketemu di bundaran ya.",
        ),
    ),
)

#: Headline parts of news outlets: (subjects, events) per language.
HEADLINES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        (
            "City council",
            "Local hospital",
            "The central bank",
            "Police",
            "Weather service",
            "The football club",
            "Researchers",
            "Transit authority",
        ),
        (
            "approves new budget",
            "warns of storms this weekend",
            "opens new wing",
            "raises interest rates",
            "signs new striker",
            "publishes study on air quality",
            "announces fare changes",
            "confirms road closures",
        ),
    ),
    "de": (
        (
            "Stadtrat",
            "Uniklinik",
            "Bundesbank",
            "Polizei",
            "Wetterdienst",
            "Der Verein",
            "Forschende",
            "Verkehrsbetriebe",
        ),
        (
            "beschließt neuen Haushalt",
            "warnt vor Unwetter am Wochenende",
            "eröffnet neuen Flügel",
            "senkt Prognose",
            "verpflichtet neuen Stürmer",
            "legen Studie zur Luftqualität vor",
            "kündigen neue Tarife an",
            "meldet Sperrungen",
        ),
    ),
    "es": (
        (
            "El ayuntamiento",
            "El hospital",
            "El banco central",
            "La policía",
            "Meteorología",
            "El club",
            "Investigadores",
        ),
        (
            "aprueba nuevo presupuesto",
            "alerta por tormentas este fin de semana",
            "abre nueva ala",
            "sube los tipos de interés",
            "ficha a un nuevo delantero",
            "publican estudio sobre la calidad del aire",
        ),
    ),
    "pt": (
        ("A prefeitura", "O hospital", "O Banco Central", "A polícia", "A Defesa Civil", "O clube"),
        (
            "aprova novo orçamento",
            "alerta para chuvas no fim de semana",
            "inaugura nova ala",
            "mantém juros",
            "contrata novo atacante",
            "divulga estudo sobre qualidade do ar",
        ),
    ),
    "fr": (
        ("Le conseil municipal", "L'hôpital", "La banque centrale", "La police", "Météo-France"),
        (
            "adopte un nouveau budget",
            "alerte sur des orages ce week-end",
            "ouvre une nouvelle aile",
            "relève ses taux",
            "publie une étude sur la qualité de l'air",
        ),
    ),
    "it": (
        ("Il consiglio comunale", "L'ospedale", "La Banca d'Italia", "La polizia", "Il club"),
        (
            "approva il nuovo bilancio",
            "allerta maltempo per il weekend",
            "inaugura un nuovo reparto",
            "acquista un nuovo attaccante",
            "pubblica uno studio sull'aria",
        ),
    ),
    "ja": (
        ("市議会", "市立病院", "日銀", "警察", "気象庁", "地元クラブ"),
        (
            "が新予算を可決",
            "が週末の大雨に警戒呼びかけ",
            "が新病棟を開設",
            "が金利据え置き",
            "が新FWを獲得",
            "が大気質の調査結果を公表",
        ),
    ),
}

#: Hobby bots: (kind, bio, templates); ``{x}`` is filled per post from the bot's own pool.
BOT_BIOS: dict[str, str] = {
    "clock": "🤖 I'm a bot. I chime every hour, like the old town clock. Made by @{owner}",
    "word": "🤖 Bot posting a random word every few hours. Code by @{owner}",
    "weather": "🤖 Automated weather reports for {city}. Maintained by @{owner}",
    "quake": "🤖 Automated: earthquakes above M4 as they are reported. Run by @{owner}",
    "art": "🤖 Generative art bot: a new pattern every few hours. By @{owner}",
}
BOT_WORDS: tuple[str, ...] = (
    "serendipity",
    "petrichor",
    "sonder",
    "halcyon",
    "ephemeral",
    "lagom",
    "hygge",
    "komorebi",
    "saudade",
    "mellifluous",
    "ineffable",
    "luminescence",
    "quixotic",
    "sempiternal",
    "vellichor",
    "apricity",
)
WEATHER_WORDS: tuple[str, ...] = (
    "clear sky ☀️",
    "light rain 🌦️",
    "overcast ☁️",
    "thunderstorms ⛈️",
    "fog 🌫️",
    "snow showers 🌨️",
    "partly cloudy ⛅",
)
QUAKE_PLACES: tuple[str, ...] = (
    "Hualien, Taiwan",
    "Ridgecrest, CA",
    "Izmir, Türkiye",
    "Valparaíso, Chile",
    "Hokkaido, Japan",
    "Sumatra, Indonesia",
    "Crete, Greece",
    "Anchorage, AK",
)

#: Business brands for branch accounts: (brand, topic of the business).
BRANDS_LOCAL: dict[str, tuple[str, ...]] = {
    "en": ("Northside Coffee", "Green Fork", "Pedal & Co", "Brightsmile Dental"),
    "de": ("Café Nord", "Bäckerei Sonnenkorn", "Radhaus", "Buchhandlung Seitenwind"),
    "es": ("Panadería Sol", "Café Luna", "Óptica Clara", "Pizzería Nápoles"),
    "pt": ("Padaria Aurora", "Café Colibri", "Ótica Visão", "Açaí da Praia"),
    "fr": ("Boulangerie Martin", "Café des Arts", "Librairie Page", "Cycles Lumière"),
    "it": ("Pasticceria Dolce", "Caffè Roma", "Ottica Luce", "Trattoria Nonna"),
    "ja": ("珈琲ほしぞら", "ベーカリー小麦", "らーめん一番"),
}

#: Promotions a business posts on all its branch accounts.
BRANCH_PROMO = _b(
    en="This weekend: 2-for-1 at all our locations! | Happy hour is back, every day 3-5pm at "
    "every {brand} | New seasonal menu at all {brand} locations from Monday",
    de="Dieses Wochenende: 2 für 1 in allen Filialen! | Neu ab Montag: unsere Herbstkarte in allen "
    "{brand}-Filialen | Happy Hour täglich 15-17 Uhr bei {brand}",
    es="Este finde: 2x1 en todos nuestros locales! | Nueva carta de temporada en todos los {brand} "
    "desde el lunes",
    pt="Neste fim de semana: leve 2 pague 1 em todas as lojas! | Cardápio novo em todas as "
    "unidades {brand} a partir de segunda",
    fr="Ce week-end : 2 pour 1 dans toutes nos boutiques ! | Nouvelle carte de saison dans tous "
    "les {brand} dès lundi",
    it="Questo weekend: 2x1 in tutti i nostri locali! | Nuovo menù stagionale in tutti i {brand} "
    "da lunedì",
    ja="今週末は全店で2点目無料！ | 月曜から{brand}全店で季節の新メニュー",
)

#: Political narratives of influence operations; {cand} is the favoured candidate, {rival} the
#: opponent, {country} the target country as written in the language.
NARRATIVE = _b(
    en="{cand} is the only one who tells the truth about {country} | Vote {cand}, {country} "
    "deserves better | {rival} sold out {country}. Never again. | The media won't tell you what "
    "{rival} did | Wake up {country}! {rival} is lying to you | Under {rival} prices doubled. "
    "Time for change with {cand}",
    es="{cand} es el único que dice la verdad sobre {country} | Vota {cand}, {country} merece algo "
    "mejor | {rival} vendió {country}. Nunca más. | Los medios no te cuentan lo que hizo {rival} "
    "| ¡Despierta {country}! {rival} te miente",
    pt="{cand} é o único que fala a verdade sobre o {country} | Vote {cand}, o {country} merece "
    "mais | {rival} vendeu o {country}. Nunca mais. | A mídia não mostra o que {rival} fez | "
    "Acorda {country}! {rival} está mentindo",
    de="{cand} ist der Einzige, der die Wahrheit über {country} sagt | Wählt {cand}, {country} "
    "verdient Besseres | {rival} hat {country} verkauft. Nie wieder. | Was {rival} getan hat, "
    "verschweigen die Medien | Wach auf, {country}! {rival} belügt dich",
    fr="{cand} est le seul à dire la vérité sur {country} | Votez {cand}, {country} mérite mieux "
    "| {rival} a vendu {country}. Plus jamais. | "
    "Les médias ne vous diront pas ce qu'a fait {rival}",
    ru="{cand} единственный, кто говорит правду о стране | Голосуй за {cand}, {country} "
    "заслуживает лучшего | {rival} продал {country}. Больше никогда. | СМИ молчат о том, что "
    "сделал {rival}",
    uk="{cand} єдиний, хто каже правду про {country} | Голосуй за {cand}, {country} заслуговує "
    "кращого | {rival} продав {country}. Ніколи знову. | ЗМІ мовчать про те, що зробив {rival}",
    ar="{cand} هو الوحيد الذي يقول الحقيقة عن {country} | صوّتوا لـ{cand}، {country} تستحق الأفضل | "
    "{rival} باع {country}. لن يتكرر ذلك. | الإعلام لن يخبرك بما فعله {rival}",
    id="{cand} satu-satunya yang jujur soal {country} | Pilih {cand}, {country} layak lebih baik | "
    "{rival} sudah menjual {country}. Jangan lagi. | Media tidak akan bilang apa yang {rival} "
    "lakukan | Bangun {country}! {rival} membohongi kita",
    tr="{cand} {country} hakkında gerçeği söyleyen tek kişi | {cand}'a oy ver, {country} daha "
    "iyisini hak ediyor | {rival} {country}'yi sattı. Bir daha asla. | "
    "Medya {rival}'ın yaptıklarını "
    "söylemiyor",
    it="{cand} è l'unico che dice la verità sull'{country} | Vota {cand}, l'{country} merita di "
    "meglio | {rival} ha svenduto l'{country}. Mai più. | "
    "I media non ti diranno cosa ha fatto {rival}",
    ro="{cand} e singurul care spune adevărul despre {country} | Votați {cand}, {country} merită "
    "mai mult | {rival} a vândut {country}. Niciodată din nou. | Presa nu vă spune ce a făcut "
    "{rival} | Trezește-te, {country}! {rival} te minte",
    ja="{country}の真実を語るのは{cand}だけ | {cand}に投票を、{country}はもっと良くなれる | "
    "{rival}は{country}を売った。二度と許さない。 | メディアは{rival}のしたことを報じない",
    zh="只有{cand}敢说{country}的真相 | 投{cand}一票，{country}值得更好 | "
    "{rival}出卖了{country}，绝不能再来 | 媒体不会告诉你{rival}做了什么",
)

#: How each target country is written in its language, for narratives.
COUNTRY_NAMES: dict[str, str] = {
    "US": "America",
    "GB": "Britain",
    "RO": "România",
    "MD": "Moldova",
    "ID": "Indonesia",
    "UA": "Україна",
    "RU": "Россия",
    "DE": "Deutschland",
    "BR": "Brasil",
    "MX": "México",
    "ES": "España",
    "IQ": "العراق",
    "EG": "مصر",
    "JP": "日本",
    "TW": "台湾",
    "FR": "la France",
    "TR": "Türkiye",
    "IT": "Italia",
}

#: What impersonators post under a famous name.
IMPERSONATE = _b(
    en="Thank you all for the support! I'm giving away {prize} to 10 followers, DM me to claim "
    "🎁 | My old account got hacked, please follow me here now | Official backup account. "
    "Follow for updates | Only talking to real fans here, send me a DM 💌",
    es="¡Gracias por el apoyo! Regalo un {prize} a 10 seguidores, escríbeme por DM 🎁 | Me "
    "hackearon la cuenta, síganme aquí | Cuenta oficial de respaldo, síganme",
    pt="Obrigado pelo apoio! Vou dar um {prize} para 10 seguidores, me chama no DM 🎁 | Minha "
    "conta antiga foi hackeada, me sigam aqui | Conta reserva oficial, sigam para novidades",
    de="Danke für eure Unterstützung! Ich verlose ein {prize} an 10 Follower, schreibt mir per DM "
    "🎁 | Mein alter Account wurde gehackt, folgt mir jetzt hier | Offizieller Backup-Account",
    fr="Merci pour votre soutien ! J'offre un {prize} à 10 abonnés, écrivez-moi en DM 🎁 | Mon "
    "ancien compte a été piraté, suivez-moi ici | Compte officiel de secours",
    ru="Спасибо за поддержку! Дарю {prize} десяти подписчикам, пишите в ЛС 🎁 | Мой старый "
    "аккаунт взломали, подписывайтесь сюда | Официальный запасной аккаунт",
    id="Terima kasih dukungannya! Aku bagi {prize} buat 10 followers, DM ya 🎁 | Akun lamaku "
    "dihack, follow yang ini ya | Akun cadangan resmi",
    tr="Desteğiniz için teşekkürler! 10 takipçime {prize} hediye ediyorum, DM atın 🎁 | Eski "
    "hesabım hacklendi, beni buradan takip edin",
)

#: What replacements of suspended accounts announce.
COMEBACK = _b(
    en="We're back! Our old account was suspended, follow us here 🔁 | New account, same team. "
    "Share so people find us again | They banned us but we're not going anywhere. Follow this one",
    es="¡Volvimos! Suspendieron nuestra cuenta anterior, síguenos aquí 🔁 | Cuenta nueva, mismo "
    "equipo. Compartan para que nos encuentren",
    pt="Voltamos! Nossa conta antiga foi suspensa, sigam aqui 🔁 | Conta nova, mesma equipe. "
    "Compartilhem pra nos acharem de novo",
    de="Wir sind zurück! Unser alter Account wurde gesperrt, folgt uns hier 🔁 | Neuer Account, "
    "selbes Team. Teilt das, damit man uns wiederfindet",
    fr="On est de retour ! Notre ancien compte a été suspendu, suivez-nous ici 🔁 | Nouveau "
    "compte, même équipe. Partagez pour qu'on nous retrouve",
    ru="Мы вернулись! Старый аккаунт заблокировали, подписывайтесь сюда 🔁 | Новый аккаунт, та же "
    "команда. Репост, чтобы нас нашли",
    ro="Ne-am întors! Contul vechi a fost suspendat, urmăriți-ne aici 🔁 | Cont nou, aceeași "
    "echipă. Distribuiți ca să ne găsească lumea",
    id="Kami kembali! Akun lama kami disuspend, follow di sini 🔁 | Akun baru, tim yang sama. "
    "Share biar orang nemu kami lagi",
    tr="Geri döndük! Eski hesabımız askıya alındı, bizi buradan takip edin 🔁",
    uk="Ми повернулися! Старий акаунт заблокували, підписуйтесь сюди 🔁",
)
