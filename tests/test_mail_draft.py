"""The shared draft composer: real .eml files written to disk and parsed back with the standard library."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cli_support import parsed
from cli_support import text_part as body

from tradexl.errors import MailError
from tradexl.mail.draft import Attachment, compose_draft, mailbox, safe_file_name, sender_for, write_draft
from tradexl.settings import CompanyProfile, Settings, TeamMember

SHANGHAI = timezone(timedelta(hours=8))
WHEN = datetime(2026, 12, 1, 9, 30, tzinfo=SHANGHAI)






def test_a_draft_round_trips_with_names_html_and_an_attachment(tmp_path: Path):
    message = compose_draft(
        sender=mailbox("Amy Wang 王", "amy@lux-lighting.cn"), to=mailbox("José Muñoz", "jose@iluminacion.es"),
        subject="Re: Your inquiry about AB-100", text="Dear José Muñoz,\n\nPrice: USD 3.23\n",
        html="<p>Dear José Muñoz,</p><table><tr><td>AB-100</td></tr></table>", when=WHEN,
        attachments=[Attachment("Katalog 目录.pdf", b"%PDF-1.4 fake", "application/pdf")],
        in_reply_to="<abc@iluminacion.es>")
    path = write_draft(message, tmp_path / "new" / "drafts", "reply-I0001")
    assert path == tmp_path / "new" / "drafts" / "reply-I0001.eml"
    raw = path.read_bytes()
    assert raw.isascii(), "headers and bodies are encoded for 7-bit transport"
    back = parsed(path)
    assert back["X-Unsent"] == "1"
    assert back["To"].addresses[0].display_name == "José Muñoz"
    assert back["To"].addresses[0].addr_spec == "jose@iluminacion.es"
    assert str(back["From"]) == "Amy Wang 王 <amy@lux-lighting.cn>"
    assert back["Subject"] == "Re: Your inquiry about AB-100"
    assert back["Date"].datetime == WHEN
    assert back["Message-ID"].endswith("@lux-lighting.cn>") and back["In-Reply-To"] == "<abc@iluminacion.es>"
    assert back.get_content_type() == "multipart/mixed"
    assert body(back, "plain") == "Dear José Muñoz,\n\nPrice: USD 3.23\n"
    assert "<td>AB-100</td>" in body(back, "html")
    (attached,) = back.iter_attachments()
    assert attached.get_filename() == "Katalog 目录.pdf" and attached.get_content() == b"%PDF-1.4 fake"
    assert [p.name for p in path.parent.iterdir()] == ["reply-I0001.eml"], "no temporary file left behind"


def test_plain_ascii_draft_is_7bit_and_rewriting_replaces_it(tmp_path: Path):
    first = compose_draft(to=mailbox("", "buyer@example.com"), subject="Hello", text="Hi\n", when=WHEN,
                          message_id="<fixed@tradexl.invalid>")
    assert first["From"] is None and first.get_content_type() == "text/plain"
    assert first["Content-Transfer-Encoding"] == "7bit"
    write_draft(first, tmp_path, "same")
    second = compose_draft(to=mailbox("", "buyer@example.com"), subject="Hello again", text="Hi\n", when=WHEN)
    path = write_draft(second, tmp_path, "same")
    assert parsed(path)["Subject"] == "Hello again" and len(list(tmp_path.iterdir())) == 1


def test_naive_time_is_refused():
    with pytest.raises(ValueError):
        compose_draft(to=mailbox("", "a@b.c"), subject="x", text="x", when=datetime(2026, 12, 1))


@pytest.mark.parametrize(("stem", "name"), [
    ("reply-I0001", "reply-I0001.eml"),
    ("Muñoz / Iluminación: S.A.", "Muñoz_Iluminación_S.A.eml"),
    ("../../etc/passwd", "etc_passwd.eml"),
    ("CON", "draft_CON.eml"),
    ("", "draft.eml"),
    ("王伟 Trading", "王伟_Trading.eml"),
])
def test_safe_file_names(stem: str, name: str):
    assert safe_file_name(stem) == name


def test_a_file_in_the_way_is_one_line_error(tmp_path: Path):
    (tmp_path / "notadir").write_text("x")
    message = compose_draft(to=mailbox("", "a@b.c"), subject="x", text="x", when=WHEN)
    with pytest.raises(MailError, match="a file is in the way"):
        write_draft(message, tmp_path / "notadir" / "sub", "x")
    with pytest.raises(MailError, match="is a file, not a folder"):
        write_draft(message, tmp_path / "notadir", "x")


def test_sender_is_the_owner_from_settings_team_else_the_company_contact():
    settings = Settings(company=CompanyProfile(contact="Lily Chen", email="sales@lux-lighting.cn"),
                        team=(TeamMember("Amy", email="amy@lux-lighting.cn"), TeamMember("Bo", email="")))
    assert str(sender_for(settings, " amy ")) == "Amy <amy@lux-lighting.cn>"
    assert str(sender_for(settings, "Bo")) == "Bo <sales@lux-lighting.cn>", "no own email: the company mailbox"
    assert str(sender_for(settings, "")) == "Lily Chen <sales@lux-lighting.cn>"
    assert sender_for(Settings(), "Amy") is None
