// The plenary summary across all tables: per factor, how often it was laid on the stimulating and
// on the hindering side, and how strongly. Drawn as a diverging bar chart: stimulating to the left
// of the middle, hindering to the right, each bar in its category's colour. Beside it: the cards
// laid first most often, the links drawn most often, the same chart per profile (A/B/C), every
// table's recommendations to employers (question 6) and lessons (question 7), and up to three
// boards side by side.
// The server's summary (GET /api/workshops/{id}/plenary, docs/exports.md) is used when it answers;
// otherwise the same sum is made here from the table states this screen follows.

import { h, $$, fill } from './dom.js';
import { t, tx, formatNumber, onLangChange } from './i18n.js';
import { cardOf, categoryOf, boardSvg } from './board.js';

// --- summing up -------------------------------------------------------------------------------

const EMPTY_BOARD = { placements: [], links: [], annotations: [] };

/** A round's final board: the photo of an ended round, the live board of the open one (PlenarySummary.finalBoard). */
function finalBoard(table, round) {
  const last = table.rounds[table.rounds.length - 1];
  if (round === last && !round.endedAt) return table.board || EMPTY_BOARD;
  return round.photo || EMPTY_BOARD;
}

/** Every board a table has laid: the photo of each ended round, and the board of the open round. */
function boardsOf(table) {
  return table.rounds.map((r) => finalBoard(table, r));
}

/** Sums placements over boards: [{cardId, stimulating:{count, meanStrength}, hindering:{count, meanStrength}, tables}]. */
function sumBoards(entries) {
  const rows = new Map();
  for (const { board, table } of entries) {
    for (const p of board.placements) {
      if (!rows.has(p.cardId)) {
        rows.set(p.cardId, { cardId: p.cardId, stimulating: { count: 0, strength: 0 }, hindering: { count: 0, strength: 0 }, tables: new Set() });
      }
      const row = rows.get(p.cardId);
      const side = row[p.side] || row.stimulating;
      side.count += 1;
      side.strength += p.strength;
      row.tables.add(table);
    }
  }
  const mean = (s) => (s.count ? Math.round((s.strength / s.count) * 1000) / 1000 : null);
  return [...rows.values()].map((r) => ({
    cardId: r.cardId,
    stimulating: { count: r.stimulating.count, meanStrength: mean(r.stimulating) },
    hindering: { count: r.hindering.count, meanStrength: mean(r.hindering) },
    tables: r.tables.size,
  }));
}

/** Sums placements over tables (every round's final board). */
export function summarise(tables) {
  return sumBoards(tables.flatMap((table) => boardsOf(table).map((board) => ({ board, table: table.table }))));
}

/** Every table's rounds in the shape of the server's perTable (docs/exports.md). */
/** Whether a table played a round: something laid, noted, reflected on or chosen (PlenarySummary.played). */
function played(round, board) {
  return board.placements.length > 0 || Object.values(round.notes || {}).some((n) => n && n.trim())
    || !!(round.reflection && round.reflection.trim()) || !!round.profileId;
}

function perTableOf(tables, recommendationsId, lessonsId) {
  return [...tables].sort((a, b) => a.table - b.table).map((table) => ({
    table: table.table,
    rounds: table.rounds.map((r) => ({
      round: r.round,
      respondentSeat: r.respondentSeat,
      ended: !!r.endedAt,
      profileId: r.profileId || undefined,
      board: finalBoard(table, r),
      recommendations: recommendationsId ? (r.notes || {})[recommendationsId] : undefined,
      reflection: r.reflection || undefined,
      lessonsNote: lessonsId ? (r.notes || {})[lessonsId] : undefined,
      played: played(r, finalBoard(table, r)),
    })),
  }));
}

/** The question with this id, else the one at this position (PlenarySummary.questionByIdOrPosition). */
function questionOf(deck, id, position) {
  const questions = (deck.script && deck.script.questions) || [];
  return questions.find((q) => q.id === id) || (questions.length >= position ? questions[position - 1] : null);
}

function deckOrder(deck) {
  if (!deck._plenaryOrder) Object.defineProperty(deck, '_plenaryOrder', { value: new Map(deck.cards.map((c, i) => [c.id, i])), enumerable: false });
  return deck._plenaryOrder;
}

const indexIn = (deck, cardId) => (deckOrder(deck).has(cardId) ? deckOrder(deck).get(cardId) : Number.MAX_SAFE_INTEGER);

