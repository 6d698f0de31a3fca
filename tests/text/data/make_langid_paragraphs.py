"""Regenerate langid_paragraphs.tsv, the language-identification test set.

Every paragraph was written for Delil's tests; all people named are fictional. Uyghur is written
once (mostly in ULY Latin, some directly in Arabic or Cyrillic script) and converted to the other
two scripts with umsc. Kazakh is written in Cyrillic and converted to the Arabic script used by
Kazakhs in China with the small rule-based converter below (front-vowel words get the high hamza
ٴ at their start). Run from the repository root: ``.venv/bin/python
tests/text/data/make_langid_paragraphs.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

from umsc import UgMultiScriptConverter

C = UgMultiScriptConverter("ULS", "UAS")

EN = [
    "Heavy snow is expected across the northern valleys tonight, and the regional weather"
    " service has advised residents to stay indoors.",
    "My grandmother bakes bread every morning before sunrise, then walks the younger children to"
    " school along the river path.",
    "The new school year began on Monday. Pupils collected their textbooks and met their teachers"
    " in the freshly painted classrooms.",
    "Amira Kaplan travelled by train from the coast to the mountains, watching the orchards and"
    " wheat fields roll past the window.",
    "Official notice: from next week all residents must renew their identity cards at the district"
    " service centre. Bring two photographs.",
    "A woman released from a detention facility described being forced to attend political"
    " lessons every day for more than a year.",
    "The witness said that dozens of people were detained at the market in 2018, including two of"
    " his cousins and a neighbour.",
    "Last night a powerful storm brought down trees across the city, and crews worked until dawn"
    " to clear the main roads.",
    "The library has opened an exhibition of old manuscripts and photographs donated by families"
    " from the surrounding villages.",
    "Her brother phoned to say that he had moved abroad and found work in a small restaurant, but"
    " he still worries about their parents.",
    "The health department announced free vaccinations for children in rural areas; parents"
    " should bring their children to the nearest clinic.",
    "The wedding took place on Sunday in a large hall near the old bazaar, and the guests danced"
    " and sang until the early morning.",
    "Families living overseas say they have not heard from their relatives for years, and many"
    " have lost all contact with them.",
    "We will leave for the border town by bus tomorrow morning. The journey is long, so everyone"
    " should pack food and water.",
    "Although he is now very old, my grandfather still grows flowers in the garden and tells"
    " stories about fishing on the lake.",
    "Researchers compared satellite images from 2017 and 2020 and found that several mosques and"
    " a cemetery had been demolished.",
    "The court sentenced the teacher to ten years in prison after a closed trial, according to a"
    " relative who asked not to be named.",
    "Human rights organisations interviewed relatives of people held in the camps and recorded"
    " the testimony of former detainees.",
    "Rain is forecast for Thursday. Farmers hope it will be enough to save the late harvest.",
    "Please bring your passport and residence permit to the interview on the fourth floor.",
]

ZH = [
    "今天北方地区气温明显下降，夜间可能有大雪。气象台提醒市民注意保暖，尽量减少外出。",
    "我的奶奶每天早上很早起床做馒头，然后送孙子孙女去上学。她总是叮嘱孩子们要好好学习。",
    "新学期开始了，学生们领到了新课本，和老师们一起走进了刚刚粉刷过的教室，大家都很高兴。",
    "李晓梅坐火车从兰州去乌鲁木齐，一路上欣赏了戈壁和雪山的壮丽风景，拍了很多照片，还认识了几位新朋友。",
    "区政府通知：自下周起，全体居民须到社区服务中心更新身份证件，请携带两张照片和户口本。",
    "一名从拘留设施获释的妇女讲述了她的经历。她说那里的人每天都被迫参加政治学习，不能随便说话。",
    "哥哥和姐姐暑假回到乡下，在爷爷奶奶的地里干活，摘苹果、收哈密瓜，傍晚才回家吃晚饭。",
    "市图书馆举办了一场新展览，展出了当地家庭捐赠的古代手稿和历史照片，欢迎市民免费参观。",
    "我的朋友王建国打电话告诉我，他最近搬到了成都，现在在一家小餐馆工作，生活还不错。",
    "昨晚一场强风暴吹倒了许多树木，市政部门连夜派出工人清理道路，今天上午交通已经基本恢复。",
    "我女儿今年要参加高考，她每天读书到深夜，希望能考上好大学，让父母和老师都感到骄傲。",
    "一名证人说，二〇一八年他亲眼看到几十人在集市上被带走，其中包括他的两个表兄弟和一位邻居。",
    "婚礼于星期天在老城区的一家大饭店举行，客人们唱歌跳舞，一直热闹到第二天凌晨才散去。",
    "卫生局宣布将为农村地区的儿童免费接种疫苗，请家长尽快带孩子到附近的乡镇卫生院登记。",
    "许多生活在海外的人说，他们已经好几年没有收到亲人的消息，完全失去了联系，非常担心。",
    "明天早上我们坐大巴去边境小镇。路程很远，每个人都要准备好食物和水，大家千万别迟到。",
    "爷爷虽然年纪大了，但每天还在院子里种花，常给我们讲年轻时在湖边打鱼的那些有趣故事。",
    "人权组织采访了被关押者的亲属，并记录了多名前被拘留者的证词，准备提交给联合国有关机构。",
]

# Uyghur written in ULY Latin.
UG_LATIN_SOURCE = [
    "Ötken yili küzde Mehmut Tursun öz öyidin élip kétilgen. Uning ayali Gülnar hazirghiche"
    " uning qeyerde ikenlikini bilmeydu.",
    "Bügün Ürümchide hawa soghuq boldi, kechqurun qar yéghishi mumkin. Hawa rayi idarisi"
    " ahalilerni issiq kiyinishke agahlandurdi.",
    "Méning anam her küni seherde turup nan yaqidu, andin balilirini mektepke uzitidu. U bizge"
    " dayim yaxshi oqunglar dep nesihet qilidu.",
    "Mektepte yéngi oqush yili bashlandi. Oqughuchilar yéngi kitablarni tapshuruwélip,"
    " muellimliri bilen birlikte derske kirdi.",
    "Ayshem Qadir Qeshqerdin Turpan'gha poyiz bilen sefer qildi. Yol boyi u tagh we"
    " qumluqlarning güzel menzirisini körüp xushal boldi.",
    "Nahiye hökümitining uqturushi: kélerki heptidin bashlap barliq ahaliler kimlik ispatini"
    " yéngilishi kérek. Bu ish mehelle ishxanisida bijirilidu.",
    "Lagérdin qoyup bérilgen bir ayal öz kechürmishlirini sözlep berdi. U yerde her küni siyasiy"
    " derske qatnishishqa mejburlan'ghanliqini éytti.",
    "Akam bilen hedem yaz peslide yézigha bérip, bowam bilen momamning étizlirida ishlidi. Ular"
    " üzüm we qoghun yighip, kech kirgende öyge qaytti.",
    "Shehrimizdiki kütüpxanida yéngi bir körgezme échildi. Körgezmide qedimki qoljazmilar we"
    " tarixiy resimler namayish qilinmaqta.",
    "Dostum Abduweli téléfonda manga yéqinda Almutagha köchüp barghanliqini éytti. U yerde bir"
    " restoranda ishlewatqanliqini, turmushining yaxshi ikenlikini bildürdi.",
    "Tünügün kechte qattiq boran chiqip, nurghun derexler yiqildi. Shehirlik hökümet kochilarni"
    " tazilash üchün ishchilarni ewetti.",
    "Qizim Mihriban bu yil uniwérsitétqa imtihan béridu. U kéchiche kitab oqup, ata-anisini"
    " pexirlendürüshni arzu qilidu.",
    "Bir guwahchi 2018-yili yéza bazirida nurghun kishilerning tutqun qilin'ghanliqini"
    " körgenlikini bayan qildi. Tutqun qilin'ghanlarning ichide uning qérindashlirimu bar idi.",
    "Toy murasimi yekshenbe küni Ghuljidiki chong bir restoranda ötküzüldi. Méhmanlar usul"
    " oynap, naxsha éytip, tang atquche xushal-xuram olturushti.",
    "Saqliq saqlash idarisi yéza-qishlaqlardiki balilargha hesipsiz emlesh élip béridighanliqini"
    " élan qildi. Ata-anilar balilirini dawalash ponkitigha élip bérishi kérek.",
    "Bizning mehellimizde yéngi bir bazar échildi. Bazarda kökteriler, méwiler we kiyim-kéchek"
    " erzan bahada sétiliwatidu.",
    "Chet'elde yashawatqan Uyghurlar tughqanlirining xewirini alalmay endishe qiliwatidu. Köp"
    " aililer yillardin buyan héch qandaq alaqe qilalmidi.",
    "Ete etigende biz Qeshqerdin Xoten'ge aptobus bilen yolgha chiqimiz. Yol uzun bolghachqa,"
    " yémeklik we su élip méngishimiz kérek.",
    "Bowam yashinip qalghan bolsimu, her küni baghchida gül östüridu. U yashliq waqtida Tarim"
    " deryasi boyida béliqchiliq qilghaniken.",
    "Muxbirimiz bu wetende tutulup turuwatqan ademlerning sanini éniqlash üchün köp menbelerni"
    " tekshürdi. Emma rast melumat élish intayin qiyin boldi.",
]

# Uyghur written directly in Arabic script.
UG_ARABIC_SOURCE = [
    "بۈگۈن قەشقەردە ھاۋا ئىسسىق بولدى. بالىلار مەكتەپتىن كېيىن دەريا بويىدا ئويناپ، كەچتە ئۆيگە"
    " قايتتى.",
    "ئاكام تۇرسۇن ئۈچ يىلدىن بۇيان لاگېردا تۇتۇپ تۇرۇلۇۋاتىدۇ. ئائىلىمىز ئۇنىڭ ھالىدىن ھېچقانداق"
    " خەۋەر ئالالمىدى.",
    "شەھەرلىك مائارىپ ئىدارىسى يېڭى مەكتەپ بىناسىنىڭ كۈزدە پۈتىدىغانلىقىنى ئۇقتۇردى. بۇ مەكتەپتە"
    " مىڭدىن ئارتۇق ئوقۇغۇچى ئوقۇيدۇ.",
    "مەن ئالدىنقى ئايدا ئانامنى يوقلاش ئۈچۈن غۇلجىغا باردىم. ئۇ ساقلىقى ياخشى بولمىسىمۇ، مېنى كۆرۈپ"
    " ناھايىتى خۇشال بولدى.",
    "يېزىدىكى دېھقانلار بۇ يىل بۇغداي ۋە كېۋەزدىن مول ھوسۇل ئالدى. ئۇلار ھوسۇلنى بازارغا ئېلىپ"
    " بېرىپ ساتتى.",
]

# Uyghur written directly in Cyrillic script.
UG_CYRILLIC_SOURCE = [
    "Бүгүн Алмутида һава бәк иссиқ болди. Балилар мәктәптин кейин бағчида ойнап, кәчтә өйгә"
    " қайтти.",
    "Мениң дадам Қәшқәрдә туғулған, амма у яшлиқ вақтида Алмутиға көчүп кәлгән. У һазир"
    " пенсийигә чиққан.",
    "Уйғур тилидики гезит һәр һәптидә бир қетим нәшир қилиниду. Униңда мәһәллә хәвәрлири вә"
    " мәдәнийәт мақалилири бар.",
    "Хәлқара тәшкилатлар лагерларда тутуп турулуватқан кишиләрниң аилилири билән сөһбәт"
    " өткүзди. Улар гуваһчиларниң баянлирини хатирилиди.",
    "Әтә әтигәндә биз мәһәллимиздики мәсчиткә берип, андин чоң аниниң өйидә чүшлүк тамақ йәймиз.",
]

# Uyghur written directly in Latin script, some of it plain ASCII as typed on phones.
UG_LATIN_DIRECT = [
    "Biz bu yil yazda Qazaqistan'gha bérip, tughqanlirimiz bilen körüshtuq. Ular bizni"
    " nahayiti qizghin kütüwaldi.",
    "Hazir Ürümchide internét we téléfon alaqisi köp cheklen'gen. Chet'eldiki kishiler öz"
    " ailisi bilen erkin sözlishelmeydu.",
    "Mening singlim Turpanda oqutquchi bolup ishleydu. U her yili yazliq tetilde balilargha"
    " qoshumche ders otidu.",
    "Sot mehkimisi Abdurahman Sidiqqa on yilliq qamaq jazasi berdi. Uning adwokati bu hokumning"
    " adil emeslikini eytti.",
    "Qeshqer kona shehiride nurghun kona öyler chéqiwétildi. Ahaliler yéngi binalargha köchürüldi.",
]

KK_CYRILLIC = [
    "Бүгін Алматыда ауа райы суық болды, кешке қар жауады деп күтілуде. Синоптиктер"
    " тұрғындарға жылы киінуге кеңес берді.",
    "Менің апам әр күні таңертең ерте тұрып, нан пісіреді. Ол балаларын мектепке шығарып салады"
    " және оларға жақсы оқыңдар дейді.",
    "Мектепте жаңа оқу жылы басталды. Оқушылар жаңа кітаптарын алып, мұғалімдерімен бірге"
    " сабаққа кірді.",
    "Айгүл Серікқызы Астанадан Шымкентке пойызбен сапар шекті. Жол бойы ол кең далалар мен"
    " таулардың әдемі көрінісін тамашалады.",
    "Аудандық әкімдіктің хабарландыруы: келесі аптадан бастап барлық тұрғындар жеке куәліктерін"
    " жаңартуы тиіс.",
    "Лагерьден босатылған бір әйел өзінің басынан кешкендерін айтып берді. Ол жерде күн сайын"
    " саяси сабаққа қатысуға мәжбүр болғанын айтты.",
    "Ағам мен апам жазда ауылға барып, атам мен әжемнің егістігінде жұмыс істеді. Олар алма мен"
    " қауын жинап, кешке үйге оралды.",
    "Қаламыздағы кітапханада жаңа көрме ашылды. Көрмеде көне қолжазбалар мен тарихи суреттер"
    " көрсетілуде.",
    "Досым Ерлан телефон арқылы маған жақында Үрімжіден Алматыға көшіп келгенін айтты. Ол қазір"
    " бір мейрамханада жұмыс істейді.",
    "Кеше түнде қатты дауыл соғып, көптеген ағаштар құлап қалды. Қала әкімдігі көшелерді тазалау"
    " үшін жұмысшыларды жіберді.",
    "Қызым Жанар биыл университетке емтихан тапсырады. Ол түні бойы кітап оқып, ата-анасын"
    " қуантуды армандайды.",
    "Бір куәгер базарда көп адамның ұсталғанын көргенін айтты. Ұсталғандардың ішінде оның"
    " туыстары да болды.",
    "Той салтанаты жексенбі күні Құлжадағы үлкен мейрамханада өтті. Қонақтар би билеп, ән айтып,"
    " таң атқанша көңілді отырды.",
    "Денсаулық сақтау басқармасы ауылдағы балаларға тегін екпе жасалатынын хабарлады. Ата-аналар"
    " балаларын емханаға апаруы керек.",
    "Шетелде тұратын қазақтар туыстарынан хабар ала алмай алаңдап жүр. Көптеген отбасылар"
    " жылдар бойы ешқандай байланыс жасай алмады.",
    "Ертең таңертең біз Алматыдан Талдықорғанға автобуспен жолға шығамыз. Жол ұзақ"
    " болғандықтан, тамақ пен су алуымыз керек.",
    "Атам қартайса да, күнде бақшада гүл өсіреді. Ол жас кезінде Іле өзенінің бойында балық"
    " аулаған екен.",
    "Халықаралық ұйымдар лагерьлерде ұсталып отырған адамдардың туыстарымен сұхбат жүргізді."
    " Олар куәлардың айғақтарын жазып алды.",
    "Біздің ауданымызда жаңа базар ашылды. Базарда көкөніс, жеміс және киім-кешек арзан бағамен"
    " сатылуда.",
]

RU = [
    "Сегодня в Москве было холодно, а вечером ожидается снег. Синоптики посоветовали жителям"
    " одеваться теплее.",
    "Моя мама каждый день встаёт рано утром и печёт хлеб. Она провожает детей в школу и говорит"
    " им, чтобы они хорошо учились.",
    "В школе начался новый учебный год. Ученики получили новые учебники и вместе с учителями"
    " пошли на первый урок.",
    "Анна Петрова поехала на поезде из Новосибирска в Омск. По дороге она любовалась широкими"
    " степями и берёзовыми рощами.",
    "Объявление районной администрации: со следующей недели все жители должны обновить"
    " удостоверения личности.",
    "Женщина, освобождённая из лагеря, рассказала о том, что ей пришлось пережить. По её словам,"
    " там каждый день проводились политические занятия.",
    "Летом брат и сестра ездили в деревню и работали в поле у дедушки и бабушки. Они собирали"
    " яблоки, а вечером возвращались домой.",
    "В городской библиотеке открылась новая выставка. На ней представлены старинные рукописи и"
    " исторические фотографии.",
    "Мой друг Игорь сказал по телефону, что недавно переехал в Казань. Сейчас он работает в"
    " небольшом ресторане и доволен своей жизнью.",
    "Прошлой ночью сильный ветер повалил много деревьев. Городские власти направили рабочих,"
    " чтобы расчистить улицы.",
    "Моя дочь Мария в этом году сдаёт вступительные экзамены в университет. Она читает книги до"
    " поздней ночи.",
    "Свидетель рассказал, что в 2018 году видел, как на рынке задержали десятки людей. Среди"
    " задержанных были и его родственники.",
    "Свадьба прошла в воскресенье в большом ресторане в центре города. Гости танцевали, пели"
    " песни и веселились до самого утра.",
    "Управление здравоохранения сообщило, что детям в сельских районах сделают бесплатные"
    " прививки.",
    "Люди, живущие за границей, годами не могут получить вестей от своих родственников. Многие"
    " семьи потеряли всякую связь с близкими.",
    "Завтра утром мы отправляемся на автобусе из Екатеринбурга в Челябинск. Дорога долгая,"
    " поэтому нужно взять с собой еду и воду.",
    "Хотя дедушка уже стар, он каждый день выращивает цветы в саду. В молодости он работал"
    " рыбаком на Волге.",
    "Правозащитники опросили родственников людей, содержащихся в лагерях, и записали показания"
    " свидетелей.",
]

TR = [
    "Bugün İstanbul'da hava çok soğuktu ve akşam saatlerinde kar yağışı bekleniyor. Meteoroloji"
    " uzmanları vatandaşların sıkı giyinmesini önerdi.",
    "Annem her sabah erkenden kalkıp ekmek yapar. Çocuklarını okula gönderirken onlara her zaman"
    " iyi çalışmalarını söyler.",
    "Okulda yeni eğitim öğretim yılı başladı. Öğrenciler yeni kitaplarını aldı ve öğretmenleriyle"
    " birlikte ilk derse girdi.",
    "Ayşe Yılmaz Ankara'dan İzmir'e trenle yolculuk yaptı. Yol boyunca dağların ve ovaların"
    " güzel manzarasını izledi.",
    "Belediye duyurusu: Önümüzdeki haftadan itibaren bütün sakinlerin kimlik kartlarını"
    " yenilemesi gerekiyor.",
    "Kamptan serbest bırakılan bir kadın yaşadıklarını anlattı. Orada her gün zorunlu siyasi"
    " derslere katılmak zorunda kaldığını söyledi.",
    "Ağabeyim ve ablam yazın köye gidip dedemle ninemin tarlasında çalıştı. Elma ve kavun"
    " topladılar, akşam olunca eve döndüler.",
    "Şehrimizdeki kütüphanede yeni bir sergi açıldı. Sergide eski el yazmaları ve tarihi"
    " fotoğraflar sergileniyor.",
    "Arkadaşım Mehmet telefonda bana yakın zamanda Bursa'ya taşındığını söyledi. Şu anda bir"
    " lokantada çalışıyor.",
    "Dün gece çıkan şiddetli fırtına birçok ağacı devirdi. Belediye, sokakları temizlemek için"
    " işçiler gönderdi.",
    "Kızım Elif bu yıl üniversite sınavına girecek. Gece geç saatlere kadar ders çalışıyor ve"
    " ailesini gururlandırmak istiyor.",
    "Bir tanık, 2018 yılında pazar yerinde çok sayıda kişinin gözaltına alındığını gördüğünü"
    " anlattı.",
    "Düğün töreni pazar günü şehrin büyük bir salonunda yapıldı. Misafirler sabaha kadar dans"
    " edip şarkı söyledi.",
    "Sağlık müdürlüğü köylerdeki çocuklara ücretsiz aşı yapılacağını duyurdu. Velilerin"
    " çocuklarını sağlık ocağına götürmesi gerekiyor.",
    "Yurt dışında yaşayan birçok kişi yıllardır akrabalarından haber alamıyor. Pek çok aile"
    " sevdikleriyle hiçbir şekilde iletişim kuramadı.",
    "Yarın sabah Trabzon'dan Erzurum'a otobüsle yola çıkacağız. Yol uzun olduğu için yanımıza"
    " yiyecek ve su almamız gerekiyor.",
    "Dedem yaşlı olmasına rağmen her gün bahçede çiçek yetiştiriyor. Gençliğinde Karadeniz'de"
    " balıkçılık yapmış.",
    "İnsan hakları örgütleri kamplarda tutulan kişilerin yakınlarıyla görüşmeler yaptı."
    " Tanıkların ifadelerini kayıt altına aldılar.",
]

# Kazakh Cyrillic -> Kazakh Arabic script (as used in Xinjiang). Letters only; the high hamza
# marks a front-vowel word that has no е, к or г to show it.
_KK_MAP = {
    "а": "ا", "ә": "ا", "б": "ب", "в": "ۆ", "г": "گ", "ғ": "ع", "д": "د", "е": "ە", "ё": "يو",
    "ж": "ج", "з": "ز", "и": "ي", "й": "ي", "к": "ك", "қ": "ق", "л": "ل", "м": "م", "н": "ن",
    "ң": "ڭ", "о": "و", "ө": "و", "п": "پ", "р": "ر", "с": "س", "т": "ت", "у": "ۋ", "ұ": "ۇ",
    "ү": "ۇ", "ф": "ف", "х": "ح", "һ": "ھ", "ц": "تس", "ч": "چ", "ш": "ش", "щ": "شش", "ъ": "",
    "ы": "ى", "і": "ى", "ь": "", "э": "ە", "ю": "يۋ", "я": "يا",
    ",": "،", "?": "؟", ";": "؛",
}  # fmt: skip


def kazakh_to_arabic(text: str) -> str:
    """Transliterate Kazakh Cyrillic into Kazakh Arabic script."""

    def word(m: re.Match[str]) -> str:
        w = m.group().lower()
        hamza = "ٴ" if re.search("[әөүі]", w) and not re.search("[екг]", w) else ""
        return hamza + "".join(_KK_MAP.get(ch, ch) for ch in w)

    text = re.sub(r"[^\W\d_]+", word, text)
    return "".join(_KK_MAP.get(ch, ch) if ch in ",?;" else ch for ch in text)


def _sentence_case(text: str) -> str:
    # umsc lower-cases; capitalise sentence starts so the Cyrillic looks as people write it.
    return re.sub(r"(^|[.!?]\s+)(\w)", lambda m: m.group(1) + m.group(2).upper(), text)


def rows() -> list[tuple[str, str, str]]:
    """All (lang, script, paragraph) rows of the test set."""
    out: list[tuple[str, str, str]] = []
    out += [("en", "Latn", p) for p in EN]
    out += [("zh", "Hani", p) for p in ZH]
    for p in UG_LATIN_SOURCE + UG_LATIN_DIRECT:
        arabic = C.ULS2UAS(p)
        out.append(("ug", "Latn", p))
        out.append(("ug", "Arab", arabic))
        out.append(("ug", "Cyrl", _sentence_case(C.UAS2UCS(arabic))))
    for p in UG_ARABIC_SOURCE:
        out.append(("ug", "Arab", p))
        out.append(("ug", "Latn", _sentence_case(C.UAS2ULS(p))))
        out.append(("ug", "Cyrl", _sentence_case(C.UAS2UCS(p))))
    for p in UG_CYRILLIC_SOURCE:
        out.append(("ug", "Cyrl", p))
        out.append(("ug", "Latn", _sentence_case(C.UCS2ULS(p))))
        out.append(("ug", "Arab", C.UCS2UAS(p)))
    for p in KK_CYRILLIC:
        out.append(("kk", "Cyrl", p))
        out.append(("kk", "Arab", kazakh_to_arabic(p)))
    out += [("ru", "Cyrl", p) for p in RU]
    out += [("tr", "Latn", p) for p in TR]
    return out


def main() -> None:
    """Write the TSV next to this script."""
    path = Path(__file__).with_name("langid_paragraphs.tsv")
    lines = ["lang\tscript\tparagraph"]
    for lang, script, text in rows():
        assert 40 <= len(text) <= 400, (lang, script, len(text), text)
        assert "\t" not in text and "\n" not in text
        lines.append(f"{lang}\t{script}\t{text}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - 1} rows to {path}")


if __name__ == "__main__":
    main()
