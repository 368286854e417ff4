// English UI texts of the questionnaires: loaded with that screen (app.js, a route's `texts`).
// Every key here is in nl/questionnaire.js too (tests/e2e/test_site_i18n.py).
import questionnaires from '../errors/questionnaires.json' with { type: 'json' };
import { errorTexts } from '../errors.js';

export default {
  // Error codes the API sends: their texts are the server's (errors.js); below, only the site's own.
  ...errorTexts('en', [questionnaires]),
  'questionnaire.title': 'Questionnaire',
  'questionnaire.notFoundTitle': 'Questionnaire not found',
  'questionnaire.notFound': 'This questionnaire does not exist or you have no access to it.',
  'questionnaire.pageOf': 'Page {page} of {total}',
  'questionnaire.optional': '(optional)',
  'questionnaire.yes': 'Yes',
  'questionnaire.no': 'No',
  'questionnaire.item': 'Block',
  'questionnaire.addItem': 'Add {item}',
  'questionnaire.removeItem': 'Remove {item}',
  'questionnaire.previous': 'Previous',
  'questionnaire.next': 'Next',
  'questionnaire.saveHint': '"Next" saves your answers. You can stop then and continue later.',
  'questionnaire.reload': 'Reload the page',
  'questionnaire.overview': 'Overview of your answers',
  'questionnaire.overviewIntro': 'Please check your answers. "Change" lets you correct a page; "Send" sends the questionnaire to us.',
  'questionnaire.change': 'Change',
  'questionnaire.changeNamed': 'Change: {title}',
  'questionnaire.send': 'Send',
  'questionnaire.completed': 'Thank you. The questionnaire has been sent.',
  'questionnaire.result': 'Your answers',
  'questionnaire.completedBy': 'Sent by {name} on {date}',
  'questionnaire.print': 'Print',
  'questionnaire.pdf': 'Download as PDF',
  'questionnaire.toDossier': 'To "Supplied by me" in the dossier',
};
