// Dutch UI texts of the questionnaires: loaded with that screen (app.js, a route's `texts`).
// Every key here is in en/questionnaire.js too (tests/e2e/test_site_i18n.py).
import questionnaires from '../errors/questionnaires.json' with { type: 'json' };
import { errorTexts } from '../errors.js';

export default {
  // Error codes the API sends: their texts are the server's (errors.js); below, only the site's own.
  ...errorTexts('nl', [questionnaires]),
  'questionnaire.title': 'Vragenlijst',
  'questionnaire.notFoundTitle': 'Vragenlijst niet gevonden',
  'questionnaire.notFound': 'Deze vragenlijst bestaat niet of u heeft er geen toegang toe.',
  'questionnaire.pageOf': 'Pagina {page} van {total}',
  'questionnaire.optional': '(niet verplicht)',
  'questionnaire.yes': 'Ja',
  'questionnaire.no': 'Nee',
  'questionnaire.item': 'Blok',
  'questionnaire.addItem': '{item} toevoegen',
  'questionnaire.removeItem': '{item} verwijderen',
  'questionnaire.previous': 'Vorige',
  'questionnaire.next': 'Volgende',
  'questionnaire.saveHint': 'Met "Volgende" worden uw antwoorden opgeslagen. U kunt daarna stoppen en later verder gaan.',
  'questionnaire.reload': 'Pagina opnieuw laden',
  'questionnaire.overview': 'Overzicht van uw antwoorden',
  'questionnaire.overviewIntro': 'Controleer uw antwoorden. Met "Wijzigen" past u een pagina aan; met "Versturen" stuurt u de vragenlijst naar ons.',
  'questionnaire.change': 'Wijzigen',
  'questionnaire.changeNamed': 'Wijzigen: {title}',
  'questionnaire.send': 'Versturen',
  'questionnaire.completed': 'Dank u wel. De vragenlijst is verstuurd.',
  'questionnaire.result': 'Uw antwoorden',
  'questionnaire.completedBy': 'Verstuurd door {name} op {date}',
  'questionnaire.print': 'Printen',
  'questionnaire.pdf': 'Download als pdf',
  'questionnaire.toDossier': 'Naar "Door mij aangeleverd" in het dossier',
};
