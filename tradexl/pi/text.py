"""The proforma invoice as plain text to paste into Alibaba's message box, WhatsApp or a fax cover.

Buyers who wrote on a platform or called have no email to attach the PDF to; the same figures go out as ASCII
text with fixed-width columns, like the region quotes (`tradexl.reports.textquote`).
"""

from __future__ import annotations

from tradexl.pi.document import ProformaInvoice
from tradexl.reports.pricing import format_price
from tradexl.reports.textquote import TextColumn, labelled_lines, paragraph, table_lines, to_ascii

LINE_COLUMNS = (TextColumn("Model", 12), TextColumn("Description", 30), TextColumn("Qty", 10, right=True),
                TextColumn("Unit price", 12, right=True), TextColumn("Amount", 14, right=True))


def pi_text(pi: ProformaInvoice) -> str:
    """The PI as text: greeting, lines, total in figures and words, terms, packing, bank details, signature."""
    c, b = pi.seller, pi.bank
    contact = dict(pi.buyer).get("Attn", "")
    rows = [(line.model, line.description, f"{line.quantity:,} {line.unit}", format_price(line.unit_price),
             format_price(line.amount)) for line in pi.lines]
    packing = [f"{line.model}: {line.cartons or '-'} cartons of {line.carton_qty or '-'} {line.unit}, "
               f"{line.carton_size or 'size tbc'}, {line.cbm if line.cbm is not None else '-'} CBM, "
               f"G.W. {line.gross_weight if line.gross_weight is not None else '-'} kg" for line in pi.lines]
    lines = [
        f"Dear {contact or 'Sir or Madam'},", "",
        f"Thank you for your inquiry. As requested, please find our proforma invoice {pi.number} below.", "",
        f"PROFORMA INVOICE {pi.number}",
        *labelled_lines([("Date", pi.day), ("Valid until", pi.valid_until), ("Buyer", dict(pi.buyer).get("Company")),
                         ("Your inquiry", pi.inquiry_id)]),
        "",
        *table_lines(LINE_COLUMNS, rows),
        f"TOTAL {pi.region.incoterm}: {pi.currency} {format_price(pi.total)}",
        *paragraph(pi.total_words), "",
        *labelled_lines([("Payment terms", pi.region.payment_terms), ("Incoterm", pi.incoterm),
                         ("Loading port", pi.port or "-"), ("Lead time", pi.lead_time)]),
        "", "Packing:", *[f"- {to_ascii(p)}" for p in packing], "",
        "Bank details:",
        *labelled_lines([("Beneficiary", b.beneficiary), ("Bank", b.bank), ("Account No.", b.account),
                         ("SWIFT", b.swift), ("Bank address", b.address)]),
        "", "Please sign and return this PI with the deposit slip to confirm the order.", "",
        "Best regards,", to_ascii(pi.owner or c.contact), to_ascii(c.name),
        to_ascii(f"Tel: {c.phone}  Fax: {c.fax}  Email: {c.email}"),
    ]
    return "\n".join(lines) + "\n"
