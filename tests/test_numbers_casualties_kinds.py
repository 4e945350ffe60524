"""Casualty facts by kind (issue 12, and the phrases of issue 10 that only the events
reader used to catch). Each kind has the issue's example and real sentences from the
corpora (Al Jazeera ledes, ANT; none of them in the fresh2 evaluation set), shortened
where only a clause matters.
"""

from __future__ import annotations

import pytest

from .numbers_helpers import Fact, article, check, facts, subsets

# A count with no numeral --------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("استشهد فلسطيني برصاص الاحتلال.", [("killed", 1, None)]),
    ("أعلن الجيش مقتل أسير في السجن.", [("killed", 1, "prisoners")]),
    ("أعلنت الشرطة اعتقال شخص في المدينة.", [("arrested", 1, None)]),
    ("أصيب مستوطن في عملية طعن.", [("injured", 1, "settlers")]),
    ("أعلنت المؤسسة استشهاد أحد موظفيها في غزة.", [("killed", 1, None)]),
    # real: Al Jazeera ledes
    ("استشهدت طفلة فلسطينية، اليوم الجمعة، قرب مدينة نابلس بشمال الضفة الغربية.",
     [("killed", 1, "children")]),
    ("أقر الجيش الإسرائيلي اليوم الخميس بمقتل جندي خلال المعارك بجنوب لبنان.", [("killed", 1, "soldiers")]),
    ("اعتقلت قوات الاحتلال الإسرائيلي -اليوم السبت- فلسطينيا قرب مدينة رام الله.", [("arrested", 1, None)]),
    ("أصيب فلسطيني بجروح خطيرة برصاص الاحتلال الإسرائيلي خلال اقتحام بلدة حلحول.", [("injured", 1, None)]),
    ("أصيب طبيب جراء قنابل إسرائيلية على مستشفى كمال عدوان بغزة.", [("injured", 1, "medics")]),
])
def test_casualties_singular_noun_is_one(text: str, expected: list[Fact]) -> None:
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("اعتقلت قوات الاحتلال فجر اليوم محمود أبو علي أحد قادة الحركة في نابلس.", [("arrested", 1, None)]),
    ("وذلك بعد اعتقاله الخميس.", [("arrested", 1, None)]),
    # real: Al Jazeera ledes
    ("عقب اغتيال رئيس المكتب السياسي لحركة حماس إسماعيل هنية فجر اليوم الأربعاء في طهران.",
     [("killed", 1, None)]),
    ("اعتقلت قوات الاحتلال الإسرائيلي مراسل الجزيرة في غزة إسماعيل الغول عقب اقتحام مستشفى الشفاء.",
     [("arrested", 1, "journalists")]),
    ("أعلنت الوزارة استشهاد مسعف فلسطيني في سجون الاحتلال بعد اعتقاله من مجمع ناصر الطبي.",
     [("killed", 1, "medics"), ("arrested", 1, None)]),
    ("الطبيب الفلسطيني حسام أبو صفية، الذي اعتقلته قوات الاحتلال بعد أن واصل علاج الجرحى.",
     [("arrested", 1, None)]),
])
def test_casualties_named_person_and_pronoun_are_one(text: str, expected: list[Fact]) -> None:
    check(text, expected)


