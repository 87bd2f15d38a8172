// The plenary summary across all tables: per factor, how often it was laid on the stimulating and
// on the hindering side, and how strongly. Drawn as a diverging bar chart: stimulating to the left
// of the middle, hindering to the right, each bar in its category's colour.
// The server's summary (GET /api/workshops/{id}/plenary) is used when it answers; otherwise the
// same sum is made here from the table states this screen follows.

import { h, fill } from './dom.js';
import { t, tx, formatNumber } from './i18n.js';
import { cardOf, categoryOf } from './board.js';
import { currentRound, roundOpen } from './state.js';

/** Every board a table has laid: the photo of each ended round, and the board of the open round. */
function boardsOf(table) {
  const boards = table.rounds.filter((r) => r.endedAt && r.photo).map((r) => r.photo);
  if (roundOpen(table) || (currentRound(table) && !currentRound(table).photo)) boards.push(table.board);
  return boards;
}

/** Sums placements over tables: [{cardId, stimulating:{count, strength}, hindering:{count, strength}, tables}]. */
export function summarise(tables) {
  const rows = new Map();
  for (const table of tables) {
    for (const board of boardsOf(table)) {
      for (const p of board.placements) {
        if (!rows.has(p.cardId)) {
          rows.set(p.cardId, { cardId: p.cardId, stimulating: { count: 0, strength: 0 }, hindering: { count: 0, strength: 0 }, tables: new Set() });
        }
        const row = rows.get(p.cardId);
        const side = row[p.side] || row.stimulating;
        side.count += 1;
        side.strength += p.strength;
        row.tables.add(table.table);
      }
    }
  }
  return [...rows.values()].map((r) => ({
    cardId: r.cardId,
    stimulating: { count: r.stimulating.count, meanStrength: r.stimulating.count ? r.stimulating.strength / r.stimulating.count : 0 },
    hindering: { count: r.hindering.count, meanStrength: r.hindering.count ? r.hindering.strength / r.hindering.count : 0 },
    tables: r.tables.size,
  }));
}

function sideOf(value) {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return { count: value, meanStrength: null };
  const count = value.count ?? value.placements ?? value.n ?? value.total ?? 0;
  const mean = value.meanStrength ?? value.averageStrength ?? value.mean ?? value.avgStrength
    ?? (value.sumStrength !== undefined && count ? value.sumStrength / count : null);
  return { count, meanStrength: mean };
}

/** Reads the server's plenary summary into rows; null when its shape is not understood. */
export function rowsFromServer(json) {
  if (!json || typeof json !== 'object') return null;
  const list = Array.isArray(json) ? json : json.cards || json.factors || json.rows || (json.summary && (json.summary.cards || json.summary.factors));
  if (!Array.isArray(list)) return null;
  const rows = new Map();
  for (const entry of list) {
    const cardId = entry.cardId || entry.card || entry.id;
    if (!cardId) return null;
    if (!rows.has(cardId)) rows.set(cardId, { cardId, stimulating: { count: 0, meanStrength: null }, hindering: { count: 0, meanStrength: null }, tables: entry.tables ?? null });
    const row = rows.get(cardId);
    if (entry.side) {
      const s = sideOf(entry);
      if (row[entry.side]) row[entry.side] = s;
    } else {
      const stim = sideOf(entry.stimulating ?? (entry.sides && entry.sides.stimulating));
      const hind = sideOf(entry.hindering ?? (entry.sides && entry.sides.hindering));
      if (!stim && !hind) return null;
      if (stim) row.stimulating = stim;
      if (hind) row.hindering = hind;
    }
    if (Array.isArray(row.tables)) row.tables = row.tables.length;
  }
  return [...rows.values()];
}

/**
 * Draws the chart into a container. summary: {rows, laidFirst?, links?} from plenarySummary.
 * opts.max: most rows.
 */
