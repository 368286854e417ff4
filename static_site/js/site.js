// The office's public details (GET /api/site) for the pages before login: the name in the header
// and the welcome (invitation, set-password, not-found pages too, not just the login page). Asked
// once per page load; the pages work without it.
import { request } from './api.js';
import { getSiteOfficeName, setSiteOfficeName } from './state.js';

let asked = null;

export function loadSite() {
  if (!asked) {
    asked = (async () => {
      try {
        // Public: a 401 here says nothing about a session (and must not send the page to the login).
        const site = await request('GET', '/api/site', undefined, { ignoreSessionLoss: true });
        setSiteOfficeName(site?.office_name);
        return site || {};
      } catch {
        return {}; // unreachable: the neutral "Klantenportaal" stays
      }
    })();
  }
  return asked;
}

export { getSiteOfficeName };