@pytest.mark.parametrize("text", [
    "دعت النائبة السلطات الأميركية إلى اعتقال رئيس الوزراء الإسرائيلي بنيامين نتنياهو.",  # a call
    "وجه الوزير تهديدا مباشرا باغتيال رئيس حركة حماس في الخارج خالد مشعل.",  # a threat
    "قالت الطبيبة إن التحاليل أظهرت إصابتها بالأميبا.",  # an illness
    "أثار حفل خطبة ابن رئيس الوزراء غضب جمهور المنصات وأسرته.",  # أسرته: his family
    "تحديات عدة تعترض الحياة التعليمية في سوريا بعد سقوط الأسد.",  # a fall from power
    "اقتحمت قوات الاحتلال عددا من القرى وتفجير منزل منفذ عملية راموت.",
])
def test_casualties_no_count_without_a_victim(text: str) -> None:
    assert facts(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("أعلنت الوزارة إصابة فلسطينييْن برصاص الاحتلال.", [("injured", 2, None)]),
    ("أعلن نادي الأسير إصابة أسيرتين في السجن.", [("injured", 2, "prisoners")]),
    ("أصيب مستوطنان في عملية إطلاق نار.", [("injured", 2, "settlers")]),
    ("قالت الشرطة إن إسرائيليين أصيبا في الهجوم.", [("injured", 2, None)]),
    ("قتل مدنيان في القصف.", [("killed", 2, "civilians")]),
    # real: Al Jazeera ledes
    ("استشهد فلسطينيان وأصيب آخرون إثر غارة جوية إسرائيلية استهدفت منزلا في مخيم جباليا.",
     [("killed", 2, None)]),
    ("أجهزة أمن السلطة تعتقل مقاوميْن فلسطينييْن في طوباس.", [("arrested", 2, "militants")]),
    ("إصابة طفلين فلسطينيين برصاص الاحتلال في رام الله.", [("injured", 2, "children")]),
])
def test_casualties_dual_is_two(text: str, expected: list[Fact]) -> None:
    check(text, expected)


@pytest.mark.parametrize("text", [
    "رصدت الجزيرة مشاهد توديع فلسطينيين استشهدوا إثر تواصل القصف.",  # a plural: no count
    "قالت الطالبة إن مسلحي طالبان هاجموا القرية.",  # طالبان is not two students
])
def test_casualties_plural_is_not_a_dual(text: str) -> None:
    assert all(best != 2 for _, best, _ in facts(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("استشهد فتى (16 عاما) ورضيع في قصف على المخيم.", [("killed", 2, "children")]),
    ("استشهد شاب وأصيب اثنان آخران برصاص الاحتلال.", [("killed", 1, None), ("injured", 2, None)]),
    # real: ANT (BBC, Al Arabiya), Al Jazeera
    ("وقتلت امرأة فلسطينية حامل وطفلتها الرضيعة في قصف اسرائيلي ليل الأربعاء.", [("killed", 2, None)]),
    ("لقي سائق قطار وراكبة مصرعهما، وأصيب 14 راكباً آخرين بجروح.",
     [("killed", 2, None), ("injured", 14, None)]),
    ("أصيب طفل وسيدة فلسطينيان بالرصاص الحي.", [("injured", 2, None)]),
    ("وقتل جندي أميركي وأصيب اثنان مساء السبت برصاص جندي أفغاني.",
     [("killed", 1, "soldiers"), ("injured", 2, None)]),
])
def test_casualties_victims_listed_one_by_one(text: str, expected: list[Fact]) -> None:
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("أعلن الجيش مقتل جندي و3 آخرين في المعارك.", [("killed", 1, "soldiers"), ("killed", 3, None)]),
    ("استشهد شاب فلسطيني و3 آخرون.", [("killed", 1, None), ("killed", 3, None)]),
])
def test_casualties_one_and_a_figure_under_one_verb(text: str, expected: list[Fact]) -> None:
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    # real: Al Jazeera ledes
    ("بثت الجزيرة مشاهد تظهر وداع فلسطيني جثمان طفله الذي استشهد في قصف إسرائيلي.",
     [("killed", 1, "children")]),
    ("يخفي الاحتلال هويات العشرات من معتقلي غزة الذين ارتقوا في سجونه.", [("killed", 10, "prisoners")]),
    ("أعلنت الحركة مقتل ابن أخت الجنرال آيزنكوت.", [("killed", 1, None)]),
])
def test_casualties_relative_clauses_and_relatives(text: str, expected: list[Fact]) -> None:
    check(text, expected)


def test_casualties_a_list_with_a_plural_has_no_count() -> None:
    assert facts("اعتقلت قوات الاحتلال والد ووالدة وأشقاء الشاب محمد شهاب.") == []


