"""Casualty facts by kind: the kinds found among the misses of fresh2 (issue 12's fresh set,
150 items labelled by two people). Its first run was read once, then each miss was fixed as
a kind: each test gives the fresh2 sentence first (so fresh2 is no longer unseen), then real
sentences from the corpora that are not fresh2 items (Al Jazeera ledes, ANT), shortened
where only a clause matters.
"""

from __future__ import annotations

import pytest

from .numbers_helpers import Fact, check, facts, subsets


@pytest.mark.parametrize(("text", "expected"), [
    # fresh2 (ant-022, CNN)
    ("أعلن المتحدث باسم القوات المسلحة المصرية، الخميس، مقتل ضابطين وإصابة ضابط وضابط صف آخرين، "
     "خلال العمليات.",
     [("killed", 2, "soldiers"), ("injured", 2, "soldiers")]),
    # real: Al Jazeera ledes, ANT (France24), Al Jazeera
    ("الجيش الإسرائيلي يعلن إصابة جندي بجروح خطرة في غزة", [("injured", 1, "soldiers")]),
    ("وألقى النشطاء حجارة على المتظاهرين المنتمين لليمين المتطرف مما أدى إلى إصابة شرطي على الأقل.",
     [("injured", 1, "police")]),
    ("إصابة مصور الجزيرة علي العطار بشظية برأسه إثر قصف للاحتلال في غزة", [("injured", 1, "journalists")]),
])
def test_casualties_verbal_noun_isaba_governs_one_victim(text: str, expected: list[Fact]) -> None:
    """``إصابة`` is a casualty noun (``20 إصابة``) and a verbal noun (``إصابة جندي``)."""
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    # fresh2 (aj-043)
    ("أعلن الجيش الإسرائيلي، الأربعاء، مقتل ضابط وإصابة آخر بجروح خطرة في معركة بشمال غزة.",
     [("killed", 1, "soldiers"), ("injured", 1, "soldiers")]),
    # real: Al Jazeera ledes, ANT (Al Arabiya, Sky News)
    ("أفادت مصادر طبية باستشهاد فلسطيني وإصابة آخر برصاص جيش الاحتلال الإسرائيلي في مخيم طولكرم.",
     [("killed", 1, None), ("injured", 1, None)]),
    ("لقي طفل حتفه وجرح آخر، السبت، في #انفجار_لغم أرضي زرعته #ميليشيات_الحوثي في مديرية الزاهر.",
     [("killed", 1, "children"), ("injured", 1, "children")]),
    ("وأضاف أن ضابطين أصيبا في الهجوم، بينما قتل آخر بعدما حاول أحد الجناة الهرب.",
     [("injured", 2, "soldiers"), ("killed", 1, "soldiers")]),
])
def test_casualties_one_other_after_a_count(text: str, expected: list[Fact]) -> None:
    """``وإصابة آخر``: one more person, in the group of the count before (clarification 7)."""
    check(text, expected)


@pytest.mark.parametrize("text", [
    # fresh2 (ant-023, CNN sport; ant-049, Sky News sport)
    "نفى هاني أبوريدة، رئيس الاتحاد المصري لكرة القدم، الأحد، ما تم تداولته عن غياب محمد صلاح عن صفوف "
    "المنتخب المصري لمدة شهرين عقب إصابته خلال لقاء ليفربول وريال مدريد، السبت.",
    "وأصيب روخو (27 عاما) ركبته في أبريل 2017، ولم يلعب هذا الموسم سوى 10 مباريات.",
    # real: ANT (Al Arabiya sport, CNN sport)
    "أصيب الألماني توني كروس لاعب وسط ريال مدريد في ركبته خلال مباراة باريس سان جيرمان.",
    "ونشر الاتحاد التونسي بياناً توضيحياً حول إصابة اللاعب في مباراة إيران الودية.",
    # real: ANT (Sky News sport): a headline about an injury, read with its article
    "تصريحات \"مقلقة\" بشأن إصابة كافاني\n\nأعلن اتحاد كرة القدم في أوروغواي أن مهاجم المنتخب إدينسون كافاني "
    "الذي خرج مصابا في المباراة ضد البرتغال لم يخضع بعد لفحوص تحدد طبيعة إصابته.",
])
def test_casualties_sports_injuries_are_not_casualties(text: str) -> None:
    """Clarification 2: a player injured in a match is not a casualty."""
    assert facts(text) == []