/**
 * The cards laid first and the links drawn over a set of round summaries, by the server's rules:
 * only deck cards on final boards count, a link is an undirected pair (the card earlier in the deck
 * first) with its distinct non-empty labels, most often first and ties in deck order.
 */
export function firstsAndLinks(deck, rounds) {
  const first = new Map();
  const links = new Map();
  for (const r of rounds) {
    const board = r.board || EMPTY_BOARD;
    const byId = new Map(board.placements.map((p) => [p.id, p]));
    for (const p of board.placements) {
      if (p.order === 1 && deckOrder(deck).has(p.cardId)) first.set(p.cardId, (first.get(p.cardId) || 0) + 1);
    }
    for (const l of board.links || []) {
      const a = byId.get(l.fromPlacementId);
      const b = byId.get(l.toPlacementId);
      if (!a || !b) continue;
      const [cardA, cardB] = indexIn(deck, a.cardId) <= indexIn(deck, b.cardId) ? [a.cardId, b.cardId] : [b.cardId, a.cardId];
      const key = `${cardA}\u0000${cardB}`;
      if (!links.has(key)) links.set(key, { cardA, cardB, count: 0, labels: [] });
      const entry = links.get(key);
      entry.count += 1;
      const label = (l.label || '').trim();
      if (label && !entry.labels.includes(label)) entry.labels.push(label);
    }
  }
  const colour = (cardId) => categoryOf(deck, cardOf(deck, cardId)).colour;
  return {
    laidFirst: [...first.entries()]
      .map(([cardId, count]) => ({ cardId, label: cardOf(deck, cardId).label, colour: colour(cardId), count }))
      .sort((a, b) => b.count - a.count || indexIn(deck, a.cardId) - indexIn(deck, b.cardId)),
    links: [...links.values()]
      .map((l) => ({ ...l, labelA: cardOf(deck, l.cardA).label, labelB: cardOf(deck, l.cardB).label }))
      .sort((a, b) => b.count - a.count || indexIn(deck, a.cardA) - indexIn(deck, b.cardA) || indexIn(deck, a.cardB) - indexIn(deck, b.cardB)),
  };
}

/** The whole summary made here from the table states, in the server's shape (for a server without the endpoint). */
export function localSummary(deck, tables) {
  const recommendationsQuestionId = (questionOf(deck, 'q6', 6) || {}).id;
  const lessonsQuestionId = (questionOf(deck, 'q7', 7) || {}).id;
  const perTable = perTableOf(tables, recommendationsQuestionId, lessonsQuestionId);
  const all = perTable.flatMap((pt) => pt.rounds.map((r) => ({ ...r, table: pt.table })));
  const profiles = deck.profiles || [];
  const byProfile = profiles.map((p) => {
    const rounds = all.filter((r) => r.profileId === p.id);
    return { profileId: p.id, label: p.label, tableRounds: rounds.length, rows: sumBoards(rounds) };
  });
  return {
    source: 'local',
    rows: sumBoards(all),
    ...firstsAndLinks(deck, all),
    byProfile,
    tableRounds: all.filter((r) => r.played).length,
    tableRoundsWithoutProfile: all.filter((r) => r.played && !profiles.some((p) => p.id === r.profileId)).length,
    recommendationsQuestionId,
    lessonsQuestionId,
    perTable,
  };
}

function sideOf(value) {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return { count: value, meanStrength: null };
  const count = value.count ?? value.placements ?? value.n ?? value.total ?? 0;
  const mean = value.meanStrength ?? value.averageStrength ?? value.mean ?? value.avgStrength
    ?? (value.sumStrength !== undefined && count ? value.sumStrength / count : null);
  return { count, meanStrength: mean };
}

/** Reads the server's plenary summary (or a list of factors) into rows; null when its shape is not understood. */
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

let serverOffersPlenary = true;

/**
 * The summary to draw: {rows, laidFirst, links, byProfile:[{profileId, label, tableRounds, rows}],
 * tableRounds, tableRoundsWithoutProfile, recommendationsQuestionId, lessonsQuestionId, perTable,
 * source}. From the server when it answers; otherwise (or for the parts it lacks) from the table
 * states. deck is needed for the local parts; without it only the chart's rows are made here.
 */