# Subsets ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("استشهد شابان أحدهما طفل في قصف.", [("killed", 2, None, None), ("killed", 1, "children", 0)]),
    ("أعلنت الوزارة استشهاد 30 فلسطينيا بينهم 15 بمدينة غزة.",
     [("killed", 30, None, None), ("killed", 15, None, 0)]),
    ("استشهد 80 فلسطينيا منذ فجر اليوم. 58 منهم في مدينة غزة.",
     [("killed", 80, None, None), ("killed", 58, None, 0)]),
    # real: Al Jazeera ledes, ANT
    ("3 شهداء بينهم ضابط فلسطيني وجرحى في مواجهات بالضفة.",
     [("killed", 3, None, None), ("killed", 1, "soldiers", 0)]),
    ("أعلنت وزارة الصحة عن استشهاد اثنين، أحدهما فتى يبلغ 17 عاما.",
     [("killed", 2, None, None), ("killed", 1, "children", 0)]),
    ("أفادت مصادر باستشهاد 31 فلسطينيا بنيران الاحتلال منذ فجر اليوم، بينهم 24 في مدينة غزة.",
     [("killed", 31, None, None), ("killed", 24, None, 0)]),
    ("قُتل ثلاثة مدنيين يمنيين بينهم امرأة، الثلاثاء، في انفجار لغم أرضي.",
     [("killed", 3, "civilians", None), ("killed", 1, "women", 0)]),
    ("استشهد 6 شهداء، بينهم طفل و3 أشقاء.",
     [("killed", 6, None, None), ("killed", 1, "children", 0), ("killed", 3, None, 0)]),
])
def test_casualtiessubsets(text: str, expected: list[tuple[str, object, object, object]]) -> None:
    assert subsets(text) == expected


def test_casualties_one_of_the_killed_is_a_subset_across_sentences() -> None:
    found = subsets("قتل ثلاثة أشخاص في اشتباكات. وقالت الوكالة إن أحد القتلى هو شقيق النائب.")
    assert found == [("killed", 3, None, None), ("killed", 1, None, 0)]


# Lists and apposition -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # the issue's example is a real Al Jazeera lede
    ("دمر الاحتلال 117 مدرسة وجامعة تدميرا كليا، وقتل 500 معلم ومدير مدرسة، و100 عالم وباحث وأستاذ جامعي، "
     "و9 آلاف طالب.", [("killed", 500, None), ("killed", 100, None), ("killed", 9000, None)]),
    ("وقتل 32 فلسطينيا وأربعة إسرائيليين منذ إعلان ترامب.", [("killed", 32, None), ("killed", 4, None)]),
    ("أسفرت الحرب عن مقتل أكثر من 500 ألف شخص، ونحو 6 ملايين لاجئ.",
     [("killed", 500000, None), ("displaced", 6000000, None)]),  # a refugee total is not killed
])
def test_casualties_lists_give_one_fact_per_item(text: str, expected: list[Fact]) -> None:
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("حرب استشهد فيها -بحسب الأرقام الرسمية- نحو 42 ألف فلسطيني، بينهم نحو 17 ألف طفل.",
     [("killed", 42000, None), ("killed", 17000, "children")]),
    # real: Al Jazeera ledes
    ("أعدم الجيش الإسرائيلي، اليوم الاثنين، وفق مصادر طبية وروايات شهود عيان 7 نازحين فلسطينيين.",
     [("killed", 7, None)]),
    ("في اليوم الـ401 للعدوان على غزة استشهد أكثر من 49 -نصفهم أطفال- في قصف للاحتلال.",
     [("killed", 49, None)]),
    ("أعدمت المقاومة الفلسطينية في غزة 3 عملاء لإسرائيل.", [("killed", 3, None)]),
])
def test_casualties_parentheticals_and_agents_do_not_break_the_link(text: str, expected: list[Fact]) -> None:
    check(text, expected)


