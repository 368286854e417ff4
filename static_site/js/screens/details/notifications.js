// Notificaties: four switches (new documents, questionnaires, messages, and appointments: new, moved,
// cancelled, the reminder). Each change is saved at
// once; saves run one after another so the last click is what the server keeps.
import { api } from '../../api.js';
import { h } from '../../dom.js';
import { messageArea, showError } from '../../forms.js';
import { t } from '../../i18n.js';
import { section } from './section.js';

const KINDS = ['documents', 'questionnaires', 'messages', 'appointments'];

export function notificationsSection(ctx) {
  const errors = messageArea('error');
  const status = messageArea('status');
  const current = { ...{ documents: true, questionnaires: true, messages: true, appointments: true }, ...(ctx.me.notifications || {}) };
  const inputs = {};
  let queue = Promise.resolve();

  const save = (kind, value) => {
    queue = queue.then(async () => {
      errors.clear();
      status.clear();
      const wanted = { ...current, [kind]: value };
      try {
        const me = await api.put('/api/me/notifications', wanted);
        Object.assign(current, me?.notifications || wanted);
        status.show(t('notifications.saved'));
        if (me) await ctx.updateMe(me);
      } catch (error) {
        inputs[kind].checked = current[kind];
        showError(errors, error);
      }
    });
  };

  const switches = KINDS.map((kind) => {
    const id = `notify-${kind}`;
    inputs[kind] = h('input', {
      type: 'checkbox', role: 'switch', id, name: kind, checked: Boolean(current[kind]),
      on: { change: (event) => save(kind, event.target.checked) },
    });
    return h('div', { class: 'switch' }, inputs[kind], h('label', { for: id }, t(`notifications.${kind}`)));
  });

  return section('details-notifications', t('notifications.title'),
    errors.element, status.element,
    h('fieldset', { class: 'choice-group' }, h('legend', {}, t('notifications.legend')), switches));
}
