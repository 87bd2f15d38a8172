// The board as on paper: the left half for what stimulated, the right half for what hindered, a
// line in the middle, and strength growing from the middle ("in beperkte mate") to the outer edge
// ("in grote mate"). Positions are fractions: a placement's centre lies at x = 0.5 -/+ strength/2
// of the board's width and at y of its height, so every screen size shows the same board.

import { h, fill, srOnly } from './dom.js';
import { t, tx, formatNumber, getLang } from './i18n.js';

export const SIDES = ['stimulating', 'hindering'];

const clamp01 = (v) => Math.max(0, Math.min(1, v));

/** Side, strength and y of a point on the board (client coordinates), each clamped to the board. */
export function positionFromPoint(rect, clientX, clientY) {
  const x = clamp01((clientX - rect.left) / rect.width);
  const y = clamp01((clientY - rect.top) / rect.height);
  if (x < 0.5) return { side: 'stimulating', strength: round3((0.5 - x) / 0.5), y: round3(y) };
  return { side: 'hindering', strength: round3((x - 0.5) / 0.5), y: round3(y) };
}

/** The fraction of the board's width where a placement's centre lies. */
export function xFraction(side, strength) {
  return side === 'stimulating' ? 0.5 - clamp01(strength) / 2 : 0.5 + clamp01(strength) / 2;
}

function round3(v) {
  return Math.round(v * 1000) / 1000;
}

export function deckIndex(deck) {
  const cards = new Map(deck.cards.map((c) => [c.id, c]));
  const categories = new Map(deck.categories.map((c) => [c.id, c]));
  return { cards, categories };
}

export function cardOf(deck, cardId) {
  if (!deck._index) Object.defineProperty(deck, '_index', { value: deckIndex(deck), enumerable: false });
  return deck._index.cards.get(cardId) || { id: cardId, label: { nl: cardId, en: cardId }, category: '?' };
}

export function categoryOf(deck, card) {
  if (!deck._index) cardOf(deck, card.id);
  return deck._index.categories.get(card.category) || { id: card.category, label: { nl: '', en: '' }, colour: '#ddd' };
}

export function colourOf(deck, card) {
  return categoryOf(deck, card).colour || '#ddd';
}

/** "In beperkte mate" or "In grote mate", from the deck's own labels. */
export function strengthWords(deck, strength) {
  const labels = (deck.board && deck.board.strength) || {};
  return strength < 0.5 ? tx(labels.limited) : tx(labels.large);
}

export function sideLabel(deck, side) {
  return tx(deck.board && deck.board[side] && deck.board[side].label) || t(`side.${side}`);
}

/** A sentence for screen readers: where a card lies. */
export function positionText(deck, pos) {
  return t('board.position', {
    side: sideLabel(deck, pos.side),
    strength: formatNumber(pos.strength, 1),
    extent: strengthWords(deck, pos.strength).toLowerCase(),
    height: formatNumber(pos.y, 1),
  });
}

/** The face of a card: a colour band with its number and category, and its label. */
/** The length of a label's longest word: a long compound ("Ontwikkelmogelijkheden") gets a smaller size to fit whole. */
function longestWord(text) {
  return Math.max(0, ...String(text || '').split(/[\s/]+/).map((w) => w.length));
}

export function cardFace(deck, card, { description = false } = {}) {
  const category = categoryOf(deck, card);
  return h('div', { class: 'card', style: { '--cat': category.colour || '#ddd' } },
    h('div', { class: 'card-band' },
      h('span', { class: 'card-number', text: card.id }),
      h('span', { class: 'card-category', text: tx(category.label) })),
    h('div', { class: 'card-label', lang: getLang(), dataset: { longWord: String(longestWord(tx(card.label)) > 14) }, text: tx(card.label) }),
    description && card.description ? h('div', { class: 'card-description', text: tx(card.description) }) : null);
}

/**
 * Draws a table's board into an element and keeps it in step with the state: placements keyed by
 * id (so a move glides), links, annotation marks, others' cards in motion and the keyboard preview.
 */
