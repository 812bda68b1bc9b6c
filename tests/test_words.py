"""Web headings break between Thai words only (core/words.py; the browser check is in
tests/e2e/test_widths.py)."""

from django.template import Context, Template

from core.words import break_words


def test_a_break_is_marked_between_thai_words_and_at_spaces_only():
    assert break_words("แผนการขับเคลื่อน กลุ่มออมทรัพย์เพื่อการผลิต") == (
        "แผนการ<wbr>ขับเคลื่อน <wbr>กลุ่ม<wbr>ออมทรัพย์<wbr>เพื่อ<wbr>การผลิต")


def test_tags_entities_names_and_latin_text_are_left_whole():
    html = Template('{% words %}<h1 class="x">แผนการ {{ code }} <span class="name">ศิริพร ทองมา</span></h1>{% endwords %}')
    assert html.render(Context({"code": "A&B 5201"})) == (
        '<h1 class="x">แผนการ <wbr>A&amp;B <wbr>5201 <wbr><span class="name">ศิริพร ทองมา</span></h1>')


def test_a_syllable_outside_the_dictionary_joins_its_neighbours():
    # newmm cuts "นางสาวศิริ" into "นางสาว", "ศิ" (no word), "ริ": no break around "ศิ".
    assert break_words("นางสาวศิริ") == "นางสาวศิริ"


def test_a_plain_string_is_escaped_first():
    assert break_words("<b>กลุ่มออม</b>") == "&lt;b&gt;กลุ่ม<wbr>ออม&lt;/b&gt;"


from django.utils.safestring import mark_safe  # noqa: E402


def test_a_badge_in_a_heading_is_left_whole():
    assert break_words(mark_safe('<h2>การแจ้งเตือน <span class="badge bad">1 ยังไม่อ่าน</span></h2>')) == (
        '<h2>การ<wbr>แจ้ง<wbr>เตือน <wbr><span class="badge bad">1 ยังไม่อ่าน</span></h2>')


def test_a_place_name_after_its_prefix_is_kept_whole():
    assert break_words("เครือข่ายกลุ่มออมทรัพย์ตำบลนิคมพัฒนา อำเภอเมืองลำปาง") == (
        "เครือข่าย<wbr>กลุ่ม<wbr>ออมทรัพย์<wbr>ตำบลนิคมพัฒนา <wbr>อำเภอเมืองลำปาง")


def test_the_registrys_own_words_stay_whole():
    # core/words.py PROJECT_WORDS: newmm alone cuts "พัฒนา|ชุมชน" and "แหล่ง|ทุน".
    assert break_words("สำนักงานพัฒนาชุมชนอำเภอ แหล่งทุน") == (
        "สำนักงาน<wbr>พัฒนาชุมชน<wbr>อำเภอ <wbr>แหล่งทุน")