# Triggers -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("أصاب الرصاص 3 شبان في المواجهات.", [("injured", 3, None)]),
    ("لقي عشرات حتفهم في الغارات.", [("killed", 10, None)]),
    ("أدى القتال إلى فرار 5 آلاف شخص من المدينة.", [("displaced", 5000, None)]),
    ("طُرد 300 فلسطيني من منازلهم.", [("displaced", 300, None)]),
    ("سجلت 20 حالة اختناق خلال المواجهات.", [("injured", 20, None)]),
    ("تم تنفيذ حكم الإعدام بحق 5 مدانين.", [("killed", 5, None)]),
    ("ارتفع عدد النازحين داخليا في السودان منذ اندلاع الحرب في أبريل 2023 إلى 6.2 مليون.",
     [("displaced", 6200000, None)]),
    # real: ANT, Al Jazeera
    ("قتل المسلح في الهجوم 13 شخصا، وأصاب أكثر من 130 بجروح.",
     [("killed", 13, None), ("injured", 130, None)]),
    ("وأشار إلى أن الميليشيا قتلت خلال شهر ديسمبر الماضي 206 وأصابت 227 آخرين.",
     [("killed", 206, None), ("injured", 227, None)]),
    ("ولقي نحو خمسة حتفهم بينما كانت تحتجزهم الجماعة المتطرفة.", [("killed", 5, None)]),
    ("لقي 110 فلسطينيين مصرعهم وأصيب نحو 12 ألفا آخرين برصاص الجيش.",
     [("killed", 110, None), ("injured", 12000, None)]),
    ("أكبر موجة نزوح في الحرب شملت فرار نحو 320 ألف شخص.", [("displaced", 320000, None)]),
    ("أصيب عدد من الفلسطينيين بحالات اختناق جراء استنشاق غاز مدمع.", [("injured", None, None)]),
    ("أفادت هيئة الأسرى بارتفاع عدد المعتقلين من الضفة الغربية في سجون الاحتلال إلى أكثر من 10 آلاف "
     "و200 فلسطيني منذ بدء الحرب.", [("arrested", 10200, None)]),
])
def test_casualties_new_triggers(text: str, expected: list[Fact]) -> None:
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("لا يزال أكثر من 10 آلاف تحت الأنقاض.", [("missing", 10000, None)]),
    ("ولا يزال 5 أشخاص في عداد المفقودين.", [("missing", 5, None)]),
    ("غرق مركب وعلى متنه 20 مهاجرا ما زالوا مفقودين.", [("missing", 20, None)]),
    ("لا يزال 10 آلاف شهيد على الأقل تحت الأنقاض.", [("killed", 10000, None)]),  # the noun says killed
    ("يبحث آلاف الفلسطينيين عن مصير أبنائهم المفقودين.", []),  # the searchers are not missing
])
def test_casualties_missing(text: str, expected: list[Fact]) -> None:
    check(text, expected)


def test_casualties_running_total_far_from_its_verb_is_cumulative() -> None:
    (span,) = article("ارتفع عدد النازحين داخليا في السودان منذ اندلاع الحرب في أبريل 2023 إلى 6.2 مليون.") \
        .layer("casualties")
    assert span.attrs["cumulative"] is True


# Not casualties -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "قال نتنياهو: سنفرج عن 3 أسرى.",
    "قال الطبيب إنهم قتلوا قبل 24 إلى 48 ساعة.",
    # real: Al Jazeera ledes, ANT
    "أفرجت إسرائيل السبت عن 36 فلسطينيا محكوما بالمؤبد، بالإضافة إلى 333 معتقلا ممن اختطفتهم.",
    "استقبلت حشود في رام الله أكثر من 100 أسير أفرج عنهم الاحتلال الإسرائيلي.",
    "أعلن حلف الناتو طرد سبعة من الدبلوماسيين العاملين في البعثة الروسية.",
    "أكدت الصحيفة وفاة 60 أسيرا فلسطينيا بمعتقلات إسرائيلية.",
    "أطلقت سلطات الاحتلال سراح 183 أسيرا فلسطينيا بينهم 111 ممن اعتقلوا في غزة.",
    "فقد حُكم على سبعة جنود بتهم قتل عشرة قرويين من الروهينغا.",
    "سجلت وكالة الصحة العامة في كندا إصابة ست حالات ببكتيريا إي كولاي.",
])
def test_casualties_not_facts_of_issue_12(text: str) -> None:
    assert facts(text) == []


def test_casualties_durations_are_not_people() -> None:
    check("قالت إن المختطفين الستة قتلوا قبل 24 إلى 48 ساعة من عثور القوات عليهم.", [("killed", 6, None)])


