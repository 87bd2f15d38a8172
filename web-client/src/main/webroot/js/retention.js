// The facilitator is told when the server will delete this workshop (after the server's retention
// period without a change) and can keep it longer: keepWorkshop restarts the count.

import { h, fill } from './dom.js';
import { t, getLang } from './i18n.js';

/** A notice under the exports; send is the console's command sender. */
export function retentionNotice(section, { workshopId, token, send }) {
  const text = h('span', { id: 'retention-text' });
  const keep = h('button', { id: 'retention-keep', type: 'button', class: 'button secondary' });
  const el = h('p', { id: 'retention', class: 'hint', dataset: { testid: 'retention' } }, text, ' ', keep);
  section.append(el);
  let info = null;
  const render = () => {
    keep.textContent = t('retention.keep');
    if (!info) return;
    const date = new Date(info.expiresAt);
    el.dataset.expiresAt = info.expiresAt;
    fill(text, t('retention.until', {
      date: date.toLocaleDateString(getLang() === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' }),
      days: info.retentionDays,
    }));
  };
  const load = async () => {
    try {
      const res = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}/retention`,
        { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
      if (res.ok) info = await res.json();
    } catch { /* offline: the notice waits for the next try */ }
    render();
  };
  keep.addEventListener('click', () => send('keepWorkshop').then(load, () => {}));
  load();
  return { render, load };
}
