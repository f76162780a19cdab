"""The Trade ribbon tab: its buttons as data, and the customUI14 XML part made from them.

The VBA module (`vba.py`) is generated from the same `BUTTONS`, so every `onAction` names a callback that exists.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

CUSTOMUI_NS = "http://schemas.microsoft.com/office/2009/07/customui"
CUSTOMUI_PART = "customUI/customUI14.xml"
CUSTOMUI_REL_TYPE = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
TAB_LABEL = "Trade"


@dataclass(frozen=True)
class RibbonButton:
    """One large button: the Python macro it runs (tradexl.xlshell.macros.<macro>) and how it looks."""

    macro: str
    label: str
    image: str
    screentip: str
    supertip: str
    group: str
    asks: str = ""
    """What the VBA callback asks the user before calling Python ("" = nothing; see `vba.ASKS`)."""

    @property
    def callback(self) -> str:
        """The VBA callback Sub, e.g. refresh_followups -> OnRefreshFollowups."""
        return "On" + "".join(part.capitalize() for part in self.macro.split("_"))

    @property
    def control_id(self) -> str:
        return "btn" + self.callback.removeprefix("On")


GROUPS = (("grpMail", "Mail"), ("grpDaily", "Daily work"), ("grpReports", "Quotes and reports"),
          ("grpBuyers", "Buyer database"), ("grpWorkbook", "Workbook"))

BUTTONS = (
    RibbonButton("import_mail", "Import mail", "FileOpen", "Import mail",
                 "Add the inquiries in a folder of saved mails (.eml, .mbox, Alibaba export): buyers matched, new "
                 "rows graded, Due and Unanswered refreshed. The folder is remembered in Settings.", "grpMail",
                 asks="folder"),
    RibbonButton("fetch_mail", "Fetch mail", "GetExternalDataFromWeb", "Fetch mail",
                 "Read the mailbox named in Settings (IMAP) and add its new inquiries, graded; the password "
                 "comes from the computer's keyring.", "grpMail"),
    RibbonButton("reply_draft", "Reply draft", "FileSendAsAttachment", "Reply draft",
                 "Write the reply to the selected inquiry with the buyer's region price and open it in your mail "
                 "program, unsent.", "grpMail"),
    RibbonButton("proforma_invoice", "Proforma invoice", "FileSaveAsPdfOrXps", "Proforma invoice",
                 "Make the proforma invoice for the selected inquiry (Excel and PDF, plus text to paste for "
                 "Alibaba or WhatsApp buyers) in the PI folder next to this workbook.", "grpMail"),
    RibbonButton("log_contact", "Log contact", "ReviewNewComment", "Log contact",
                 "On Due Follow-ups: log today's contact with the selected customer (channel, what happened, "
                 "next step); the due list updates at once.", "grpDaily", asks="contact"),
    RibbonButton("refresh_followups", "Refresh follow-ups", "CalendarInsert", "Refresh follow-ups",
                 "Recompute last and next contact for every customer and list who is due today, most overdue "
                 "first.", "grpDaily"),
    RibbonButton("grade_leads", "Grade leads", "ReviewTrackChanges", "Grade leads",
                 "Suggest an A-D grade for every inquiry, with the reason, and fill in region and reply status.",
                 "grpDaily"),
    RibbonButton("customer_history", "Customer history", "ContactPictureMenu", "Customer history",
                 "Show everything on record for the customer in the selected row: inquiries, follow-ups, "
                 "quotes and samples.", "grpDaily"),
    RibbonButton("region_quotes", "Region quotes", "CurrencySymbol", "Region quotes",
                 "Build one quote sheet per region from the Products sheet and the regional pricing in "
                 "Settings.", "grpReports"),
    RibbonButton("weekly_summary", "Weekly summary", "CreateReport", "Weekly summary",
                 "Build the manager's weekly report for the week to date (the full week on its last day), "
                 "ready to print.", "grpReports"),
    RibbonButton("monthly_review", "Monthly review", "CreateReport", "Monthly review",
                 "Orders and payments against target, six months of trend, the A-list, new and lost customers "
                 "and outstanding payments.", "grpReports"),
    RibbonButton("statistics", "Statistics", "ChartTypeColumnInsertGallery", "Statistics",
                 "The buyer database in numbers and charts: regions, types, sources, products, funnel, reply "
                 "times.", "grpReports"),
    RibbonButton("mailing", "Mailing", "NewMailMessage", "Mailing",
                 "One personal draft per buyer (newsletter, new products, price update or your own template file), "
                 "optionally only some grades, in a folder under Mailing next to this workbook; Do Not Mail is "
                 "honoured.", "grpBuyers", asks="mailing"),
    RibbonButton("trip", "Trip", "HyperlinkInsert", "Trip",
                 "The Trip sheet for a business trip: the buyers in a country (and city), best first, with their "
                 "history, phone and call window, and a visit-request draft for each.", "grpBuyers", asks="trip"),
    RibbonButton("check_data", "Check data", "DataValidation", "Check data",
                 "List every data problem (bad dates, unknown countries, duplicate IDs, missing values) on "
                 "the Check sheet.", "grpWorkbook"),
    RibbonButton("refresh_all", "Refresh all", "RefreshAll", "Refresh all",
                 "Grade leads, refresh follow-ups, region quotes, the weekly summary and the data check in one "
                 "pass.", "grpWorkbook"),
    RibbonButton("team_report", "Team report", "ShareWorkbook", "Team report",
                 "The manager's team sheets from every salesperson's workbook in Settings › Team Folder (read "
                 "only): Team Weekly Summary, Due, Pool with buyers two salespeople own, and Check.",
                 "grpWorkbook"),
    RibbonButton("handover", "Handover", "AddressBook", "Handover",
                 "Move a salesperson's customers and open inquiries to a colleague, for good or while they travel, "
                 "with an introduction draft per buyer and the Handover Log (undo: tradexl handover --undo).",
                 "grpWorkbook", asks="handover"),
)


def customui_xml() -> bytes:
    """The customUI14 part: a Trade tab after Home, one group per `GROUPS` entry, large buttons."""
    ET.register_namespace("", CUSTOMUI_NS)
    q = f"{{{CUSTOMUI_NS}}}"
    root = ET.Element(q + "customUI")
    tabs = ET.SubElement(ET.SubElement(root, q + "ribbon"), q + "tabs")
    tab = ET.SubElement(tabs, q + "tab", id="tabTrade", label=TAB_LABEL, insertAfterMso="TabHome")
    for group_id, group_label in GROUPS:
        group = ET.SubElement(tab, q + "group", id=group_id, label=group_label)
        for b in (b for b in BUTTONS if b.group == group_id):
            ET.SubElement(group, q + "button", id=b.control_id, label=b.label, size="large", imageMso=b.image,
                          screentip=b.screentip, supertip=b.supertip, onAction=b.callback)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)
