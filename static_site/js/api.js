// The one way the site talks to /api: same-origin JSON with the headers the API requires
// (X-Portal-Request is the CSRF guard for writes, Accept-Language picks the server's texts).
import { currentLanguage, has, t } from './i18n.js';

// Only these 401 codes mean "no session"; other 401s (invalid_credentials, code_invalid) are form errors.
const SESSION_CODES = new Set(['not_authenticated', 'session_expired']);

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.code || `http_${status}`);
    this.status = status;
    this.code = problem.code || (status === 0 ? 'network_error' : 'unknown');
    this.problem = problem;
    this.fields = Array.isArray(problem.fields) ? problem.fields : [];
    // True when the app already acted on it (sent the user to login): screens show nothing.
    this.handled = false;
  }
}

let onSessionLost = () => {};

/** The app decides what a lost session means for navigation; api.js only reports it. */
export function setSessionLostHandler(handler) {
  onSessionLost = handler;
}

async function readBody(response) {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** options.ignoreSessionLoss: a 401 is only thrown, not reported (logout: the session may already be gone). */
export async function request(method, path, body, options = {}) {
  const headers = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
    'X-Portal-Request': '1',
  };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, {});
  }
  const data = await readBody(response);
  if (response.ok) return data;
  const error = new ApiError(response.status, data && typeof data === 'object' ? data : {});
  if (response.status === 401 && !options.ignoreSessionLoss && (!data?.code || SESSION_CODES.has(data.code))) {
    error.handled = true;
    onSessionLost(error);
  }
  throw error;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body = {}) => request('POST', path, body),
  put: (path, body = {}) => request('PUT', path, body),
  delete: (path, body, options) => request('DELETE', path, body, options),
};

/** The text of the problem's code (the server's own catalogs, i18n/errors.js); the server's message for codes we do not know. */
export function errorText(error) {
  if (error && has(`error.${error.code}`)) return t(`error.${error.code}`);
  if (error?.problem?.message) return String(error.problem.message);
  return t('error.unknown');
}

/** A support reference for server failures, so a caller can quote it to the office. */
export function errorReference(error) {
  const id = error?.problem?.correlation_id;
  return id ? t('error.reference', { id }) : null;
}

export function segment(value) {
  return encodeURIComponent(String(value));
}