export async function plenarySummary(fetchServer, tables, deck = null) {
  const local = () => (deck ? localSummary(deck, tables) : { source: 'local', rows: summarise(tables) });
  if (serverOffersPlenary) {
    try {
      const json = await fetchServer();
      const rows = rowsFromServer(json);
      if (rows) {
        const fallback = Array.isArray(json.perTable) && Array.isArray(json.byProfile) ? null : local();
        return {
          source: 'server',
          rows,
          laidFirst: json.laidFirst || (fallback && fallback.laidFirst),
          links: json.links || (fallback && fallback.links),
          byProfile: Array.isArray(json.byProfile)
            ? json.byProfile.map((p) => ({ profileId: p.profileId, label: p.label, tableRounds: p.tableRounds || 0, rows: rowsFromServer(p.factors || []) || [] }))
            : fallback && fallback.byProfile,
          tableRounds: json.tableRounds ?? (fallback && fallback.tableRounds),
          tableRoundsWithoutProfile: json.tableRoundsWithoutProfile ?? (fallback && fallback.tableRoundsWithoutProfile),
          recommendationsQuestionId: json.recommendationsQuestionId ?? (fallback && fallback.recommendationsQuestionId),
          lessonsQuestionId: json.lessonsQuestionId ?? (fallback && fallback.lessonsQuestionId),
          perTable: Array.isArray(json.perTable) ? json.perTable : fallback && fallback.perTable,
        };
      }
      serverOffersPlenary = false;
    } catch (e) {
      // a server without the endpoint answers 404 without an error body of its own
      if (e && e.status === 404 && String(e.code).startsWith('http_')) serverOffersPlenary = false;
    }
  }
  return local();
}

// --- the chart --------------------------------------------------------------------------------

const times = (count) => (count === 1 ? t('plenary.once') : t('plenary.barCount', { count }));

/**
 * Draws the chart into a container. summary: {rows, laidFirst?, links?} from plenarySummary.
 * opts: max (most rows), tablesCount (for the legend), note (instead of the tables note),
 * emptyText (when nothing was laid), extrasMax (most entries in the lists below the chart).
 */
export function drawPlenary(container, deck, summary, { max = 25, tablesCount = null, note = null, emptyText = null, extrasMax = 6 } = {}) {
  const rows = summary.rows || [];
  const laid = rows.filter((r) => r.stimulating.count + r.hindering.count > 0)
    .sort((a, b) => (b.stimulating.count + b.hindering.count) - (a.stimulating.count + a.hindering.count)
      || b.stimulating.count - a.stimulating.count || a.cardId.localeCompare(b.cardId));
  const used = laid.slice(0, max);
  const top = Math.max(1, ...used.map((r) => Math.max(r.stimulating.count, r.hindering.count)));
  container.classList.add('plenary-chart');
  const leftHead = tx(deck.board && deck.board.stimulating && deck.board.stimulating.label) || t('side.stimulating');
  const rightHead = tx(deck.board && deck.board.hindering && deck.board.hindering.label) || t('side.hindering');
  if (!used.length) {
    fill(container, h('p', { class: 'plenary-empty', text: emptyText || t('plenary.empty') }));
    return;
  }
  const bar = (row, side) => {
    const s = row[side];
    const card = cardOf(deck, row.cardId);
    // The longest bar leaves room beside it for its mean strength.
    const width = `${(s.count / top) * 84}%`;
    const hasMean = s.meanStrength !== null && s.meanStrength !== undefined;
    const strength = hasMean ? formatNumber(s.meanStrength, 1) : '';
    const mean = s.count && hasMean
      ? h('span', { class: 'bar-mean', title: t('plenary.meanTitle', { strength }), text: strength })
      : null;
    const barEl = s.count ? h('div', {
      class: 'bar', style: { width, '--cat': categoryOf(deck, card).colour, '--strength': s.meanStrength ?? 0.6 },
      title: strength ? t('plenary.barTitle', { count: s.count, strength }) : times(s.count),
      dataset: { count: s.count },
    }, h('span', { class: 'bar-value', text: s.count })) : null;
    return h('div', { class: `bar-cell bar-${side}` }, side === 'stimulating' ? [mean, barEl] : [barEl, mean]);
  };
  const categories = deck.categories.filter((c) => used.some((r) => cardOf(deck, r.cardId).category === c.id));
  const strengthLabels = (deck.board && deck.board.strength) || {};
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
      note || tablesCount ? h('span', { class: 'legend-note', text: note || t('plenary.tables', { count: tablesCount }) }) : null),
    laid.length > used.length ? h('p', { class: 'plenary-more', text: t('plenary.more', { count: laid.length - used.length }) }) : null,
    h('p', { class: 'plenary-strength-note', text: t('plenary.strengthNote', { limited: tx(strengthLabels.limited).toLowerCase() || '0', large: tx(strengthLabels.large).toLowerCase() || '1' }) }),
    extras(deck, summary, extrasMax));
}

