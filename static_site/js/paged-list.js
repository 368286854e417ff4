// A list filled page by page with "Meer laden": the dossier's tabs, its messages and the Acties page share it.
import { replace } from './dom.js';
import { button, showError } from './forms.js';
import { t } from './i18n.js';

/** The panel `element`, its `list`, `empty` and `more` wired to `loadPage(nextToken)`; `row(item)`
 * makes each entry. Returns the panel: {element, loaded, load(firstPage)}. */
export function pagedList({ element, list, empty, more, errors, loadPage, row }) {
  let loaded = false;

  function showPage(page) {
    replace(more);
    list.append(...(page.items || []).map(row));
    empty.hidden = list.children.length > 0;
    list.hidden = list.children.length === 0;
    if (page.next_token) {
      more.append(button(t('dossier.more'), {
        kind: 'secondary', type: 'button',
        on: {
          click: async () => {
            try {
              showPage(await loadPage(page.next_token));
            } catch (error) {
              showError(errors, error);
            }
          },
        },
      }));
    }
  }

  return {
    element,
    get loaded() {
      return loaded;
    },
    /** First page (`firstPage` when the dossier page brought it along, else fetched); errors show
     * in the panel (the rest of the dossier page keeps working). */
    async load(firstPage) {
      loaded = true;
      list.replaceChildren();
      errors.clear();
      try {
        showPage(firstPage || await loadPage());
      } catch (error) {
        if (error.handled) throw error;
        showError(errors, error);
      }
    },
  };
}
