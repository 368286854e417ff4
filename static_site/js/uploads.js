// Attachments travel from the browser straight to S3 (docs/api.md "Bijlagen"): the API offers a
// presigned POST for one file, the file goes to S3 with XMLHttpRequest (fetch cannot report upload
// progress), then the API checks the object (size, real type, virus scan) before it may be sent.
import { api, ApiError, request, segment } from './api.js';

const SCAN_WAIT_MS = 120_000;

export function extensionOf(name) {
  const dot = String(name).lastIndexOf('.');
  return dot > 0 ? String(name).slice(dot).toLowerCase() : '';
}

/** The browser's own check before anything is sent: an error code, or null when the file may go. */
export function browserCheck(file, limits) {
  if (!limits.extensions.includes(extensionOf(file.name))) return 'attachment_type_not_allowed';
  if (file.size === 0) return 'file_empty';
  if (file.size > limits.max_size) return 'file_too_large';
  return null;
}

/** S3 answers XML; its code tells a too large file from a refused form. */
function s3Error(xhr) {
  const code = /<Code>([^<]+)<\/Code>/.exec(xhr.responseText || '')?.[1];
  if (code === 'EntityTooLarge') return new ApiError(xhr.status, { code: 'file_too_large' });
  return new ApiError(xhr.status, { code: 'upload_failed' });
}

function postToS3(offer, file, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    // The policy's fields first, in order, the file last; no Content-Type of our own (the boundary).
    for (const [name, value] of Object.entries(offer.fields || {})) form.append(name, value);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', offer.url);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(s3Error(xhr))));
    xhr.addEventListener('error', () => reject(new ApiError(0, {})));
    xhr.addEventListener('abort', () => reject(new ApiError(0, { code: 'upload_failed' })));
    xhr.send(form);
  });
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/** The server's check; a scan still running is asked again after retry_after, for two minutes at most. */
async function check(dossierId, uploadId) {
  const deadline = Date.now() + SCAN_WAIT_MS;
  for (;;) {
    try {
      return await api.post(`/api/dossiers/${segment(dossierId)}/attachments/${segment(uploadId)}/check`, {});
    } catch (error) {
      if (error.code !== 'upload_scan_pending' || Date.now() > deadline) throw error;
      await sleep(Math.max(1, Number(error.problem?.retry_after) || 5) * 1000);
    }
  }
}

/**
 * One file from offer to checked upload. onProgress(0..1) while sending, onPhase('checking')
 * after. Resolves {upload_id, file_name, size}; rejects with an ApiError whose code has a text.
 */
export async function uploadFile(dossierId, file, { onProgress = () => {}, onPhase = () => {} } = {}) {
  const offer = await api.post(`/api/dossiers/${segment(dossierId)}/attachments`,
    { file_name: file.name, content_type: file.type || '', size: file.size });
  try {
    await postToS3(offer, file, onProgress);
  } catch (error) {
    discardUpload(dossierId, offer.upload_id);
    throw error;
  }
  onPhase('checking');
  const checked = await check(dossierId, offer.upload_id);
  return { upload_id: offer.upload_id, file_name: checked?.file_name || offer.file_name || file.name, size: file.size };
}

/** The bin, or "Annuleer" after uploading: best effort (the server deletes unsent uploads after a day). */
export function discardUpload(dossierId, uploadId) {
  return request('DELETE', `/api/dossiers/${segment(dossierId)}/attachments/${segment(uploadId)}`).catch(() => {});
}
