"""Demo data for the local stack: the shipped templates, and open questionnaires for the demo person.

Run by ``infra/local/demo.py`` after the accounts and dossiers seeders. The person gets the will
intake in their will dossier and the property transfer intake in their transfer dossier (matched on
the dossier's description); without a matching dossier the will intake goes to their first one, and
without any dossier only the templates load.
"""

from __future__ import annotations

from portal.dossiers.models import Grant, party_key
from portal.questionnaires import staff, templates

# template id -> words in a dossier's description that make it the right dossier for it
FITS = {"testament": ("testament",), "levering-woning": ("levering", "koop", "transport")}


def seed(seeded: dict[str, str], *, actor: str, source_ip: str) -> list[str]:
    """Load the templates; send them to ``seeded["person"]``. Returns lines to print at start."""
    for template_id in templates.SHIPPED:
        templates.create(templates.shipped(template_id), actor=actor)
    person = seeded.get("person")
    if not person:
        return []
    grants = sorted(Grant.query(party_key(person), Grant.sk.startswith("DOSSIER#")), key=lambda g: g.granted_at)
    if not grants:
        return ["questionnaires: templates loaded; the demo person has no dossier to send one in"]
    chosen = {
        template_id: next((g for g in grants if any(w in g.description.lower() for w in words)), None)
        for template_id, words in FITS.items()
    }
    if not any(chosen.values()):
        chosen["testament"] = grants[0]
    lines = []
    for template_id, grant in chosen.items():
        if grant is None:
            continue
        sent = staff.send(dossier_id=grant.dossier_id, account_id=person, template_id=template_id,
                          actor=actor, source_ip=source_ip)
        seeded[f"questionnaire_{template_id}"] = sent["id"]
        lines.append(f"questionnaire '{sent['title']['nl']}' open for the person in dossier {grant.number}")
    return lines
