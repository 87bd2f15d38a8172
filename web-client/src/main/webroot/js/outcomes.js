// The outcome cards ("kaartjes met opbrengsten"): a group of their own at the foot of the tray, and a
// strip under the board where the round's chosen outcomes lie, so that with all cards on the table the
// respondent sees factors and outcomes together. Laying one (drag to the strip or the board, or Enter
// on it in the tray) sends markOutcome chosen=true for the round shown; taking it off (drag back to
// the tray, its × button, Delete on it, or Enter on it in the tray again) sends chosen=false. Who may
// follows the chooseProfile row of the permissions, like the profile.

import { h, fill, srOnly } from './dom.js';
import { t, tx, getLang } from './i18n.js';
import { currentRound } from './state.js';
import { dragStep, endDrag, liftFloat, dropFloat, followPointer } from './interaction.js';

/** The face of an outcome card: the same card look as a factor, in the outcome colour. */
export function outcomeFace(outcome) {
  return h('div', { class: 'card card-outcome' },
    h('div', { class: 'card-band' },
      h('span', { class: 'card-number', text: outcome.id }),
      h('span', { class: 'card-category', text: t('outcomes.title') })),
    h('div', { class: 'card-label', lang: getLang(), text: tx(outcome.label) }));
}

/** The chosen outcomes of a round, in the deck's order. */
export function chosenOutcomes(deck, round) {
  const picked = new Set((round && round.outcomes) || []);
  return (deck.outcomes || []).filter((o) => picked.has(o.id));
}

const inside = (rect, x, y) => x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;

/**
 * The outcome cards of a table page. ctx: the page (deck, table, can, send); tray: the tray element
 * (the group is appended by drawTray); frame: the board's frame (the strip is appended to it).
 */
export class OutcomeCards {
  constructor(ctx, { tray, frame, announce }) {
    this.ctx = ctx;
    this.tray = tray;
    this.frame = frame;
    this.announce = announce;
    this.drag = null;
    this.stripTitle = h('h3', { id: 'outcome-strip-title', class: 'outcome-strip-title' });
    this.stripCards = h('ul', { class: 'outcome-strip-cards' });
    this.stripEmpty = h('p', { class: 'outcome-strip-empty' });
    this.strip = h('section', {
      id: 'outcome-strip', class: 'outcome-strip', dataset: { testid: 'outcome-strip' }, 'aria-labelledby': 'outcome-strip-title',
    }, this.stripTitle, this.stripCards, this.stripEmpty);
    frame.append(this.strip);
    this.move_ = (e) => this.pointerMove(e);
    this.up_ = (e) => this.pointerUp(e);
    tray.addEventListener('pointerdown', (e) => this.pointerDown(e, e.target.closest('.outcome-tray-card')));
    this.strip.addEventListener('pointerdown', (e) => {
      if (!e.target.closest('.outcome-take-off')) this.pointerDown(e, e.target.closest('.outcome-on-board'));
    });
    tray.addEventListener('click', (e) => {
      const button = e.target.closest('.outcome-tray-card');
      if (button) this.toggle(button.dataset.outcomeId);
    });
    this.strip.addEventListener('click', (e) => {
      const button = e.target.closest('.outcome-take-off');
      if (button) this.mark(button.dataset.outcomeId, false);
    });
    this.strip.addEventListener('keydown', (e) => {
      const card = e.target.closest('.outcome-on-board');
      if (!card || e.target !== card || !['Delete', 'Backspace'].includes(e.key)) return;
      e.preventDefault();
      this.mark(card.dataset.outcomeId, false);
    });
  }

  get outcomes() {
    return this.ctx.deck.outcomes || [];
  }

  get round() {
    return currentRound(this.ctx.table);
  }

  allowed() {
    return !!this.round && this.ctx.can('chooseProfile');
  }

  whyNot() {
    return this.round ? t('outcomes.notYours') : t('why.noRound');
  }

  onBoard(outcomeId) {
    const round = this.round;
    return !!round && (round.outcomes || []).includes(outcomeId);
  }

  toggle(outcomeId) {
    this.mark(outcomeId, !this.onBoard(outcomeId));
  }

  /** Lays an outcome on the strip (chosen) or takes it off, for the round shown. */
  mark(outcomeId, chosen) {
    const round = this.round;
    if (!this.allowed()) {
      this.announce(this.whyNot(), true);
      return;
    }
    if (this.onBoard(outcomeId) === chosen) return;
    const outcome = this.outcomes.find((o) => o.id === outcomeId);
    this.ctx.send('markOutcome', { outcomeId, chosen, round: round.round }).then(() => {
      this.announce(t(chosen ? 'outcomes.laid' : 'outcomes.takenOff', { card: tx(outcome && outcome.label) }));
    }, () => {});
  }