def test_casualties_a_player_shot_is_a_casualty() -> None:
    # real: Al Jazeera lede (sport words, and a weapon)
    check("استشهاد لاعب كرة القدم محمد السطري برصاص الاحتلال في غزة", [("killed", 1, None)])


@pytest.mark.parametrize(("text", "expected"), [
    # fresh2 (aj-056)
    ("بينما أعلن الاحتلال استعادة جثث 6 أسرى.", [("killed", 6, "prisoners")]),
    # real: Al Jazeera ledes, ANT (Sky News)
    ("انتشلت طواقم الدفاع المدني في غزة اليوم الثلاثاء جثامين 42 فلسطينيا من مناطق شرق محافظة خان يونس.",
     [("killed", 42, None)]),
    ("ذكر خفر السواحل الليبي الاثنين أنه انتشل جثث خمسة مهاجرين قبالة الساحل الغربي للعاصمة طرابلس.",
     [("killed", 5, None)]),
    ("تسلمت الجهات المختصة بقطاع غزة جثامين 165 شهيدا كانت تحتجزها إسرائيل.", [("killed", 165, None)]),
    # bodies handed over or released in an exchange (the dev labels)
    ("في اليوم الـ33 من اتفاق وقف إطلاق النار في غزة، سلمت المقاومة في القطاع جثامين 4 أسرى إسرائيليين.", []),
    ("الصليب الأحمر يتسلم جثامين 45 أسيرا فلسطينيا", []),
    ("إسرائيل تفرج عن جثامين 45 أسيرا فلسطينيا", []),
])
def test_casualties_bodies_recovered_are_killed(text: str, expected: list[Fact]) -> None:
    """Clarification 8: a count of bodies recovered is a count of people killed (not of
    prisoners held); bodies exchanged are not counted unless the noun says killed."""
    check(text, expected)


@pytest.mark.parametrize("text", [
    # fresh2 (ant-002, Al Arabiya)
    "أعلن الجيش الفلبيني السبت أنه يفحص تقارير استخباراتية تفيد بأن قياديا في جماعة #أبو_سياف تلقى تعليمه "
    "في الشرق الأوسط توفي بعد إصابته جراء قصف مدفعي في الجنوب.",
    # real: ANT (Al Arabiya, France24)
    "نشرت القناة \"الإخبارية\" السعودية الرسمية، الثلاثاء، تقريراً مصوّراً لمنزل المقيم المصري عبدالمطلب أحمد، "
    "الذي توفي إثر إصابته بشظايا الصاروخ بعد اعتراضه من قبل قوات الدفاع الجوي.",
    "ونقلت وكالة فرانس برس للأنباء عن مصدر طبي في المدينة قوله إن \"متظاهرا مدنيا في العشرين من العمر "
    "توفي في المستشفى إثر إصابته برصاص حراس مقر منظمة بدر\".",
])
def test_casualties_the_wound_of_someone_who_died_is_not_an_injury(text: str) -> None:
    """Clarification 9: one person, the final outcome; the wound is not a second fact."""
    assert all(label != "injured" for label, _, _ in facts(text))


