// Laying cards by hand: drag with pointer events (mouse, touch and pen alike), tap-then-tap, and the
// keyboard alone. A card from the tray is selected, its spot chosen with the arrow keys (left and
// right walk along the strength axis across the middle, up and down move it vertically), Enter lays
// it and Escape lets go. Placed cards take the same keys; Delete puts one back in the tray.

import { h } from './dom.js';
import { positionFromPoint, cardFace, cardOf, positionText } from './board.js';
import { t, tx } from './i18n.js';

const DRAG_THRESHOLD = 6;
const STEP = 0.1;
const FINE_STEP = 0.02;
const Y_STEP = 0.05;
const FINE_Y_STEP = 0.01;

const round3 = (v) => Math.round(v * 1000) / 1000;
const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));

/** One step along the board's axis: negative is the stimulating half, positive the hindering half. */
export function stepPosition(pos, key, fine = false) {
  const next = { ...pos };
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    const step = (fine ? FINE_STEP : STEP) * (key === 'ArrowLeft' ? -1 : 1);
    const signed = round3(clamp((pos.side === 'stimulating' ? -pos.strength : pos.strength) + step, -1, 1));
    if (signed < 0) { next.side = 'stimulating'; next.strength = -signed; }
    else if (signed > 0) { next.side = 'hindering'; next.strength = signed; }
    else next.strength = 0;
  } else if (key === 'ArrowUp' || key === 'ArrowDown') {
    const step = (fine ? FINE_Y_STEP : Y_STEP) * (key === 'ArrowUp' ? -1 : 1);
    next.y = round3(clamp(pos.y + step, 0, 1));
  }
  return next;
}

const ARROWS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'];

/**
 * The drag a pointer move belongs to, or null while it is another pointer's or has not gone a few
 * pixels from where it went down; `fresh` is true on the move that starts it.
 */
export function dragStep(drag, e) {
  if (!drag || e.pointerId !== drag.pointerId) return null;
  drag.fresh = false;
  if (!drag.started) {
    if (Math.hypot(e.clientX - drag.x, e.clientY - drag.y) < DRAG_THRESHOLD) return null;
    drag.started = drag.fresh = true;
  }
  return drag;
}

/** The card that follows the pointer while it is dragged (a factor or an outcome card's face). */
export function liftFloat(face) {
  const float = h('div', { class: 'drag-float', 'aria-hidden': 'true' }, face);
  document.body.append(float);
  document.body.classList.add('dragging');
  return float;
}

export function dropFloat(float) {
  float.remove();
  document.body.classList.remove('dragging');
}

/**
 * Ends a handler's drag (its drag, move_ and up_) on the pointer's up or cancel: the drag, or null when
 * the event is another pointer's or the pointer never went far enough to drag.
 */
export function endDrag(handler, e) {
  const d = handler.drag;
  if (!d || e.pointerId !== d.pointerId) return null;
  followPointer(handler.move_, handler.up_, false);
  handler.drag = null;
  return d.started ? d : null;
}

/** Listens to the pointer anywhere in the window during a drag (on = false: stops listening). */
export function followPointer(move, up, on = true) {
  const method = on ? 'addEventListener' : 'removeEventListener';
  window[method]('pointermove', move);
  window[method]('pointerup', up);
  window[method]('pointercancel', up);
}

export class CardHandler {
  /**
   * @param o.boardView the BoardView
   * @param o.board the #board element
   * @param o.tray the #tray element
   * @param o.deck the deck
   * @param o.canLay () => true when this seat may lay cards now
   * @param o.whyNot () => a sentence why not
   * @param o.copiesLeft (cardId) => copies of the card still in the tray
   * @param o.placementOf (placementId) => the placement
   * @param o.startPosition () => where a card picked with the keyboard starts
   * @param o.place (cardId, pos) => Promise
   * @param o.move (placementId, pos) => Promise
   * @param o.remove (placementId) => Promise
   * @param o.activate (placementId, {keyboard}) => void: click or Enter on a placed card
   * @param o.motion (payload) => void: a card in motion (done: true when it lands or is let go)
   * @param o.announce (text) => void
   */
  constructor(o) {
    Object.assign(this, o);
    this.mode = null;
    this.drag = null;
    this.suppressClick = false;
    this.tray.addEventListener('pointerdown', (e) => this.pointerDown(e, 'tray'));
    this.board.addEventListener('pointerdown', (e) => this.pointerDown(e, 'board'));
    this.tray.addEventListener('click', (e) => this.trayClick(e));
    this.tray.addEventListener('keydown', (e) => this.trayKey(e));
    this.tray.addEventListener('keyup', (e) => { if (e.key === ' ' && e.target.closest('.tray-card')) e.preventDefault(); });
    this.board.addEventListener('click', (e) => this.boardClick(e));
    this.board.addEventListener('keydown', (e) => this.placementKey(e));
    window.addEventListener('click', (e) => {
      if (this.suppressClick) {
        e.stopPropagation();
        e.preventDefault();
        this.suppressClick = false;
      }
    }, true);
    this.move_ = this.pointerMove.bind(this);
    this.up_ = this.pointerUp.bind(this);
  }