  /** The tray's group of outcome cards (after the factor categories); none when the deck has none. */
  drawTray() {
    if (!this.outcomes.length) return;
    this.trayHint = h('p', { class: 'hint outcome-tray-hint' });
    this.group = h('div', { class: 'tray-group tray-outcomes', dataset: { category: 'outcomes' } },
      h('h3', { class: 'tray-category' }, h('span', { class: 'swatch swatch-outcome', 'aria-hidden': 'true' }), t('outcomes.title')),
      this.trayHint,
      h('div', { class: 'tray-cards' }, this.outcomes.map((o) => h('button', {
        type: 'button', class: 'outcome-tray-card', dataset: { outcomeId: o.id }, title: tx(o.label),
      }, outcomeFace(o), h('span', { class: 'on-board-mark', 'aria-hidden': 'true' }), h('span', { class: 'sr-only outcome-said' })))));
    this.tray.append(this.group);
  }

  update() {
    const has = this.outcomes.length > 0;
    this.strip.hidden = !has;
    this.frame.classList.toggle('with-outcomes', has);
    if (!has) return;
    const allowed = this.allowed();
    const chosen = chosenOutcomes(this.ctx.deck, this.round);
    this.stripTitle.textContent = t('outcomes.title');
    this.stripEmpty.hidden = chosen.length > 0;
    this.stripEmpty.textContent = allowed ? t('outcomes.stripEmpty') : t('outcomes.stripEmptyWatch');
    this.strip.classList.toggle('can-mark', allowed);
    const key = `${chosen.map((o) => o.id).join(',')}|${allowed}|${getLang()}`;
    if (key !== this.stripKey) {
      const focused = document.activeElement && document.activeElement.closest && document.activeElement.closest('.outcome-strip');
      this.stripKey = key;
      fill(this.stripCards, chosen.map((o) => h('li', {
        class: 'outcome-on-board', tabindex: '0', dataset: { outcomeId: o.id },
      }, outcomeFace(o), srOnly(t(allowed ? 'outcomes.onBoardAriaKeys' : 'outcomes.onBoardAria')), allowed ? h('button', {
        type: 'button', class: 'outcome-take-off', dataset: { outcomeId: o.id }, text: '×',
        'aria-label': t('outcomes.takeOff', { card: tx(o.label) }), title: t('outcomes.takeOff', { card: tx(o.label) }),
      }) : null)));
      if (focused && !this.strip.contains(document.activeElement)) (this.stripCards.querySelector('.outcome-on-board') || this.strip).focus?.();
    }
    if (!this.group) return;
    this.group.classList.toggle('locked', !allowed);
    this.trayHint.textContent = allowed ? t('outcomes.trayHint') : this.whyNot();
    for (const button of this.group.querySelectorAll('.outcome-tray-card')) {
      const o = this.outcomes.find((x) => x.id === button.dataset.outcomeId);
      const on = this.onBoard(o.id);
      button.dataset.onBoard = String(on);
      button.setAttribute('aria-pressed', String(on));
      button.setAttribute('aria-disabled', String(!allowed));
      button.querySelector('.outcome-said').textContent = t('outcomes.trayAria', { where: t(on ? 'outcomes.isOnBoard' : 'outcomes.isInTray') });
      button.querySelector('.on-board-mark').textContent = on ? t('outcomes.isOnBoard') : '';
    }
  }

  // --- dragging: from the tray to the strip (or anywhere on the board), from the strip back to the tray ---

  pointerDown(e, source) {
    if (!source || e.button !== 0 || this.drag) return;
    if (!this.allowed()) return;
    const fromTray = source.classList.contains('outcome-tray-card');
    this.drag = { source, fromTray, outcomeId: source.dataset.outcomeId, x: e.clientX, y: e.clientY, pointerId: e.pointerId, started: false };
    followPointer(this.move_, this.up_);
  }

  pointerMove(e) {
    const d = dragStep(this.drag, e);
    if (!d) return;
    if (d.fresh) {
      d.float = liftFloat(outcomeFace(this.outcomes.find((o) => o.id === d.outcomeId)));
      d.source.classList.add('drag-source');
    }
    e.preventDefault();
    d.float.style.left = `${e.clientX}px`;
    d.float.style.top = `${e.clientY}px`;
    d.overBoard = d.fromTray && inside(this.frame.getBoundingClientRect(), e.clientX, e.clientY);
    d.overTray = !d.fromTray && inside(this.tray.getBoundingClientRect(), e.clientX, e.clientY);
    d.float.classList.toggle('over-board', !!d.overBoard);
    d.float.classList.toggle('over-tray', !!d.overTray);
    this.strip.classList.toggle('drop-here', !!d.overBoard);
    this.tray.classList.toggle('drop-back', !!d.overTray);
  }

  pointerUp(e) {
    const d = endDrag(this, e);
    if (!d) return;
    // the click that ends a drag is not a toggle
    const swallow = (c) => { c.stopPropagation(); c.preventDefault(); };
    window.addEventListener('click', swallow, { capture: true, once: true });
    setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 0);
    dropFloat(d.float);
    d.source.classList.remove('drag-source');
    this.strip.classList.remove('drop-here');
    this.tray.classList.remove('drop-back');
    if (e.type === 'pointercancel') return;
    if (d.overBoard) this.mark(d.outcomeId, true);
    else if (d.overTray) this.mark(d.outcomeId, false);
  }
}