@pytest.mark.parametrize("text", [
    # fresh2 (ant-011, BBC)
    "وقد شهدت بعض المستشفيات حالة طوارئ خلال اليومين الماضيين بعد توافد العشرات من المصابين الذين ظهرت "
    "عليهم أعراض الكوليرا.",
    # real: ANT
    "وقالت وزارة الصحة، إنه تبين إصابة 22 شخصا في المدينة بالفيروس الذي ليس له لقاح.",
    "وقد توفي حتى الآن 23 شخصا نتيجة الإصابة بالفيروس، وأصيب 42 شخصا آخر.",
])
def test_casualties_the_sick_are_not_injured(text: str) -> None:
    """Illness is not a casualty (guideline, clarification 2)."""
    assert facts(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # fresh2 (ant-026, CNN)
    ("وذكرت المنظمة أن رمي الحجارة و أشكال العنف الأخرى الصادرة عن بعض المتظاهرين قد هدّدت الجنود.", []),
    # real: ANT (France24, Sky News)
    ("كما شكل بعض المتظاهرين حواجز بالطرق في مواقع مختلفة", []),
    ("والثلاثاء استخدمت الشرطة الهراوات وخراطيم المياه لتفريق العديد من المحتجين تجمعوا عند المدخل الرئيسي "
     "لحقل الزبير النفطي الضخم", []),
    # a crowd that demonstrated: a vague amount of it is a fact (ANT, Al Arabiya)
    ("ودانت منظمات إسلامية أمريكية إقامة ترامب لحفل الإفطار فيما تظاهر عدد من المحتجين أمام البيت الأبيض",
     [("crowd", None, "protesters")]),
])
def test_casualties_some_of_the_protesters_is_not_a_crowd(text: str, expected: list[Fact]) -> None:
    """A crowd is the size of a protest: ``بعض المتظاهرين`` without a protest verb is not one."""
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    # fresh2 (aj-040)
    ("تقدمت مؤسسة “هند رجب” بطلبات اعتقال لنحو ألف ضابط وجندي إسرائيلي يحملون جنسيات مزدوجة في ثماني "
     "دول.", []),
    # real: Al Jazeera ledes, ANT (Al Arabiya)
    ("قالت “يديعوت أحرونوت” إن مؤسسة هند رجب تزعم أنها تقدمت بطلبات اعتقال لألف جندي إسرائيلي من مزدوجي "
     "الجنسية في 8 دول.", []),
    ("دعوات أوروبية لاعتقال نتنياهو وغالانت والقسام تقتل 15 جنديا إسرائيليا", [("killed", 15, "soldiers")]),
    ("وذكرت مصادر أمنية، للأناضول أن النيابة العامة في أنقرة كانت قد أصدرت قرارات توقيف بحق 7 أشخاص "
     "يشتبه بانتمائهم للنصرة", []),
])
def test_casualties_requests_calls_and_warrants_in_the_plural(text: str, expected: list[Fact]) -> None:
    """``طلبات``, ``دعوات``, ``قرارات`` (plurals of ``طلب``, ``دعوة``, ``قرار``): not arrests."""
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    # fresh2 (aj-059)
    ("111 شهيدا في غزة إثر مجازر في بيت لاهيا والبريج والنصيرات\n\nارتفع عدد الشهداء في قطاع غزة، "
     "اليوم الأحد، إلى أكثر من مئة شهيد جراء سلسلة من المجازر.", [("killed", 111, None)]),
    # real: Al Jazeera ledes
    ("44 شهيدا اليوم ونصف سكان غزة يتكدسون غرب دير البلح\n\nأدى القصف الإسرائيلي اليوم الخميس إلى سقوط أزيد "
     "من 40 شهيدا وأعداد هائلة من الجرحى في غزة.", [("killed", 44, None)]),
    ("أكثر من 50 شهيدا بالقطاع منذ الفجر وارتفاع عدد ضحايا التجويع\n\nأفادت مصادر في مستشفيات غزة باستشهاد "
     "59 فلسطينيا في غارات إسرائيلية على مناطق عدة منذ فجر اليوم الثلاثاء، بينهم 20 من منتظري المساعدات.",
     [("killed", 59, None), ("killed", 20, "aid_seekers")]),
])
def test_casualties_rounded_figure_restated_precisely_is_one_fact(text: str, expected: list[Fact]) -> None:
    """``أكثر من مئة`` in the lede restates the headline's 111 (guideline: repeats)."""
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    # fresh2 (aj-069)
    ("استشهد عدد من الفلسطينيين بقصف عشوائي للاحتلال على مناطق بالقطاع ليصل عدد الشهداء إلى 34904 "
     "و78514 جريحا.",
     [("killed", None, None), ("killed", 34904, None), ("injured", 78514, None)]),
    # real: Al Jazeera ledes
    ("أعلنت الصحة أن قوات الاحتلال ارتكبت خلال الساعات الـ24 الماضية 4 مجازر بالقطاع، ليرتفع عدد الشهداء إلى "
     "43 ألفا و922 وعدد الجرحى إلى 103 آلاف و898", [("killed", 43922, None), ("injured", 103898, None)]),
    ("ارتكب الاحتلال 5 مجازر خلال الـ24 ساعة الماضية، ليرتفع عدد الشهداء منذ بداية العدوان إلى 36 ألفا و224 "
     "شهيدا، و81 ألفا و777 مصابا", [("killed", 36224, None), ("injured", 81777, None)]),
])
def test_casualties_running_total_followed_by_the_next_item(text: str, expected: list[Fact]) -> None:
    """``إلى 34904 و78514 جريحا``: the first total has no noun of its own."""
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    # fresh2 (aj-056; ant-007, Al Arabiya; ant-041, Sky News)
    ("وفي الضفة، قتل 3 من الشرطة الإسرائيلية في عملية بالخليل، وقال الاحتلال إنه قتل منفذ العملية.",
     [("killed", 3, "police"), ("killed", 1, None)]),
    ("ومنذ انتخابه في 2016، قتلت الشرطة نحو 4100 مهرب ومدمن مفترض للمخدرات.", [("killed", 4100, None)]),
    ("وقتلوا أكثر من 12 شخصا بينهم حاكم المنطقة.", [("killed", 12, None), ("killed", 1, None)]),
    # real: Al Jazeera ledes, ANT (Al Arabiya, BBC, Sky News)
    ("نفذ فلسطيني عملية دهس وإطلاق نار قرب حاجز الأنفاق، في حين استشهد منفذ العملية برصاص جنود الاحتلال.",
     [("killed", 1, None)]),
    ("اغتيال معارض بارز لبوتن أمام منزله", [("killed", 1, None)]),
    ("روسيا: اعتقال المعارض أليكسي نافالني خلال مظاهرات ضد بوتين", [("arrested", 1, None)]),
    ("الحرس الثوري الإيراني يقتل 3 معارضين قرب حدود العراق", [("killed", 3, None)]),
])
def test_casualties_person_nouns_the_list_lacked(text: str, expected: list[Fact]) -> None:
    """``منفذ``, ``مهرب``, ``مدمن``, ``حاكم``, ``معارض`` are people (``المعارضة`` is not)."""
    check(text, expected)


