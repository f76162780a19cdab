"""Parsing the mail corpus in tests/fixtures/mail: every message becomes the Inquiries row a salesperson expects."""

from __future__ import annotations

import base64
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tradexl.errors import MailError
from tradexl.mail.fields import find_models, find_quantity, find_target_price
from tradexl.mail.importer import Reading, Skipped, message_item
from tradexl.mail.inquiry import inquiry_row
from tradexl.mail.message import MailMessage, local_naive, parse_message
from tradexl.mail.outlook import read_msg
from tradexl.mail.platform import platform_rows
from tradexl.mail.robots import NotInquiry, not_inquiry
from tradexl.mail.stream import RawMessage, iter_mbox, read_eml, slim_message
from tradexl.mail.text import html_to_text, split_body
from tradexl.settings import MailRoute, Settings, TeamMember

CORPUS = Path(__file__).parent / "fixtures" / "mail"
MODELS = ["AB-100", "CD-200", "LP-40W", "SP-300"]
CHINA = timezone(timedelta(hours=8))


def row(name: str, settings: Settings | None = None) -> dict:
    return inquiry_row(parse_message(read_eml(CORPUS / name)), MODELS, settings or Settings(), tz=CHINA)


def test_multipart_with_attachment():
    r = row("01_multipart_attachment.eml")
    assert r["Received"] == datetime(2026, 3, 3, 9, 14, 33)  # +0400 shown in China time
    assert (r["Channel"], r["Contact"], r["Email"]) == ("Email", "Ahmed Al Mansoori", "ahmed@alnoor-trading.ae")
    assert (r["Company"], r["Country"], r["Phone"]) == ("Al Noor Trading LLC", "United Arab Emirates",
                                                         "+971 4 123 4567")
    assert (r["Product"], r["Quantity"], r["Target Price"], r["Target Currency"]) == ("AB-100", 5000, 3.2, "USD")
    assert r["Attachments"] == "AB-100 drawing.pdf"
    assert r["Message ID"] == "CAF3x9q-01@mail.alnoor-trading.ae"
    assert r["Message"].endswith("Drawing attached.")  # signature trimmed
    assert "Best regards" not in r["Message"] and "<p>" not in r["Message"]


def test_html_only_is_converted_and_quote_dropped():
    r = row("02_html_only.eml")
    assert "CD-200 ceiling lamps, quantity 1,200 pieces" in r["Message"]
    assert "Señor" in r["Message"]  # iso-8859-1 decoded
    assert "alert" not in r["Message"] and "color" not in r["Message"]
    assert "old price list" not in r["Message"]
    assert (r["Quantity"], r["Country"], r["Received"]) == (1200, "Mexico", datetime(2026, 3, 5, 8, 40))


def test_forwarded_message_is_the_buyers():
    r = row("03_forwarded.eml")
    assert (r["Email"], r["Contact"], r["Company"]) == ("john.miller@millersupply.com", "John Miller",
                                                        "Miller Supply Inc.")
    assert r["Received"] == datetime(2026, 3, 5, 10, 2, 11)  # when it reached us, not the forwarded block's date
    assert r["Message"].startswith("Hi Lily") and "Tom, please" not in r["Message"]
    assert (r["Country"], r["Quantity"], r["Product"]) == ("United States", 800, "SP-300")


@pytest.mark.parametrize(("name", "subject", "contact", "company"), [
    ("04_rfc2047_gbk.eml", "询价：LED面板灯 AB-100 3000个（喆）", "陈喆", "华信贸易有限公司"),
    ("05_big5.eml", "詢價 LP-40W 燈管", "林志明", "光明照明股份有限公司"),
    ("06_utf8_arabic.eml", "Price for AB-100 – container", "محمد العتيبي", ""),
    ("07_cyrillic.eml", "Запрос Цены / price request CD-200", "Иван Петров", "ООО «СтройМаркет»"),
])
def test_encoded_headers_and_chinese_charsets(name, subject, contact, company):
    r = row(name)
    assert (r["Subject"], r["Contact"], r["Company"]) == (subject, contact, company)
    assert "\ufffd" not in r["Message"]


def test_chinese_bodies_give_quantity_price_and_country():
    gbk = row("04_rfc2047_gbk.eml")
    assert "陈喆负责此项目" in gbk["Message"]  # 喆 is GBK-only although the mail says gb2312
    assert (gbk["Quantity"], gbk["Target Price"], gbk["Country"]) == (3000, 3.5, "Malaysia")
    big5 = row("05_big5.eml")
    assert (big5["Quantity"], big5["Product"], big5["Phone"]) == (2000, "LP-40W", "+886 2 2712 3456")


