"""A registry person's name next to someone else's: a relative with the same surname, a verb's
subject and object, a middle name; and tagged spans that are dates, idioms or another spelling."""

from __future__ import annotations

from rasid.pipeline import default_pipeline, make_document


def mentions(text: str, published: str | None = None) -> dict[str, list[tuple[str, int]]]:
    doc = make_document(text, published=published)
    default_pipeline().run_doc(doc)
    assert not doc.meta.get("failures")
    out = doc.to_dict()
    return {e["id"]: sorted(((text[m["start"]:m["end"]], m["start"]) for m in e["mentions"]), key=lambda x: x[1])
            for e in out["entities"]}


def test_a_registry_surname_after_another_given_name_is_a_relative() -> None:
    text = "وتعكس التعليقات المخاوف التي أعربت عنها السيدة الأولى ميلانيا ترامب في مقابلة."
    assert mentions(text, "2018-10-15") == {"x:per:ميلانيا_ترامب": [("ميلانيا ترامب", 54)]}
    assert mentions("أحمد قديروف رئيساً للشيشان.", "2018-10-05") == {
        "x:per:احمد_قديروف": [("أحمد قديروف", 0)], "loc:chechnya": [("شيشان", 21)]}
    # a compound given name, even one that is an ordinary word ("السلام")
    assert mentions("وقال عبد السلام هنية عضو المجلس إن الحركة مستعدة.", "2018-06-06") == {
        "x:per:عبد_السلام_هنيه": [("عبد السلام هنية", 5)]}


def test_the_persons_own_given_name_in_another_spelling_keeps_the_link() -> None:
    assert mentions("وقال ايمانوال ماكرون إن الاتفاق جيد.", "2018-07-13") == {
        "per:emmanuel_macron": [("ماكرون", 14)]}
    assert mentions("وقال عبد الفتاح السيسي إن. وأضاف السيسي أن", "2018-07-13") == {
        "per:abdel_fattah_el_sisi": [("عبد الفتاح السيسي", 5), ("السيسي", 33)]}


def test_a_verbs_subject_and_object_are_two_people() -> None:
    assert mentions("التقى بوتين ترامب في هلسنكي.", "2018-07-16") == {
        "per:vladimir_putin": [("بوتين", 6)], "per:donald_trump": [("ترامب", 12)], "loc:658225": [("هلسنكي", 21)]}
    # the subject named before by another surname, or ending in a name of its own
    text = "وكان جيمس كومي قد قال إن الرئيس غير لائق. وفي مذكراته شبه كومي ترامب برؤساء العصابات."
    found = mentions(text, "2018-08-15")
    assert found["x:per:جيمس_كومي"] == [("جيمس كومي", 5), ("كومي", 58)]
    assert found["per:donald_trump"][-1] == ("ترامب", 63)
    text = "هنأ رئيس وزراء بلغاريا بويو بوريسوف أردوغان على فوزه"
    assert mentions(text, "2018-06-25") == {
        "gpe:bg": [("بلغاريا", 15)], "x:per:بويو_بوريسوف": [("بويو بوريسوف", 23)],
        "per:recep_tayyip_erdogan": [("أردوغان", 36)]}


def test_a_tagged_name_run_into_a_registry_person_ends_before_it() -> None:
    text = "وفي صربيا هنأ الرئيس الصربي ألكسندر فوسيتش أردوغان قائلا إن بلغراد ستستمر"
    found = mentions(text, "2018-06-25")
    assert found["per:aleksandar_vucic"] == [("الرئيس الصربي", 14), ("ألكسندر فوسيتش", 28)]
    assert found["per:recep_tayyip_erdogan"] == [("أردوغان", 43)]
    # a middle name between the person's own given name and surname is not cut off as another person
    text = "كونه من أخلص المخلصين للرئيس السابق باراك حسين أوباما ومن الديمقراطيين"
    assert mentions(text, "2018-08-19") == {"per:barack_obama": [("أوباما", 47)]}


def test_a_one_word_organisation_that_is_a_person_named_before_is_that_person() -> None:
    text = ("أعلن ترمب أنه اتفق مع رئيسة وزراء بريطانيا #تيريزا_ماي، الجمعة، على أن إيران يجب ألا "
            "تمتلك أسلحة نووية. وقالت ماي إن المصالح المشتركة تجمعها. وذكر أن اجتماعه مع ماي تناول "
            "الهجرة، وأنه تناول مع ماي ضرورة ضبط الحدود.")
    assert [s for s, _ in mentions(text, "2018-07-13")["per:theresa_may"]] == [
        "تيريزا_ماي", "ماي", "ماي", "ماي"]


def test_a_leading_title_with_the_article_is_no_part_of_a_name() -> None:
    text = "وقال السيناتور بن ساسي العضو الجمهوري إن الوزارة يجب أن تظل محايدة."
    assert mentions(text, "2018-09-04") == {"x:per:بن_ساسي": [("بن ساسي", 15)]}


