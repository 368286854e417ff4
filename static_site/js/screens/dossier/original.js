// The message a reply answers: shown under an opened reply and under the reply being written. Its
// own module, so the form (loaded when opened) does not pull in the message view with it.
import { h, uid } from '../../dom.js';
import { formatDateTime, t } from '../../i18n.js';

export function originalBlock(original) {
  const headingId = uid('original');
  return h('section', { class: 'original', 'aria-labelledby': headingId },
    h('h4', { id: headingId }, t('message.original')),
    h('p', { class: 'original-meta' },
      t('message.originalFrom', { name: original.from_name || '', date: original.created_at ? formatDateTime(original.created_at) : '' })),
    h('p', { class: 'original-subject' }, original.subject || ''),
    h('div', { class: 'message-body' }, original.body || ''));
}
