"""What the client API sends when one answer needs several concepts, composed above the domain
packages so that none of them imports a package that imports it back (no cycle, no import hidden
in a function): Me with Home's counts and the Acties panel, the dossier page with its first tab,
and a revocation that takes the party's open questionnaires along. The domain packages stay
ignorant of this package; handlers call it like any domain module."""
