// No typed word is lost: every text a person types (explanation, reflection, note, annotation,
// answer, broadcast) is kept in this browser as a draft while it is typed, so it survives switching
// cards, a reload and a dropped connection, and a field that saves itself does so after a pause or
// when it loses focus, showing "saving", "saved" or "waiting for the connection".

import { debounce } from './dom.js';
import { t } from './i18n.js';
import { storage } from './storage.js';

/** The key of one draft: workshop, table (or "console"), round (0 outside rounds) and field. */
export function draftKey(workshopId, table, round, field) {
  return `${workshopId}.${table}.${round || 0}.${field}`;
}

export const drafts = {
  get: (key) => (key ? storage.draft(key) : null),
  keep: (key, text) => { if (key) storage.setDraft(key, text); },
  /** Forgets a draft once the server holds that text (a newer draft stays). */
  done: (key, text) => { if (key && storage.draft(key) === text) storage.setDraft(key, null); },
};

// A field left by a click on a card is saved once that click has landed: the save redraws the board,
// and a card redrawn between pointerdown and pointerup would swallow the click.
let pointerIsDown = false;
window.addEventListener('pointerdown', () => { pointerIsDown = true; }, true);
window.addEventListener('pointerup', () => { pointerIsDown = false; }, true);

function afterClick(fn) {
  if (!pointerIsDown) fn();
  else window.addEventListener('pointerup', () => setTimeout(fn, 0), { once: true, capture: true });
}

function showState(status, state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

/**
 * Makes a textarea save itself: the draft is kept on every keystroke, sent after `pauseMs` without
 * typing or when the field loses focus, and forgotten once the server accepted it. key() names the
 * draft of what the field shows now; save(text) sends it and answers a promise; busy() is the word for
 * "saving" (it differs while the connection is down and the command waits in the outbox).
 */
export function autosave({ area, status, key, save, busy, pauseMs = 1200 }) {
  let saved = area.value;
  let sending = null; // the text on its way (a blur and a save button right after it send it once)
  const send = () => {
    if (area.readOnly || area.value === saved || area.value === sending) return;
    const text = area.value;
    const k = key();
    sending = text;
    showState(status, 'saving', busy());
    save(text).finally(() => { if (sending === text) sending = null; }).then(() => {
      drafts.done(k, text);
      if (key() !== k) return;
      saved = text;
      if (area.value === text) {
        area.classList.remove('dirty');
        showState(status, 'saved', t('save.saved'));
      }
    }, () => showState(status, 'failed', t('save.failed')));
  };
  const later = debounce(send, pauseMs);
  area.addEventListener('input', () => {
    area.classList.add('dirty');
    drafts.keep(key(), area.value);
    showState(status, 'typing', t('save.typing'));
    later();
  });
  area.addEventListener('blur', () => afterClick(() => later.flush()));
  return {
    /**
     * Shows what the server holds. For a field that now shows something else (fresh: another card, a
     * reload) a draft that differs from it comes back and is saved again; otherwise the text being typed
     * is left alone.
     */
    show(incoming, fresh = false) {
      const text = incoming || '';
      if (fresh) {
        saved = text;
        sending = null;
        const draft = drafts.get(key());
        if (draft !== null && draft !== text && !area.readOnly) {
          area.value = draft;
          area.classList.add('dirty');
          showState(status, 'draft', t('save.draft'));
          later();
        } else {
          drafts.done(key(), text);
          area.value = text;
          area.classList.remove('dirty');
          showState(status, '', '');
        }
        return;
      }
      if (document.activeElement === area || area.classList.contains('dirty')) return;
      area.value = text;
      saved = text;
    },
    /** Sends what waits now (before the field is switched to another card or the page goes). */
    flush() { later.flush(); },
    /** Sends now, whether or not a pause was waited for (a save button, Ctrl+Enter). */
    saveNow() { later.cancel(); send(); },
  };
}

/** Keeps the text of a field that is sent by a button (an annotation, a broadcast) as a draft until it is sent. */
export function keepDraft(area, key) {
  const draft = drafts.get(key());
  if (draft !== null && !area.value) area.value = draft;
  area.addEventListener('input', () => drafts.keep(key(), area.value || null));
  return {
    /** The text was sent: forget it. */
    sent(text) { drafts.done(key(), text); },
  };
}
