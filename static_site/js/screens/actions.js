// Acties (manual: questionnaires to fill in). For now a heading and an empty list area; the
// questionnaire list is added here in a later step.
import { h } from '../dom.js';
import { t } from '../i18n.js';

export const title = 'actionsPage.title';

export function render() {
  return h('div', { class: 'screen' },
    h('h1', {}, t('actionsPage.title')),
    h('div', { id: 'action-list', class: 'list-area', 'aria-label': t('actionsPage.listLabel'), role: 'region' }));
}
