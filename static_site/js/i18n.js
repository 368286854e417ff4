// The UI language: one language's texts at a time, looked up by key. The catalogs come in groups
// (i18n/<language>/<group>.js): "core" at start, the others when a screen that needs them is
// entered (app.js: a route's `texts`), so the first visit does not carry every screen's texts.
export const LANGUAGES = ['nl', 'en'];
const STORAGE_KEY = 'portal.language';
const loaders = {
  nl: {
    core: () => import('./i18n/nl/core.js'),
    account: () => import('./i18n/nl/account.js'),
    signing: () => import('./i18n/nl/signing.js'),
    questionnaire: () => import('./i18n/nl/questionnaire.js'),
  },
  en: {
    core: () => import('./i18n/en/core.js'),
    account: () => import('./i18n/en/account.js'),
    signing: () => import('./i18n/en/signing.js'),
    questionnaire: () => import('./i18n/en/questionnaire.js'),
  },
};

let language = 'nl';
let catalog = {};
// The groups needed so far: a change of language loads them all in the new one.
const groups = new Set(['core']);

export function currentLanguage() {
  return language;
}

/** Every group asked for so far, in one language, as one catalog (modules load once; asking again is cheap). */
async function build(lang) {
  let names;
  let parts;
  do {
    names = [...groups];
    parts = await Promise.all(names.map((name) => loaders[lang][name]()));
  } while (names.length !== groups.size); // a group was asked for meanwhile
  return Object.assign({}, ...parts.map((module) => module.default));
}

/** Loads the catalog and marks the document, so screen readers pronounce the texts right. */
export async function useLanguage(wanted) {
  const next = LANGUAGES.includes(wanted) ? wanted : 'nl';
  if (next === language && Object.keys(catalog).length) return false;
  catalog = await build(next);
  language = next;
  document.documentElement.lang = next;
  return true;
}

/** The texts of these groups too, in the current language (before a screen that needs them renders). */
export async function useTexts(names = []) {
  const missing = names.filter((name) => !groups.has(name));
  if (!missing.length) return;
  missing.forEach((name) => groups.add(name));
  const lang = language;
  const next = await build(lang);
  if (lang === language) catalog = next; // else the language changed meanwhile and useLanguage loaded them
}

export function has(key) {
  return Object.prototype.hasOwnProperty.call(catalog, key);
}

/** The text for key, with {name} placeholders filled in. Values stay plain text (used via textContent). */
export function t(key, params = {}) {
  const text = has(key) ? catalog[key] : key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

// localStorage can throw (privacy modes, full quota): the portal must work without it.
function readStored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** True when the visitor picked a language on this device (that choice beats any default). */
export function hasChosenLanguage() {
  return LANGUAGES.includes(readStored());
}

export function rememberLanguage(lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered; the next visit falls back to the browser's language.
  }
}

/** Before login: the stored choice, else the browser's language when it is English, else Dutch. */
export function preferredLanguage() {
  const stored = readStored();
  if (LANGUAGES.includes(stored)) return stored;
  const browser = (navigator.languages && navigator.languages[0]) || navigator.language || 'nl';
  return browser.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

const LOCALES = { nl: 'nl-NL', en: 'en-GB' };

export function formatDate(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso ?? '');
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long' }).format(date);
}

export function formatNumber(value) {
  return new Intl.NumberFormat(LOCALES[language]).format(Number(value) || 0);
}

/** A date and time, for messages and uploads ("26 november 2026 om 09:00"). */
export function formatDateTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso ?? '');
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** A calendar date from the API ("YYYY-MM-DD"): read as that day, not as UTC midnight shifted. */
export function formatDay(value) {
  const found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value ?? ''));
  if (!found) return formatDate(value);
  const date = new Date(Number(found[1]), Number(found[2]) - 1, Number(found[3]));
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long' }).format(date);
}

/** A file size in the units people know (kB, MB), with the language's decimal sign. */
/**
 * One way to write a file size everywhere (lists, the message form, the limits, "te groot"): the
 * units of the limit (binary, kB/MB/GB, as the server counts), locale-aware, at most one decimal
 * and rounded up, so a file over the limit never reads as the limit itself ("25,1 MB" > "25 MB").
 * Below 1 kB too in kB ("0,5 kB"), not as "1.004 B" beside "8 kB".
 */
export function formatSize(bytes) {
  const size = Math.max(Number(bytes) || 0, 0);
  const units = [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['kB', 1024]];
  const [unit, factor] = units.find(([, f]) => size >= f) || units[units.length - 1];
  const value = size === 0 ? 0 : Math.max(Math.ceil((size / factor) * 10) / 10, 0.1);
  return `${new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 1 }).format(value)} ${unit}`;
}

/** Singular or plural text: the catalog has `${key}.one` and `${key}.other`, both with {count}. */
export function tn(key, count, params = {}) {
  return t(`${key}.${Number(count) === 1 ? 'one' : 'other'}`, { count: formatNumber(count), ...params });
}
