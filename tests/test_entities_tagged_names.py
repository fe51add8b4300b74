"""Names the tagger finds: carried to where it missed them (ordinary words are not), and an
organisation's name taking a country adjective that continues it."""

from __future__ import annotations

import gzip
import json
from collections import Counter

from rasid.ner.common_words import build_common_words, common_words, key, load_common_words
from rasid.pipeline import default_pipeline, make_document


def mentions(text: str) -> dict[str, list[tuple[str, int]]]:
    doc = make_document(text)
    default_pipeline().run_doc(doc)
    out = doc.to_dict()
    return {e["id"]: sorted(((text[m["start"]:m["end"]], m["start"]) for m in e["mentions"]), key=lambda x: x[1])
            for e in out["entities"]}


def test_an_unknown_persons_lone_surname_is_carried_from_the_full_name() -> None:
    text = ("واختطف رجل الأعمال محمد ديوجي، البالغ من العمر 43 عاما، من أمام فندق. ولا يزال دافع "
            "اختطاف ديوجي غير واضح. وتعهد ديوجي في عام 2016 بالتبرع بنصف ثروته.")
    assert mentions(text)["x:per:محمد_ديوجي"] == [("محمد ديوجي", 19), ("ديوجي", 91), ("ديوجي", 113)]


def test_a_surname_that_is_a_common_word_is_not_carried() -> None:
    text = "قال رئيس البلدية علي صالح إن المجلس صوت لصالح القرار."
    found = mentions(text)
    assert found["x:per:علي_صالح"] == [("علي صالح", 17)]
    assert key("لصالح") in load_common_words_shipped()
    assert not any(start >= 40 for spans in found.values() for _, start in spans)


def test_a_definite_organisation_name_takes_the_country_adjective_that_continues_it() -> None:
    assert mentions("وتسعى منظمة الدول الأمريكية أيضا إلى الضغط على الحكومة.") == {
        "x:org:منظمه_الدول_الامريكيه": [("منظمة الدول الأمريكية", 6)]}
    # after an indefinite name the adjective only describes: France stays named
    assert mentions("وقالت شركة لافارج الفرنسية إنها ستغلق المصنع.") == {
        "x:org:لافارج": [("لافارج", 11)], "gpe:fr": [("الفرنسية", 18)]}


def load_common_words_shipped() -> frozenset[str]:
    from rasid.ner.resources import MODELS_DIR

    return load_common_words(MODELS_DIR / "ner_common_words.txt.gz")


def test_common_words_need_both_frequency_and_share_outside_names() -> None:
    total = Counter({"حوالي": 300, "ترامب": 2000, "نادر": 5, "صالح": 400, "x": 1_000_000 - 2705})
    named = Counter({"حوالي": 2, "ترامب": 1900, "نادر": 0, "صالح": 250})
    # floor: 28 per million of 1,000,000 words; "ترامب" is plain 100 times but only 5 % of the time
    assert common_words(total, named) == ["x", "حوالي", "صالح"]
    assert common_words(total, named, min_share=0.4) == ["x", "حوالي"]


class _Tagger:
    """Calls every word that starts with "ت" a person."""

    def tag_spans(self, text: str) -> list[tuple[int, int, str]]:
        out, at = [], 0
        for word in text.split(" "):
            if word.startswith("ت"):
                out.append((at, at + len(word), "PERS"))
            at += len(word) + 1
        return out


