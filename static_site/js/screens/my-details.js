// "Mijn gegevens" (manual 2.2): language, 2-step verification, notifications, password, signed-in
// devices, and for a company's main account the extra accounts. Screen load: GET /api/me (by the
// app) and, for company_main only, GET /api/me/accounts; the devices load only when asked for.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { accountsSection, loadAccounts } from './details/accounts.js';
import { languageSection } from './details/language.js';
import { notificationsSection } from './details/notifications.js';
import { passkeysSection } from './details/passkeys.js';
import { passwordSection } from './details/password.js';
import { section } from './details/section.js';
import { sessionsSection } from './details/sessions.js';
import { twoFactorSection } from './details/two-factor.js';

export const title = 'details.title';

function accountSummary(me) {
  const rows = [
    [t('details.name'), me.name],
    [t('details.email'), me.email],
    me.company_name ? [t('details.company'), me.company_name] : null,
  ].filter(Boolean);
  return section('details-account', t('details.account'),
    h('dl', { class: 'summary' }, rows.map(([term, value]) => h('div', { class: 'summary-row' }, h('dt', {}, term), h('dd', {}, value ?? '')))));
}

export async function render(ctx) {
  const me = ctx.me;
  const isMainAccount = me.kind === 'company_main';
  const accounts = isMainAccount ? await loadAccounts() : null;
  return h('div', { class: 'screen details' },
    h('h1', {}, t('details.title')),
    accountSummary(me),
    languageSection(ctx),
    twoFactorSection(ctx),
    passkeysSection(ctx),
    notificationsSection(ctx),
    passwordSection(ctx),
    sessionsSection(),
    isMainAccount ? accountsSection(ctx, accounts) : null);
}
