// The signing appointment (passeerafspraak): a section on the dossier page (it comes with the
// dossier's own answer, no call of its own) and one line on Home ("Uw afspraak: donderdag 12 maart,
// 10:30, ..."). Times are Amsterdam wall time from the API ("2026-03-12T10:30"): shown as written,
// never moved by the browser's time zone. "Zet in agenda" is a plain link to the .ics (a GET).
import { segment } from '../api.js';
import { h } from '../dom.js';
import { currentLanguage, t } from '../i18n.js';

const LOCALES = { nl: 'nl-NL', en: 'en-GB' };

function parts(value) {
  const found = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(String(value ?? ''));
  return found ? found.slice(1).map(Number) : null;
}

/** "donderdag 12 maart 2026" (withYear) or "donderdag 12 maart", and "10:30". */
export function whenText(value, withYear = false) {
  const found = parts(value);
  if (!found) return { day: String(value ?? ''), time: '' };
  const [year, month, day, hour, minute] = found;
  const date = new Date(Date.UTC(year, month - 1, day, 12));
  const options = { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', ...(withYear ? { year: 'numeric' } : {}) };
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return { day: new Intl.DateTimeFormat(LOCALES[currentLanguage()] || 'nl-NL', options).format(date), time };
}

function safeLink(value) {
  try {
    const url = new URL(String(value));
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function place(appointment) {
  if (appointment.place_kind === 'video') {
    const link = safeLink(appointment.video_link);
    return [t('appointment.video'), link ? [' ', h('a', { href: link, rel: 'noopener noreferrer', target: '_blank' }, t('appointment.videoLink'))] : null];
  }
  return appointment.address || '';
}

function row(label, ...value) {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

/** The dossier page's section; null when the caller has no appointment in this dossier. */
export function appointmentSection(appointment) {
  if (!appointment) return null;
  const cancelled = appointment.status === 'cancelled';
  const start = whenText(appointment.starts_at, true);
  const end = whenText(appointment.ends_at);
  return h('section', { class: ['panel', 'appointment', cancelled ? 'is-cancelled' : null], 'aria-labelledby': 'appointment-title' },
    h('h2', { id: 'appointment-title', class: 'panel-title' }, t('appointment.title')),
    cancelled ? h('p', { class: 'appointment-cancelled', role: 'status' }, t('appointment.cancelled')) : null,
    h('dl', { class: 'appointment-facts' },
      row(t('appointment.when'), t('appointment.whenValue', { day: start.day, start: start.time, end: end.time })),
      row(t('appointment.where'), place(appointment)),
      appointment.expected?.length ? row(t('appointment.expected'), appointment.expected.join(', ')) : null,
      appointment.bring ? row(t('appointment.bring'), appointment.bring) : null),
    h('p', { class: 'button-row' },
      h('a', { class: 'button button-secondary', href: appointment.ics, download: '' },
        t(cancelled ? 'appointment.removeFromCalendar' : 'appointment.addToCalendar'))));
}

/** Home's line for the soonest appointment (from GET /api/home), or null. */
export function homeAppointment(items) {
  const next = items[0];
  if (!next) return null;
  const when = whenText(next.starts_at);
  const where = next.place_kind === 'video' ? t('appointment.video') : (next.address || '');
  return h('p', { class: 'home-appointment panel' },
    h('a', { href: `#/dossiers/${segment(next.dossier_id)}` },
      t('appointment.home', { day: when.day, time: when.time, place: where })));
}
