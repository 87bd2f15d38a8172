// The shared laptop holds every seat of its table; this switcher picks whose layout it shows
// (the interviewer's script, the respondent's tray and board, the reporter's notes, the observer's
// annotation and reflection). Only the layout changes: the shared seat keeps every permission.
// The choice is remembered in this browser.
import { h } from './dom.js';
import { t } from './i18n.js';
import { storage } from './storage.js';

export const LAYOUTS = ['interviewer', 'respondent', 'reporter', 'observer'];

/** The layout the shared laptop showed last in this browser; the respondent's when none was chosen. */
export function sharedLayout() {
  const kept = storage.sharedLayout();
  return LAYOUTS.includes(kept) ? kept : 'respondent';
}

/**
 * A segmented control of four buttons (aria-pressed on the one shown); Tab reaches the group,
 * arrow keys, Home and End move between the buttons, Enter or Space (or a click) switches.
 * {@code choose(layout)} rebuilds the page in that layout.
 */
export function layoutSwitcher(current, choose) {
  const buttons = LAYOUTS.map((layout) => h('button', {
    type: 'button', class: 'layout-option', dataset: { layout }, 'aria-pressed': String(layout === current),
    tabindex: layout === current ? '0' : '-1', text: t(`layout.${layout}`),
  }));
  const el = h('section', { class: 'panel layout-switch', id: 'layout-switch', 'aria-labelledby': 'layout-switch-title' },
    h('h2', { id: 'layout-switch-title', class: 'layout-switch-title', text: t('layout.title') }),
    h('div', { class: 'segmented', role: 'group', 'aria-labelledby': 'layout-switch-title' }, buttons));
  const pick = (layout) => {
    if (layout === current) return;
    storage.setSharedLayout(layout);
    choose(layout);
  };
  buttons.forEach((button, i) => {
    button.addEventListener('click', () => pick(button.dataset.layout));
    button.addEventListener('keydown', (e) => {
      const to = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      buttons[(to + buttons.length) % buttons.length].focus();
    });
  });
  return { el, update: () => {} };
}

/** After a switch the page is rebuilt; the keyboard stays on the button just chosen. */
export function focusLayoutButton(root, layout) {
  const button = root.querySelector(`.layout-option[data-layout="${layout}"]`);
  if (button) button.focus();
}