/** A card as "C1 Leidinggevende" with a swatch in its category's colour. */
function cardChip(deck, cardId, label) {
  const card = cardOf(deck, cardId);
  return h('span', { class: 'card-chip', style: { '--cat': categoryOf(deck, card).colour } },
    h('span', { class: 'swatch', 'aria-hidden': 'true' }),
    h('strong', { text: card.id }), ' ', tx(label) || tx(card.label));
}

/** What sits below the chart: the cards most often laid first, and the links drawn most often. */
function extras(deck, summary, maxEntries) {
  const first = (summary.laidFirst || []).slice(0, maxEntries);
  const links = (summary.links || []).slice(0, maxEntries);
  if (!first.length && !links.length) return null;
  return h('div', { class: 'plenary-extras' },
    first.length ? h('section', { class: 'plenary-extra', dataset: { extra: 'laid-first', testid: 'plenary-laid-first' } },
      h('h3', { text: t('plenary.laidFirst') }),
      h('ol', {}, first.map((f) => h('li', { dataset: { cardId: f.cardId } },
        cardChip(deck, f.cardId, f.label), h('span', { class: 'extra-count', text: times(f.count) }))))) : null,
    links.length ? h('section', { class: 'plenary-extra', dataset: { extra: 'links', testid: 'plenary-links' } },
      h('h3', { text: t('plenary.links') }),
      h('ol', {}, links.map((l) => h('li', { class: 'link-pair', dataset: { cardA: l.cardA, cardB: l.cardB, count: l.count } },
        h('span', { class: 'link-cards' }, cardChip(deck, l.cardA, l.labelA), h('span', { class: 'link-arrow', 'aria-label': t('plenary.linkedWith'), text: ' ↔ ' }), cardChip(deck, l.cardB, l.labelB)),
        h('span', { class: 'extra-count', text: times(l.count) }),
        l.labels && l.labels.length
          ? h('span', { class: 'link-labels-list' }, l.labels.map((label) => h('span', { class: 'link-label-chip', text: label })))
          : null)))) : null);
}

// --- the whole plenary section ---------------------------------------------------------------

const VIEWS = ['factors', 'notes', 'boards'];
const MAX_BOARDS = 3;
/** The choice as the server keeps it ({view, profileId, boards}) in this view's form ({view, profile, boards}). */
function choiceFrom(plenary) {
  const p = plenary || {};
  return {
    view: VIEWS.includes(p.view) ? p.view : 'factors',
    profile: typeof p.profileId === 'string' ? p.profileId : null,
    boards: Array.isArray(p.boards) ? p.boards.filter((k) => typeof k === 'string').slice(0, MAX_BOARDS) : [],
  };
}

const roundKey = (table, round) => `${table}.${round}`;

/**
 * The board with every card drawn whole inside its half: boardSvg puts a card's centre at the
 * strength itself, so a card laid at the outer edge or the top would stick out of the picture. Here
 * the centres run from half a card beside the middle line to half a card inside the edge (as in the
 * PDF), only for drawing; the order stays as laid.
 */
function insideEdges(board) {
  const halfCard = 0.06; // half a card's width (boardSvg: 10% of the board's width) plus a hair
  const halfHeight = 0.08; // half a card's height (14% of the board's height) plus a hair
  return {
    ...board,
    placements: board.placements.map((p) => ({
      ...p,
      strength: 2 * halfCard + Math.max(0, Math.min(1, p.strength)) * (1 - 4 * halfCard),
      y: halfHeight + Math.max(0, Math.min(1, p.y)) * (1 - 2 * halfHeight),
    })),
  };
}

/**
 * The plenary section of the console and of the projector: a choice of what to show (the factors
 * chart, the recommendations and lessons per table, boards side by side), the profile split for
 * the chart, and the board picker. The facilitator's choice is the workshop's (the showPlenary
 * command): the console sends it, and every plenary screen, on any device, follows it (follow()).
 * The projector has the same controls for a moment's look of its own; the next choice of the console
 * takes over again.
 *
 * opts: deck, workshopId, load() → summary (plenarySummary), tablesCount() → number, max (chart rows),
 * extrasMax (entries in the lists below the chart), screen ('console' or 'projector', for the hints),
 * plenary (the workshop's current choice), onChoose(choice) (the console: send it to the server).
 */
