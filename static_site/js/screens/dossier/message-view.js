// One opened message: who it is from or to, when, the text as typed, its attachments (each
// downloadable), for a reply the original under it, and "Beantwoorden" for the office's messages.
import { segment } from '../../api.js';
import { download } from '../../download.js';
import { h, uid } from '../../dom.js';
import { messageArea, showError } from '../../forms.js';
import { formatDateTime, formatSize, t } from '../../i18n.js';
import { icon } from '../../icons.js';
import { originalBlock } from './original.js';

function metaRow(term, value) {
  return h('div', { class: 'summary-row' }, h('dt', {}, term), h('dd', {}, value));
}

export function messageView({ dossierId, message, onBack, onReply }) {
  const errors = messageArea('error');
  const headingId = uid('message');
  const incoming = message.direction === 'incoming';
  const heading = h('h3', { id: headingId, class: 'view-title', tabindex: '-1' }, message.subject || '');
  const back = h('button', { type: 'button', class: ['button', 'button-link', 'with-icon'], on: { click: onBack } },
    icon('back'), t('message.back'));

  const attachments = (message.attachments || []).map((attachment) => {
    const get = h('button', {
      type: 'button', class: ['button', 'button-secondary', 'with-icon'], 'aria-label': t('dossier.downloadNamed', { title: attachment.file_name }),
      on: {
        click: async () => {
          errors.clear();
          try {
            await download(`/api/dossiers/${segment(dossierId)}/messages/${segment(message.id)}/attachments/${segment(attachment.id)}/download`);
          } catch (error) {
            showError(errors, error);
          }
        },
      },
    }, icon('download'), t('dossier.download'));
    return h('li', { class: 'attachment-row' }, icon('paperclip'),
      h('span', { class: 'attachment-name' }, attachment.file_name, ' ', h('span', { class: 'file-size' }, formatSize(attachment.size))), get);
  });

  const element = h('article', { class: 'message-view', 'aria-labelledby': headingId },
    back,
    heading,
    errors.element,
    h('dl', { class: 'summary message-meta' },
      incoming
        ? metaRow(t('message.from'), h('span', { class: 'who' }, icon('office'), message.from_name || ''))
        : metaRow(t('message.to'), message.to_name || ''),
      metaRow(t('message.date'), message.created_at ? formatDateTime(message.created_at) : '')),
    h('div', { class: 'message-body' }, message.body || ''),
    attachments.length ? h('div', { class: 'message-attachments' },
      h('h4', {}, t('compose.attachments')),
      h('ul', { class: 'attachment-list' }, attachments)) : null,
    incoming ? h('div', { class: 'button-row' },
      h('button', { type: 'button', class: ['button', 'button-primary', 'with-icon'], on: { click: () => onReply(message) } },
        icon('reply'), t('message.reply'))) : null,
    message.original ? originalBlock(message.original) : null);
  return { element, focus: () => heading.focus() };
}