def test_casualties_two_people_named_in_one_sentence_are_two_facts() -> None:
    # real: ANT (Al Arabiya); no fresh2 item: found on the corpus beside the person nouns above
    check("بعد تبني داعش، الأحد، عملية الطعن التي جرت في باريس السبت، وأدت إلى مقتل شخص وجرح أربعة، بالإضافة "
          "إلى مقتل المنفذ، والذي كشفت هويته الأحد على أنه حمزة عظيموف.",
          [("killed", 1, None), ("injured", 4, None), ("killed", 1, None)])


@pytest.mark.parametrize("text", [
    # real: ANT (France24, Sky News); found beside the person nouns above
    "كما وجهت الشكر للمارة الذين حاولوا إيقاف منفذ الهجوم.",
    "وقضت المحكمة بالسجن المؤبد على السيد عبد الرحمن بوعنان في جريمتي قتل بدافع إرهابي وثماني محاولات "
    "شروع في القتل بدوافع إرهابية.",
])
def test_casualties_attempts_and_adjectives_are_not_victims(text: str) -> None:
    """``حاولوا إيقاف``: an attempt; ``بدافع إرهابي``: an adjective, not a victim."""
    assert facts(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    # found while reading fresh2's ant-021 (وقع ضحيتها, which stays a miss); real: ANT (France24),
    # Al Jazeera ledes, ANT (France24, BBC)
    ("وفضل الله هو أكبر متشدد مطلوب في باكستان فهو مسؤول عن عدة هجمات من بينها عملية ذهب ضحيتها 132 تلميذا "
     "في مدرسة سنة 2014",
     [("killed", 132, "children")]),
    ("تجنبت الإدارة الأميركية إدانة المجزرة التي ارتكبها جيش الاحتلال الإسرائيلي في بيت لاهيا شمالي قطاع غزة "
     "والتي راح ضحيتها 20 طفلا.",
     [("killed", 20, "children")]),
    ("ويأتي هذا على خلفية غرق مركب يحمل مهاجرين قبالة السواحل التونسية راح ضحيته ما لا يقل عن 68 شخصا",
     [("killed", 68, None)]),
    ("أما الهجوم المنفصل الثاني فوقع في منطقة خوست، وراح ضحيته مراسل هيئة الإذاعة البريطانية (بي بي سي) "
     "أحمد شاه.",
     [("killed", 1, "journalists")]),
    # وقع ضحيتها: victims of another crime (ANT, Sky News)
    ("ألقت الشرطة القبض على 22 شخصا بشرق الهند في ثلاث قضايا اغتصاب منفصلة وقعت ضحيتها شابات صغيرات.",
     [("arrested", 22, None)]),
])
def test_casualties_went_victim_of_it(text: str, expected: list[Fact]) -> None:
    """``راح ضحيتها``/``ذهب ضحيته`` report the killed (not ``وقع ضحيتها``)."""
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    # fresh2 (ant-038, France24; ant-040, Sky News)
    ("عثرت فرق الطوارئ الإيرانية الأحد على الصندوقين الأسودين لطائرة الركاب التي تحطمت منذ نحو أسبوعين في "
     "جنوب غرب البلاد وقتل جميع ركابها البالغ عددهم 66 شخصا، وفق ما أعلنت وكالة الأنباء الإيرانية.",
     [("killed", 66, None)]),
    ("وأسفر الحادث عن مقتل طاقم المروحية المؤلف من أربعة عسكريين، في حين فتح المارينز تحقيقا لتحديد "
     "ملابساته.",
     [("killed", 4, "soldiers")]),
    # real: ANT (CNN, France24, Sky News)
    ("وأدى الحادث إلى مصرع جميع ركاب الطائرة البالغ عددهم 39 شخصا.", [("killed", 39, None)]),
    ("وقتل جميع الركاب البالغ عددهم 66 شخصا عندما تحطمت الطائرة في البحر الأبيض المتوسط في مايو 2016.",
     [("killed", 66, None)]),
])
def test_casualties_a_figure_that_restates_the_size_of_the_victims(text: str, expected: list[Fact]) -> None:
    """``البالغ عددهم``, ``المؤلف من`` between the trigger and its figure do not count."""
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    # fresh2 (ant-014, BBC)
    ("وشدد ترامب على أنه \"بنهاية الحرب العالمية الأولى قُتل الآلاف بسبب الأسلحة الكيماوية، ولا نريد أن نرى "
     "ذلك يتكرر مرة أخرى.\"", [("killed", 1000, None)]),
    # real: ANT (Al Arabiya, BBC)
    ("مقتل العشرات بسبب \"حروب المواشي\" في نيجيريا", [("killed", 10, None)]),
    ("وكانت وكالة \"أنتارا\" الحكومية للأنباء ذكرت في وقت سابق، أن 5 أشخاص قتلوا وأصيب العشرات بسبب الحفر "
     "غير القانوني في البئر.",
     [("killed", 5, None), ("injured", 10, None)]),
])
def test_casualties_a_cause_after_the_figure_is_not_its_noun(text: str, expected: list[Fact]) -> None:
    """``بسبب`` after a figure opens its cause, like ``جراء``."""
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    # real: ANT (Sky News, CNN, Al Arabiya); found on the corpus, no fresh2 item
    ("وتزعم مصادر تركية أنه قُتل على أيدي 15 سعوديا، وادعى مسؤولون أتراك أنهم تم تصويرهم وهم يدخلون إلى "
     "تركيا ويخرجون منها.", [("killed", 1, None)]),  # he was killed (one), by 15
    ("ونقلت وسائل إعلام محلية أن الشاب قتل على يد اثنين من جيرانه بعد احتفاله بفوز منتخب البرازيل وهزيمة "
     "منتخب ألمانيا في نهائيات كأس العالم.",
     [("killed", 1, None)]),
    ("نيجيريا: 18 قتيلاً على يد 3 انتحاريين في مايدوجوري", [("killed", 18, None)]),
])
def test_casualties_a_count_after_by_the_hand_of_is_the_agent(text: str, expected: list[Fact]) -> None:
    """``على يد``/``على أيدي``: who killed, not who was killed."""
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    # fresh2 (ant-036, France24), the clause; in the item an order to release comes first and
    # still hides it (a miss left by kind: an arrest told inside a release)
    ("جهادية فرنسية اعتقلت في الموصل، وترحيلها إلى بلدها.", [("arrested", 1, "militants")]),
    # real: ANT (Al Arabiya, France24, Sky News)
    ("أعلن المتحدث باسم وزارة الصحة في قطاع #غزة أن مسعفة فلسطينية قتلت برصاص الاحتلال الإسرائيلي في "
     "الاحتجاجات قرب الحدود مع إسرائيل.", [("killed", 1, "medics")]),
    ("أعلن الناطق باسم وزارة الصحة الفلسطينية أن فتى فلسطينيا قتل الجمعة برصاص الجيش الإسرائيلي في المواجهات "
     "الدائرة قرب السياج الحدودي.", [("killed", 1, "children")]),
    ("وكان شرطي أردني قتل، السبت، في هجوم استهدف حافلة لقوات الدرك، في مدينة الفحيص غرب عمان",
     [("killed", 1, "police")]),
    # not a subject: an active verb with its object, an adjective of a thing, an adjective of
    # the agent (Al Jazeera, ANT)
    ("مغردون يشيدون بجرأة شاب فلسطيني قتل سجانا إسرائيليا", []),
    ("لحظة تحطم طائرة عسكرية أميركية قتل جميع ركابها", []),
    ("وكانت السلطات التركية اعتقلت أربعة طلاب جامعيين بتهمة \"إهانة الرئيس\" والسخرية منه بعد أن نشروا رسما "
     "كاريكاتيريا لأردوغان في حفل تخرجهم", [("arrested", 4, None)]),
])
def test_casualties_subject_with_its_nouns_of_origin_before_a_passive_verb(text: str,
                                                                           expected: list[Fact]) -> None:
    """``مسعفة فلسطينية قتلت``: the verb agrees with its subject (``طائرة عسكرية قتل`` does not)."""
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    # fresh2 (ant-040, Sky News; ant-035, France24)
    ("ونجح قائد المقاتلة في أن يقذف بنفسه من الطائرة لكنه أصيب بجروح ونقل إلى مستشفى المعسكر.",
     [("injured", 1, None)]),
    ("وبعد عام تم استجوابها بعد أن أنجبت ابنها السادس من دياو الذي يعتقد أنه قتل في أيار/مايو 2016.",
     [("killed", 1, None)]),
    # real: Al Jazeera ledes, ANT (France24, Al Arabiya)
    ("خرج الشاب الفلسطيني محمود عودة من سكان بيت لاهيا شمالي قطاع غزة من منزله مضطرا للباحث عما يسد به رمق "
     "عائلته الجائعة المكونة من 8 أفراد، لكنه قتل على الفور برصاصة أطلقتها طائرة مسيّرة إسرائيلية.",
     [("killed", 1, None)]),
    ("وقال وول لصحيفة \"نيوز آند أوبزرفر\" إنه أصيب في رأسه وظهره وذراعه نتيجة عنف الشرطة",
     [("injured", 1, None)]),
    ("وذكرت وسائل الإعلام الهندية أن المضيفة البالغة من العمر 52 عاما لم تفقد الوعي ولكنها أصيبت بكسور في "
     "ساقيها", [("injured", 1, None)]),
    # an object after the verb (fresh, Al Jazeera), a state of mind, an illness (ANT)
    ("في اليوم الـ258 من الحرب على غزة، تعلن كتائب القسام عن كمين ثان في تل السلطان في رفح، وتقول إنها قتلت "
     "طاقم دبابة ميركافا بعد تفجيرها بلغم.", []),
    ("وقالت رئيسة الوزراء تيريزا ماي إنها أصيبت بالهلع والصدمة جراء وفاة ستيرجيس", []),
    ("وقالت أسرته إنه أصيب بنوبة قلبية في منزله في باريس", []),
])
def test_casualties_pronoun_subject_before_a_passive_verb(text: str, expected: list[Fact]) -> None:
    """``لكنه أصيب بجروح``: one person; not ``إنها قتلت طاقم دبابة`` (active, an object)."""
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    # fresh2 (ant-033, France24)
    ("اعتقلت السلطات الإيرانية المحامية والناشطة المعروفة في حقوق الإنسان نسرين سوتوده الأربعاء، حسبما أعلن "
     "زوجها على فيس بوك.", [("arrested", 1, None)]),
    # real: ANT (BBC, Al Arabiya), Al Jazeera ledes
    ("وقالت إن السلطات اعتقلت الكاتبة والناشطة، نوف عبد العزيز، يوم 6 يونيو/ حزيران.",
     [("arrested", 1, None)]),
    ("تداول النشطاء السعوديون على مواقع التواصل الاجتماعي، تويتر، خبر اعتقال الناشطة والممرضة ولاء آل شبر",
     [("arrested", 1, "protesters")]),
    # family nouns are two people (Al Jazeera, ANT)
    ("قالت مصادر للجزيرة إن قوات الاحتلال اعتقلت والد وشقيق أحد المشتبه بهما في تنفيذ عملية إطلاق النار "
     "اليوم.",
     [("arrested", 2, None)]),
    ("في 23 أغسطس، أقدم رجل يحمل سكّينًا على قتل والدته وشقيقته، وإصابة شخص ثالث، في منطقة تراب في ضاحية "
     "باريس.",
     [("killed", 2, None), ("injured", 1, None)]),
])
def test_casualties_two_titles_of_one_person(text: str, expected: list[Fact]) -> None:
    """``المحامية والناشطة نسرين سوتوده``: two definite titles, one person."""
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    # fresh2 (aj-012): two people killed in one sentence, the first after the verbal noun's agent
    ("ترى صحيفة إندبندنت أن اغتيال إسرائيل لرئيس المكتب السياسي لحركة المقاومة الإسلامية (حماس) إسماعيل هنية "
     "أمس الأربعاء، وقتلها القائد العسكري في حزب الله فؤاد شكر يوم الثلاثاء يضع المنطقة في وضع حرج.",
     [("killed", 1, None), ("killed", 1, None)]),
    # real: Al Jazeera ledes, ANT (Al Arabiya)
    ("الجزيرة تدين اغتيال الاحتلال لمصور الشبكة في غزة أحمد اللوح", [("killed", 1, "journalists")]),
    ("تفاصيل إعدام إسرائيل للطفل الفلسطيني محمد حمارشة في جنين", [("killed", 1, "children")]),
    ("مع إعلان قطر عن اعتقال السلطات السعودية لمواطن قطري يدعى محسن الكربي أثناء عودته من اليمن",
     [("arrested", 1, None)]),
])
def test_casualties_verbal_noun_agent_then_its_object_with_lam(text: str, expected: list[Fact]) -> None:
    """``اغتيال إسرائيل لرئيس المكتب السياسي``: the object of a verbal noun after its agent."""
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    # real: ANT (Al Arabiya, Sky News); found on the corpus with fresh2's kind (5)
    ("قال داميان تشوكو مفوض الشرطة في مدينة #مايدوجوري بشمال شرق #نيجيريا إن 3 #انتحاريين قتلوا 18 شخصا في "
     "وقت متأخر من مساء أمس الجمعة.", [("killed", 18, None)]),
    ("11 رصاصة قتلت 3 عناصر من الشرطة الإسرائيلية", [("killed", 3, "police")]),
])
def test_casualties_a_verb_with_its_own_count_is_not_the_figure_before(text: str,
                                                                       expected: list[Fact]) -> None:
    """``3 انتحاريين قتلوا 18 شخصا``: the verb has its own count; the figure before is the agent."""
    check(text, expected)