  // --- pointer ---

  pointerDown(e, where) {
    if (e.button !== 0 || this.drag) return;
    const source = where === 'tray' ? e.target.closest('.tray-card') : e.target.closest('.placement');
    if (!source) return;
    if (!this.canLay()) {
      // A drag from a locked tray says why instead of doing nothing (a plain click says it through select()).
      if (where === 'tray') {
        const moved = (m) => {
          if (Math.hypot(m.clientX - e.clientX, m.clientY - e.clientY) < DRAG_THRESHOLD) return;
          window.removeEventListener('pointermove', moved);
          this.announce(this.whyNot(), true);
        };
        window.addEventListener('pointermove', moved);
        window.addEventListener('pointerup', () => window.removeEventListener('pointermove', moved), { once: true });
      }
      return;
    }
    const cardId = source.dataset.cardId;
    if (where === 'tray' && this.copiesLeft(cardId) <= 0) return;
    this.drag = {
      where, cardId, placementId: source.dataset.placementId || null, source,
      x: e.clientX, y: e.clientY, pointerId: e.pointerId, started: false, pos: null,
    };
    followPointer(this.move_, this.up_);
  }

  pointerMove(e) {
    const d = dragStep(this.drag, e);
    if (!d) return;
    if (d.fresh) {
      this.cancelMode();
      d.float = liftFloat(cardFace(this.deck, cardOf(this.deck, d.cardId)));
      if (d.where === 'board') d.source.classList.add('drag-source');
    }
    e.preventDefault();
    d.float.style.left = `${e.clientX}px`;
    d.float.style.top = `${e.clientY}px`;
    const overBoard = inside(this.board.getBoundingClientRect(), e.clientX, e.clientY);
    const overTray = d.where === 'board' && inside(this.tray.getBoundingClientRect(), e.clientX, e.clientY);
    d.float.classList.toggle('over-board', overBoard);
    d.float.classList.toggle('over-tray', overTray);
    this.tray.classList.toggle('drop-back', overTray);
    if (overBoard) {
      d.pos = positionFromPoint(this.board.getBoundingClientRect(), e.clientX, e.clientY);
      this.motion({ cardId: d.cardId, placementId: d.placementId || undefined, ...d.pos });
    } else {
      d.pos = null;
    }
    d.overTray = overTray;
  }

  pointerUp(e) {
    const d = endDrag(this, e);
    if (!d) return;
    this.suppressClick = true;
    setTimeout(() => { this.suppressClick = false; }, 0);
    dropFloat(d.float);
    this.tray.classList.remove('drop-back');
    d.source.classList.remove('drag-source');
    const last = d.pos || (d.placementId ? this.placementOf(d.placementId) : null);
    this.motion({
      cardId: d.cardId, placementId: d.placementId || undefined,
      ...(last ? { side: last.side, strength: last.strength, y: last.y } : {}), done: true,
    });
    if (e.type === 'pointercancel') return;
    if (d.pos) {
      if (d.where === 'tray') this.place(d.cardId, d.pos);
      else this.move(d.placementId, d.pos);
    } else if (d.overTray) {
      this.remove(d.placementId);
    }
  }

  // --- tap and keyboard ---

  trayClick(e) {
    const button = e.target.closest('.tray-card');
    if (!button || e.detail === 0) return;
    this.select(button.dataset.cardId);
  }