def test_build_counts_the_news_and_rebuilds_byte_identically(tmp_path) -> None:
    for corpus, texts in (("saudinewsnet", ["قال ترامب إن حوالي مئة وصلوا", "وصل حوالي ألف"]),
                          ("ant_multisource", ["ترامب قال"])):
        folder = tmp_path / "data" / "news" / corpus
        folder.mkdir(parents=True)
        (folder / "articles.jsonl").write_text(
            "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), "utf-8")
    path = tmp_path / "common.txt.gz"
    build_common_words(tmp_path, _Tagger(), path)
    first = path.read_bytes()
    build_common_words(tmp_path, _Tagger(), path)
    assert path.read_bytes() == first
    words = gzip.decompress(first).decode("utf-8").split()
    assert "حوالي" in words and "قال" in words and "ترامب" not in words
    assert load_common_words(path) == frozenset(words)


def test_a_far_town_needs_its_country_or_the_taggers_word_that_it_is_a_place() -> None:
    # "ترمز" is Termez (Uzbekistan) and "فوجئ" folds to Fukui (Japan); here they are verbs
    assert mentions("فوجئ السكان بالنجمة التي ترمز إلى النجاح.") == {}
    # with the country named, the town stands
    assert mentions("وصل الوفد إلى مدينة ترمز في أوزبكستان.") == {
        "loc:1215957": [("ترمز", 20)], "gpe:uz": [("أوزبكستان", 28)]}
    # a person's surname the tagger reads as a name is the person's ("ميري" is also Miri, Malaysia)
    assert mentions("أما نيكولا ميري، مديرة قطاع الإيجار في الشركة، فقالت إن الأسعار ارتفعت.") == {
        "x:per:نيكولا_ميري": [("نيكولا ميري", 4)]}
    # world cities the news names bare stand alone (rules/world_cities.json)
    assert mentions("عقدت المحادثات في جنيف الثلاثاء.") == {"loc:2660646": [("جنيف", 18)]}


def test_world_cities_are_registry_towns() -> None:
    from rasid.entities.registry import load_registry
    from rasid.entities.variants import world_cities

    entries = load_registry().entries
    assert world_cities() and all("population" in entries[i] for i in world_cities())


def test_a_nisba_opening_a_persons_name_is_the_given_name() -> None:
    # "تركي" is Turkish and a common given name: before a family name the tagger reads a person;
    # after "مسؤول" and before an adjective it stays Turkey's
    found = mentions("قال المتحدث باسم التحالف العقيد الركن تركي المالكي إن الدفاعات الجوية اعترضت "
                     "صاروخا. وصرح مسؤول تركي كبير بأن أنقرة سترد.")
    assert found["x:per:تركي_المالكي"] == [("تركي المالكي", 38)]
    assert found["gpe:tr"] == [("تركي", 96), ("أنقرة", 110)]


def test_one_unknown_person_spelled_twice_or_named_without_the_fathers_name() -> None:
    text = ("تقدم المرشح اليساري غوستافو بيترو في استطلاعات الرأي. وقال غوستاف بيترو إنه سيحارب الفساد، "
            "وقالت امرأة إن بيترو ساعد الفقراء في العاصمة.")
    assert mentions(text) == {"x:per:غوستافو_بيترو": [("غوستافو بيترو", 20), ("غوستاف بيترو", 59), ("بيترو", 106)]}
    text = "وقال الدكتور خالد بن محمد الوهيبي إن البرنامج نجح. وأضاف الدكتور خالد الوهيبي أن الطلاب سيعودون."
    assert mentions(text) == {"x:per:خالد_بن_محمد_الوهيبي": [("خالد بن محمد الوهيبي", 13), ("خالد الوهيبي", 65)]}
    # another given name with the same family name is another person
    text = "وقالت دانا بيشوب إن ابنها يعاني. وقال مورغان بيشوب إنه يريد العودة إلى المدرسة."
    assert set(mentions(text)) == {"x:per:دانا_بيشوب", "x:per:مورغان_بيشوب"}


def test_a_known_surname_is_the_persons_where_the_tagger_reads_a_place_or_a_word_before_it() -> None:
    text = ("تقدم المرشح اليساري غوستافو بيترو في الاستطلاعات. وقالت امرأة ستينية: "
            "\"أصوت لبيترو (...) الذي ساعد الفقراء\".")
    assert mentions(text) == {"x:per:غوستافو_بيترو": [("غوستافو بيترو", 20), ("بيترو", 77)]}
    # "تيار دوكي" ("Duque's movement"): تيار is a word the news uses outside names
    text = ("فاز إيفان دوكي بالجولة الأولى. وقال محلل إن \"الاستقطاب سيكون واضحا\" وإن النتائج "
            "\"تظهر الأهمية التي لا يزال يتمتع بها تيار دوكي\".")
    assert mentions(text)["x:per:ايفان_دوكي"] == [("إيفان دوكي", 4), ("دوكي", 122)]


def test_given_names_right_before_a_registry_name_are_that_person() -> None:
    # the registry spells "لويس إيناسيو لولا دا سيلفا"; the tagger finds the given names spelt otherwise
    text = "رفضت المحكمة طلب الرئيس السابق لويس اناسيو لولا دا سيلفا البقاء طليقا."
    found = mentions(text)
    assert found["per:lula_da_silva"][:2] == [("لويس اناسيو", 31), ("لولا دا سيلفا", 43)]
    assert not any(k.startswith("x:per:") for k in found)


def test_a_eulogy_after_a_name_is_no_part_of_it_nor_a_name() -> None:
    text = "وفي نص جميل للإمام ابن تيمية رحمه الله يقول إن الدماء عظيمة. لقد كان رحمه الله يأتي إلى المسجد مترجلا."
    assert mentions(text) == {"x:per:ابن_تيميه": [("ابن تيمية", 19)]}
    # "حفظه الله" after a living king is no organisation either
    text = "وثمن الأهالي دعم الملك سلمان بن عبد العزيز - حفظه الله - وولي عهده للمشروع."
    assert mentions(text) == {"per:king_salman": [("الملك سلمان بن عبد العزيز", 17)]}


def test_the_gulf_alone_is_the_arabian_gulf() -> None:
    assert mentions("تعمل العمالة في دول الخليج منذ عقود.") == {"loc:persian_gulf": [("الخليج", 20)]}


def test_a_title_of_two_words_after_a_name_is_no_part_of_it() -> None:
    # in 2014 the registry knows no crown prince, and not this man
    text = ("ولصاحب السمو الملكي الأمير سلطان بن فهد بن ناصر بن عبد العزيز ولي العهد نائب رئيس مجلس الوزراء "
            "وزير الداخلية، ولصاحب السمو الملكي الأمير خالد بن سعد ولي ولي العهد.")
    doc = make_document(text, published="2014-07-25")
    default_pipeline().run_doc(doc)
    found = {e["id"]: [text[m["start"]:m["end"]] for m in e["mentions"]] for e in doc.to_dict()["entities"]}
    assert found["x:per:سلطان_بن_فهد_بن_ناصر_بن_عبد_العزيز"] == ["سلطان بن فهد بن ناصر بن عبد العزيز"]
    assert not any(t.startswith("ولي") for spans in found.values() for t in spans)


def test_the_deputy_crown_princes_title_is_dated() -> None:
    text = "استقبل الأمير محمد بن سلمان ولي ولي العهد وزير الدفاع السعودي الوفد في الرياض."
    doc = make_document(text, published="2015-07-31")
    default_pipeline().run_doc(doc)
    found = {e["id"]: [text[m["start"]:m["end"]] for m in e["mentions"]] for e in doc.to_dict()["entities"]}
    assert found["per:mohammed_bin_salman"] == ["الأمير محمد بن سلمان", "ولي ولي العهد", "وزير الدفاع السعودي"]


def test_a_joining_wa_before_the_head_of_an_organisations_name_stays_outside() -> None:
    text = "وتضم الحكومة الائتلافية الحزب المؤسساتي الثوري وحزب العمل الوطني وحزب الثورة الديمقراطية منذ سنوات."
    assert mentions(text)["x:org:حزب_العمل_الوطني"] == [("حزب العمل الوطني", 48)]


def _found(text: str, published: str) -> dict[str, list[tuple[str, int]]]:
    doc = make_document(text, published=published)
    default_pipeline().run_doc(doc)
    return {e["id"]: [(text[m["start"]:m["end"]], m["start"]) for m in e["mentions"]] for e in doc.to_dict()["entities"]}


def test_a_bare_title_followed_by_a_name_is_that_persons() -> None:
    found = _found("قال الرئيس الأمريكي دونالد ترامب إن إيران ستدفع الثمن. ورد الرئيس روحاني بأن بلاده لن تتراجع.",
                   "2018-07-26")
    assert found["per:donald_trump"] == [("الرئيس الأمريكي", 4), ("دونالد ترامب", 20)]
    assert found["x:per:روحاني"] == [("الرئيس", 59), ("روحاني", 66)]
    # a king of another name is not the king of the date, however alike the father's name
    found = _found("استقبل خادم الحرمين الشريفين الملك سلمان الوفد السعودي. وذكّر بموقف الراحل الملك فيصل بن عبدالعزيز.",
                   "2015-07-21")
    assert found["x:per:فيصل_بن_عبدالعزيز"] == [("الملك", 75), ("فيصل بن عبدالعزيز", 81)]
    # a bare title owned by another office: the name is the spokesman's (rules/titles.json 'owned_by')
    found = _found("قال الرئيس الكوري الجنوبي مون جاي إن إن الحوار مستمر. وقال المتحدث باسم الرئيس يون يونغ تشان "
                   "إن الوفد سيزور بيونغ يانغ.", "2018-03-04")
    assert found["per:moon_jae_in"][-1] == ("الرئيس", 72)
    assert found["x:per:يون_يونغ_تشان"] == [("يون يونغ تشان", 79)]


def test_a_given_name_or_a_compound_family_name_alone_is_the_person_named_before() -> None:
    text = "تجتمع آينور غوموسوي مع صديقاتها كل شهر. قبل عشرين عاما، تركت آينور عملها في بيع المنتجات."
    assert mentions(text) == {"x:per:اينور_غوموسوي": [("آينور غوموسوي", 6), ("آينور", 61)]}
    text = ("كلف الرئيس العراقي برهم صالح، فور انتخابه في البرلمان، عادل عبد المهدي بتشكيل حكومة جديدة. "
            "وأمام عبد المهدي، الذي شغل منصب وزير النفط، مهلة شهر.")
    assert _found(text, "2018-10-02")["x:per:عادل_عبد_المهدي"] == [("عادل عبد المهدي", 55), ("عبد المهدي", 97)]


def test_a_far_place_spelt_otherwise_than_the_registry_is_the_registry_place() -> None:
    text = "وارتفعت أسعار الذهب في بورصة شنغهاي أمس، كما قال متعاملون في شنغهاي إن الطلب ضعيف."
    assert mentions(text) == {"loc:1796236": [("شنغهاي", 29), ("شنغهاي", 61)]}
    # Arabic names are spelt one way, and exonyms with the article are left alone
    found = mentions("وتوافد الزوار على قرية الليوان التراثية في المنطقة الشرقية.")
    assert "gpe:gr" not in found and "loc:292672" not in found


def test_a_proclitic_the_tagger_took_into_a_name_named_bare_elsewhere() -> None:
    text = "وفاز أتالانتا بالمباراة. وكان اللاعب قد انتقل لأتالانتا مقابل 12 مليون يورو."
    assert mentions(text) == {"x:org:اتالانتا": [("أتالانتا", 5), ("أتالانتا", 47)]}
    # a name's own first letter stays where the article writes the name in full with it
    text = "وقال خيري بوزاني إن العدد ارتفع. وتابع بوزاني أن الناجين كثر، وقالت وزاني إن الأمر صعب."
    assert ("بوزاني", 39) in mentions(text)["x:per:خيري_بوزاني"]


def test_a_person_the_tagger_ran_into_the_body_before_is_a_person_of_their_own() -> None:
    found = mentions("وأوكلت الإدارة إلى رئيس سياسة البنتاغون كولين كال متابعة الملف.")
    assert found == {"org:pentagon": [("البنتاغون", 30)], "x:per:كولين_كال": [("كولين كال", 40)]}
    found = mentions("وأوضح وزير الداخلية اليمني عبده الحذيفي أن الوضع مستقر.")
    assert found["x:per:عبده_الحذيفي"] == [("عبده الحذيفي", 27)]
    found = mentions("وكتب مراسل بي بي سي ويل غرانت أن المدينة هادئة.")
    assert found["x:per:ويل_غرانت"] == [("ويل غرانت", 20)]


def test_words_after_a_body_that_read_as_no_name_stay_unnamed() -> None:
    from rasid.entities import build_linker
    from rasid.entities.linking import Mention

    linker = build_linker(None)
    text = "وطلبت الشركة من موقع جوجل دوت كوم حذف الصفحة. وقال موظف إن يونايتد وافق."
    google = Mention(21, 25, 21, 25, "org:google", "ORG", "variant")
    # an organisation's span with no person's title before it keeps its label
    assert linker._names_after_registry(text, [(21, 33, "ORG")], [google]) == [(21, 33, "ORG")]
    # after a title the same words are taken as a name; an ordinary word ("بأن") never is
    assert linker._names_after_registry("قال رئيس " + text[16:33], [(14, 26, "ORG")],
                                        [Mention(14, 18, 14, 18, "org:google", "ORG", "variant")]) == [
        (19, 26, "PERS")]
    assert not linker._person_after(["بان", "يونايتد"])
    assert not linker._person_after(["الشمالي", "والوسطي"])


def test_a_town_the_tagger_reads_inside_a_persons_name_is_the_name() -> None:
    found = mentions("وقال بشار الجعفري مندوب سوريا إن المجلس منقسم.")
    assert found["x:per:بشار_الجعفري"] == [("بشار الجعفري", 5)]
    assert "loc:2505530" not in found  # Béchar, Algeria
    found = mentions("وقالت ستيفاني غريشام إن السيدة الأولى لن تحضر.")
    assert found == {"x:per:ستيفاني_غريشام": [("ستيفاني غريشام", 6)]}
    # a byline's dash parts the name from the town; a clitic glued to the town opens no name
    found = mentions("صقر خالد – جدة\n تتجدد عملية الاختبار.")
    assert found["loc:105343"] == [("جدة", 11)]
    found = mentions("وأوضح المدير العام للتعليم بجازان عيسى بن أحمد الحكمي أن الدراسة تبدأ.")
    assert found["loc:105299"] == [("جازان", 28)]
    assert found["x:per:عيسي_بن_احمد_الحكمي"] == [("عيسى بن أحمد الحكمي", 34)]


def test_a_registry_surname_behind_a_preposition_that_makes_a_common_word_is_that_word() -> None:
    text = ("انتخب البرلمان العراقي برهم صالح رئيسا. وخسر العبادي ثلث البلاد لصالح تنظيم الدولة. "
            "والتقى العبادي وصالح أمس.")
    assert _found(text, "2018-10-05")["per:barham_salih"] == [("برهم صالح", 23), ("صالح", 100)]


def test_a_short_name_that_is_a_particle_needs_the_full_name() -> None:
    assert "per:lula_da_silva" not in _found("كاد الأمر يتطور لولا تدخل بعض المسؤولين.", "2018-10-05")
    text = "وقال الرئيس البرازيلي لولا دا سيلفا إن البلاد بخير. وأضاف لولا أن الاقتصاد ينمو."
    assert _found(text, "2024-05-01")["per:lula_da_silva"][-2:] == [("لولا دا سيلفا", 22), ("لولا", 58)]


def test_a_name_after_a_place_named_after_a_person_is_no_mention_of_the_person() -> None:
    text = ("وصل الوفد إلى مطار الملك فهد الدولي. ووزع مركز الملك سلمان للإغاثة المساعدات، "
            "وقال الملك سلمان إن الدعم مستمر. وسكن الطالب في شارع خالد بن الوليد.")
    found = _found(text, "2018-01-01")
    assert found["per:king_salman"] == [("الملك سلمان", 83)]
    assert not any(eid.startswith("x:per:") for eid in found)
    # a definite noun is no construct ("the hospital's director"), and "عن طريق" is "by way of"
    found = _found("وقال مدير المستشفى محمد الخياط إن الحالة مستقرة. وسجل الهدف عن طريق محمد هاني.", "2018-01-01")
    assert found["x:per:محمد_الخياط"] == [("محمد الخياط", 19)]
    assert found["x:per:محمد_هاني"] == [("محمد هاني", 68)]
    # "مكتبه" is 'his office' (ه, not ة), though it folds like "مكتبة" (a library)
    found = _found("استقبل المحافظ في مكتبه العقيد عمر السلطان.", "2018-01-01")
    assert found["x:per:عمر_السلطان"] == [("عمر السلطان", 31)]


def test_a_persons_name_ends_before_a_word_with_lil_or_a_bylines_dash() -> None:
    found = mentions("عمر إبراهيم – عين اليوم\nأعلن النادي أن اللاعب سيغيب شهرا.")
    assert found["x:per:عمر_ابراهيم"] == [("عمر إبراهيم", 0)]
    found = _found("قال لويس سواريز إنه سعيد. وانضم سواريز للنادي القطالوني من ليفربول في يوليو.", "2015-07-21")
    assert [surface for surface, _ in found["x:per:لويس_سواريز"]] == ["لويس سواريز", "سواريز"]


def test_a_country_adjective_after_a_given_name_is_a_family_name() -> None:
    found = mentions("وقال الأمين العام للرابطة الشيخ عبدالله التركي إن الرابطة تدعم الحوار.")
    assert found == {"x:per:عبدالله_التركي": [("عبدالله التركي", 32)]}
    found = mentions("وقال اللاعب محمد المصري إن الفريق جاهز.")
    assert found == {"x:per:محمد_المصري": [("محمد المصري", 12)]}
    # after a title the adjective is the office's country
    assert ("العراقي", 18) in mentions("وقال رئيس الوزراء العراقي حيدر العبادي إن الحكومة مستمرة.")["gpe:iq"]


def test_a_place_the_tagger_reads_after_a_title_stays_the_place_and_direction_adverbs_are_none() -> None:
    # "محافظ عدن" is Aden's governor, though عدن is a given name too; "جنوبا" is 'southwards'
    assert mentions("وأوضح محافظ عدن أن الخدمات الأساسية عادت.") == {"loc:415189": [("عدن", 12)]}
    found = mentions("بين محافظتي عدن ولحج جنوبا، ومحافظة تعز شمالا.")
    assert not any(eid.startswith("x:") for eid in found)


def test_a_title_ending_a_tagged_organisation_is_the_next_persons() -> None:
    from rasid.entities import build_linker

    linker = build_linker(None)
    text = "وأوضح المتحدث الإعلامي للجامعة الدكتور محمد الثبيتي أن"
    start, end = text.index("للجامعة"), text.index(" محمد")
    assert linker._before_trailing_title(text, start, end) == start  # a bare head noun is no name
    text = "وقال رئيس جامعة الملك سعود الدكتور بدران العمر إن"
    start, end = text.index("جامعة"), text.index(" بدران")
    assert text[start:linker._before_trailing_title(text, start, end)] == "جامعة الملك سعود"


def test_two_people_the_tagger_ran_into_one_name_are_two() -> None:
    found = mentions("أدخل المدرب كل من: محمد آل فتيل وكامل الموسى وريان الموسى.")
    assert found["x:per:محمد_ال_فتيل"] == [("محمد آل فتيل", 19)]
    assert found["x:per:كامل_الموسي"] == [("كامل الموسى", 33)]
    # a given name with و of its own stays inside the name
    assert mentions("وقال محمد وليد العلي إن الفريق جاهز.") == {"x:per:محمد_وليد_العلي": [("محمد وليد العلي", 5)]}
