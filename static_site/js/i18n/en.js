// English UI texts, all of them: the groups in en/ merged. The app loads only the groups a screen
// needs (i18n.js: core at start, the others with their screens), so a first visit
// does not carry every screen's texts; this whole catalog is what the checks read
// (tests/e2e/test_site_i18n.py: every key here is in nl.js too).
import core from './en/core.js';
import account from './en/account.js';
import signing from './en/signing.js';
import questionnaire from './en/questionnaire.js';

export default { ...core, ...account, ...signing, ...questionnaire };
