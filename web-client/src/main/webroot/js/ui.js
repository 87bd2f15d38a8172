// What every page shares around its content: the language switch, the connection state, toasts
// for the server's refusals, and a live region for screen readers.

import { h, $ } from './dom.js';
import { t, has, getLang, setLang, LANGUAGES, applyI18n, onLangChange } from './i18n.js';
import { storage } from './storage.js';
import { unlockAudioOnGesture } from './clock.js';

/** Shows a short, non-blocking message. kind: info, success, error. */
export function toast(message, kind = 'info', timeoutMs = 5000) {
  let box = $('#toasts');
  if (!box) {
    box = h('div', { id: 'toasts', class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(box);
  }
  const close = h('button', { class: 'toast-close', type: 'button', 'aria-label': t('common.close'), text: '×' });
  const item = h('div', { class: `toast toast-${kind}`, dataset: { kind } }, h('span', { text: message }), close);
  const remove = () => item.remove();
  close.addEventListener('click', remove);
  box.append(item);
  // a calm screen: never more than four messages at once
  while (box.children.length > 4) box.firstElementChild.remove();
  setTimeout(remove, timeoutMs);
  return item;
}

/** The user's words for a refusal: our translation of its code when we have one, else the server's message. */
export function refusalText(error) {
  const code = error && error.code;
  if (code && has(`error.${code}`)) return t(`error.${code}`);
  return (error && error.message) || t('error.unknown');
}

/**
 * Shows a refusal as a toast. A command that waited in the outbox (or was sent again after a lost
 * reply) says which one it was.
 */
export function showRefusal(error) {
  const command = error && error.command;
  let action = command && has(`outbox.action.${command}`) ? t(`outbox.action.${command}`) : t('outbox.action.other');
  if (error && error.detail) action = `${action} (${error.detail})`;
  let text = refusalText(error);
  if (error && error.queued) text = t('outbox.refused', { action, reason: text });
  const item = toast(text, 'error', 7000);
  item.dataset.code = (error && error.code) || 'unknown';
  if (command) item.dataset.command = command;
}

/** Announces a sentence to screen readers. */
export function announce(text) {
  let region = $('#announcer');
  if (!region) {
    region = h('div', { id: 'announcer', class: 'sr-only', 'aria-live': 'polite', 'aria-atomic': 'true' });
    document.body.append(region);
  }
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 30);
}

/** Fills a [data-lang-switch] element with NL/EN buttons. */
export function mountLanguageSwitch(container) {
  if (!container) return;
  const render = () => {
    container.replaceChildren(...LANGUAGES.map((lang) => h('button', {
      type: 'button',
      class: 'lang-button',
      lang,
      'aria-pressed': String(lang === getLang()),
      // The name starts with what the button shows (NL, EN), so speech input finds it by its visible label.
      'aria-label': `${lang.toUpperCase()}: ${t(`lang.switchTo.${lang}`)}`,
      dataset: { lang },
      text: lang.toUpperCase(),
      on: { click: () => setLang(lang) },
    })));
    container.setAttribute('role', 'group');
    container.setAttribute('aria-label', t('lang.label'));
  };
  render();
  onLangChange(render);
}

/**
 * Keeps a [data-testid=connection] element showing the bus state; answers a setter for the state,
 * whose .pending(n) shows how many commands wait in the outbox.
 */
export function connectionIndicator(el) {
  let state = 'connecting';
  let pending = 0;
  const render = () => {
    el.dataset.state = state;
    el.dataset.pending = String(pending);
    el.setAttribute('role', 'status');
    el.setAttribute('aria-live', 'polite');
    el.replaceChildren(h('span', { class: 'dot', 'aria-hidden': 'true' }), h('span', { class: 'connection-label', text: t(`connection.${state}`) }));
    if (pending) el.append(h('span', { class: 'outbox-count', dataset: { testid: 'outbox', count: pending }, text: pending === 1 ? t('outbox.countOne') : t('outbox.count', { count: pending }) }));
    el.title = t(`connection.${state}.hint`);
  };
  render();
  onLangChange(render);
  const set = (next) => { state = next; render(); };
  set.pending = (n) => {
    if (n === pending) return;
    pending = n;
    render();
  };
  return set;
}

/** A button that turns the whistle sound on and off (and, being a gesture, unlocks audio). */
export function mountSoundToggle(button) {
  if (!button) return;
  const render = () => {
    const on = storage.sound();
    button.setAttribute('aria-pressed', String(on));
    button.textContent = on ? t('sound.on') : t('sound.off');
    button.title = t('sound.hint');
  };
  button.addEventListener('click', () => { storage.setSound(!storage.sound()); render(); });
  render();
  onLangChange(render);
}

/** What every page does first: translate the static text, the language switch, audio unlock. */
export function startPage() {
  document.documentElement.lang = getLang();
  applyI18n(document);
  for (const el of document.querySelectorAll('[data-lang-switch]')) mountLanguageSwitch(el);
  unlockAudioOnGesture();
  // the sticky header's height, so side columns stick just below it
  const head = $('#sticky-head');
  if (head && window.ResizeObserver) {
    new ResizeObserver(() => document.documentElement.style.setProperty('--head-h', `${head.offsetHeight}px`)).observe(head);
  }
}

/** A full-page message when the page cannot work (no token, unknown workshop). */
export function showFatal(main, titleKey, textKey, link) {
  main.replaceChildren(h('section', { class: 'panel fatal', role: 'alert' },
    h('h2', { text: t(titleKey) }),
    h('p', { text: t(textKey) }),
    link ? h('p', {}, h('a', { class: 'button', href: link.href, text: t(link.key) })) : null));
}
