// A questionnaire (#/vragenlijst/<id>, manual 2.1.2): one page at a time; "Volgende" saves the
// page, "Vorige" goes back without losing what was typed, "Invullen" resumes at the first unsaved
// page. After the last page the overview ("Wijzigen" per page, "Versturen"); after completing,
// the result with "Printen". Screen load: GET the questionnaire, and for a completed one (or one
// with every page saved) its result: at most two calls.
import { api, segment } from '../../api.js';
import { download } from '../../download.js';
import { h, replace, uid } from '../../dom.js';
import { button, messageArea, showError } from '../../forms.js';
import { formatDateTime, formatDay, t } from '../../i18n.js';
import { icon } from '../../icons.js';
import { answersView } from './answers-view.js';
import { pageView } from './page.js';

export const title = 'questionnaire.title';

function notFound() {
  return h('div', { class: 'screen narrow' },
    h('h1', {}, t('questionnaire.notFoundTitle')),
    h('p', {}, t('questionnaire.notFound')),
    h('p', {}, h('a', { href: '#/acties' }, t('actions.link'))));
}

function intro(questionnaire) {
  const dossier = questionnaire.dossier || {};
  return h('div', { class: 'questionnaire-intro' },
    h('p', { class: 'dossier-number' }, t('actions.dossier'), ': ',
      h('a', { href: `#/dossiers/${encodeURIComponent(dossier.id || '')}` }, [dossier.number, dossier.description].filter(Boolean).join(' – '))),
    questionnaire.due_date ? h('p', { class: 'action-meta' }, t('actions.due', { date: formatDay(questionnaire.due_date) })) : null);
}