export class PlenaryView {
  constructor(root, { deck, workshopId, load, tablesCount = () => null, max = 25, extrasMax = 6, screen = 'console', plenary = null, onChoose = null }) {
    this.root = root;
    this.screen = screen;
    this.deck = deck;
    this.workshopId = workshopId;
    this.load = load;
    this.tablesCount = tablesCount;
    this.max = max;
    this.extrasMax = extrasMax;
    this.summary = null;
    this.loads = 0;
    this.onChoose = onChoose;
    this.choice = choiceFrom(plenary);
    this.pickerOpen = null;
    this.build();
    // A new language redraws at once from the summary in hand, not after the next fetch.
    onLangChange(() => this.render());
  }

  /** The workshop's choice changed (a plenaryShown event): show it. */
  follow(plenary) {
    const next = choiceFrom(plenary);
    if (JSON.stringify(next) === JSON.stringify(this.choice)) return;
    if (next.boards.join() !== this.choice.boards.join()) this.pickerOpen = null;
    this.choice = next;
    this.render();
  }

  build() {
    const uid = `plenary-${Math.random().toString(36).slice(2, 8)}`;
    this.tabs = VIEWS.map((view) => h('button', {
      type: 'button', role: 'tab', id: `${uid}-tab-${view}`, class: 'plenary-tab', 'aria-controls': `${uid}-pane-${view}`,
      dataset: { view, testid: `plenary-view-${view}` },
      on: { click: () => this.choose({ view }), keydown: (e) => this.tabKey(e, view) },
    }));
    this.panes = Object.fromEntries(VIEWS.map((view) => [view, h('div', {
      class: 'plenary-pane', role: 'tabpanel', id: `${uid}-pane-${view}`, 'aria-labelledby': `${uid}-tab-${view}`,
      dataset: { pane: view }, tabindex: '-1',
    })]));
    this.tablist = h('div', { class: 'plenary-tabs', role: 'tablist', dataset: { testid: 'plenary-views' } }, this.tabs);
    this.profileBar = h('div', { class: 'plenary-profiles', role: 'group', dataset: { testid: 'plenary-profiles' } });
    this.chart = h('div', { class: 'plenary-chart-box', dataset: { testid: 'plenary-chart' } });
    fill(this.panes.factors, this.profileBar, this.chart);
    this.root.classList.add('plenary');
    fill(this.root, this.tablist, VIEWS.map((v) => this.panes[v]));
    this.render();
  }

  /** Left and right arrows (and Home, End) move between the tabs, as in every tab list. */
  tabKey(e, view) {
    const i = VIEWS.indexOf(view);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: VIEWS.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const target = VIEWS[(next + VIEWS.length) % VIEWS.length];
    this.choose({ view: target });
    this.tabs[VIEWS.indexOf(target)].focus();
  }

  choose(change) {
    this.choice = { ...this.choice, ...change };
    this.render();
    if (this.onChoose) this.onChoose(this.choice);
  }

  /** Fetches the summary again and redraws; an older answer arriving late is dropped. */
  async refresh() {
    const mine = ++this.loads;
    const summary = await this.load();
    if (mine !== this.loads) return;
    this.summary = summary;
    this.render();
  }

  render() {
    const view = this.choice.view;
    this.root.dataset.view = view;
    this.tablist.setAttribute('aria-label', t('plenary.view.label'));
    this.tabs.forEach((tab, i) => {
      const selected = VIEWS[i] === view;
      tab.textContent = t(`plenary.view.${VIEWS[i]}`);
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    });
    for (const v of VIEWS) this.panes[v].hidden = v !== view;
    if (!this.summary) {
      fill(this.chart, h('p', { class: 'plenary-empty', text: t('common.loading') }));
      return;
    }
    // Only the pane in sight is drawn; the others are drawn when chosen.
    this.keepFocus(this.panes[view], () => {
      if (view === 'factors') this.renderFactors();
      else if (view === 'notes') this.renderNotes();
      else this.renderBoards();
    });
  }

  /** Redraws without losing the keyboard's place: the element with the same data-focus-key gets focus back. */
  keepFocus(scope, draw) {
    const active = document.activeElement;
    const key = active && scope.contains(active) ? active.dataset.focusKey : null;
    draw();
    if (key) {
      const again = $$('[data-focus-key]', scope).find((el) => el.dataset.focusKey === key);
      if (again) again.focus();
    }
  }

