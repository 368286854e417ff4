// One tab's items (Correspondentie, Documenten, Door mij aangeleverd): newest first, 25 a page
// with "Meer laden", each with "Download". Downloading marks an unread item read: its mark goes
// and the tab's unread count drops at once (the API lowered it too; no reload needed).
import { api, segment } from '../../api.js';
import { download } from '../../download.js';
import { h } from '../../dom.js';
import { messageArea, showError } from '../../forms.js';
import { formatDate, formatSize, t } from '../../i18n.js';
import { icon } from '../../icons.js';
import { pagedList } from '../../paged-list.js';

/** element: the (empty) panel element to fill, made by the dossier page before this module loaded. */
export function itemsPanel({ dossierId, tab, counts, element = h('div', { class: 'items' }) }) {
  const errors = messageArea('error');
  const list = h('ul', { class: 'item-list', 'aria-label': t(`dossier.list.${tab}`) });
  const empty = h('p', { class: 'empty', hidden: true }, t(`dossier.empty.${tab}`));
  const more = h('div', { class: 'button-row' });
  element.append(errors.element, list, empty, more);

  const row = (item) => {
    const badge = h('span', { class: 'badge badge-unread' }, t('dossier.unread'));
    badge.hidden = Boolean(item.read);
    // What the client supplied is known by its file name; its title is the message (subject) or
    // questionnaire it came with. The office's items are known by their title.
    const supplied = tab === 'supplied';
    const name = supplied ? item.file_name || item.title : item.title || item.file_name;
    const meta = [
      supplied ? (item.title ? t('dossier.suppliedWith', { title: item.title }) : null) : item.file_name,
      formatSize(item.size), item.published_at ? formatDate(item.published_at) : null,
    ].filter(Boolean).join(' · ');
    const get = h('button', {
      type: 'button', class: ['button', 'button-secondary', 'with-icon', 'item-download'],
      'aria-label': t('dossier.downloadNamed', { title: name }),
      on: { click: () => fetchItem(item, entry, badge, get) },
    }, icon('download'), t('dossier.download'));
    const entry = h('li', { class: ['item-row', item.read ? null : 'is-unread'] },
      h('div', { class: 'item-main' },
        h('p', { class: 'item-title' }, name, ' ', badge),
        h('p', { class: 'item-meta' }, meta)),
      get);
    return entry;
  };

  async function fetchItem(item, entry, badge, control) {
    errors.clear();
    control.classList.add('is-busy');
    try {
      await download(`/api/dossiers/${segment(dossierId)}/items/${segment(item.id)}/download`);
      if (!item.read) {
        item.read = true;
        badge.hidden = true;
        entry.classList.remove('is-unread');
        counts.change(tab, { unread: -1 });
      }
    } catch (error) {
      showError(errors, error);
    } finally {
      control.classList.remove('is-busy');
    }
  }

  async function loadPage(nextToken) {
    const query = new URLSearchParams({ tab });
    if (nextToken) query.set('next_token', nextToken);
    return api.get(`/api/dossiers/${segment(dossierId)}/items?${query}`);
  }

  return pagedList({ element, list, empty, more, errors, loadPage, row });
}