  /** Picks a card from the tray: its spot is then chosen with the keys or by tapping the board. */
  select(cardId) {
    if (this.mode && this.mode.kind === 'place' && this.mode.cardId === cardId) {
      this.cancelMode(true);
      return;
    }
    if (!this.canLay()) {
      this.announce(this.whyNot(), true);
      return;
    }
    if (this.copiesLeft(cardId) <= 0) {
      this.announce(t('tray.noneLeft'), true);
      return;
    }
    this.cancelMode();
    const pos = this.startPosition();
    this.mode = { kind: 'place', cardId, pos };
    this.markSelected(cardId);
    this.showMode();
    this.announce(t('keys.selected', { card: tx(cardOf(this.deck, cardId).label), position: positionText(this.deck, pos) }));
  }

  trayKey(e) {
    const button = e.target.closest('.tray-card');
    if (!button) return;
    const cardId = button.dataset.cardId;
    const active = this.mode && this.mode.kind === 'place' && this.mode.cardId === cardId;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (active && e.key === 'Enter') this.commit();
      else this.select(cardId);
    } else if (active && ARROWS.includes(e.key)) {
      e.preventDefault();
      this.step(e.key, e.shiftKey);
    } else if (e.key === 'Escape' && this.mode) {
      e.preventDefault();
      this.cancelMode(true);
    }
  }

  placementKey(e) {
    const el = e.target.closest('.placement');
    if (!el || e.target !== el) return;
    const placementId = el.dataset.placementId;
    const moving = this.mode && this.mode.kind === 'move' && this.mode.placementId === placementId;
    if (ARROWS.includes(e.key)) {
      e.preventDefault();
      if (!this.canLay()) {
        this.announce(this.whyNot(), true);
        return;
      }
      if (!moving) {
        const p = this.placementOf(placementId);
        if (!p) return;
        this.cancelMode();
        this.mode = { kind: 'move', placementId, cardId: p.cardId, pos: { side: p.side, strength: p.strength, y: p.y } };
      }
      this.step(e.key, e.shiftKey);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (moving) this.commit();
      else this.activate(placementId, { keyboard: true });
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      if (!this.canLay()) {
        this.announce(this.whyNot(), true);
        return;
      }
      this.cancelMode();
      this.remove(placementId);
    } else if (e.key === 'Escape' && this.mode) {
      e.preventDefault();
      this.cancelMode(true);
    }
  }

  boardClick(e) {
    if (this.mode && this.mode.kind === 'place') {
      this.mode.pos = positionFromPoint(this.board.getBoundingClientRect(), e.clientX, e.clientY);
      this.commit();
      return;
    }
    const placement = e.target.closest('.placement');
    if (placement) {
      if (this.mode && this.mode.kind === 'move' && this.mode.placementId === placement.dataset.placementId) return;
      this.activate(placement.dataset.placementId);
      return;
    }
    if (!this.mode) return;
    this.mode.pos = positionFromPoint(this.board.getBoundingClientRect(), e.clientX, e.clientY);
    this.commit();
  }

  step(key, fine) {
    this.mode.pos = stepPosition(this.mode.pos, key, fine);
    this.mode.moved = true;
    this.showMode();
    this.motion({ cardId: this.mode.cardId, placementId: this.mode.placementId, ...this.mode.pos });
    this.announce(positionText(this.deck, this.mode.pos));
  }

  showMode() {
    this.boardView.showPreview(this.mode.pos, this.mode.cardId);
  }

  commit() {
    const m = this.mode;
    if (!m) return;
    this.mode = null;
    this.markSelected(null);
    this.motion({ cardId: m.cardId, placementId: m.placementId, ...m.pos, done: true });
    this.boardView.hidePreview();
    if (m.kind === 'place') this.place(m.cardId, m.pos);
    else this.move(m.placementId, m.pos);
  }

  cancelMode(say = false) {
    const m = this.mode;
    if (!m) return;
    this.mode = null;
    this.markSelected(null);
    this.boardView.hidePreview();
    if (m.moved) {
      const p = m.placementId ? this.placementOf(m.placementId) : null;
      this.motion({ cardId: m.cardId, placementId: m.placementId, ...(p ? { side: p.side, strength: p.strength, y: p.y } : m.pos), done: true });
    }
    if (say) this.announce(t('keys.cancelled'));
  }

  markSelected(cardId) {
    for (const b of this.tray.querySelectorAll('.tray-card')) {
      const on = b.dataset.cardId === cardId;
      b.classList.toggle('selected', on);
      b.setAttribute('aria-pressed', String(on));
    }
    this.board.classList.toggle('placing', !!cardId);
  }
}

function inside(rect, x, y) {
  return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
}