  profiles() {
    const fromSummary = this.summary.byProfile || [];
    return (this.deck.profiles || []).map((p) => {
      const split = fromSummary.find((s) => s.profileId === p.id);
      return { profileId: p.id, label: p.label || (split && split.label), tableRounds: split ? split.tableRounds : 0, rows: split ? split.rows : [] };
    });
  }

  allRounds() {
    return (this.summary.perTable || []).flatMap((pt) => pt.rounds.map((r) => ({ ...r, table: pt.table })));
  }

  // --- factors: the chart, for all table-rounds or one profile's ---

  renderFactors() {
    const profiles = this.profiles();
    const chosen = profiles.find((p) => p.profileId === this.choice.profile) || null;
    const totalRounds = this.summary.tableRounds ?? this.allRounds().length;
    const button = (profileId, label, count, title) => h('button', {
      type: 'button', class: 'profile-choice', 'aria-pressed': String((chosen ? chosen.profileId : null) === profileId),
      dataset: { profile: profileId || 'all', focusKey: `profile-${profileId || 'all'}`, testid: 'plenary-profile' },
      title, on: { click: () => this.choose({ profile: profileId }) },
    }, h('span', { class: 'profile-choice-label', text: label }), count === null ? null : h('span', { class: 'profile-choice-count', text: count }));
    this.profileBar.setAttribute('aria-label', t('plenary.profile.label'));
    const without = this.summary.tableRoundsWithoutProfile;
    fill(this.profileBar,
      h('span', { class: 'profile-bar-label', text: t('plenary.profile.label') }),
      button(null, t('plenary.profile.all'), totalRounds ?? null, t('plenary.profile.allTitle', { count: totalRounds ?? 0 })),
      profiles.map((p) => button(p.profileId, `${p.profileId} · ${tx(p.label)}`, p.tableRounds, t('plenary.profile.roundsTitle', { count: p.tableRounds }))),
      profiles.length && without ? h('span', { class: 'profile-without', text: t('plenary.profile.without', { count: without }) }) : null);
    if (!profiles.length) this.profileBar.hidden = true;
    if (!chosen) {
      drawPlenary(this.chart, this.deck, this.summary, { max: this.max, tablesCount: this.tablesCount(), extrasMax: this.extrasMax });
      return;
    }
    const rounds = this.allRounds().filter((r) => r.profileId === chosen.profileId);
    const profileName = `${chosen.profileId} · ${tx(chosen.label)}`;
    drawPlenary(this.chart, this.deck, { rows: chosen.rows, ...firstsAndLinks(this.deck, rounds) }, {
      max: this.max,
      extrasMax: this.extrasMax,
      note: t('plenary.profile.note', { profile: profileName, count: chosen.tableRounds }),
      emptyText: chosen.tableRounds ? t('plenary.profile.noCards', { profile: profileName }) : t('plenary.profile.empty', { profile: profileName }),
    });
  }

  // --- notes: question 6 and question 7, per table and round ---