export async function render(ctx) {
  const [id, step] = ctx.params;
  const address = (part) => `#/vragenlijst/${encodeURIComponent(id)}${part ? `/${part}` : ''}`;
  // Each page and the overview has its own address (issue 16.2): a step the user takes is pushed,
  // one the address asked for (Back, Forward, a link) is only shown.
  const mark = (part, push) => {
    if (location.hash === address(part)) return;
    if (push) history.pushState(null, '', address(part));
    else history.replaceState(null, '', address(part)); // the step actually shown (a clamped link)
  };
  const base = `/api/questionnaires/${segment(id)}`;
  let questionnaire;
  try {
    questionnaire = await api.get(base);
  } catch (error) {
    if (error.status === 404) return notFound();
    throw error;
  }
  const working = structuredClone(questionnaire.answers || {});
  const stage = h('div', { class: 'questionnaire-stage' });
  const root = h('div', { class: 'screen questionnaire' },
    h('h1', {}, questionnaire.title || t('questionnaire.title')),
    questionnaire.description ? h('p', { class: 'lead' }, questionnaire.description) : null,
    intro(questionnaire),
    stage);

  function showPage(number, { focus = true, fields = null, push = true } = {}) {
    mark(number, push);
    const view = pageView({
      questionnaire, number, working,
      onPrevious: () => showPage(number - 1),
      onNext: async (answers) => {
        const saved = await api.put(`${base}/pages/${number}`, { answers, version: questionnaire.version });
        questionnaire.version = saved.version;
        questionnaire.saved_pages = saved.saved_pages;
        questionnaire.first_unsaved_page = saved.first_unsaved_page;
        // The stored (normalised) answers of this page replace what was typed.
        const ids = (questionnaire.pages.find((page) => page.number === number)?.questions || []).map((question) => question.id);
        for (const key of ids) delete working[key];
        Object.assign(working, saved.answers || {});
        if (number < questionnaire.page_count) showPage(number + 1);
        else await showOverview();
      },
    });
    replace(stage, view.element);
    if (fields) view.showServerErrors(fields);
    else if (focus) view.focus();
  }

  async function showOverview({ focus = true, push = true } = {}) {
    mark('overzicht', push);
    const result = await api.get(`${base}/result`);
    const errors = messageArea('error');
    const headingId = uid('overview');
    const heading = h('h2', { id: headingId, tabindex: '-1' }, t('questionnaire.overview'));
    const complete = async () => {
      errors.clear();
      try {
        const done = await api.post(`${base}/complete`, { version: questionnaire.version });
        ctx.actionDone(questionnaire.id);
        questionnaire.status = 'completed';
        // Completed, the pages are gone: the address names the questionnaire (its result) again.
        history.replaceState(null, '', address(null));
        showResult(done, { justCompleted: true });
      } catch (error) {
        if (error.handled) return;
        const page = error.fields?.find((field) => field.page)?.page;
        if (error.code === 'answers_invalid' && page) {
          showPage(page, { fields: error.fields.filter((field) => field.page === page) });
          return;
        }
        showError(errors, error);
      }
    };
    const send = button(t('questionnaire.send'), { type: 'button', on: { click: complete } });
    replace(stage, h('section', { class: 'overview', 'aria-labelledby': headingId },
      heading,
      h('p', {}, t('questionnaire.overviewIntro')),
      errors.element,
      answersView(result, { onChange: (number) => showPage(number) }),
      h('div', { class: 'button-row' },
        button(t('questionnaire.previous'), { kind: 'secondary', type: 'button', on: { click: () => showPage(questionnaire.page_count) } }),
        send)));
    if (focus) heading.focus();
  }

  function showResult(result, { justCompleted = false } = {}) {
    const errors = messageArea('error');
    const done = messageArea('status');
    const headingId = uid('result');
    const heading = h('h2', { id: headingId, tabindex: '-1' }, t('questionnaire.result'));
    const pdf = async () => {
      errors.clear();
      try {
        await download(`${base}/pdf`);
      } catch (error) {
        showError(errors, error);
      }
    };
    const dossierId = encodeURIComponent(questionnaire.dossier?.id || '');
    replace(stage, h('section', { class: 'result', 'aria-labelledby': headingId },
      done.element,
      heading,
      result.completed_at ? h('p', { class: 'result-meta' },
        t('questionnaire.completedBy', { name: result.completed_by_name || '', date: formatDateTime(result.completed_at) })) : null,
      errors.element,
      h('div', { class: 'button-row no-print' },
        h('button', { type: 'button', class: ['button', 'button-primary', 'with-icon'], on: { click: () => window.print() } }, icon('printer'), t('questionnaire.print')),
        result.pdf_available === false ? null
          : h('button', { type: 'button', class: ['button', 'button-secondary', 'with-icon'], on: { click: pdf } }, icon('download'), t('questionnaire.pdf'))),
      answersView(result),
      h('p', { class: 'no-print' }, h('a', { href: `#/dossiers/${dossierId}/aangeleverd` }, t('questionnaire.toDossier')))));
    if (justCompleted) {
      done.show(t('questionnaire.completed'));
      heading.focus();
    }
  }

  /** The step an address names, within what may be shown: no page past the first unsaved one. */
  async function showStep(wanted, { focus }) {
    const reachable = questionnaire.first_unsaved_page || questionnaire.page_count;
    const number = Number(wanted);
    if (wanted === 'overzicht' && !questionnaire.first_unsaved_page) await showOverview({ focus, push: false });
    else if (number >= 1 && number <= reachable) showPage(number, { focus, push: false });
    else if (questionnaire.first_unsaved_page) showPage(questionnaire.first_unsaved_page, { focus, push: false });
    else await showOverview({ focus, push: false });
  }

  if (questionnaire.status === 'completed') {
    showResult(await api.get(`${base}/result`));
  } else {
    await showStep(step, { focus: false });
  }
  ctx.onRouteChange((params) => {
    if (params[0] !== id) return false;
    if (questionnaire.status !== 'completed') showStep(params[1], { focus: true }).catch(() => {});
    return true;
  });
  return root;
}
