// The texts of the API's error codes: the server's own catalogs (errors/*.json are links to
// layers/portal/python/portal/<package>/error_messages.json), so a code has one text, whether the
// server sends it in a problem's message or the site shows it for its own check before sending.
// The site's catalogs keep only what the server never sends (network errors etc.). Each group of
// the site's catalogs (nl/*.js, en/*.js) imports the packages its screens meet, so a screen loads
// only those: core the platform's, files and messages; account the accounts'; signing payments,
// approvals and appointments; questionnaire the questionnaires'.

/** The codes' texts of the given catalogs in one language, as catalog keys: { 'error.<code>': text }. */
export function errorTexts(language, catalogs) {
  const texts = {};
  for (const catalog of catalogs) {
    for (const [code, text] of Object.entries(catalog)) {
      texts[`error.${code}`] = text[language];
    }
  }
  return texts;
}
