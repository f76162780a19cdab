"""`tradexl mailing` end to end on a hand-made workbook: real .eml drafts parsed back with the stdlib."""

from __future__ import annotations

import csv
import email
import shutil
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from click.testing import CliRunner
from outreach_book import CUSTOMERS, PRODUCTS, SETTINGS, TODAY, build

import tradexl.cli.outreach  # noqa: F401  (registers the commands)
from tradexl.builder import build_workbook
from tradexl.cli.app import cli
from tradexl.fileengine.reader import read_workbook

DAY = TODAY.isoformat()


@pytest.fixture(scope="module")
def master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("outreach") / "Sales.xlsm")


@pytest.fixture
def book(master: Path, tmp_path: Path) -> Path:
    return Path(shutil.copyfile(master, tmp_path / "Sales.xlsm"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def drafts(folder: Path) -> dict[str, EmailMessage]:
    """Customer ID (from the file name) -> the parsed draft."""
    found = {}
    for path in sorted(folder.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=default)
        assert isinstance(message, EmailMessage)
        found[path.name.split("-")[1]] = message
    return found


def parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(("plain",))
    page = message.get_body(("html",))
    assert text is not None and page is not None
    return text.get_content().replace("\r\n", "\n"), page.get_content().replace("\r\n", "\n")


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_new_products_mailing_drafts_are_personal_priced_and_attached(book: Path, tmp_path: Path) -> None:
    catalog = tmp_path / "Lumax catalog.pdf"
    catalog.write_bytes(b"%PDF-1.4 catalog")
    out = tmp_path / "mail"
    code, stdout, _ = run("mailing", str(book), "--out", str(out), "--today", DAY, "--attach", str(catalog))
    assert code == 0
    assert "5 drafts" in stdout and "1 Do Not Mail, 1 without a usable email address" in stdout
    found = drafts(out)
    assert sorted(found) == ["C001", "C002", "C003", "C006", "C007"]  # C004 Do Not Mail, C005 no email

    noor = found["C001"]
    assert noor["X-Unsent"] == "1"
    assert str(noor["From"]) == "Lily <lily@lumax.test>"
    assert str(noor["To"]) == "Ahmed Al-Mansouri <ahmed@alnoor.ae>"
    # .strip(): the stdlib folds a long Subject right after the colon and reads back one leading space
    assert noor["Subject"].strip() == "New products from Ningbo Lumax Lighting Co., Ltd. for Al Noor Trading LLC"
    text, page = parts(noor)
    assert text.startswith("Dear Ahmed Al-Mansouri,\n")
    # New or Hot, active: LX-1009 (hot) and LX-3530 (new) at the Middle East factor 0.95; never LX-6040 or LX-9999.
    assert "USD 0.67" in text and "USD 7.41" in text
    assert "LX-6040" not in text and "LX-9999" not in text
    assert "valid until 2026-12-16" in text  # Middle East quotes are valid 15 days
    assert text.rstrip().splitlines()[-1].startswith("If you would rather not receive")
    assert "Best regards,\nLily\nNingbo Lumax Lighting Co., Ltd." in text
    assert "<td style" in page and "USD 7.41" in page and "Dear Ahmed Al-Mansouri," in page
    attached = list(noor.iter_attachments())
    assert [(a.get_filename(), a.get_content()) for a in attached] == [("Lumax catalog.pdf", b"%PDF-1.4 catalog")]

    lyon = found["C006"]
    assert str(lyon["From"]) == "Kevin <kevin@lumax.test>"
    assert "USD 8.42" in parts(lyon)[0] and "USD 0.76" in parts(lyon)[0]  # Europe 1.08
    assert str(found["C002"]["To"]) == "Jürgen Müller <j.mueller@mueller-licht.de>"
    assert parts(found["C007"])[0].startswith("Dear Sir or Madam,\n")  # no contact name


def test_summary_and_mailchimp_lists(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "mail"
    assert run("mailing", str(book), "--out", str(out), "--today", DAY, "--name", "Spring")[0] == 0
    summary = rows(out / "mailing.csv")
    assert list(summary[0]) == ["Mailing", "Customer ID", "Company", "Contact", "Email", "Country", "Region",
                                "Grade", "Owner", "Status", "Draft", "Channel", "Log As"]
    assert {r["Customer ID"]: r["Status"] for r in summary} == {
        "C001": "Draft", "C002": "Draft", "C003": "Draft", "C004": "Do Not Mail", "C005": "No email",
        "C006": "Draft", "C007": "Draft"}
    assert summary[0]["Draft"] == "0001-C001-Al_Noor_Trading_LLC.eml"
    assert (out / summary[0]["Draft"]).is_file()
    with open(out / "mailchimp.csv", encoding="utf-8", newline="") as handle:
        chimp = list(csv.DictReader(handle))
    assert list(chimp[0]) == ["Email Address", "First Name", "Last Name", "Company", "Country", "Tags"]
    assert chimp[1] == {"Email Address": "j.mueller@mueller-licht.de", "First Name": "Jürgen", "Last Name": "Müller",
                        "Company": "Müller Licht GmbH", "Country": "Germany", "Tags": "Grade B, Europe, Spring"}
    assert len(chimp) == 5


@pytest.mark.parametrize(("options", "expected"), [
    (("--grade", "A"), ["C001", "C006"]),
    (("--region", "Europe"), ["C002", "C006"]),
    (("--country", "United Arab Emirates"), ["C001", "C007"]),
    (("--country", "阿联酋,France"), ["C001", "C006", "C007"]),
    (("--product", "LX-60"), ["C001", "C002", "C006"]),  # asked (C001, C006) or quoted (C002)
    (("--owner", "lily", "--type", "Importer,Wholesaler"), ["C001", "C003", "C007"]),
    (("--size", "Large", "--source", "Trade show"), ["C001", "C006"]),
    (("--contacted-after", "2026-11-24"), ["C001", "C006"]),
    (("--contacted-before", "2026-11-12"), ["C003", "C007"]),  # C003 last 11-10; C007 never contacted
])
def test_segment_filters(book: Path, tmp_path: Path, options: tuple[str, ...], expected: list[str]) -> None:
    out = tmp_path / "mail"
    code, _, _ = run("mailing", str(book), "--out", str(out), "--today", DAY, "--template", "price-update",
                     *options)
    assert code == 0
    assert sorted(drafts(out)) == expected


def test_product_filter_prices_the_asked_products(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "mail"
    run("mailing", str(book), "--out", str(out), "--today", DAY, "--product", "LX-6040")
    text = parts(drafts(out)["C001"])[0]
    assert "USD 8.17" in text and "LX-1009" not in text  # 8.60 x 0.95


def test_sent_logs_one_followup_per_buyer_once(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "mail"
    code, stdout, _ = run("mailing", str(book), "--out", str(out), "--today", DAY, "--name", "Dec news", "--sent")
    assert code == 0 and "Logged 5 follow-up(s)" in stdout
    code, stdout, _ = run("mailing", str(book), "--mark-sent", str(out), "--today", DAY)
    assert code == 0 and "logged 0 follow-up(s)" in stdout
    followups = read_workbook(book).frames["followups"]
    logged = followups[followups["Summary"] == "Mailing: Dec news"]
    assert sorted(logged["Customer ID"]) == ["C001", "C002", "C003", "C006", "C007"]
    assert set(logged["Channel"]) == {"Email"} and set(logged["By"]) == {"Lily", "Kevin"}


def test_mark_sent_later(book: Path, tmp_path: Path) -> None:
    out = tmp_path / "mail"
    run("mailing", str(book), "--out", str(out), "--today", DAY, "--grade", "A")
    assert len(read_workbook(book).frames["followups"]) == 3  # drafts are not contacts
    code, stdout, _ = run("mailing", str(book), "--mark-sent", str(out), "--today", DAY)
    assert code == 0 and "logged 2 follow-up(s)" in stdout
    assert len(read_workbook(book).frames["followups"]) == 5


def test_template_file_with_placeholders(book: Path, tmp_path: Path) -> None:
    template = tmp_path / "promo.txt"
    template.write_text("Subject: {first_name}, our {month} offer for {country}\n\nHello {first_name} at {company},"
                        "\n\n{news}\n\n{products_table}\n\n{signature}\n", encoding="utf-8")
    out = tmp_path / "mail"
    assert run("mailing", str(book), "--out", str(out), "--today", DAY, "--template", str(template),
               "--country", "Germany")[0] == 0
    (message,) = drafts(out).values()
    assert message["Subject"] == "Jürgen, our December 2026 offer for Germany"
    text, _ = parts(message)
    assert text.startswith("Hello Jürgen at Müller Licht GmbH,\n\nModel")  # empty {news} paragraph dropped
    assert "Best regards,\nKevin\n" in text


def test_unknown_placeholder_is_refused_before_anything_is_written(book: Path, tmp_path: Path) -> None:
    template = tmp_path / "bad.txt"
    template.write_text("Subject: Hi\n\nDear {contact}, {discount} off!\n", encoding="utf-8")
    out = tmp_path / "mail"
    result = CliRunner().invoke(cli, ["mailing", str(book), "--out", str(out), "--template", str(template)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: template 'Mailing' uses unknown placeholder(s) {discount}")
    assert not out.exists()


def test_a_bouncing_address_is_not_mailed(tmp_path: Path) -> None:
    bouncing = [dict(CUSTOMERS[0], **{"Email Status": "Bouncing since 2026-11-30: mailbox full"}), CUSTOMERS[1]]
    book = tmp_path / "Bouncing.xlsm"
    build_workbook(book, settings=SETTINGS, data={"customers": bouncing, "products": PRODUCTS})
    out = tmp_path / "mail"
    code, stdout, _ = run("mailing", str(book), "--out", str(out), "--today", DAY)
    assert code == 0 and "1 drafts" in stdout and "1 without a usable email address" in stdout
    assert sorted(drafts(out)) == ["C002"]


def test_buyer_text_is_escaped_in_html(tmp_path: Path) -> None:
    hostile = [dict(CUSTOMERS[0], Company="<b>ACME</b> & Sons", Contact="=HYPERLINK(\"x\")")]
    book = tmp_path / "Hostile.xlsm"
    build_workbook(book, settings=SETTINGS, data={"customers": hostile, "products": PRODUCTS})
    out = tmp_path / "mail"
    assert run("mailing", str(book), "--out", str(out), "--today", DAY)[0] == 0
    (message,) = drafts(out).values()
    text, page = parts(message)
    assert "&lt;b&gt;ACME&lt;/b&gt; &amp; Sons" in page and "<b>ACME" not in page
    assert "Dear =HYPERLINK(\"x\")," in text
    assert rows(out / "mailing.csv")[0]["Contact"] == "'=HYPERLINK(\"x\")"  # text when Excel opens the list
    assert run("mailing", str(book), "--mark-sent", str(out), "--today", DAY)[0] == 0
    assert read_workbook(book).frames["followups"]["Company"].tolist() == ["<b>ACME</b> & Sons"]