export class BoardView {
  constructor(root, { deck, nameOf = (id) => id, interactive = false }) {
    this.root = root;
    this.deck = deck;
    this.nameOf = nameOf;
    this.interactive = interactive;
    this.elements = new Map();
    this.ghosts = new Map();
    this.pendingEls = new Map();
    root.classList.add('board');
    root.tabIndex = -1;
    root.setAttribute('role', 'region');
    this.halves = {};
    for (const side of SIDES) {
      this.halves[side] = h('div', { class: `half half-${side}`, dataset: { side } });
    }
    this.centre = h('div', { class: 'centre-line', 'aria-hidden': 'true' });
    this.linkLayer = h('svg:svg', { class: 'links', viewBox: '0 0 100 100', preserveAspectRatio: 'none', 'aria-hidden': 'true' });
    this.linkLabels = h('div', { class: 'link-labels' });
    this.layer = h('div', { class: 'placements' });
    this.motionLayer = h('div', { class: 'motion', 'aria-hidden': 'true' });
    this.roundOver = h('div', { class: 'round-over', dataset: { testid: 'round-over' }, hidden: true, role: 'status' });
    this.empty = h('p', { class: 'board-empty', hidden: true });
    root.replaceChildren(this.halves.stimulating, this.halves.hindering, this.centre, this.linkLayer,
      this.linkLabels, this.empty, this.layer, this.motionLayer, this.roundOver);
    this.drawHalves();
  }

  drawHalves() {
    const board = this.deck.board || {};
    const strength = board.strength || {};
    this.root.setAttribute('aria-label', t('board.label'));
    for (const side of SIDES) {
      const info = board[side] || {};
      const edgeFirst = side === 'stimulating';
      // Like the paper board: a zone near the middle "in limited measure", one at the edge "in large measure".
      const zone = (kind, text) => h('div', { class: `strength-zone zone-${kind}`, dataset: { zone: kind } },
        h('span', { class: 'zone-label', text }));
      const zones = [zone('limited', tx(strength.limited)), zone('large', tx(strength.large))];
      const axis = h('div', { class: 'strength-zones', 'aria-hidden': 'true' }, edgeFirst ? zones.reverse() : zones);
      fill(this.halves[side],
        h('div', { class: 'half-head' },
          h('div', { class: 'half-label', text: tx(info.label) || t(`side.${side}`) }),
          h('div', { class: 'half-question', text: tx(info.question) })),
        axis);
      this.halves[side].setAttribute('aria-label', `${tx(info.label)}: ${tx(info.question)}`);
    }
  }

  /**
   * Shows a board (placements, links, annotations). opts: selectedId, linkFromId, roundOver
   * ('ended', 'whistle' or null), emptyText, pending (cards laid or moved that wait for the server:
   * [{id, state, cardId, side, strength, y}]), removing (ids of placements on their way to the tray).
   */
  update(board, opts = {}) {
    this.drawHalves();
    const seen = new Set();
    const annotationsOf = new Map();
    for (const a of board.annotations || []) {
      if (a.placementId) annotationsOf.set(a.placementId, (annotationsOf.get(a.placementId) || 0) + 1);
    }
    const sorted = [...board.placements].sort((a, b) => a.order - b.order);
    for (const p of sorted) {
      seen.add(p.id);
      let el = this.elements.get(p.id);
      const fresh = !el;
      if (fresh) {
        el = h('div', { class: 'placement' });
        this.elements.set(p.id, el);
        // A card someone was dragging lands where its ghost was, then glides to its place.
        const ghost = this.ghostFor(p.cardId, p.id);
        if (ghost) {
          el.style.left = ghost.style.left;
          el.style.top = ghost.style.top;
        }
        this.layer.append(el);
      }
      this.drawPlacement(el, p, annotationsOf.get(p.id) || 0, opts);
      if (opts.removing && opts.removing.has(p.id)) el.dataset.pending = 'remove';
      else delete el.dataset.pending;
      const movedBy = !fresh && this.ghostFor(p.cardId, p.id);
      if (movedBy && movedBy.dataset.movingPlacement === p.id) {
        // someone else moved it: it is where their ghost was let go, not back at its old place
        el.style.transition = 'none';
        el.style.left = movedBy.style.left;
        el.style.top = movedBy.style.top;
        void el.offsetWidth;
        el.style.transition = '';
      }
      if (fresh) {
        el.classList.add('landing');
        requestAnimationFrame(() => requestAnimationFrame(() => {
          this.position(el, p);
          setTimeout(() => el.classList.remove('landing'), 450);
        }));
      } else {
        this.position(el, p);
      }
    }
    for (const [id, el] of this.elements) {
      if (!seen.has(id)) {
        el.remove();
        this.elements.delete(id);
      }
    }
    this.drawLinks(board);
    this.drawPending(opts.pending || []);
    this.empty.hidden = board.placements.length > 0 || (opts.pending || []).length > 0 || !opts.emptyText;
    this.empty.textContent = opts.emptyText || '';
    this.roundOver.hidden = !opts.roundOver;
    if (opts.roundOver) {
      fill(this.roundOver,
        h('strong', { text: opts.roundOver === 'whistle' ? t('board.whistle') : t('board.roundOver') }),
        h('span', { text: t('board.roundOverHint') }));
    }
    this.root.dataset.roundOver = opts.roundOver ? 'true' : 'false';
  }

