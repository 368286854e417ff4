// Home (manual 2): three tiles, "Dossiers" with the counts in progress and total, "Acties" with the
// open count ("0" when none), and "Mijn gegevens". The counts come with Me (no extra call); the
// appointments to come and the payment instructions with one more (GET /api/home).
import { request } from '../api.js';
import { h } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { icon } from '../icons.js';
import { homePayments } from './payments.js';
import { homeAppointment } from './appointment.js';

export const title = 'home.title';

function tile(href, iconName, heading, ...body) {
  return h('li', { class: 'tile-item' },
    h('a', { href, class: 'tile' },
      h('span', { class: 'tile-icon' }, icon(iconName)),
      h('h2', { class: 'tile-title' }, heading),
      ...body));
}

function figure(value, label) {
  return h('span', { class: 'tile-figure' }, h('span', { class: 'count' }, formatNumber(value)), ' ', h('span', {}, label));
}

/** GET /api/home, or nothing when it cannot be read: Home itself still works. */
async function upcoming() {
  try {
    return (await request('GET', '/api/home', undefined, { ignoreSessionLoss: true })) || {};
  } catch {
    return {};
  }
}

export async function render(ctx) {
  const counts = ctx.me.counts || {};
  const found = await upcoming();
  const payments = homePayments(found.payments || []);
  const appointment = homeAppointment(found.appointments || []);
  return h('div', { class: 'screen' },
    h('h1', {}, t('home.title')),
    h('p', { class: 'lead' }, t('home.greeting', { name: ctx.me.name })),
    appointment,
    h('ul', { class: 'tiles', 'aria-label': t('home.sections') },
      tile('#/dossiers', 'folder', t('home.dossiers'),
        figure(counts.dossiers_in_progress, t('home.inProgress')),
        figure(counts.dossiers_total, t('home.total'))),
      tile('#/acties', 'tasks', t('home.actions'), figure(counts.actions_open, t('home.actionsOpen'))),
      tile('#/mijn-gegevens', 'user', t('home.details'), h('span', { class: 'tile-text' }, t('home.detailsText')))),
    payments);
}
