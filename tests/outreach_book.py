"""A small hand-made workbook for the outreach tests: seven buyers whose prices, holidays and samples were
worked out by hand (see the comments), with Settings › Team, Trade shows and Samples."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from tradexl.builder import build_workbook
from tradexl.settings import CompanyProfile, Settings, TeamMember, TradeShow

TODAY = date(2026, 12, 1)

SETTINGS = Settings(
    company=CompanyProfile(name="Ningbo Lumax Lighting Co., Ltd.", phone="+86 574 8765 2301",
                           fax="+86 574 8765 2309", email="sales@lumax.test", website="www.lumax.test",
                           contact="Jason Chen"),
    team=(TeamMember("Lily", True, "lily@lumax.test"), TeamMember("Kevin", True, "kevin@lumax.test")),
    trade_shows=(
        TradeShow("Light + Building", "Frankfurt", "Germany", date(2027, 3, 8), date(2027, 3, 13), "Hall 10.3 B41",
                  "LX-60, LX-35"),
        TradeShow("Middle East Energy", "Dubai", "UAE", date(2027, 4, 7), date(2027, 4, 9), "S1.E12", ""),
    ),
)


def customer(cid: str, company: str, contact: str | None, email: str | None, country: str, city: str,
             kind: str, size: str, source: str, owner: str, grade: str | None, **extra: Any) -> dict[str, Any]:
    return {"Customer ID": cid, "Company": company, "Contact": contact, "Email": email, "Country": country,
            "City": city, "Type": kind, "Size": size, "Source": source, "Owner": owner, "Grade": grade,
            "Phone": extra.pop("phone", "+971 4 123 4567"), **extra}


CUSTOMERS = [
    customer("C001", "Al Noor Trading LLC", "Ahmed Al-Mansouri", "ahmed@alnoor.ae", "UAE", "Dubai", "Importer",
             "Large", "Trade show", "Lily", "A"),
    customer("C002", "Müller Licht GmbH", "Jürgen Müller", "j.mueller@mueller-licht.de", "Germany", "Hamburg",
             "Distributor", "Medium", "Website", "Kevin", "B", phone="+49 40 1234567"),
    customer("C003", "Patel Electricals", "Raj Patel", "raj@patelelec.in", "India", "Mumbai", "Wholesaler",
             "Medium", "Alibaba", "Lily", "C", phone="+91 22 2345 6789"),
    customer("C004", "Sunrise Lighting Inc", "Mary Smith", "mary@sunrise-light.com", "USA", "Chicago", "Retailer",
             "Small", "Referral", "Kevin", "B", **{"Do Not Mail": "Y"}),
    customer("C005", "Riyadh Lamps Est.", "Khalid Al-Saud", None, "Saudi Arabia", "Riyadh", "Importer", "Large",
             "Trade show", "Lily", "A"),
    customer("C006", "Lumière Distribution SARL", "Claire Dubois", "claire@lumiere-dist.fr", "France", "Lyon",
             "Distributor", "Large", "Trade show", "Kevin", "A", phone="+33 4 7812 3456"),
    customer("C007", "Gulf Star Electric", None, "sales@gulfstar.ae", "United Arab Emirates", "Abu Dhabi",
             "Wholesaler", "Small", "Alibaba", "Lily", "D"),
]

# Middle East factor 0.95, Europe 1.08 (defaults): LX-3530 7.80 -> 7.41 / 8.42 (8.424); LX-1009 0.70 -> 0.67
# (0.665 half-up) / 0.76 (0.756); LX-6040 8.60 -> 8.17 / 9.29 (9.288).
PRODUCTS = [
    {"Model": "LX-1009", "Name": "LED Bulb A60 E27", "Specification": "A60, E27, 9W", "MOQ": 3000, "Unit": "pcs",
     "Base Price": 0.70, "Currency": "USD", "Certifications": "CE, RoHS", "Hot": "Yes", "New": "No",
     "Active": "Yes"},
    {"Model": "LX-3530", "Name": "LED Track Light", "Specification": "COB track spot, 30W", "MOQ": 300,
     "Unit": "pcs", "Base Price": 7.80, "Currency": "USD", "Certifications": "CE, RoHS, GS", "Hot": "No",
     "New": "Yes", "Active": "Yes"},
    {"Model": "LX-6040", "Name": "LED Panel Light 600x600", "Specification": "595x595 mm, 40W", "MOQ": 200,
     "Unit": "pcs", "Base Price": 8.60, "Currency": "USD", "Certifications": "CE, RoHS, SAA", "Hot": "No",
     "New": "No", "Active": "Yes"},
    {"Model": "LX-9999", "Name": "Old Prototype", "Base Price": 1.0, "New": "Yes", "Active": "No"},
]

INQUIRIES = [
    {"Inquiry ID": "I001", "Received": datetime(2026, 11, 20, 9, 30), "Channel": "Email", "Customer ID": "C001",
     "Company": "Al Noor Trading LLC", "Email": "ahmed@alnoor.ae", "Country": "UAE", "Product": "LX-6040",
     "Quantity": 2000, "Message": "Please quote 2000 pcs", "Owner": "Lily",
     "Replied At": datetime(2026, 11, 20, 11, 0), "Status": "Quoted"},
    {"Inquiry ID": "I002", "Received": datetime(2026, 10, 5, 10, 0), "Channel": "Alibaba", "Customer ID": "C003",
     "Company": "Patel Electricals", "Country": "India", "Product": "LX-3530 track lights", "Quantity": 500,
     "Owner": "Lily", "Replied At": datetime(2026, 10, 5, 15, 0), "Status": "Sample sent"},
    {"Inquiry ID": "I003", "Received": datetime(2026, 6, 1, 10, 0), "Channel": "Email", "Customer ID": "C006",
     "Company": "Lumière Distribution SARL", "Country": "France", "Product": "LX-6040", "Quantity": 1000,
     "Owner": "Kevin", "Replied At": datetime(2026, 6, 1, 12, 0), "Status": "Ordered"},
]

QUOTES = [
    {"Quote No": "Q001", "Date": date(2026, 9, 1), "Customer ID": "C002", "Company": "Müller Licht GmbH",
     "Region": "Europe", "Model": "LX-6040", "Quantity": 500, "Unit Price": 9.29, "Currency": "USD",
     "Status": "Sent", "By": "Kevin"},
]

FOLLOWUPS = [
    {"Date": date(2026, 11, 25), "Customer ID": "C001", "Company": "Al Noor Trading LLC", "Channel": "Phone",
     "Summary": "Discussed a 40HQ order for Ramadan", "By": "Lily"},
    {"Date": date(2026, 10, 1), "Customer ID": "C002", "Company": "Müller Licht GmbH", "Channel": "Email",
     "Summary": "Sent the catalog", "By": "Kevin"},
    {"Date": date(2026, 11, 30), "Customer ID": "C006", "Company": "Lumière Distribution SARL", "Channel": "Visit",
     "Summary": "Visited showroom in Lyon", "By": "Kevin"},
]

# Samples, checked by hand against Settings › Samples (e-sample first, prepay above 100, feedback after 7 days):
# C003's physical sample had no e-sample before it; C001's physical sample (after an e-sample) cost 180 prepaid;
# C002's delivered sample of 2026-11-15 has no follow-up since (last one 2026-10-01) and 2026-11-22 is past.
SAMPLES = [
    {"Date": date(2026, 11, 10), "Customer ID": "C003", "Company": "Patel Electricals", "Model": "LX-3530",
     "Type": "Physical", "Freight": "Collect", "Courier": "DHL", "Tracking No": "DHL-111", "Cost": 20,
     "Status": "Sent", "By": "Lily"},
    {"Date": date(2026, 11, 1), "Customer ID": "C001", "Company": "Al Noor Trading LLC", "Model": "LX-6040",
     "Type": "E-sample", "Status": "Sent", "By": "Lily"},
    {"Date": date(2026, 11, 5), "Customer ID": "C001", "Company": "Al Noor Trading LLC", "Model": "LX-6040",
     "Type": "Physical", "Freight": "Prepaid", "Courier": "FedEx", "Tracking No": "FX-222", "Cost": 180,
     "Status": "Delivered", "By": "Lily"},
    {"Date": date(2026, 11, 15), "Customer ID": "C002", "Company": "Müller Licht GmbH", "Model": "LX-6040",
     "Type": "E-sample", "Status": "Sent", "By": "Kevin"},
    {"Date": date(2026, 11, 15), "Customer ID": "C002", "Company": "Müller Licht GmbH", "Model": "LX-6040",
     "Type": "Physical", "Freight": "Collect", "Courier": "UPS", "Tracking No": "1Z999AA10123456784", "Cost": 35,
     "Status": "Delivered", "By": "Kevin"},
]


def build(path: Path, settings: Settings = SETTINGS) -> Path:
    build_workbook(path, settings=settings, data={
        "customers": CUSTOMERS, "products": PRODUCTS, "inquiries": INQUIRIES, "quotes": QUOTES,
        "followups": FOLLOWUPS, "samples": SAMPLES})
    return path
