// Downloads: the API answers a presigned S3 link (valid minutes, Content-Disposition: attachment)
// only after its own access check. Following it at once lets the browser save the file (its
// download arrow appears) while the page stays where it is.
import { api } from './api.js';
import { h } from './dom.js';

/** POSTs to the download endpoint and starts the download; resolves with the API's answer. */
export async function download(path) {
  const answer = await api.post(path, {});
  const url = new URL(answer.url, location.href);
  // Only a web address: never let an answer turn into script (javascript:) in the page.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('unexpected download link');
  const link = h('a', { href: url.href, download: answer.file_name || '', rel: 'noopener', hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  return answer;
}
