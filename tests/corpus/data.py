"""The rows every corpus workbook carries: a small, realistic register with hostile buyer text planted in it.

Kept as literal data (canonical column names of `tradexl.schema`) so each corpus builder only decides *how* a
tool lays the rows out, never *what* they say. `TODAY` is the report day every test refreshes with.
"""

from __future__ import annotations

from datetime import date, datetime

TODAY = date(2026, 11, 28)

HYPERLINK = '=HYPERLINK("http://evil.example/x","Click me")'
DDE = "=cmd|' /C calc'!A0"
PLUS_PHONE = "+1 555 0100"
MINUS_NAME = "-Lagos Building Supplies"
AT_SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
HOSTILE_TEXTS = (HYPERLINK, DDE, PLUS_PHONE, MINUS_NAME, AT_SUM)
"""Buyer text that a careless writer would turn into a formula; each sits in a column the engine copies out."""


def _dt(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute)


CUSTOMERS = [
    {"Customer ID": "C001", "Company": "Al Noor Trading LLC", "Contact": "Ahmed Saleh", "Email": "ahmed@alnoor.ae",
     "Phone": "+971 4 123 4567", "Country": "UAE", "City": "Dubai", "Type": "Importer", "Size": "Large",
     "Source": "Alibaba", "Owner": "Lily", "Notes": "Wants 40HQ mixed container"},
    {"Customer ID": "C002", "Company": HYPERLINK, "Contact": AT_SUM, "Email": "buyer@evil.example",
     "Phone": PLUS_PHONE, "Country": "USA", "City": "Austin", "Type": "Wholesaler", "Size": "Medium",
     "Source": "Website", "Owner": "Tom", "Grade": "A", "Notes": DDE},
    {"Customer ID": "C003", "Company": "Müller Haustechnik GmbH", "Contact": "Jörg Müller",
     "Email": "j.mueller@mueller-ht.de", "Phone": "+49 89 5555 01", "Country": "Germany", "City": "München",
     "Type": "Distributor", "Size": "Medium", "Source": "Trade show", "Owner": "Lily"},
    {"Customer ID": "C004", "Company": "Kuala Lumpur 贸易 Sdn Bhd", "Contact": "陈先生", "Email": "chen@klmaju.my",
     "Phone": "+60 3 2222 1111", "Country": "马来西亚", "City": "Kuala Lumpur", "Type": "Retailer",
     "Size": "Small", "Source": "Referral", "Owner": "Wang"},
    {"Customer ID": "C005", "Company": MINUS_NAME, "Contact": "Chidi Okafor", "Email": "chidi@gmail.com",
     "Phone": "-", "Country": "Nigeria", "City": "Lagos", "Type": "Project contractor", "Size": "Small",
     "Source": "Alibaba", "Owner": "Tom"},
    {"Customer ID": "C006", "Company": "Santos Importadora Ltda", "Contact": "Ana Santos",
     "Email": "ana@santosimp.com.br", "Phone": "+55 11 4000 1234", "Country": "Brazil", "City": "São Paulo",
     "Type": "Importer", "Size": "Large", "Source": "Existing customer", "Owner": "Wang", "Grade": "B"},
]