def test_container_quantity_stays_text_and_country_from_phone_or_signature():
    r = row("06_utf8_arabic.eml")
    assert (r["Quantity"], r["Country"], r["Company"]) == ("1X40HQ", "Saudi Arabia", "")
    assert row("07_cyrillic.eml")["Quantity"] == 2000


def test_alibaba_notification_fields():
    r = row("08_alibaba.eml")
    assert r["Channel"] == "Alibaba"
    assert (r["Contact"], r["Company"], r["Country"]) == ("Kwame Mensah", "Mensah Electrical Supplies Ltd", "Ghana")
    assert r["Email"] == ""  # the platform address is not the buyer's
    assert (r["Quantity"], r["Product"]) == (3000, "AB-100")
    assert r["Message"].startswith("Hello, I need 3000 pieces") and "Message Center" not in r["Message"]


def test_website_form():
    r = row("12_website_form.eml")
    assert (r["Channel"], r["Email"], r["Company"], r["Country"]) == ("Website", "anna.schmidt@lichtwerk.de",
                                                                      "Lichtwerk GmbH", "Germany")
    assert (r["Quantity"], r["Target Price"], r["Target Currency"]) == (5000, 1.1, "EUR")


def test_malformed_date_and_missing_message_id():
    bad = row("09_malformed_date.eml")
    assert bad["Received"] == datetime(2026, 3, 11, 14, 3)
    assert bad["Country"] and bad["Quantity"] == 10000 and bad["Target Price"] == 0.85
    no_id = row("10_no_message_id.eml")
    assert no_id["Message ID"].startswith("sha256:")
    assert no_id["Message ID"] == row("10_no_message_id.eml")["Message ID"]  # stable


def test_hostile_text_stays_text():
    r = row("11_hostile.eml")
    assert r["Subject"].startswith("=HYPERLINK(")
    assert r["Message"].startswith("=cmd|")
    assert all(isinstance(r[k], str) for k in ("Message", "Subject", "Company"))


def test_reply_quote_trimmed():
    r = row("13_reply_quoted.eml")
    assert r["Message"] == "Thanks for the offer. Can you do 3.10 if we order 8,000 pcs?"


def test_mbox_stream_and_unescape():
    rows = [inquiry_row(parse_message(raw), MODELS, Settings(), tz=CHINA)
            for raw in iter_mbox(CORPUS / "mailbox.mbox")]
    assert [r["Email"] for r in rows] == ["ahmed@alnoor-trading.ae", "sara@greenhome.com.au", "zhangsan@qq.com"]
    assert "From our side" in rows[0]["Message"] and ">From" not in rows[0]["Message"]
    assert (rows[2]["Contact"], rows[2]["Product"], rows[2]["Quantity"]) == ("张三", "CD-200", 500)
    assert rows[1]["Company"] == "Green Home Pty Ltd"


def test_owner_routing_by_mailbox_and_keyword():
    settings = Settings(mail_routing=(MailRoute("export2@ourfactory.cn", "Lucy"), MailRoute("solar", "Tom"),
                                      MailRoute("sales@ourfactory.cn", "Amy")))
    assert row("10_no_message_id.eml", settings)["Owner"] == "Tom"  # keyword before the mailbox rule
    assert row("01_multipart_attachment.eml", settings)["Owner"] == "Amy"
    assert row("01_multipart_attachment.eml")["Owner"] == ""


def test_platform_csv_export():
    rows = list(platform_rows(CORPUS / "alibaba_inquiries.csv", MODELS, Settings()))
    assert [(r["Contact"], r["Product"], r["Quantity"], r["Channel"]) for r in rows] == [
        ("Olu Adeyemi", "AB-100", 2000, "Alibaba"), ("Carlos Ruiz", "CD-200", "1X20GP", "Alibaba")]
    assert rows[0]["Received"] == datetime(2026, 3, 20, 9, 12) and rows[0]["Target Price"] == 3.0


