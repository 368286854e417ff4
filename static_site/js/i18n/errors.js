// The texts of the API's error codes: the server's own catalogs (errors/*.json are links to
// layers/portal/python/portal/<package>/error_messages.json), so a code has one text, whether the
// server sends it in a problem's message or the site shows it for its own check before sending.
// The site's catalogs (nl.js, en.js) keep only what the server never sends (network errors etc.).
import accounts from './errors/accounts.json' with { type: 'json' };
import files from './errors/files.json' with { type: 'json' };
import messages from './errors/messages.json' with { type: 'json' };
import platform from './errors/platform.json' with { type: 'json' };
import questionnaires from './errors/questionnaires.json' with { type: 'json' };
import payments from './errors/payments.json' with { type: 'json' };
import approvals from './errors/approvals.json' with { type: 'json' };
import appointments from './errors/appointments.json' with { type: 'json' };

/** Every error code's text in one language, as catalog keys: { 'error.<code>': text }. */
export function errorTexts(language) {
  const texts = {};
  for (const catalog of [platform, accounts, files, messages, questionnaires, payments, approvals, appointments]) {
    for (const [code, text] of Object.entries(catalog)) {
      texts[`error.${code}`] = text[language];
    }
  }
  return texts;
}