INQUIRIES = [
    {"Inquiry ID": "INQ-001", "Received": _dt(20, 9, 15), "Channel": "Alibaba", "Customer ID": "C001",
     "Company": "Al Noor Trading LLC", "Contact": "Ahmed Saleh", "Email": "ahmed@alnoor.ae", "Country": "UAE",
     "Product": "LED-100", "Quantity": 5000, "Target Price": 2.1, "Owner": "Lily",
     "Message": "Please send PI for 5000 pcs LED-100, urgent order", "Replied At": _dt(20, 10, 0),
     "Status": "Quoted"},
    {"Inquiry ID": "INQ-002", "Received": _dt(22, 14, 0), "Channel": "Website", "Customer ID": "C002",
     "Company": HYPERLINK, "Contact": AT_SUM, "Email": "buyer@evil.example", "Phone": PLUS_PHONE,
     "Country": "USA", "Product": DDE, "Quantity": 200, "Owner": "Tom", "Message": DDE + " please quote",
     "Status": "New"},
    {"Inquiry ID": "INQ-003", "Received": _dt(23, 8, 30), "Channel": "Email", "Customer ID": "C003",
     "Company": "Müller Haustechnik GmbH", "Email": "j.mueller@mueller-ht.de", "Country": "Germany",
     "Product": "PNL-60", "Quantity": 300, "Message": "Tender for next year, budget planning", "Owner": "Lily",
     "Replied At": _dt(24, 16, 0), "Status": "Replied"},
    {"Inquiry ID": "INQ-004", "Received": _dt(25, 11, 0), "Channel": "Fax", "Customer ID": "C004",
     "Company": "Kuala Lumpur 贸易 Sdn Bhd", "Contact": "陈先生", "Country": "马来西亚", "Product": "LED-200",
     "Quantity": 1000, "Message": "需要样品，尽快", "Owner": "Wang", "Status": "New"},
    {"Inquiry ID": "INQ-005", "Received": _dt(26, 19, 45), "Channel": "WhatsApp", "Customer ID": "C005",
     "Company": MINUS_NAME, "Email": "chidi@gmail.com", "Country": "Nigeria", "Product": "catalog",
     "Message": "send catalog and price list", "Owner": "Tom", "Status": "New"},
    {"Inquiry ID": "INQ-006", "Received": _dt(2, 10, 0), "Channel": "Trade show", "Customer ID": "C006",
     "Company": "Santos Importadora Ltda", "Country": "Brazil", "Product": "LED-100", "Quantity": 20000,
     "Target Price": 1.95, "Message": "Repeat order, deposit ready", "Owner": "Wang",
     "Replied At": _dt(2, 11, 30), "Status": "Ordered"},
    {"Inquiry ID": "INQ-007", "Received": _dt(27, 7, 5), "Channel": "Email", "Company": "Unknown Buyer",
     "Email": "someone@yahoo.com", "Country": "Atlantis", "Product": "LED-100", "Message": "price?",
     "Owner": "Lily", "Status": "New"},
]

FOLLOWUPS = [
    {"Date": date(2026, 11, 21), "Customer ID": "C001", "Company": "Al Noor Trading LLC", "Channel": "Phone",
     "Summary": "Discussed container mix", "Next Step": "Send PI", "By": "Lily"},
    {"Date": date(2026, 11, 10), "Customer ID": "C003", "Company": "Müller Haustechnik GmbH", "Channel": "Email",
     "Summary": "Sent CE certificates", "Next Step": "Wait for tender", "By": "Lily"},
    {"Date": date(2026, 10, 1), "Customer ID": "C006", "Company": "Santos Importadora Ltda", "Channel": "Visit",
     "Summary": "Visited showroom", "Next Step": "Quote new line", "By": "Wang"},
    {"Date": date(2026, 11, 25), "Customer ID": "C002", "Company": HYPERLINK, "Channel": "Email",
     "Summary": DDE, "Next Step": AT_SUM, "By": "Tom"},
]

QUOTES = [
    {"Quote No": "QT-2026-101", "Date": date(2026, 11, 20), "Customer ID": "C001", "Company": "Al Noor Trading LLC",
     "Region": "Middle East", "Model": "LED-100", "Quantity": 5000, "Unit Price": 2.19, "Currency": "USD",
     "Incoterm": "FOB Ningbo", "Valid Until": date(2026, 12, 5), "Status": "Sent", "By": "Lily"},
    {"Quote No": "QT-2026-102", "Date": date(2026, 11, 24), "Customer ID": "C003",
     "Company": "Müller Haustechnik GmbH", "Region": "Europe", "Model": "PNL-60", "Quantity": 300,
     "Unit Price": 12.5, "Currency": "USD", "Incoterm": "FOB Ningbo", "Valid Until": date(2026, 12, 24),
     "Status": "Sent", "By": "Lily"},
    {"Quote No": "QT-2026-090", "Date": date(2026, 10, 2), "Customer ID": "C006", "Company": "Santos Importadora Ltda",
     "Region": "Latin America", "Model": "LED-100", "Quantity": 20000, "Unit Price": 1.98, "Currency": "USD",
     "Incoterm": "FOB Ningbo", "Valid Until": date(2026, 10, 22), "Status": "Accepted", "By": "Wang"},
]

