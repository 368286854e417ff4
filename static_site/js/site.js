// The office's public details (GET /api/site) for the pages before login: the name (or logo) in
// the header and the welcome (invitation, set-password, not-found pages too, not just the login
// page), the brand colour, the portal's version. Asked once per page load; the pages work without
// it. Logged in, Me carries the same name, logo and colour (no extra call).
import { request } from './api.js';
import { getSiteOfficeName, setSiteOfficeName } from './state.js';

let asked = null;
let known = {};

/** The brand colour as the header's background (CSSOM: allowed by the CSP's style-src 'self'). */
export function applyBrand({ brand_colour: colour } = {}) {
  if (typeof colour === 'string' && /^#[0-9a-fA-F]{6}$/.test(colour)) document.documentElement.style.setProperty('--navy', colour);
}

/** What GET /api/site answered so far ({} before): office_name, office_logo, brand_colour, version. */
export function siteInfo() {
  return known;
}

export function loadSite() {
  if (!asked) {
    asked = (async () => {
      try {
        // Public: a 401 here says nothing about a session (and must not send the page to the login).
        const site = await request('GET', '/api/site', undefined, { ignoreSessionLoss: true });
        setSiteOfficeName(site?.office_name);
        known = site || {};
        applyBrand(known);
        return known;
      } catch {
        return {}; // unreachable: the neutral "Klantenportaal" stays
      }
    })();
  }
  return asked;
}

export { getSiteOfficeName };
