// The interview replayed: step through one table's round in the order the cards were laid, the board
// growing card by card, with each card's explanation beside it. The thing no paper game gives a
// facilitator. It reads the console's own state: a round's photo once it ended, the live board before.

import { h, fill } from './dom.js';
import { t, tx, formatTime } from './i18n.js';
import { boardSvg, cardOf, positionText } from './board.js';

/** The round's board: its photo once ended, the board as it lies while it is played. */
function boardOf(table, round) {
  if (round.photo) return round.photo;
  const last = table.rounds[table.rounds.length - 1];
  return last && last.round === round.round ? table.board : { placements: [], links: [], annotations: [] };
}

/** The panel, placed after {@code anchor}; view is the console ({deck, tables: Map of table states}). */
export function replayPanel(anchor, view) {
  const heading = h('h2', { id: 'replay-heading' });
  const hint = h('p', { class: 'hint' });
  const tablePick = h('select', { id: 'replay-table' });
  const roundPick = h('select', { id: 'replay-round' });
  const prev = h('button', { id: 'replay-prev', type: 'button', class: 'button secondary' });
  const next = h('button', { id: 'replay-next', type: 'button', class: 'button secondary' });
  const slider = h('input', { id: 'replay-slider', type: 'range', min: 0, max: 0, value: 0 });
  const step = h('p', { id: 'replay-step', class: 'replay-step', 'aria-live': 'polite' });
  const picture = h('div', { class: 'replay-picture' });
  const said = h('ol', { id: 'replay-explanations', class: 'replay-explanations' });
  const el = h('section', { class: 'panel', id: 'replay-panel', 'aria-labelledby': 'replay-heading' },
    heading, hint,
    h('div', { class: 'button-row' }, tablePick, roundPick, prev, slider, next),
    step, picture, said);
  anchor.after(el);
  let at = 0;

  const chosen = () => {
    const table = view.tables.get(Number(tablePick.value));
    const round = table && table.rounds.find((r) => r.round === Number(roundPick.value));
    if (!round) return null;
    const board = boardOf(table, round);
    return { table, round, placements: [...board.placements].sort((a, b) => a.order - b.order), links: board.links || [] };
  };

  const draw = () => {
    heading.textContent = t('replay.title');
    hint.textContent = t('replay.hint');
    prev.textContent = t('replay.prev');
    next.textContent = t('replay.next');
    slider.setAttribute('aria-label', t('replay.slider'));
    tablePick.setAttribute('aria-label', t('replay.table'));
    roundPick.setAttribute('aria-label', t('replay.round'));
    const c = chosen();
    const laid = c ? c.placements : [];
    at = Math.max(0, Math.min(at, laid.length));
    slider.max = String(laid.length);
    slider.value = String(at);
    prev.disabled = at === 0;
    next.disabled = at >= laid.length;
    const shown = laid.slice(0, at);
    const ids = new Set(shown.map((p) => p.id));
    const board = { placements: shown, links: c ? c.links.filter((l) => ids.has(l.fromPlacementId) && ids.has(l.toPlacementId)) : [], annotations: [] };
    fill(picture, boardSvg(view.deck, board, { width: 600, height: 330, detailed: true, title: t('replay.picture', { count: at }) }));
    const current = shown[shown.length - 1];
    step.dataset.order = current ? String(current.order) : '0';
    step.textContent = !c ? t('replay.none')
      : current ? t('replay.step', { n: at, of: laid.length, card: tx(cardOf(view.deck, current.cardId).label), time: formatTime(current.placedAt) })
        : t('replay.start', { of: laid.length });
    fill(said, shown.map((p) => h('li', { dataset: { cardId: p.cardId }, class: p === current ? 'current' : '' },
      h('strong', { text: `${p.order}. ${tx(cardOf(view.deck, p.cardId).label)}` }),
      h('span', { class: 'muted', text: ` — ${positionText(view.deck, p)}` }),
      p.explanation ? h('p', { class: 'replay-explanation', text: p.explanation }) : null)));
  };

  const fillRounds = () => {
    const table = view.tables.get(Number(tablePick.value));
    const keep = roundPick.value;
    fill(roundPick, (table ? table.rounds : []).map((r) => h('option', { value: r.round, text: t('replay.roundOption', { round: r.round }) })));
    if ([...roundPick.options].some((o) => o.value === keep)) roundPick.value = keep;
  };

  const update = () => {
    const keep = tablePick.value;
    fill(tablePick, [...view.tables.keys()].map((n) => h('option', { value: n, text: t('table.name', { table: n }) })));
    if (keep) tablePick.value = keep;
    fillRounds();
    draw();
  };

  tablePick.addEventListener('change', () => { fillRounds(); at = 0; draw(); });
  roundPick.addEventListener('change', () => { at = 0; draw(); });
  prev.addEventListener('click', () => { at -= 1; draw(); });
  next.addEventListener('click', () => { at += 1; draw(); });
  slider.addEventListener('input', () => { at = Number(slider.value); draw(); });
  update();
  return { el, update };
}