  /** Cards of this page on their way to the server: dashed, where they will lie once it answers. */
  drawPending(list) {
    const seen = new Set();
    for (const item of list) {
      seen.add(item.id);
      let el = this.pendingEls.get(item.id);
      const card = cardOf(this.deck, item.cardId);
      if (!el) {
        el = h('div', { class: 'pending-card', dataset: { pendingId: item.id, cardId: card.id } }, cardFace(this.deck, card));
        el.style.setProperty('--cat', colourOf(this.deck, card));
        this.pendingEls.set(item.id, el);
        this.motionLayer.append(el);
      }
      el.dataset.pending = item.state;
      if (item.placementId) el.dataset.placementId = item.placementId;
      el.title = t(item.state === 'sent' ? 'outbox.sending' : 'outbox.waiting');
      this.position(el, item);
    }
    for (const [id, el] of this.pendingEls) {
      if (!seen.has(id)) {
        el.remove();
        this.pendingEls.delete(id);
      }
    }
  }

  position(el, p) {
    el.style.left = `${xFraction(p.side, p.strength) * 100}%`;
    el.style.top = `${p.y * 100}%`;
  }

  drawPlacement(el, p, annotationCount, opts) {
    const card = cardOf(this.deck, p.cardId);
    el.dataset.placementId = p.id;
    el.dataset.cardId = p.cardId;
    el.dataset.order = p.order;
    el.dataset.placementSide = p.side;
    el.dataset.strength = p.strength;
    el.dataset.y = p.y;
    el.dataset.copy = p.copy;
    el.tabIndex = 0;
    el.setAttribute('role', 'button');
    el.classList.toggle('selected', opts.selectedId === p.id);
    el.classList.toggle('link-from', opts.linkFromId === p.id);
    el.classList.toggle('explained', !!p.explanation);
    el.style.setProperty('--cat', colourOf(this.deck, card));
    const who = this.nameOf(p.placedBy);
    const said = t('placement.aria', { number: p.order, position: positionText(this.deck, p), who })
      + (p.explanation ? ` ${t('placement.ariaExplained')}` : '') + (this.interactive ? ` ${t('placement.ariaKeys')}` : '');
    el.title = `${tx(card.label)} · ${t('placement.placedBy', { who })} · #${p.order}`;
    fill(el,
      h('span', { class: 'order', 'aria-hidden': 'true', text: p.order }),
      cardFace(this.deck, card),
      srOnly(said),
      h('span', { class: 'marks', 'aria-hidden': 'true' },
        p.explanation ? h('span', { class: 'mark-explained', title: t('placement.explained'), text: '✎' }) : null,
        annotationCount ? h('span', { class: 'mark-annotations', title: t('placement.annotations'), text: `✱${annotationCount}` }) : null));
  }