  renderNotes() {
    const q6 = this.questionText(this.summary.recommendationsQuestionId, 'q6', 6);
    const q7 = this.questionText(this.summary.lessonsQuestionId, 'q7', 7);
    const tables = this.summary.perTable || [];
    const written = this.allRounds().some((r) => r.recommendations || r.reflection || r.lessonsNote);
    const profile = (id) => (this.deck.profiles || []).find((p) => p.id === id);
    const text = (value) => h('p', { class: 'note-text', text: value });
    fill(this.panes.notes,
      h('div', { class: 'notes-questions' },
        h('p', {}, h('span', { class: 'note-kind kind-recommendations', text: t('plenary.notes.recommendations') }), q6 ? ` ${q6}` : ''),
        h('p', {}, h('span', { class: 'note-kind kind-lessons', text: t('plenary.notes.lessons') }), q7 ? ` ${q7}` : '')),
      written ? null : h('p', { class: 'plenary-empty', text: t('plenary.notes.empty') }),
      h('div', { class: 'notes-grid', dataset: { testid: 'plenary-notes' } }, tables.map((pt) => h('article', { class: 'notes-table', dataset: { table: pt.table } },
        h('h3', { text: t('table.name', { table: pt.table }) }),
        pt.rounds.length ? null : h('p', { class: 'muted', text: t('plenary.notes.noRounds') }),
        pt.rounds.map((r) => {
          const p = profile(r.profileId);
          const any = r.recommendations || r.reflection || r.lessonsNote;
          return h('section', { class: 'notes-round', dataset: { round: r.round } },
            h('h4', {},
              t('plenary.round', { round: r.round }),
              p ? h('span', { class: 'profile-badge', title: tx(p.label), text: t('plenary.profileBadge', { id: p.id, label: tx(p.label) }) }) : null,
              r.ended ? null : h('span', { class: 'round-open', text: t('plenary.roundOpen') })),
            any ? null : h('p', { class: 'muted note-none', text: t('plenary.notes.nothing') }),
            r.recommendations ? h('div', { class: 'plenary-note kind-recommendations', dataset: { note: 'recommendations' } },
              h('span', { class: 'note-kind', text: t('plenary.notes.recommendationsShort') }), text(r.recommendations)) : null,
            r.reflection ? h('div', { class: 'plenary-note kind-lessons', dataset: { note: 'reflection' } },
              h('span', { class: 'note-kind', text: t('plenary.notes.reflection') }), text(r.reflection)) : null,
            r.lessonsNote ? h('div', { class: 'plenary-note kind-lessons', dataset: { note: 'lessons' } },
              h('span', { class: 'note-kind', text: t('plenary.notes.lessonsNote') }), text(r.lessonsNote)) : null);
        })))));
  }

  questionText(id, fallbackId, position) {
    const questions = (this.deck.script && this.deck.script.questions) || [];
    const index = questions.findIndex((q) => q.id === (id || fallbackId));
    const i = index >= 0 ? index : questions.length >= position ? position - 1 : -1;
    return i >= 0 ? t('plenary.notes.question', { number: i + 1, text: tx(questions[i].text) }) : '';
  }

  // --- boards side by side ---

  renderBoards() {
    const rounds = this.allRounds();
    const byKey = new Map(rounds.map((r) => [roundKey(r.table, r.round), r]));
    const chosen = this.choice.boards.filter((k) => byKey.has(k)).slice(0, MAX_BOARDS);
    const full = chosen.length >= MAX_BOARDS;
    const profile = (id) => (this.deck.profiles || []).find((p) => p.id === id);
    const toggle = (key, on) => {
      const next = on ? [...chosen.filter((k) => k !== key), key].slice(0, MAX_BOARDS) : chosen.filter((k) => k !== key);
      this.choose({ boards: next });
    };
    if (this.pickerOpen === null || !chosen.length) this.pickerOpen = !chosen.length;
    const picker = h('details', { class: 'board-picker', dataset: { testid: 'plenary-board-picker' }, open: this.pickerOpen, on: { toggle: (e) => { this.pickerOpen = e.currentTarget.open; } } },
      h('summary', {},
        h('span', { class: 'picker-title', text: t('plenary.boards.pick') }),
        h('span', { class: 'picker-count', text: t('plenary.boards.chosen', { count: chosen.length, max: MAX_BOARDS }) })),
      rounds.length ? h('div', { class: 'picker-tables' }, (this.summary.perTable || []).filter((pt) => pt.rounds.length).map((pt) => h('div', { class: 'picker-table', role: 'group', 'aria-label': t('table.name', { table: pt.table }) },
        h('span', { class: 'picker-table-name', text: t('table.name', { table: pt.table }) }),
        pt.rounds.map((r) => {
          const key = roundKey(pt.table, r.round);
          const on = chosen.includes(key);
          const p = profile(r.profileId);
          return h('label', { class: `picker-round${on ? ' chosen' : ''}`, title: full && !on ? t('plenary.boards.full') : '' },
            h('input', {
              type: 'checkbox', checked: on, disabled: full && !on,
              dataset: { key, focusKey: `pick-${key}`, testid: 'plenary-pick' },
              'aria-label': t('plenary.boards.pickAria', { table: pt.table, round: r.round, count: r.board.placements.length })
                + (p ? `, ${t('plenary.profileBadge', { id: p.id, label: tx(p.label) })}` : ''),
              on: { change: (e) => toggle(key, e.currentTarget.checked) },
            }),
            h('span', { text: t('plenary.round', { round: r.round }) }),
            p ? h('span', { class: 'profile-badge', text: p.id }) : null);
        })))) : h('p', { class: 'muted', text: t('plenary.boards.noRounds') }),
      h('div', { class: 'picker-foot' },
        h('p', { class: 'hint', text: full ? t('plenary.boards.full') : t(this.screen === 'projector' ? 'plenary.boards.hintProjector' : 'plenary.boards.hint') }),
        chosen.length ? h('button', { type: 'button', class: 'button secondary small', dataset: { focusKey: 'pick-clear' }, text: t('plenary.boards.clear'), on: { click: () => this.choose({ boards: [] }) } }) : null));
    fill(this.panes.boards,
      picker,
      chosen.length
        ? h('div', { class: `compare compare-${chosen.length}`, dataset: { testid: 'plenary-compare', count: chosen.length } },
          chosen.map((key) => this.boardFigure(byKey.get(key), () => toggle(key, false))))
        : h('p', { class: 'plenary-empty', text: t('plenary.boards.none') }));
  }

