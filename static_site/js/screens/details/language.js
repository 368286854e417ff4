// Taal: Nederlands or English. The manual says it takes effect after logout; users expect it at
// once, so the whole page switches right away (and the server uses it for e-mails).
import { api } from '../../api.js';
import { h } from '../../dom.js';
import { messageArea, showError } from '../../forms.js';
import { LANGUAGES, currentLanguage, t } from '../../i18n.js';
import { section } from './section.js';

// The page is rebuilt in the new language; this carries the "saved" notice across that rebuild.
let savedNotice = false;

export function languageSection(ctx) {
  const errors = messageArea('error');
  const status = messageArea('status');
  if (savedNotice) status.show(t('language.saved'));
  savedNotice = false;

  const change = async (event) => {
    const language = event.target.value;
    errors.clear();
    status.clear();
    try {
      const me = await api.put('/api/me/language', { language });
      savedNotice = true;
      await ctx.updateMe(me, { focusId: `language-${language}` });
    } catch (error) {
      document.getElementById(`language-${currentLanguage()}`).checked = true;
      showError(errors, error);
    }
  };

  const options = LANGUAGES.map((language) => h('div', { class: 'radio' },
    h('input', {
      type: 'radio', name: 'language', id: `language-${language}`, value: language,
      checked: language === (ctx.me.language || currentLanguage()), on: { change },
    }),
    h('label', { for: `language-${language}`, lang: language }, t(`lang.${language}`))));

  return section('details-language', t('language.title'),
    errors.element, status.element,
    h('fieldset', { class: 'choice-group' }, h('legend', {}, t('language.legend')), options));
}
