// English texts of the error codes of payment instructions, draft approval and the signing
// appointment (issues 18, 19): loaded with the account-number check and when the dossier page's
// payment or approval section is opened (their own texts are in core: the page shows their headings).
// Every key here is in nl/signing.js too (tests/e2e/test_site_i18n.py).
import payments from '../errors/payments.json' with { type: 'json' };
import approvals from '../errors/approvals.json' with { type: 'json' };
import appointments from '../errors/appointments.json' with { type: 'json' };
import { errorTexts } from '../errors.js';

export default {
  ...errorTexts('en', [payments, approvals, appointments]),
};