  drawLinks(board) {
    const byId = new Map(board.placements.map((p) => [p.id, p]));
    this.linkLayer.replaceChildren();
    this.linkLabels.replaceChildren();
    for (const link of board.links || []) {
      const a = byId.get(link.fromPlacementId);
      const b = byId.get(link.toPlacementId);
      if (!a || !b) continue;
      const x1 = xFraction(a.side, a.strength) * 100;
      const y1 = a.y * 100;
      const x2 = xFraction(b.side, b.strength) * 100;
      const y2 = b.y * 100;
      this.linkLayer.append(h('svg:line', {
        x1, y1, x2, y2, class: 'link-line', 'vector-effect': 'non-scaling-stroke', 'data-link-id': link.id,
      }));
      if (link.label) {
        this.linkLabels.append(h('span', {
          class: 'link-label', text: link.label, dataset: { linkId: link.id },
          style: { left: `${(x1 + x2) / 2}%`, top: `${(y1 + y2) / 2}%` },
        }));
      }
    }
  }

  elementOf(placementId) {
    return this.elements.get(placementId) || null;
  }

  ghostFor(cardId, placementId) {
    for (const g of this.ghosts.values()) {
      if ((placementId && g.dataset.movingPlacement === placementId) || (!g.dataset.movingPlacement && g.dataset.ghostCard === cardId)) return g;
    }
    return null;
  }

  /** Someone else's card travelling: a translucent card with their name, following their pointer. */
  showGhost(key, motion) {
    let g = this.ghosts.get(key);
    const card = cardOf(this.deck, motion.cardId);
    if (!g) {
      g = h('div', { class: 'ghost' });
      this.ghosts.set(key, g);
      this.motionLayer.append(g);
    }
    if (g.dataset.ghostCard !== card.id) {
      g.dataset.ghostCard = card.id;
      fill(g, cardFace(this.deck, card), h('span', { class: 'ghost-name', text: motion.name || '' }));
    }
    g.dataset.movingPlacement = motion.placementId || '';
    g.style.setProperty('--cat', colourOf(this.deck, card));
    g.style.left = `${xFraction(motion.side, motion.strength) * 100}%`;
    g.style.top = `${clamp01(motion.y) * 100}%`;
    clearTimeout(g._expire);
    g._expire = setTimeout(() => this.clearGhost(key), 4000);
    if (motion.placementId) {
      const el = this.elements.get(motion.placementId);
      if (el) el.classList.add('moving-elsewhere');
    }
  }

  /** A ghost that was let go stays a moment, so the card it becomes can land where it was. */
  releaseGhost(key, ms = 1500) {
    const g = this.ghosts.get(key);
    if (!g) return;
    clearTimeout(g._expire);
    g._expire = setTimeout(() => this.clearGhost(key), ms);
  }

  clearGhost(key) {
    const g = this.ghosts.get(key);
    if (!g) return;
    clearTimeout(g._expire);
    if (g.dataset.movingPlacement) {
      const el = this.elements.get(g.dataset.movingPlacement);
      if (el) el.classList.remove('moving-elsewhere');
    }
    // Linger a moment, so the real card can take over the ghost's place.
    setTimeout(() => g.remove(), 60);
    this.ghosts.delete(key);
  }

  /** The keyboard's (or a tapped card's) intended spot, drawn as a dashed outline. */
  showPreview(pos, cardId) {
    if (!this.preview) {
      this.preview = h('div', { class: 'preview', 'aria-hidden': 'true' });
      this.motionLayer.append(this.preview);
    }
    const card = cardOf(this.deck, cardId);
    if (this.preview.dataset.previewCard !== card.id) {
      this.preview.dataset.previewCard = card.id;
      fill(this.preview, cardFace(this.deck, card));
    }
    this.preview.style.setProperty('--cat', colourOf(this.deck, card));
    this.preview.style.left = `${xFraction(pos.side, pos.strength) * 100}%`;
    this.preview.style.top = `${pos.y * 100}%`;
    this.preview.hidden = false;
  }

  hidePreview() {
    if (this.preview) this.preview.hidden = true;
  }
}

// --- the board as a picture (miniatures, round photos, the PNG download) ---

const SVG_NS = 'http://www.w3.org/2000/svg';

function wrap(text, maxChars, maxLines) {
  const words = String(text).split(/\s+/);
  const lines = [];
  let line = '';
  for (const word of words) {
    if ((line + ' ' + word).trim().length > maxChars && line) {
      lines.push(line);
      line = word;
    } else line = (line + ' ' + word).trim();
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = lines[maxLines - 1].replace(/.{0,1}$/, '…');
  }
  return lines;
}