def test_an_organisation_starts_after_a_proclitic_and_takes_its_modifying_adjective() -> None:
    assert mentions("وذكر بيسكوف أن بوتين أعرب لمجلس الأمن القومي عن قلقه.", "2018-05-09") == {
        "per:dmitry_peskov": [("بيسكوف", 5)], "per:vladimir_putin": [("بوتين", 15)],
        "x:org:مجلس_الامن_القومي": [("مجلس الأمن القومي", 27)]}
    # "آلية" folds to look like a word with the article; it is the verb's object
    assert mentions("وأنشأت منظمة حظر الأسلحة الكيميائية ومجلس الأمن آلية مشتركة", "2018-05-09") == {
        "org:opcw": [("منظمة حظر الأسلحة الكيميائية", 7)], "org:unsc": [("مجلس الأمن", 37)]}


def test_a_month_name_in_a_date_is_no_entity() -> None:
    text = "وإعادة فتح مكاتب صرف العملات التي أغلقت في نيسان/أبريل خلال محاولة كارثية"
    assert mentions(text, "2018-08-07") == {}
    assert mentions("وقالت شركة نيسان إن مبيعاتها ارتفعت", "2018-08-07") == {"x:org:نيسان": [("نيسان", 11)]}


def test_a_name_inside_an_idiom_is_no_mention() -> None:
    assert mentions("تؤكد المملكة رفضها التام لأي تهديدات ومحاولات للنيل منها سواء عبر التلويح") == {}
    assert mentions("يتعلق بمياه النيل من شأنه إلحاق الضرر") == {"loc:nile": [("النيل", 12)]}


def test_a_place_of_several_words_spelt_otherwise_is_the_place() -> None:
    assert mentions("وصل الوفد إلى بيونغ يانج أمس.", "2018-10-15") == {"loc:1871859": [("بيونغ يانج", 14)]}


def test_a_kinship_noun_opens_no_name() -> None:
    text = "حبس الصحفي أحمد الجارحي. وأكد شقيق الجارحي ومصدر بالنيابة العسكرية قرار الحبس."
    assert mentions(text) == {"x:per:احمد_الجارحي": [("أحمد الجارحي", 11), ("الجارحي", 35)]}


def test_a_word_written_with_alef_maqsura_is_no_country_adjective() -> None:
    found = mentions("تبكي الطفلة وقد لفت رجلها اليمنى بضماد أبيض. وقال الوزير اليمني إن المستشفيات مكتظة.")
    assert found["gpe:ye"] == [("اليمني", 57)]
    # an Egyptian spelling of a nisba with alef maqsura stays the nisba
    assert mentions("ووصل الوفد المصرى إلى القاهرة")["gpe:eg"] == [("المصرى", 11)]


def test_a_surname_that_is_a_common_word_is_the_person_only_after_the_full_name() -> None:
    # "مشعل" is a torch and a common given name: no alias, carried only after "خالد مشعل"
    assert mentions("وحمل الرياضيون مشعل الألعاب الأولمبية.") == {}
    text = "وقال القيادي في حماس خالد مشعل إن الحركة لن تتنازل. وأضاف مشعل أن المفاوضات متوقفة."
    assert mentions(text, "2018-03-02")["per:khaled_meshaal"] == [("خالد مشعل", 21), ("مشعل", 58)]


def test_a_national_bodys_generic_name_belongs_to_the_country_the_story_is_about() -> None:
    text = ("قال الأمين العام لحزب الله حسن نصرالله إن الجيش اللبناني قادر. وأضاف أن لبنان لن يقبل "
            "الضغوط الأمريكية. وقال إن مجلس النواب سيناقش الموازنة.")
    assert "org:us_house" not in mentions(text, "2018-02-25")
    text = "وقال ترامب إن مجلس النواب سيصوت على الموازنة، وهاجم الديمقراطيين في الولايات المتحدة."
    assert mentions(text, "2018-02-25")["org:us_house"] == [("مجلس النواب", 14)]
    # a party's bare name is America's only in a story about America
    assert "org:us_republican_party" not in mentions(
        "قالت مصادر سياسية في تونس إن الحزب الجمهوري انسحب من الحكومة.", "2018-05-19")
    found = mentions("وصوت أعضاء الحزب الجمهوري في الكونغرس الأمريكي لصالح القانون.", "2018-05-19")
    assert found["org:us_republican_party"] == [("الحزب الجمهوري", 11)]
    # in a story about Russia, a sentence that names someone American keeps the American body
    text = ("قال بوتين إن روسيا لم تتدخل. وأضاف الكرملين أن موسكو مستعدة للحوار مع الولايات المتحدة. "
            "ونفى بوتين أي صلة بحملة هيلاري كلينتون، مرشحة الحزب الديمقراطي.")
    assert mentions(text, "2018-07-16")["org:us_democratic_party"] == [("الحزب الديمقراطي", 134)]