  boardFigure(r, remove) {
    const deck = this.deck;
    const board = r.board || EMPTY_BOARD;
    const p = (deck.profiles || []).find((x) => x.id === r.profileId);
    const title = t('plenary.tableRound', { table: r.table, round: r.round });
    const sorted = [...board.placements].sort((a, b) => a.order - b.order);
    const byId = new Map(board.placements.map((x) => [x.id, x]));
    const info = deck.board || {};
    const strength = info.strength || {};
    const list = (side) => h('ol', { class: `compare-cards side-${side}`, 'aria-label': tx(info[side] && info[side].label) || t(`side.${side}`) },
      sorted.filter((x) => x.side === side).map((x) => h('li', { style: { '--cat': categoryOf(deck, cardOf(deck, x.cardId)).colour } },
        h('span', { class: 'order-badge', text: x.order }),
        cardChip(deck, x.cardId),
        h('span', { class: 'compare-strength', title: t('plenary.boards.strength', { strength: formatNumber(x.strength, 1) }), text: formatNumber(x.strength, 1) }))));
    const links = (board.links || []).map((l) => [byId.get(l.fromPlacementId), byId.get(l.toPlacementId), l.label]).filter(([a, b]) => a && b);
    return h('figure', { class: 'compare-board', dataset: { table: r.table, round: r.round } },
      h('figcaption', {},
        h('span', { class: 'compare-title' },
          h('strong', { text: title }),
          p ? h('span', { class: 'profile-badge', title: tx(p.label), text: t('plenary.profileBadge', { id: p.id, label: tx(p.label) }) }) : null,
          r.ended ? null : h('span', { class: 'round-open', text: t('plenary.roundOpen') })),
        h('button', { type: 'button', class: 'icon-button compare-remove', 'aria-label': t('plenary.boards.remove', { board: title }), title: t('plenary.boards.remove', { board: title }), dataset: { focusKey: `remove-${r.table}.${r.round}` }, text: '×', on: { click: remove } })),
      h('div', { class: 'compare-heads', 'aria-hidden': 'true' },
        h('span', { class: 'head-left', text: `← ${tx(info.stimulating && info.stimulating.label) || t('side.stimulating')}` }),
        h('span', { class: 'head-right', text: `${tx(info.hindering && info.hindering.label) || t('side.hindering')} →` })),
      h('div', { class: 'compare-picture' }, boardSvg(deck, insideEdges(board), { width: 600, height: 330, title: `${title}: ${t('plenary.boards.cardsCount', { count: board.placements.length })}` })),
      h('div', { class: 'compare-axis', 'aria-hidden': 'true' },
        h('span', { text: `← ${tx(strength.large)}` }), h('span', { text: tx(strength.limited) }), h('span', { text: `${tx(strength.large)} →` })),
      board.placements.length
        ? h('div', { class: 'compare-lists' }, list('stimulating'), list('hindering'))
        : h('p', { class: 'muted', text: t('plenary.boards.empty') }),
      links.length ? h('ul', { class: 'compare-links', 'aria-label': t('plenary.boards.links') }, links.map(([a, b, label]) => h('li', {},
        h('strong', { text: cardOf(deck, a.cardId).id }), ' ↔ ', h('strong', { text: cardOf(deck, b.cardId).id }),
        label ? h('span', { class: 'link-label-chip', text: label }) : null))) : null,
      r.recommendations ? h('p', { class: 'compare-recommendation' }, h('span', { class: 'note-kind', text: t('plenary.notes.recommendationsShort') }), ` ${r.recommendations}`) : null);
  }
}