export function drawPlenary(container, deck, summary, { max = 25, tablesCount = null } = {}) {
  const rows = summary.rows;
  const used = rows.filter((r) => r.stimulating.count + r.hindering.count > 0)
    .sort((a, b) => (b.stimulating.count + b.hindering.count) - (a.stimulating.count + a.hindering.count)
      || b.stimulating.count - a.stimulating.count || a.cardId.localeCompare(b.cardId))
    .slice(0, max);
  const top = Math.max(1, ...used.map((r) => Math.max(r.stimulating.count, r.hindering.count)));
  container.classList.add('plenary-chart');
  const leftHead = tx(deck.board && deck.board.stimulating && deck.board.stimulating.label) || t('side.stimulating');
  const rightHead = tx(deck.board && deck.board.hindering && deck.board.hindering.label) || t('side.hindering');
  if (!used.length) {
    fill(container, h('p', { class: 'plenary-empty', text: t('plenary.empty') }));
    return;
  }
  const bar = (row, side) => {
    const s = row[side];
    const card = cardOf(deck, row.cardId);
    const width = `${(s.count / top) * 100}%`;
    const strength = s.meanStrength === null || s.meanStrength === undefined ? '' : formatNumber(s.meanStrength, 1);
    return h('div', { class: `bar-cell bar-${side}` },
      s.count ? h('div', {
        class: 'bar', style: { width, '--cat': categoryOf(deck, card).colour, '--strength': s.meanStrength ?? 0.6 },
        title: strength ? t('plenary.barTitle', { count: s.count, strength }) : t('plenary.barCount', { count: s.count }),
        dataset: { count: s.count },
      }, h('span', { class: 'bar-value', text: s.count })) : null);
  };
  const categories = deck.categories.filter((c) => used.some((r) => cardOf(deck, r.cardId).category === c.id));
  fill(container,
    h('div', { class: 'plenary-head', 'aria-hidden': 'true' },
      h('span', { class: 'head-left', text: `← ${leftHead}` }),
      h('span', { class: 'head-mid' }),
      h('span', { class: 'head-right', text: `${rightHead} →` })),
    h('ol', { class: 'plenary-rows', 'aria-label': t('plenary.aria') }, used.map((row) => {
      const card = cardOf(deck, row.cardId);
      const aria = t('plenary.rowAria', {
        card: `${card.id} ${tx(card.label)}`,
        stimulating: row.stimulating.count,
        hindering: row.hindering.count,
      });
      return h('li', { class: 'plenary-row', dataset: { cardId: row.cardId }, 'aria-label': aria, style: { '--cat': categoryOf(deck, card).colour } },
        bar(row, 'stimulating'),
        h('div', { class: 'bar-label' }, h('span', { class: 'bar-card-id', text: card.id }), h('span', { text: tx(card.label) })),
        bar(row, 'hindering'));
    })),
    h('div', { class: 'plenary-legend' },
      categories.map((c) => h('span', { class: 'legend-item', style: { '--cat': c.colour } }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), `${c.id} · ${tx(c.label)}`)),
      tablesCount ? h('span', { class: 'legend-note', text: t('plenary.tables', { count: tablesCount }) }) : null),
    extras(deck, summary));
}

/** What the server's summary adds: the cards most often laid first, and the links seen most. */
function extras(deck, summary) {
  const first = (summary.laidFirst || []).slice(0, 5);
  const links = (summary.links || []).slice(0, 5);
  if (!first.length && !links.length) return null;
  const label = (cardId, text) => `${cardId} ${tx(text) || tx(cardOf(deck, cardId).label)}`;
  return h('div', { class: 'plenary-extras' },
    first.length ? h('section', { class: 'plenary-extra', dataset: { extra: 'laid-first' } },
      h('h3', { text: t('plenary.laidFirst') }),
      h('ol', {}, first.map((f) => h('li', { style: { '--cat': f.colour || categoryOf(deck, cardOf(deck, f.cardId)).colour } },
        h('span', { class: 'swatch', 'aria-hidden': 'true' }), label(f.cardId, f.label), h('span', { class: 'muted', text: ` · ${t('plenary.barCount', { count: f.count })}` }))))) : null,
    links.length ? h('section', { class: 'plenary-extra', dataset: { extra: 'links' } },
      h('h3', { text: t('plenary.links') }),
      h('ol', {}, links.map((l) => h('li', {},
        `${label(l.cardA, l.labelA)} ↔ ${label(l.cardB, l.labelB)}`,
        h('span', { class: 'muted', text: ` · ${t('plenary.barCount', { count: l.count })}${l.labels && l.labels.length ? ` · “${l.labels.join('”, “')}”` : ''}` }))))) : null);
}

let serverOffersPlenary = true;

/** Fetches the server's summary and falls back to the local sum when it is missing or not understood. */

export async function plenarySummary(fetchServer, tables) {
  if (serverOffersPlenary) {
    try {
      const json = await fetchServer();
      const rows = rowsFromServer(json);
      if (rows) return { rows, laidFirst: json.laidFirst, links: json.links };
      serverOffersPlenary = false;
    } catch (e) {
      // a server without the endpoint answers 404 without an error body of its own
      if (e && e.status === 404 && String(e.code).startsWith('http_')) serverOffersPlenary = false;
    }
  }
  return { rows: summarise(tables) };
}
