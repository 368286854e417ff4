// Dossiers (manual 2.1) and one dossier (#/dossiers/<id>). For now a heading and an empty list
// area; the dossier list, search, filter and the tabs are added here in a later step.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export const title = 'dossiers.title';

export function render(ctx) {
  const isDossier = ctx.route === 'dossier';
  return h('div', { class: 'screen' },
    h('h1', {}, isDossier ? t('dossiers.dossierTitle') : t('dossiers.title')),
    h('div', { id: 'dossier-list', class: 'list-area', 'aria-label': t('dossiers.listLabel'), role: 'region', dataset: isDossier ? { dossierId: ctx.params[0] } : null }));
}
