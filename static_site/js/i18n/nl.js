// Dutch UI texts, all of them: the groups in nl/ merged. The app loads only the groups a screen
// needs (i18n.js: core at start, the others with their screens), so a first visit
// does not carry every screen's texts; this whole catalog is what the checks read
// (tests/e2e/test_site_i18n.py: every key here is in en.js too).
import core from './nl/core.js';
import account from './nl/account.js';
import signing from './nl/signing.js';
import questionnaire from './nl/questionnaire.js';

export default { ...core, ...account, ...signing, ...questionnaire };