def test_platform_xlsx_with_chinese_headers(tmp_path):
    xlsxwriter = pytest.importorskip("xlsxwriter")
    path = tmp_path / "询盘.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    headers = ["询盘时间", "买家姓名", "公司名称", "国家/地区", "邮箱", "产品名称", "采购量", "询盘内容"]
    for r, values in enumerate([headers,
                                ["2026-03-22 10:00", "Ali Khan", "Khan Traders", "Pakistan", "ali@khantraders.pk",
                                 "LP-40W", "3,000 Pieces", "Price please"]]):
        sheet.write_row(r, 0, values)
    book.close()
    (r,) = platform_rows(path, MODELS, Settings())
    assert (r["Contact"], r["Company"], r["Country"], r["Product"], r["Quantity"]) == (
        "Ali Khan", "Khan Traders", "Pakistan", "LP-40W", 3000)


@pytest.mark.parametrize(("text", "expected"), [
    ("5,000 pcs", 5000), ("about 5.000 pcs", 5000), ("2 000 шт", 2000), ("需要3000个", 3000), ("1x40HQ", "1X40HQ"),
    ("2 x 20GP", "2X20GP"), ("qty: 10000", 10000), ("2.5k pcs", 2500), ("CD-200 500个", 500), ("no number", None),
])
def test_quantity(text, expected):
    assert find_quantity(text) == expected


@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("Our target price is USD 3.20/pc", 3.2, "USD"), ("target price: $4", 4.0, "USD"),
    ("Target price EUR 1,10.", 1.1, "EUR"), ("目标价 3.5美元", 3.5, "USD"), ("target 12 RMB", 12.0, "CNY"),
])
def test_target_price(text, amount, currency):
    price = find_target_price(text)
    assert price is not None and (price.amount, price.currency) == (amount, currency)


def test_models_ignore_separators_and_prefer_longest():
    assert find_models("need ab100 and LP 40W, not AB-1000", ["AB-100", "LP-40W", "AB-1000"]) == [
        "AB-100", "LP-40W", "AB-1000"]
    assert find_models("XAB-100Y", ["AB-100"]) == []


def test_html_and_signature_helpers():
    assert html_to_text("<p>a<br>b</p><style>x</style><div>c&amp;d</div>") == "a\nb\n\nc&d"
    own, signature = split_body("Hi\nneed price\n\nBest regards,\nJoe\nJoe Ltd")
    assert (own, signature) == ("Hi\nneed price", "Joe\nJoe Ltd")


