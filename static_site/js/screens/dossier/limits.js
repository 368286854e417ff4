// "PDF, JPG, ... tot 25 MB, hoogstens 10 bestanden": the accepted attachments, said in the form
// and in its "+ Bijlagen" dialog (which loads only when opened: its own module).
import { formatNumber, formatSize, t } from '../../i18n.js';

export function limitsText(limits) {
  const types = limits.extensions.map((extension) => extension.slice(1).toUpperCase()).join(', ');
  return t('attach.limits', { types, size: formatSize(limits.max_size), count: formatNumber(limits.max_attachments) });
}