def test_casualties_a_verb_with_its_own_count_in_a_study() -> None:
    # real: ANT (Sky News): 7389 women studied, not injured (751 with an illness stays a
    # miss of another kind: ارتفاع ضغط الدم is not in the illness cues)
    found = facts("ووفقا لتقرير منشور في دورية \"بي إم جي\" على الإنترنت، درس الفريق 7389 امرأة "
                  "أصيبت 751 منهن بارتفاع ضغط الدم أثناء الحمل، و135 بتسمم الحمل، ضمن دراستين "
                  "أوروبيتين كبيرتين.")
    assert all(best != 7389 for _, best, _ in found)


@pytest.mark.parametrize(("text", "expected"), [
    # real: Al Jazeera ledes, ANT (BBC, France24)
    ("قالت نقابة الصحفيين الفلسطينيين إن جيش الاحتلال الإسرائيلي قتل خلال عام واحد من حرب الإبادة "
     "الجماعية في قطاع غزة، أكثر من ضعف عدد الصحفيين الذين يُقتلون سنويا في كل العالم.", []),
    ("وذلك تزامنا مع نشر 300 شرطي إضافي في بعض المناطق عقب مقتل 6 أشخاص في حوادث طعن وإطلاق نار متفرقة "
     "خلال أسبوع واحد.", [("killed", 6, None)]),
    ("كبدت المقاومة الفلسطينية إسرائيل 10 قتلى خلال يوم واحد إثر عملية إطلاق نار داخل محطة حافلات مركزية.",
     [("killed", 10, None)]),
])
def test_casualties_one_after_a_time_unit_counts_nobody(text: str, expected: list[Fact]) -> None:
    """``خلال عام واحد``: one year, not one person."""
    check(text, expected)