def test_casualties_read_3_comma_5_as_the_number_reader_does() -> None:
    check("نزح 3,5 مليون شخص منذ بدء الحرب.", [("displaced", 3500000, None)])  # one reader: parse_digits


def test_casualties_vague_amount_without_best() -> None:
    (span,) = article("أصيب العديد من الفلسطينيين خلال المواجهات.").layer("casualties")
    got = (span.label, span.attrs["min"], span.attrs["best"], span.attrs["max"])
    assert got == ("injured", 2, None, None)


# Phrases the events reader used to catch (issue 10), found by running both readers -------

@pytest.mark.parametrize(("text", "expected"), [
    ("استشهد شاب فلسطيني وأصيب اثنان آخران برصاص قوات الاحتلال.",
     [("killed", 1, None), ("injured", 2, None)]),
    ("أعلنت المؤسسة استشهاد أحد موظفيها بعد 4 أشهر من مقتل 7 من موظفيها في ضربات إسرائيلية.",
     [("killed", 1, None), ("killed", 7, None)]),
    ("أعلنت قناة القدس اليوم استشهاد 5 من صحفييها بغارة جوية.", [("killed", 5, "journalists")]),
    ("قالت الوزارة إن 30 شخصا استشهدوا وأصيب 130 آخرون بنيران جيش الاحتلال.",
     [("killed", 30, None), ("injured", 130, None)]),
    ("55 شهيدا وإصابة 4 جنود إسرائيليين بمعارك في قطاع غزة.",
     [("killed", 55, None), ("injured", 4, "soldiers")]),
    ("سقط 4 شهداء وأصيب آخرون في قصف إسرائيلي.", [("killed", 4, None)]),
    ("لا يزال 10 آلاف شهيد على الأقل تحت الأنقاض.", [("killed", 10000, None)]),
    ("أسفر عن استشهاد ما لا يقل عن 71 نازحا وإصابة نحو 289 آخرين.",
     [("killed", 71, None), ("injured", 289, None)]),
    ("أعلن أنه تم القبض على 3 ممن وصفهم بالمطلوبين.", [("arrested", 3, None)]),
    ("تواصل السلطات اعتقال 49 فلسطينية في سجونها.", [("arrested", 49, None)]),
    ("إصابة 3 مقاومين برصاص أمن السلطة بطولكرم.", [("injured", 3, "militants")]),
    ("أصيب 6 مزارعين فلسطينيين اليوم السبت.", [("injured", 6, None)]),
    ("اعتقلت السلطات أكثر من 443 متطوعا من 47 دولة.", [("arrested", 443, None)]),
    ("أعلنت الوزارة استشهاد اثنين، وإصابة 22 حالة 3 منهم خطرة.",
     [("killed", 2, None), ("injured", 22, None), ("injured", 3, None)]),
    ("اقتحامات إسرائيلية واسعة لمناطق الضفة واعتقال نحو 9 آلاف عام 2024.", [("arrested", 9000, None)]),
    ("قال إسماعيل علي: لا نملك كافة المعلومات لكن قتل أكثر من عشرة اشخاص.", [("killed", 10, None)]),
    ("قُتل سبعة تلاميذ على الأقل طعنا وجُرح 12 آخرون في هجوم بسكين.",
     [("killed", 7, "children"), ("injured", 12, "children")]),
    ("قالت الشرطة إن أربعة مهاجمين قتلوا وأصيب أربعة من رجال الأمن بجراح.",
     [("killed", 4, None), ("injured", 4, None)]),  # an attacker is no group (clarification 6)
])
def test_casualties_phrases_only_the_events_reader_found(text: str, expected: list[Fact]) -> None:
    check(text, expected)


def test_casualties_implausible_count_is_flagged_not_counted() -> None:
    a = article("قتل 9000000000 شخص في الهجوم.\n")
    assert a.layer("casualties") == []
    assert [f.code for f in a.flags] == ["implausible_count"]


def test_casualties_unreadable_number_is_never_a_count() -> None:
    a = article("قتل 1e309 وأصيب 3 أشخاص.\n")
    assert [(s.label, s.attrs["best"]) for s in a.layer("casualties")] == [("injured", 3)]
    assert "number_unreadable" in [f.code for f in a.flags]
