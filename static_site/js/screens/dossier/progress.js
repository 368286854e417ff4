// "Voortgang (4/10)": collapsed by default (manual 2.1.1.1), a disclosure button opens the list of
// steps with their done marks; "(0/0)" and a short note when the dossier has no progress list.
import { h, srOnly, uid } from '../../dom.js';
import { t } from '../../i18n.js';
import { disclosure } from '../../disclosure.js';
import { icon } from '../../icons.js';

export function progressSection(progress = {}) {
  const done = Number(progress.done) || 0;
  const total = Number(progress.total) || 0;
  const steps = Array.isArray(progress.steps) ? progress.steps : [];
  const bodyId = uid('progress');
  const body = h('div', { id: bodyId, class: 'progress-body', hidden: true },
    steps.length
      ? h('ol', { class: 'steps' }, steps.map((step) => h('li', { class: ['step', step.done ? 'is-done' : null] },
        h('span', { class: 'step-mark', 'aria-hidden': 'true' }, step.done ? icon('check') : null),
        h('span', { class: 'step-title' }, step.title || ''),
        srOnly(` (${t(step.done ? 'dossier.stepDone' : 'dossier.stepOpen')})`))))
      : h('p', { class: 'empty' }, t('dossier.noProgress')));
  const toggle = disclosure(body, t('dossier.progress', { done, total }));
  return h('section', { class: 'progress panel', 'aria-label': t('dossier.progressLabel') }, h('h2', { class: 'progress-title' }, toggle), body);
}