# fresh2 (aj-071): the figure after a new noun joined by و, and a subset in the parent's group
AJ_071 = ("حمّلت هيئة شؤون الأسرى ونادي الأسرى الاحتلال كامل المسؤولية عن استشهاد أبو عرة ومعاناة نحو "
          "9700 أسير من جرائم تعذيب وتجويع كانت السبب وراء استشهاد 19 منهم منذ 7 أكتوبر/تشرين الأول "
          "2023 فقط.")


@pytest.mark.parametrize(("text", "expected"), [
    # fresh2 (aj-071): 9700 prisoners suffer, they were not killed (استشهاد أبو عرة, a named
    # person, stays a miss)
    (AJ_071, [("arrested", 9700, "prisoners"), ("killed", 19, "prisoners")]),
    # real: ANT (Sky News): a second verb with its own object; the thousands are displaced,
    # not killed (يشرد is no trigger, so nothing is counted rather than a wrong count)
    ("القصف التركي يقتل أطفالا ويشرد عشرات الآلاف", []),
    # verbal nouns joined right after the trigger share its object (ANT, France24)
    ("وتتعرض هذه الأقلية منذ 2016 إلى الملاحقات كما تم توقيف وملاحقة حوالى 300 منهم، وصدرت ضدهم أحكام.",
     [("arrested", 300, None)]),
    # وعددهم restates the size of the victims (ANT, BBC)
    ("أكدت وسائل إعلام إيرانية تحطم طائرة ركاب أثناء رحلة داخلية ومقتل جميع ركابها وطاقمها وعددهم 66 شخصا، "
     "في منطقة جبلية وسط إيران.", [("killed", 66, None)]),
])
def test_casualties_a_figure_after_a_new_noun_joined_by_wa_is_its_own(text: str,
                                                                       expected: list[Fact]) -> None:
    """``استشهاد أبو عرة ومعاناة نحو 9700 أسير``: the figure belongs to ``معاناة``."""
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    (AJ_071, [("arrested", 9700, "prisoners", None), ("killed", 19, "prisoners", 0)]),
    # real: Al Jazeera ledes, ANT (France24)
    ("أفادت مصادر طبية للجزيرة باستشهاد 36 مدنيا في غارات إسرائيلية على قطاع غزة منذ فجر اليوم، 31 منهم "
     "شمالي القطاع.", [("killed", 36, "civilians", None), ("killed", 31, "civilians", 0)]),
    ("وأدت المواجهات إلى إصابة 35 شخصا من المتظاهرين بجروح، نقل 4 منهم على إثرها إلى المستشفى.",
     [("injured", 35, "protesters", None), ("injured", 4, "protesters", 0)]),
    # the verb before the subset gives its category (a crowd, then 120 of them injured)
    ("وتجمع مئات الفلسطينيين على الحدود الشرقية لقطاع غزة، الجمعة، ضمن فعاليات مسيرة العودة، وأصيب 120 "
     "منهم برصاص الجيش الإسرائيلي.", [("crowd", 100, None, None), ("injured", 120, None, 0)]),
])
def test_casualties_a_subset_of_them_is_in_the_group_of_its_parent(
        text: str, expected: list[tuple[str, object, object, object]]) -> None:
    """``19 منهم``: the group of the parent (prisoners); the trigger before, its category."""
    assert subsets(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # real: ANT week (Sky News Arabia, Turkey's purge, February 2018): suspended from work, not
    # arrested (the new-user check found "150,000 arrested" on one event)
    ("وبعد مضي 19 شهرا على محاولة الانقلاب الذي سقط فيه أكثر من 240 قتيلا، اعتقلت تركيا أكثر من 50 ألف "
     "شخص، وأقالت أو أوقفت عن العمل 150 ألفا في الجيش والقطاعين العام والخاص.",
     [("killed", 240, None), ("arrested", 50000, None)]),
    ("وأوقفت السلطات عن العمل 300 موظف في وزارة التربية.", []),
    # an arrest verb without عن is still an arrest
    ("وأوقفت الشرطة 12 شخصا بعد المواجهات.", [("arrested", 12, None)]),
])
def test_casualties_suspended_from_work_is_not_arrested(text: str, expected: list[Fact]) -> None:
    check(text, expected)
