// Small DOM helpers shared by every page: one way to make an element, find one, and empty one.

/**
 * Makes an element. attrs: plain attributes, plus `class`, `text`, `dataset`, `style` (object),
 * `on` ({event: handler}) and boolean properties (`hidden`, `disabled`, `checked`, `selected`).
 */
/**
 * Text only screen readers hear: a control is named by what it shows, and says the rest after it
 * (WCAG 2.5.3, label in name: speech input finds a control by its visible words).
 */
export function srOnly(text) {
  return h('span', { class: 'sr-only', text });
}

export function h(tag, attrs = {}, ...children) {
  const el = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.setAttribute('class', value);
    else if (key === 'text') el.textContent = value;
    else if (key === 'html') el.innerHTML = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'style' && typeof value === 'object') {
      for (const [p, v] of Object.entries(value)) {
        if (p.startsWith('--')) el.style.setProperty(p, v); else el.style[p] = v;
      }
    } else if (key === 'on') {
      for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    } else if (['hidden', 'disabled', 'checked', 'selected', 'open', 'readOnly', 'required', 'value'].includes(key)) {
      el[key] = value;
    } else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export const $ = (selector, root = document) => root.querySelector(selector);
export const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

/** Replaces the children of an element. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Reads `#a=1&b=2` (or `?a=1&b=2`) into an object. */
export function params(source = location.hash) {
  const out = {};
  const text = source.replace(/^[#?]/, '');
  for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  return out;
}

/** Calls fn at most once per `ms`, always with the latest arguments, and once more at the end. */
export function throttle(fn, ms) {
  let last = 0;
  let timer = null;
  let pending = null;
  const run = () => {
    last = Date.now();
    timer = null;
    const args = pending;
    pending = null;
    fn(...args);
  };
  const throttled = (...args) => {
    pending = args;
    const wait = ms - (Date.now() - last);
    if (wait <= 0 && !timer) run();
    else if (!timer) timer = setTimeout(run, wait);
  };
  throttled.cancel = () => { clearTimeout(timer); timer = null; pending = null; };
  throttled.flush = () => { if (timer) { clearTimeout(timer); run(); } };
  return throttled;
}

/** Calls fn once, `ms` after the last call. */
export function debounce(fn, ms) {
  let timer = null;
  let pending = null;
  const debounced = (...args) => {
    pending = args;
    clearTimeout(timer);
    timer = setTimeout(() => { timer = null; fn(...pending); }, ms);
  };
  debounced.flush = () => { if (timer) { clearTimeout(timer); timer = null; fn(...pending); } };
  debounced.cancel = () => { clearTimeout(timer); timer = null; };
  return debounced;
}

/** Saves a blob as a download with the given file name. */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