def test_huge_attachment_is_never_held_in_memory(tmp_path):
    """A 60 MB attachment: the slimmed message is a few KB and peak memory stays far below the file size."""
    path = tmp_path / "huge.eml"
    chunk = base64.encodebytes(b"\x00" * 57 * 1000)
    with open(path, "wb") as out:
        out.write(b"From: Big Buyer <big@buyer-co.com>\r\nSubject: drawings AB-100\r\nMessage-ID: <huge@x>\r\n"
                  b"Date: Tue, 03 Mar 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                  b'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n'
                  b"Content-Type: text/plain; charset=utf-8\r\n\r\nPlease quote 100 pcs AB-100.\r\n--b1\r\n"
                  b'Content-Type: application/zip\r\nContent-Disposition: attachment; filename="cad.zip"\r\n'
                  b"Content-Transfer-Encoding: base64\r\n\r\n")
        for _ in range(800):
            out.write(chunk)
        out.write(b"--b1--\r\n")
    size = path.stat().st_size
    assert size > 60_000_000
    tracemalloc.start()
    msg = parse_message(read_eml(path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < size / 20
    assert msg.attachments == ("cad.zip",) and msg.skipped_bytes > 60_000_000
    assert "Please quote 100 pcs AB-100." in msg.text


def test_slim_keeps_nested_text_parts():
    data = (b'Content-Type: multipart/mixed; boundary="o"\r\n\r\n--o\r\n'
            b'Content-Type: multipart/alternative; boundary="i"\r\n\r\n--i\r\nContent-Type: text/plain\r\n\r\n'
            b"hello\r\n--i--\r\n--o\r\nContent-Type: image/png\r\n\r\nPNGDATA\r\n--o--\r\n")
    slim = slim_message(data.splitlines(keepends=True))
    assert b"hello" in slim and b"PNGDATA" not in slim


# --- headers, bodies, dates and quotes from real mailboxes (issue 14) -------------------------------------------

def parsed(data: bytes) -> MailMessage:
    return parse_message(RawMessage("test.eml", slim_message(data.splitlines(keepends=True))))


@pytest.mark.parametrize(("raw_from", "name", "address"), [
    ('From: "J\xc3\xb6hn Doe" <jd@machine.example>'.encode("latin-1"), "Jöhn Doe", "jd@machine.example"),
    ("From: Иван Петров <ivan@stroymarket.ru>".encode(), "Иван Петров", "ivan@stroymarket.ru"),
    ("From: 陈喆 <chen@huaxin.com.cn>".encode("gbk"), "陈喆", "chen@huaxin.com.cn"),
    ("From: José Muñoz <jose@importaciones.mx>".encode("latin-1"), "José Muñoz", "jose@importaciones.mx"),
    (b"From: =?UTF-8?B?Rm9vLCBCYXI=?= <foo.bar@example.com>", "Foo, Bar", "foo.bar@example.com"),
    (b"From: =?gb2312?B?s8LV1A==?= <chen@x.cn>", "陈赵", "chen@x.cn"),
])
def test_sender_names_raw_8bit_and_encoded_with_a_comma(raw_from, name, address):
    msg = parsed(raw_from + b"\r\nSubject: RFQ\r\n\r\nHello\r\n")
    assert (msg.from_name, msg.from_addr) == (name, address)


def test_raw_8bit_latin1_subject_and_q_word_with_raw_bytes():
    msg = parsed(b"From: a@b.de\r\nSubject: Die Hasen und die Fr\xf6sche\r\n\r\nx\r\n")
    assert msg.subject == "Die Hasen und die Frösche"  # Latin-1, not GB18030 "Fr鰏che"
    msg = parsed(b"From: a@b.de\r\nSubject: =?iso-8859-1?Q?Die_Hasen_und_die_Fr\xf6sche?=\r\n\r\nx\r\n")
    assert msg.subject == "Die Hasen und die Frösche"


def test_one_bad_byte_keeps_a_utf8_body_utf8():
    body = "您好，我们需要AB-100 五千个。Merci, José.".encode() + b"\xff" + "谢谢".encode()
    msg = parsed(b"From: a@b.cn\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + b"\r\n")
    assert msg.text == "您好，我们需要AB-100 五千个。Merci, José.\ufffd谢谢"


def test_us_ascii_label_on_utf8_bytes_and_latin1_label_kept():
    msg = parsed(b"From: a@b.fr\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nEnvoy\xc3\xa9 par mobile\r\n")
    assert msg.text == "Envoyé par mobile"  # not cp1252 "EnvoyÃ©"
    msg = parsed(b"From: a@b.fr\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nEnvoy\xe9 par mobile\r\n")
    assert msg.text == "Envoyé par mobile"


MIXED = b"""From: Ana Silva <ana@construtora.com.br>
Subject: Cotacao
Content-Type: multipart/mixed; boundary="XX"

--XX
Content-Type: text/plain; charset=utf-8

Segue o pedido.
--XX
Content-Type: application/plain

Item AB-100, 2.000 pecas.
--XX
Content-Type: message/rfc822

From: Pedro <pedro@construtora.com.br>
Subject: Pedido original
Date: Mon, 30 Nov 2026 09:00:00 -0300

Precisamos de CD-200 tambem.
--XX
Content-Type: image/png
Content-Disposition: attachment; filename="logo.png"

iVBORw0KGgo=
--XX--
"""


def test_text_in_application_plain_and_attached_message_is_kept():
    msg = parsed(MIXED)
    assert msg.text == "Segue o pedido."  # what Python's get_body() gives
    assert "Item AB-100, 2.000 pecas." in msg.extra_text
    assert "[Attached message] Pedro <pedro@construtora.com.br> – Pedido original – Mon, 30 Nov 2026" in msg.extra_text
    assert "Precisamos de CD-200 tambem." in msg.extra_text
    assert msg.attachments == ("logo.png",)
    r = inquiry_row(msg, MODELS, Settings(), tz=CHINA)
    assert r["Product"] == "AB-100, CD-200"
    assert "Precisamos de CD-200 tambem." in r["Message"] and r["Message"].startswith("Segue o pedido.")


def test_single_part_without_content_disposition_is_the_body():
    msg = parsed(b"From: a@b.com\r\nSubject: x\r\nContent-Type: text/plain\r\n\r\nNeed 500 pcs LP-40W\r\n")
    assert msg.text == "Need 500 pcs LP-40W"


@pytest.mark.parametrize(("date_header", "received", "expected"), [
    ("Tue, 1 Dec 2026 2:30 PM +0000", "", datetime(2026, 12, 1, 22, 30)),
    ("Tue, Dec 1, 2026 at 2:30 PM GMT+4", "", datetime(2026, 12, 1, 18, 30)),
    ("2026/12/01 14:30", "by mx.ourfactory.cn; Tue, 1 Dec 2026 14:31:02 +0300", datetime(2026, 12, 1, 19, 30)),
    ("Mon, 30 Jun 3609 15:33:50 +0600", "by mx.ourfactory.cn; Tue, 1 Dec 2026 10:00:00 +0000",
     datetime(2026, 12, 1, 18, 0)),
])
def test_message_dates(date_header, received, expected):
    received_line = f"Received: from x {received}\r\n".encode() if received else b""
    msg = parsed(received_line + f"From: a@b.com\r\nDate: {date_header}\r\n\r\nx\r\n".encode())
    assert local_naive(msg.date, CHINA) == expected
    assert bool(msg.date_note) == ("3609" in date_header)


def test_impossible_date_without_received_is_left_to_the_caller():
    msg = parsed(b"From: a@b.com\r\nDate: Mon, 30 Jun 3609 15:33:50 +0600\r\n\r\nx\r\n")
    assert msg.date is None and msg.date_note == "implausible date 3609-06-30 in the Date header"


ATTRIBUTIONS = {
    "en-gmail-wrapped": "On Mon, 1 Dec 2026 at 10:00, John Smith\n<john@example.com> wrote:",
    "en": "On Mon, Dec 1, 2026 at 10:00 AM John Smith <john@example.com> wrote:",
    "es": "El lun, 1 dic 2026 a las 10:00, Juan Pérez (<juan@example.es>) escribió:",
    "pt": "Em seg., 1 de dez. de 2026 às 10:00, Ana Silva <ana@example.com.br>\nescreveu:",
    "fr": "Le lun. 1 déc. 2026 à 10:00, Marie Dupont <marie@example.fr> a écrit :",
    "de": "Am Mo., 1. Dez. 2026 um 10:00 Uhr schrieb Hans Müller <hans@example.de>:",
    "ru": "пн, 1 дек. 2026 г. в 10:00, Иван Петров <ivan@example.ru>:",
    "ru-verb": "1 декабря 2026 г., в 10:00, Иван Петров <ivan@example.ru> написал:",
    "tr": "1 Ara 2026 Pzt, saat 10:00 tarihinde Ahmet Yılmaz <ahmet@example.com.tr>\nşunu yazdı:",
    "ar": "في الاثنين، 1 ديسمبر 2026 في 10:00 ص، كتب محمد العتيبي <m@example.sa>:",
    "zh": "在 2026年12月1日 10:00，王伟 <wang@example.cn> 写道：",
    "outlook": "From: Amy <amy@ourfactory.cn>\nSent: Monday, December 1, 2026 10:00 AM\nTo: John",
    "outlook-de": "Von: Amy <amy@ourfactory.cn>\nGesendet: Montag, 1. Dezember 2026 10:00\nAn: Hans",
}


@pytest.mark.parametrize("language", ATTRIBUTIONS)
def test_quoted_reply_attributions_per_language(language):
    text = f"Please quote 800 pcs.\n\n{ATTRIBUTIONS[language]}\n> our old offer\nold price list"
    assert split_body(text)[0] == "Please quote 800 pcs."


def test_a_line_starting_from_in_the_buyers_words_is_kept():
    text = "We compared offers.\nFrom: our side the price is fine,\nbut the MOQ is too high.\n\nRegards\nJohn"
    assert split_body(text)[0] == "We compared offers.\nFrom: our side the price is fine,\nbut the MOQ is too high."


def test_outlook_msg_is_read_like_an_eml():
    msg = read_msg(Path(__file__).parent / "fixtures" / "outlook" / "received.msg")
    assert (msg.from_addr, msg.subject) == ("hmailuser@hmailserver.test", "Attach sample.eml")
    assert msg.date == datetime(2025, 12, 4, 13, 38, 16, tzinfo=timezone(timedelta(hours=9)))
    assert msg.message_id == "000001dc64d7$ceee9240$6ccbb6c0$@hmailserver.test"
    assert msg.text == "Sent from my Windows 10"
    with pytest.raises(MailError, match=r"an Outlook IPM\.Contact item, not a mail message"):
        read_msg(Path(__file__).parent / "fixtures" / "outlook" / "contact.msg")


# --- not inquiries: the robot table ----------------------------------------------------------------------------

BOUNCE = b"""From: Mail Delivery Subsystem <MAILER-DAEMON@mx.ourfactory.cn>
To: amy@ourfactory.cn
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

I'm sorry to have to inform you that your message could not be delivered.
--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.ourfactory.cn

Final-Recipient: rfc822; info@alnoor-trading.ae
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <info@alnoor-trading.ae>: Recipient address rejected: User unknown

Final-Recipient: rfc822; late@slow.example
Action: delayed
Status: 4.4.7
--B--
"""


@pytest.mark.parametrize(("headers", "reason"), [
    (b"From: Postmaster <postmaster@mx.example.com>\r\nSubject: Delivery Status Notification (Failure)", "bounce"),
    (b"From: Yahoo! Mail AntiSpam Feedback <feedback@arf.mail.yahoo.com>\r\nContent-Type: multipart/report; "
     b"report-type=feedback-report; boundary=x", "spam report"),
    (b"From: John <john@buyer.com>\r\nSubject: Read: RFQ\r\nContent-Type: multipart/report; "
     b"report-type=disposition-notification; boundary=x", "read receipt"),
    (b"From: John <john@buyer.com>\r\nSubject: Out of Office: RFQ", "auto-reply"),
    (b"From: John <john@buyer.com>\r\nSubject: RFQ\r\nAuto-Submitted: auto-replied", "auto-reply"),
    (b"From: John <john@buyer.com>\r\nSubject: RFQ\r\nX-Autoreply: yes", "auto-reply"),
    (b"From: John <john@buyer.com>\r\nSubject: RFQ\r\nX-Autorespond: yes", "auto-reply"),
    (b"From: Wang <wang@buyer.cn>\r\nSubject: =?UTF-8?B?6Ieq5Yqo5Zue5aSNOiBSRlE=?=", "auto-reply"),
    (b"From: Trade News <editor@tradenews.com>\r\nSubject: Weekly\r\nList-Id: <news.tradenews.com>", "mailing list"),
    (b"From: Shop <shop@shop.com>\r\nSubject: Sale\r\nList-Unsubscribe: <mailto:u@shop.com>", "mailing list"),
    (b"From: Shop <shop@shop.com>\r\nSubject: Sale\r\nPrecedence: bulk", "mailing list"),
    (b"From: LinkedIn <notifications-noreply@linkedin.com>\r\nSubject: You appeared in 9 searches", "notification"),
    (b"From: DHL <no-reply@dhl.com>\r\nSubject: Your shipment", "notification"),
    (b"From: Amy <Amy@OurFactory.cn>\r\nSubject: Re: RFQ", "our own mail"),
    (b"Subject: no sender at all", "no sender address"),
])
def test_robot_rules(headers, reason):
    settings = Settings(team=(TeamMember("Amy", True, "amy@ourfactory.cn"),))
    msg = parsed(headers + b"\r\n\r\nSome text\r\n")
    found = not_inquiry(msg, [m.email for m in settings.team])
    assert found is not None and found.reason == reason


def test_a_buyer_is_not_a_robot_and_website_forms_are_not_notifications():
    msg = parsed(b"From: John Miller <john@millersupply.com>\r\nSubject: RFQ SP-300\r\nAuto-Submitted: no\r\n\r\nHi")
    assert not_inquiry(msg, ["amy@ourfactory.cn"]) is None
    form = parse_message(read_eml(CORPUS / "12_website_form.eml"))
    assert inquiry_row(form, MODELS, Settings())["Channel"] == "Website"  # the importer asks robots only for Email


def test_bounce_names_the_failed_address_and_the_reason_not_the_delayed_one():
    found = not_inquiry(parsed(BOUNCE), [])
    assert found == NotInquiry("bounce", ("info@alnoor-trading.ae",),
                               "550 5.1.1 <info@alnoor-trading.ae>: Recipient address rejected: User unknown")


def test_a_file_that_is_not_mail():
    readme = parsed(b"# TradeXL\n\nThis folder holds saved mails.\n")
    assert not_inquiry(readme, []) == NotInquiry("not an email", detail="no mail headers")


def test_platform_newsletter_without_a_buyer_is_skipped_but_an_inquiry_notice_is_not():
    reading = Reading(MODELS, Settings(), datetime(2026, 3, 21, 9))
    news = parsed(b"From: Alibaba.com <newsletter@alibaba.com>\r\nSubject: Trade Show Digest\r\n"
                  b"List-Unsubscribe: <mailto:u@alibaba.com>\r\n\r\nTop products this week\r\n")
    assert message_item(news, reading) == Skipped("test.eml", "mailing list")
    notice = message_item(parse_message(read_eml(CORPUS / "08_alibaba.eml")), reading)
    assert isinstance(notice, dict) and (notice["Channel"], notice["Contact"]) == ("Alibaba", "Kwame Mensah")
