"""Quote State and the expiring quotes on Due: worked out by hand on a few quotes around 20 March 2026."""

from datetime import date

import pandas as pd
import pytest

from tradexl.model import Enriched
from tradexl.reports.due import due_sheet
from tradexl.rules.quotestate import expiring_quotes, quote_states
from tradexl.settings import Settings

TODAY = date(2026, 3, 20)
T = pd.Timestamp
QUOTES = pd.DataFrame({
    "Quote No": ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7"],
    "Date": [T("2026-03-01")] * 7,
    "Customer Key": ["C1", "C1", "C2", "C2", "C3", "C3", "C9"],
    "Company": ["", "Acme", "", "", "", "", "Stray Co"],
    "Model": ["AB-1", "AB-2", "AB-3", "AB-4", "AB-5", "AB-6", "AB-7"],
    "Quantity": [5000.0, None, 10.0, 10.0, 10.0, 10.0, 1.0],
    "Unit Price": [3.234, 1.0, 2.0, 2.0, 2.0, 2.0, 9.5],
    "Currency": ["USD", "USD", "EUR", "EUR", "EUR", "EUR", ""],
    "Incoterm": ["FOB Ningbo", "", "", "", "", "", ""],
    "Valid Until": [T("2026-03-20"), T("2026-03-27"), T("2026-03-28"), T("2026-03-19"), T("2026-03-22"), pd.NaT,
                    T("2026-03-21")],
    "Status": ["Sent", "", "Sent", "Sent", "Accepted", "Sent", "Sent"],
    "By": ["Amy", "", "Tony", "Tony", "Tony", "Tony", ""],
}, index=range(2, 9))
CUSTOMERS = pd.DataFrame({"Customer Key": ["C1", "C2", "C3"], "Customer ID": ["C1", "C2", "C3"],
                          "Company": ["Acme LLC", "Beta", "Gamma"], "Owner": ["Amy", "Tony", "Tony"],
                          "Phone": ["+971 1", "", ""], "Email": ["a@acme.ae", "", ""],
                          "Next Contact": [T("2026-04-01")] * 3}, index=[2, 3, 4])


def test_quote_state_by_valid_until_and_the_users_final_status():
    assert list(quote_states(QUOTES, TODAY, 7)) == ["Expiring", "Expiring", "Valid", "Expired", "Accepted", "Valid",
                                                    "Expiring"]
    assert list(quote_states(QUOTES, TODAY, 0)) == ["Expiring", "Valid", "Valid", "Expired", "Accepted", "Valid",
                                                    "Valid"]


def test_expiring_quotes_soonest_first_with_days_left():
    soon = expiring_quotes(QUOTES, TODAY, 7)
    assert list(soon["Quote No"]) == ["Q1", "Q7", "Q2"]
    assert list(soon["Days Left"]) == [0, 1, 7]


@pytest.mark.parametrize("status", ["Accepted", "Rejected", "Expired"])
def test_the_users_status_is_never_overruled(status):
    quotes = QUOTES.assign(Status=status)
    assert set(quote_states(quotes, TODAY, 7)) == {status}
    assert expiring_quotes(quotes, TODAY, 7).empty


def test_due_lists_expiring_quotes_with_buyer_model_and_date():
    enriched = Enriched(inquiries=pd.DataFrame(), customers=CUSTOMERS, followups=pd.DataFrame(), quotes=QUOTES,
                        products=pd.DataFrame(), samples=pd.DataFrame())
    rows = due_sheet(enriched, TODAY, Settings()).rows
    start = [r.values[:1] for r in rows].index(("Quotes expiring within 7 days – 3: call before the price lapses",))
    assert rows[start - 1].kind == "blank" and rows[start].kind == "section"
    assert rows[start + 1].values == ("Owner", "Customer", None, "Model", "Quoted", "Valid until", "Days left",
                                      None, "Offer", "Quote no", "Phone", "Email")
    listed = rows[start + 2:start + 5]
    assert [r.kind for r in rows[start + 5:start + 7]] == ["blank", "note"]  # then the colour legend
    assert [(r.highlight, r.values) for r in listed] == [
        ("warn", ("Amy", "Acme LLC", None, "AB-1", date(2026, 3, 1), date(2026, 3, 20), 0, None,
                  "USD 3.23 × 5,000 FOB Ningbo", "Q1", "+971 1", "a@acme.ae")),
        ("warn", ("(no owner)", "Stray Co", None, "AB-7", date(2026, 3, 1), date(2026, 3, 21), 1, None, "9.50 × 1",
                  "Q7", "", "")),
        ("", ("Amy", "Acme", None, "AB-2", date(2026, 3, 1), date(2026, 3, 27), 7, None, "USD 1.00", "Q2",
              "+971 1", "a@acme.ae")),
    ]
    assert all([r.format_of(i) for i in (4, 5, 6)] == ["date", "date", "int"] for r in listed)


def test_no_expiring_quote_no_section():
    enriched = Enriched(inquiries=pd.DataFrame(), customers=CUSTOMERS, followups=pd.DataFrame(),
                        quotes=QUOTES.assign(Status="Accepted"), products=pd.DataFrame(), samples=pd.DataFrame())
    assert not any("Quotes expiring" in str(r.values[:1]) for r in due_sheet(enriched, TODAY, Settings()).rows)
