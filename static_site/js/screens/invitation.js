// The first e-mail's link (manual 1.1): check the invitation, then ask for the e-mail address;
// the second e-mail then carries the set-password link.
import { api, errorText, segment } from '../api.js';
import { h } from '../dom.js';
import { messageArea } from '../forms.js';
import { hasChosenLanguage, t, useLanguage } from '../i18n.js';
import { linkRequestForm } from './request-link.js';

export const title = 'invitation.title';

/** A dead link: say why and offer the way on (request a new link, or log in). */
export function deadLink(error) {
  if (error.handled) throw error;
  const area = messageArea('error');
  area.show(errorText(error));
  return h('div', { class: 'screen narrow' },
    h('h1', {}, t('requestLink.title')),
    area.element,
    h('ul', { class: 'link-list' },
      h('li', {}, h('a', { href: '#/wachtwoord' }, t('requestLink.newLink'))),
      h('li', {}, h('a', { href: '#/login' }, t('requestLink.back')))));
}

export async function render(ctx) {
  const token = ctx.params[0];
  let invitation;
  try {
    invitation = await api.get(`/api/invitations/${segment(token)}`);
  } catch (error) {
    return deadLink(error);
  }
  // The office chose the client's language; a choice made on this device still wins.
  if (invitation?.language && !hasChosenLanguage()) await useLanguage(invitation.language);
  return h('div', { class: 'screen narrow' },
    h('h1', {}, t('invitation.title')),
    h('p', {}, t('invitation.intro')),
    linkRequestForm({ invitation: token }));
}