PRODUCTS = [
    {"Model": "LED-100", "Name": "LED bulb 10W", "Specification": "E27, 900 lm, 3000K", "MOQ": 1000, "Unit": "pcs",
     "Base Price": 2.3, "Currency": "USD", "Certifications": "CE, RoHS", "Technical Parameters": "-20°C to 40°C",
     "Key Contact": "Lily", "Hot": "Yes", "New": "No", "Active": "Yes"},
    {"Model": "LED-200", "Name": "LED bulb 20W", "Specification": "E27, 1800 lm", "MOQ": 1000, "Unit": "pcs",
     "Base Price": 3.4, "Currency": "USD", "Certifications": "CE, UL", "Key Contact": "Wang", "Hot": "No",
     "New": "Yes", "Active": "Yes"},
    {"Model": "PNL-60", "Name": "LED panel 60x60", "Specification": "40W, 4000K", "MOQ": 100, "Unit": "pcs",
     "Base Price": 13.0, "Currency": "USD", "Certifications": "CE, SAA", "Technical Parameters": "+/-5% flux",
     "Key Contact": "Lily", "Hot": "Yes", "New": "No", "Active": "Yes"},
    {"Model": "OLD-01", "Name": "Halogen lamp", "MOQ": 5000, "Unit": "pcs", "Base Price": 0.8, "Currency": "USD",
     "Active": "No"},
]

SAMPLES = [
    {"Date": date(2026, 11, 26), "Customer ID": "C004", "Company": "Kuala Lumpur 贸易 Sdn Bhd", "Model": "LED-200",
     "Type": "Physical", "Freight": "Collect", "Courier": "DHL", "Tracking No": "1234567890", "Cost": 35,
     "Status": "Sent", "By": "Wang"},
    {"Date": date(2026, 11, 5), "Customer ID": "C001", "Company": "Al Noor Trading LLC", "Model": "LED-100",
     "Type": "E-sample", "Freight": "Prepaid", "Status": "Feedback", "By": "Lily"},
]

ORDERS = [  # a PI of two lines with its deposit; an EUR order (no rate in Settings: a Check row)
    {"Order No": "PI-2026-031", "Date": date(2026, 10, 5), "Customer ID": "C006", "Company": "Santos Importadora Ltda",
     "Model": "LED-100", "Quantity": 20000, "Unit Price": 1.98, "Currency": "USD",
     "Payment Terms": "30% T/T deposit, 70% before shipment", "Deposit Received": 13000,
     "Deposit Date": date(2026, 10, 9), "Ship Date": date(2026, 11, 20), "Status": "Shipped", "Owner": "Wang"},
    {"Order No": "PI-2026-031", "Date": date(2026, 10, 5), "Customer ID": "C006", "Company": "Santos Importadora Ltda",
     "Model": "PNL-60", "Quantity": 500, "Unit Price": 13.0, "Currency": "USD", "Status": "Shipped",
     "Owner": "Wang"},
    {"Order No": "PI-2026-040", "Date": date(2026, 11, 12), "Customer ID": "C001", "Company": "Al Noor Trading LLC",
     "Model": "LED-200", "Amount": 8400, "Currency": "EUR", "Status": "Confirmed", "Owner": "Lily"},
]

ROWS = {
    "inquiries": INQUIRIES, "customers": CUSTOMERS, "followups": FOLLOWUPS, "quotes": QUOTES,
    "products": PRODUCTS, "samples": SAMPLES, "orders": ORDERS,
}

COMPANY = {
    "Company Name": "Ningbo Bright Lighting Co., Ltd.", "Year Founded": "2003", "Total Assets": "USD 12 million",
    "Annual Sales": "USD 30 million", "Awards": "ISO 9001, BSCI", "Contact Person": "Lily Chen",
    "Phone": "+86 574 8888 0000", "Fax": "+86 574 8888 0001", "Email": "sales@brightlight.cn",
}
REGIONS = [
    ("Middle East", 0.95, "Competitive first offer.", "30% T/T deposit", "FOB Ningbo", 15),
    ("Europe", 1.08, "Includes CE documentation and 2-year warranty.", "30% T/T deposit", "FOB Ningbo", 30),
    ("North America", 1.15, "Includes UL documentation and US-hours support.", "30% T/T deposit", "FOB Ningbo", 30),
]
"""Three pricing regions (not the ten defaults) keep the corpus refreshes quick."""
TEAM = [("Lily", "Yes", "lily@brightlight.cn", 50000), ("Tom", "Yes", "tom@brightlight.cn", 30000),
        ("Wang", "Yes", "wang@brightlight.cn", 40000)]
