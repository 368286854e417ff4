"""Questionnaire items in the portal table.

Key scheme (ids never contain ``#``)::

    pk                      sk          item
    QTEMPLATE#<template>    V#<00001>   TemplateVersion: one immutable version of a template (JSON)
    QTEMPLATE#<template>    LATEST      TemplateHead: the newest version number and title
    QUESTIONNAIRE#<id>      META        Questionnaire: a sent copy of a template version, its answers
    gsi1: QDOSSIER#<dossier> / <sent_at>#<id>        a dossier's questionnaires (staff)
    gsi2: ACTIONS#<party> / <due>#<sent_at>#<id>      open actions of a party: sparse, removed on completion
    gsi2: QTEMPLATES / <template id>                 staff's list of templates (on TemplateHead)

A questionnaire carries a copy of the template version it was sent with, so no later change to the
template (or the loss of a version) can alter what a client fills in or what its PDF says.
"""

from __future__ import annotations

from pynamodb.attributes import ListAttribute, NumberAttribute, UnicodeAttribute, VersionAttribute

from portal.platform.db import Gsi1, Gsi2, PortalModel

SENT, IN_PROGRESS, COMPLETED = "sent", "in_progress", "completed"
LATEST = "LATEST"
META = "META"
TEMPLATES_LISTING = "QTEMPLATES"
# Open actions without a due date sort after every dated one.
NO_DUE_DATE = "9999-12-31"


def template_key(template_id: str) -> str:
    return f"QTEMPLATE#{template_id}"


def version_sk(version: int) -> str:
    return f"V#{version:05d}"


def questionnaire_key(questionnaire_id: str) -> str:
    return f"QUESTIONNAIRE#{questionnaire_id}"


def dossier_listing_key(dossier_id: str) -> str:
    return f"QDOSSIER#{dossier_id}"


def actions_key(party_id: str) -> str:
    return f"ACTIONS#{party_id}"


class TemplateVersion(PortalModel):
    template_id = UnicodeAttribute()
    version = NumberAttribute()
    title_nl = UnicodeAttribute()
    title_en = UnicodeAttribute()
    body = UnicodeAttribute()  # the template as canonical JSON
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()


class TemplateHead(PortalModel):
    template_id = UnicodeAttribute()
    latest = NumberAttribute()
    title_nl = UnicodeAttribute()
    title_en = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    listing = Gsi2()


class Questionnaire(PortalModel):
    id = UnicodeAttribute()
    dossier_id = UnicodeAttribute()
    party_id = UnicodeAttribute()
    account_id = UnicodeAttribute()  # the addressee; any account of the party may fill it in
    template_id = UnicodeAttribute()
    template_version = NumberAttribute()
    template = UnicodeAttribute()  # the pinned template version's JSON
    title_nl = UnicodeAttribute()
    title_en = UnicodeAttribute()
    dossier_number = UnicodeAttribute()
    dossier_description = UnicodeAttribute()
    status = UnicodeAttribute(default=SENT)
    answers = UnicodeAttribute(default="{}")  # JSON, keyed by question id
    saved_pages = ListAttribute(of=NumberAttribute, default=list)
    page_count = NumberAttribute()
    due_date = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    sent_at = UnicodeAttribute()
    sent_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute(null=True)
    completed_at = UnicodeAttribute(null=True)
    completed_by = UnicodeAttribute(null=True)
    client_name = UnicodeAttribute(null=True)  # who completed it, as printed on the PDF
    pdf_key = UnicodeAttribute(null=True)
    pdf_file_name = UnicodeAttribute(null=True)
    pdf_item_id = UnicodeAttribute(null=True)  # the "supplied" item in the dossier
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    version = VersionAttribute()
    of_dossier = Gsi1()
    open_actions = Gsi2()
