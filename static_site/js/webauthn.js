// The browser's own passkey API (navigator.credentials), with the JSON the server speaks: options
// arrive with base64url strings where WebAuthn wants bytes, and answers go back the same way.
// No third-party script: the CSP stays 'self'.

function toBytes(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;
}

function toText(buffer) {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function passkeysSupported() {
  return typeof window.PublicKeyCredential === 'function' && Boolean(navigator.credentials);
}

/** True where the browser can offer passkeys in the e-mail field's autofill (conditional UI). */
export async function conditionalSupported() {
  try {
    return passkeysSupported() && typeof PublicKeyCredential.isConditionalMediationAvailable === 'function'
      && await PublicKeyCredential.isConditionalMediationAvailable();
  } catch {
    return false;
  }
}

const descriptors = (list) => (list || []).map((item) => ({ ...item, id: toBytes(item.id) }));

function answer(credential) {
  const response = credential.response;
  const json = {
    id: credential.id, rawId: toText(credential.rawId), type: credential.type,
    clientExtensionResults: credential.getClientExtensionResults?.() || {},
    authenticatorAttachment: credential.authenticatorAttachment || null,
    response: { clientDataJSON: toText(response.clientDataJSON) },
  };
  if (response.attestationObject) {
    json.response.attestationObject = toText(response.attestationObject);
    json.response.transports = response.getTransports?.() || [];
  } else {
    json.response.authenticatorData = toText(response.authenticatorData);
    json.response.signature = toText(response.signature);
    json.response.userHandle = response.userHandle ? toText(response.userHandle) : null;
  }
  return json;
}

/** navigator.credentials.create with the server's options; the answer as JSON for the server. */
export async function createPasskey(options) {
  const publicKey = {
    ...options, challenge: toBytes(options.challenge),
    user: { ...options.user, id: toBytes(options.user.id) },
    excludeCredentials: descriptors(options.excludeCredentials),
  };
  return answer(await navigator.credentials.create({ publicKey }));
}

/** navigator.credentials.get; mediation 'conditional' waits for the autofill, signal aborts it. */
export async function getPasskey(options, { mediation, signal } = {}) {
  const publicKey = { ...options, challenge: toBytes(options.challenge), allowCredentials: descriptors(options.allowCredentials) };
  const request = { publicKey, signal };
  if (mediation) request.mediation = mediation;
  return answer(await navigator.credentials.get(request));
}

/** The user closed the browser's dialog (or it timed out): not an error worth a red message. */
export function cancelled(error) {
  return error?.name === 'NotAllowedError' || error?.name === 'AbortError';
}
