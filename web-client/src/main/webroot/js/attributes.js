// The respondent's optional attributes that the deck asks about (gender, age band, job, municipality
// in the research version): entered by the interviewer or the respondent, with the respondent's
// consent, for the respondent of the round shown. They describe the study's sample in the export
// (participants.csv) and are seen only at this table and by the facilitator.

import { h, fill } from './dom.js';
import { t, tx } from './i18n.js';
import { currentRound } from './state.js';

/** The panel, or null when the deck asks no attributes. */
export function attributesPanel(ctx) {
  const attributes = ctx.deck.respondentAttributes || [];
  if (!attributes.length) return null;
  const heading = h('h2', { id: 'attributes-heading' });
  const hint = h('p', { class: 'hint' });
  const box = h('div', { id: 'attributes', class: 'attributes' });
  const el = h('section', { class: 'panel', id: 'attributes-panel', 'aria-labelledby': 'attributes-heading' }, heading, hint, box);
  const fields = new Map();
  const save = (attributeId, raw) => {
    const round = currentRound(ctx.table);
    if (!round) return;
    const value = raw.trim() === '' ? null : raw.trim();
    ctx.send('setAttribute', { attributeId, value, round: round.round }).catch(() => {});
  };
  for (const a of attributes) {
    const id = `attribute-${a.id}`;
    const field = a.choices && a.choices.length
      ? h('select', { id, dataset: { attributeId: a.id } })
      : h('input', { id, type: 'text', maxlength: 80, dataset: { attributeId: a.id } });
    field.addEventListener('change', () => save(a.id, field.value));
    fields.set(a.id, { field, label: h('label', { for: id }), attribute: a });
  }
  fill(box, [...fields.values()].map((f) => h('div', { class: 'attribute' }, f.label, f.field)));
  const update = () => {
    const round = currentRound(ctx.table);
    const allowed = !!round && !!round.respondentId && ctx.can('recordAttributes');
    heading.textContent = t('attributes.title');
    hint.textContent = !round ? t('attributes.waiting') : !round.respondentId ? t('attributes.noRespondent') : t('attributes.hint');
    const values = (round && round.respondentId && (ctx.table.respondentAttributes || {})[round.respondentId]) || {};
    for (const { field, label, attribute } of fields.values()) {
      label.textContent = tx(attribute.label);
      field.disabled = !allowed;
      if (field.tagName === 'SELECT') {
        fill(field, h('option', { value: '', text: t('attributes.none') }),
          attribute.choices.map((c) => h('option', { value: c.id, text: tx(c.label) })));
      }
      if (document.activeElement !== field) field.value = values[attribute.id] || '';
    }
  };
  return { el, update };
}