/**
 * An SVG drawing of a board. detailed: card labels, half labels and the strength axis (for photos);
 * otherwise small coloured cards with their numbers (for miniatures). outcomes: the ids of the round's
 * chosen outcome cards, drawn on a strip under the board when there are any.
 */
export function boardSvg(deck, board, { width = 320, height = 180, detailed = false, title = '', outcomes = [] } = {}) {
  const el = (tag, attrs = {}, text) => {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const top = detailed ? height * 0.12 : 0;
  const bottom = detailed ? height * 0.08 : 0;
  const chosen = (deck.outcomes || []).filter((o) => outcomes.includes(o.id));
  const stripH = chosen.length ? height * (detailed ? 0.1 : 0.14) : 0;
  const fieldH = height - top - bottom - stripH;
  const svg = el('svg', { xmlns: SVG_NS, viewBox: `0 0 ${width} ${height}`, width, height, class: 'board-svg', role: 'img' });
  svg.append(el('title', {}, title || t('board.picture')));
  svg.append(el('rect', { x: 0, y: 0, width, height, fill: '#fbf8f1' }));
  svg.append(el('rect', { x: 0, y: top, width: width / 2, height: fieldH, fill: '#eaf3e4' }));
  svg.append(el('rect', { x: width / 2, y: top, width: width / 2, height: fieldH, fill: '#f7e6e3' }));
  svg.append(el('line', { x1: width / 2, y1: top, x2: width / 2, y2: top + fieldH, stroke: '#5b5446', 'stroke-width': Math.max(1, width / 400), 'stroke-dasharray': detailed ? '8 6' : '3 2' }));
  const font = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
  if (detailed) {
    const info = deck.board || {};
    for (const side of SIDES) {
      const cx = side === 'stimulating' ? width / 4 : (3 * width) / 4;
      svg.append(el('text', { x: cx, y: top * 0.45, 'text-anchor': 'middle', 'font-family': font, 'font-size': top * 0.3, 'font-weight': 700, fill: '#3b362c' }, tx(info[side] && info[side].label)));
      svg.append(el('text', { x: cx, y: top * 0.82, 'text-anchor': 'middle', 'font-family': font, 'font-size': top * 0.2, fill: '#6b6455' }, tx(info[side] && info[side].question)));
    }
    const s = info.strength || {};
    const by = top + fieldH + bottom * 0.65;
    const fs = bottom * 0.38;
    svg.append(el('text', { x: 8, y: by, 'font-family': font, 'font-size': fs, fill: '#6b6455' }, `← ${tx(s.large)}`));
    svg.append(el('text', { x: width / 2 - 8, y: by, 'text-anchor': 'end', 'font-family': font, 'font-size': fs, fill: '#6b6455' }, tx(s.limited)));
    svg.append(el('text', { x: width / 2 + 8, y: by, 'font-family': font, 'font-size': fs, fill: '#6b6455' }, tx(s.limited)));
    svg.append(el('text', { x: width - 8, y: by, 'text-anchor': 'end', 'font-family': font, 'font-size': fs, fill: '#6b6455' }, `${tx(s.large)} →`));
  }
  const cw = width * (detailed ? 0.12 : 0.1);
  const ch = fieldH * (detailed ? 0.13 : 0.14);
  const centre = (p) => ({ x: xFraction(p.side, p.strength) * width, y: top + p.y * fieldH });
  const byId = new Map(board.placements.map((p) => [p.id, p]));
  for (const link of board.links || []) {
    const a = byId.get(link.fromPlacementId);
    const b = byId.get(link.toPlacementId);
    if (!a || !b) continue;
    const pa = centre(a);
    const pb = centre(b);
    svg.append(el('line', { x1: pa.x, y1: pa.y, x2: pb.x, y2: pb.y, stroke: '#2f5d8a', 'stroke-width': Math.max(1, width / 500) }));
    if (detailed && link.label) {
      svg.append(el('text', { x: (pa.x + pb.x) / 2, y: (pa.y + pb.y) / 2 - 4, 'text-anchor': 'middle', 'font-family': font, 'font-size': ch * 0.18, fill: '#2f5d8a' }, link.label));
    }
  }
  for (const p of [...board.placements].sort((a, b) => a.order - b.order)) {
    const card = cardOf(deck, p.cardId);
    const c = centre(p);
    const g = el('g', { 'data-card-id': p.cardId });
    g.append(el('rect', { x: c.x - cw / 2, y: c.y - ch / 2, width: cw, height: ch, rx: ch * 0.08, fill: '#fffdf8', stroke: '#8a8170', 'stroke-width': Math.max(0.5, width / 1200) }));
    g.append(el('rect', { x: c.x - cw / 2, y: c.y - ch / 2, width: cw, height: ch * (detailed ? 0.24 : 0.38), rx: ch * 0.08, fill: colourOf(deck, card) }));
    if (detailed) {
      g.append(el('text', { x: c.x - cw / 2 + cw * 0.05, y: c.y - ch / 2 + ch * 0.18, 'font-family': font, 'font-size': ch * 0.15, 'font-weight': 700, fill: '#3b362c' }, `${card.id}  ·  ${p.order}`));
      wrap(tx(card.label), 20, 3).forEach((line, i) => {
        g.append(el('text', { x: c.x, y: c.y - ch * 0.02 + i * ch * 0.19, 'text-anchor': 'middle', 'font-family': font, 'font-size': ch * 0.15, fill: '#2a261f' }, line));
      });
    } else {
      g.append(el('text', { x: c.x, y: c.y + ch * 0.36, 'text-anchor': 'middle', 'font-family': font, 'font-size': Math.max(6, ch * 0.42), 'font-weight': 600, fill: '#2a261f' }, card.id));
    }
    svg.append(g);
  }
  if (chosen.length) drawOutcomeStrip(svg, el, chosen, { y: top + fieldH + bottom, width, height: stripH, detailed, font });
  return svg;
}

/** The round's outcome cards side by side on a strip under the board picture. */
function drawOutcomeStrip(svg, el, chosen, { y, width, height, detailed, font }) {
  svg.append(el('rect', { x: 0, y, width, height, fill: '#eef2f7', 'data-outcome-strip': 'true' }));
  const gap = width * 0.01;
  const cw = Math.min(width * (detailed ? 0.15 : 0.1), (width - gap * (chosen.length + 1)) / chosen.length);
  const ch = height * 0.8;
  chosen.forEach((o, i) => {
    const x = gap + i * (cw + gap);
    const cy = y + height * 0.1;
    const g = el('g', { 'data-outcome-id': o.id });
    g.append(el('rect', { x, y: cy, width: cw, height: ch, rx: ch * 0.08, fill: '#fffdf8', stroke: '#8a8170', 'stroke-width': Math.max(0.5, width / 1200) }));
    g.append(el('rect', { x, y: cy, width: cw, height: ch * (detailed ? 0.3 : 0.38), rx: ch * 0.08, fill: '#b9cde3' }));
    if (detailed) {
      g.append(el('text', { x: x + cw * 0.05, y: cy + ch * 0.23, 'font-family': font, 'font-size': ch * 0.2, 'font-weight': 700, fill: '#3b362c' }, o.id));
      wrap(tx(o.label), 24, 2).forEach((line, n) => {
        g.append(el('text', { x: x + cw / 2, y: cy + ch * 0.55 + n * ch * 0.22, 'text-anchor': 'middle', 'font-family': font, 'font-size': ch * 0.18, fill: '#2a261f' }, line));
      });
    } else {
      g.append(el('text', { x: x + cw / 2, y: cy + ch * 0.85, 'text-anchor': 'middle', 'font-family': font, 'font-size': Math.max(6, ch * 0.42), 'font-weight': 600, fill: '#2a261f' }, o.id));
    }
    svg.append(g);
  });
}

/** A board picture as a PNG blob (for "save the photo"). */
export function svgToPng(svg, width, height) {
  return new Promise((resolve, reject) => {
    const data = new XMLSerializer().serializeToString(svg);
    const url = URL.createObjectURL(new Blob([data], { type: 'image/svg+xml' }));
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      canvas.getContext('2d').drawImage(img, 0, 0, width, height);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no png'))), 'image/png');
    };
    img.onerror = (e) => { URL.revokeObjectURL(url); reject(e); };
    img.src = url;
  });
}