def test_a_name_set_off_after_a_genitive_title_is_the_head_nouns() -> None:
    text = "وقال كبير المستشارين المرافقين لوزير الخارجية الأميركي، براين هوك، في مؤتمر صحفي إن العقوبات ستستمر."
    found = mentions(text, "2018-08-01")
    assert found["per:mike_pompeo"] == [("وزير الخارجية الأميركي", 32)]
    assert found["x:per:براين_هوك"] == [("براين هوك", 56)]
    # a title that is the subject takes the name in apposition, whoever held the office
    found = mentions("وقال وزير الخارجية الأميركي، براين هوك، إن العقوبات ستستمر.", "2018-08-01")
    assert found["x:per:براين_هوك"] == [("وزير الخارجية الأميركي", 5), ("براين هوك", 29)]


def test_a_tagged_name_ends_before_a_complementiser() -> None:
    text = 'وقال مايكل كوفمان إن المنافسة حتمية. وأضاف كوفمان بأن "أيديولوجيتهم الشمولية جعلت تلك المنافسة حتمية".'
    assert mentions(text) == {"x:per:مايكل_كوفمان": [("مايكل كوفمان", 5), ("كوفمان", 43)]}


def test_a_surname_with_an_ending_or_a_family_name_after_it_is_someone_else() -> None:
    text = "وقال ترامب إن الاتفاق سيئ. وردت دمشق بأن التهديدات الترامبية لن تخيف أحدا."
    assert [s for s, _ in mentions(text, "2018-04-13")["per:donald_trump"]] == ["ترامب"]
    text = "وقال بوتين إن القمة ناجحة. وجاء توجيه الاتهام لبوتينا بعد القمة بيومين."
    assert [s for s, _ in mentions(text, "2018-07-19")["per:vladimir_putin"]] == ["بوتين"]
    text = "وقالت نيكي هيلي إن بلادها سترد. وفي حسابها على تويتر، قالت هيلي السعدني إن الصورة قديمة."
    found = mentions(text, "2018-09-06")
    assert [s for s, _ in found["per:nikki_haley"]] == ["نيكي هيلي"]


def test_a_currency_before_a_country_adjective_and_a_vitamin_letter_are_no_names() -> None:
    from rasid.entities import build_linker

    # the tagger reads "الريال" as the club in some articles (its second stage sees the club named
    # elsewhere); before a country's adjective the word is the currency
    text = "وأدى التدهور المريع للريال الإيراني إلى موجة احتجاجات. وفاز الريال بثلاثة أهداف على خصمه."
    linker = build_linker()
    real = linker.tagger

    class ClubReading:
        def __getattr__(self, name: str):  # the real tagger's gazetteer, triggers, common words
            return getattr(real, name)

        def tag_spans(self, text: str) -> list[tuple[int, int, str]]:
            return [(m.start(), m.end(), "ORG") for m in __import__("re").finditer(r"\w*ريال", text)]

    linker.tagger = ClubReading()
    sports = "وفاز الريال بثلاثة أهداف على خصمه، وقال مدرب الريال إن الفريق استحق الفوز."
    try:
        found = [sorted((t[m.start:m.end], m.entity_id) for m in linker.annotate(make_document(t))[0])
                 for t in (text, sports, "وبلغ سعر الدولار 90,000 ريال في السوق. وتراجع الريال مجددا.")]
    finally:
        linker.tagger = real
    # an article that uses the word as a currency anywhere (a country's adjective after it, a number
    # before it) names no club with it; a sports story does
    assert found == [[("الإيراني", "gpe:ir")], [("الريال", "x:org:الريال"), ("الريال", "x:org:الريال")], []]
    assert mentions('أظهرت دراسة أن فيتامين "دي" لا يحسن صحة العظام.') == {}


def test_a_registry_surname_glued_to_a_letter_after_another_given_name_is_a_longer_name() -> None:
    # "كاكار" is no ك + "أكار" (Hulusi Akar) after the given name "فايز" (also the word "winner")
    text = "وقال فايز كاكار وزير صحة الولاية لوكالة الأنباء إن الوضع صعب."
    assert "per:hulusi_akar" not in mentions(text, "2018-07-20")
    # a conjunction or a preposition before the surname still joins it on, after any name
    text = "وقال المتحدث إن بوتين ولافروف اجتمعا أمس."
    assert mentions(text, "2018-07-20")["per:sergey_lavrov"] == [("لافروف", 23)]
    assert "per:donald_trump" in mentions("وقال الرئيس روحاني لترامب: لا تلعب بالنار.", "2018-07-20")
    assert "per:angela_merkel" in mentions("وقال مرزوق إن بلاده ترحب بأوباما وميركل.", "2018-07-20")
