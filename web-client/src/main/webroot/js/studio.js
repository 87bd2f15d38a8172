// The deck studio: a facilitator makes a deck in the browser instead of writing JSON. It edits the
// deck as the format holds it (docs/decks.md), Dutch and English side by side; the server's own
// validator checks the draft as they type and each problem shows at its field (its JSON path is the
// field's data-path); only a valid deck can be saved. A preview shows the tray and the board as a
// respondent sees them. Cards can come from a spreadsheet (csv.js).

import { h, $, $$, fill, debounce, saveBlob } from './dom.js';
import { t, tx, has, getLang, onLangChange } from './i18n.js';
import { api } from './api.js';
import { storage } from './storage.js';
import { startPage, refusalText } from './ui.js';
import { BoardView, cardFace } from './board.js';
import { parseCsv, isHeader } from './csv.js';

startPage();

const LANGS = ['nl', 'en'];
/** Light colours that pass the validator's contrast rule with a wide margin (docs/decks.md, Colours). */
const PALETTE = ['#F6D8AE', '#CDE8C4', '#C8DCF4', '#E4D2F2', '#F9C9D2', '#FFF3B0'];

let deck = null;
let problems = [];
let valid = false;
let checking = false;
let checkSeq = 0;
/** The id and version last saved from here, so the next save is a new version. */
let saved = null;
let dirty = false;
let previewPlacements = [];
/** A new deck's id follows its title until the facilitator types an id of their own. */
let idFollowsTitle = false;
/** Items of a list the facilitator opened or folded, by path; lists longer than FOLD_ABOVE start folded. */
const openItems = new Map();
const FOLD_ABOVE = 6;

const emptyText = () => ({ nl: '', en: '' });

function emptyDeck() {
  // The halves' names and the strength words start as the bundled decks have them; the questions are the deck's own.
  const side = (nl, en) => ({ label: { nl, en }, question: emptyText() });
  return {
    id: '', version: 1, language: getLang(), title: emptyText(), description: emptyText(), source: '',
    categories: [], cards: [],
    board: {
      stimulating: side('Stimuleert', 'Stimulates'), hindering: side('Beperkt', 'Limits'),
      strength: { limited: { nl: 'In beperkte mate', en: 'To a limited extent' }, large: { nl: 'In grote mate', en: 'To a large extent' } },
    },
    script: { rounds: 2, roundMinutes: 15, questions: [] },
    outcomes: [], profiles: [], discussion: [],
  };
}

/** A deck as the server serves it, without the nulls of absent optional fields (the format leaves them out). */
function prune(value) {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = prune(v);
    return out;
  }
  return value;
}

/** A deck id from a title: "Leren in de wijk" becomes "leren-in-de-wijk". */
function slug(title) {
  return title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64).replace(/-+$/, '');
}

function nextId(list, prefix) {
  const used = new Set(list.map((x) => x.id));
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

function nextCategoryId() {
  const used = new Set(deck.categories.map((c) => c.id));
  const letter = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].find((l) => !used.has(l));
  return letter || nextId(deck.categories, 'C');
}

// --- the start ---

async function start() {
  let decks = [];
  try {
    decks = await api.decks();
  } catch (e) {
    $('#start-draft').hidden = false;
    $('#start-draft').textContent = refusalText(e);
  }
  const select = $('#start-deck');
  fill(select, decks.map((d) => h('option', { value: d.id, text: tx(d.title) })));
  if (decks.some((d) => d.id === 'llo-factoren')) select.value = 'llo-factoren';
  $('#start-copy').disabled = !decks.length;
  $('#start-copy').addEventListener('click', async () => {
    try {
      const original = prune(await api.deck(select.value));
      const ids = new Set(decks.map((d) => d.id));
      let id = `${original.id}-kopie`;
      for (let n = 2; ids.has(id); n++) id = `${original.id}-kopie-${n}`;
      original.id = id.slice(0, 64);
      original.version = 1;
      open(original, null);
    } catch (e) {
      $('#start-draft').hidden = false;
      $('#start-draft').textContent = refusalText(e);
    }
  });
  $('#start-empty').addEventListener('click', () => open(emptyDeck(), null));
  $('#start-file').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    try {
      open(prune(JSON.parse((await file.text()).replace(/^\uFEFF/, ''))), null);
    } catch {
      $('#start-draft').hidden = false;
      $('#start-draft').textContent = t('studio.start.notJson');
    }
  });
  const draft = storage.studioDraft();
  if (draft && draft.deck) {
    const note = $('#start-draft');
    note.hidden = false;
    fill(note, t('studio.start.draft', { title: tx(draft.deck.title) || draft.deck.id || '…' }), ' ',
      h('button', { type: 'button', class: 'button small', id: 'start-continue', text: t('studio.start.continue'), on: { click: () => open(draft.deck, draft.saved) } }));
  }
}

function open(next, lastSaved) {
  deck = next && typeof next === 'object' && !Array.isArray(next) ? next : emptyDeck();
  idFollowsTitle = !deck.id;
  saved = lastSaved;
  dirty = !lastSaved;
  previewPlacements = [];
  $('#studio-start').hidden = true;
  $('#studio-work').hidden = false;
  renderAll();
  changed();
}

// --- changes, checking, problems ---

const validateSoon = debounce(validate, 300);
const previewSoon = debounce(drawPreview, 150);
const keepDraft = debounce(() => storage.setStudioDraft({ deck, saved }), 500);

function changed() {
  dirty = true;
  checking = true;
  updateButtons();
  validateSoon();
  previewSoon();
  keepDraft();
}

async function validate() {
  const seq = ++checkSeq;
  try {
    const result = await api.validateDeck(deck);
    if (seq !== checkSeq) return; // a newer draft is on its way
    problems = result.problems || [];
    valid = !!result.valid;
    checking = false;
    showProblems(result);
  } catch (e) {
    if (seq !== checkSeq) return;
    checking = false;
    valid = false;
    fill($('#studio-status'), h('p', { class: 'form-error', text: refusalText(e) }));
  }
  updateButtons();
}

/** The element of a JSON path, or of the nearest path above it that has one. */
function fieldFor(path) {
  for (let p = path; p; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    const el = document.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (el) return el;
    if (!/(\.[^.[\]]+|\[\d+\])$/.test(p)) break;
  }
  return null;
}

/** The validator's message in the page's language (the server speaks English; Dutch is our default). */
const MESSAGES = [
  [/^is missing$/, 'studio.problem.missing'],
  [/^the (Dutch|English) translation is missing$/, 'studio.problem.translation', (m) => ({ lang: t(m[1] === 'Dutch' ? 'lang.nl' : 'lang.en') })],
  [/^the (Dutch|English) text is empty$/, 'studio.problem.translation', (m) => ({ lang: t(m[1] === 'Dutch' ? 'lang.nl' : 'lang.en') })],
  [/^is empty$/, 'studio.problem.empty'],
  [/^is (\d+) characters long, at most (\d+) fit$/, 'studio.problem.tooLong', (m) => ({ length: m[1], max: m[2] })],
  [/^must be a whole number$/, 'studio.problem.number'],
  [/^(-?\d+) is out of range: it must be from (\d+) to (\d+)$/, 'studio.problem.range', (m) => ({ value: m[1], min: m[2], max: m[3] })],
  [/^".*" is not a colour of the form #RRGGBB$/, 'studio.problem.colour'],
  [/^".*" is too dark: black card text reaches a contrast of ([\d.]+)/, 'studio.problem.dark', (m) => ({ contrast: m[1] })],
  [/^"(.*)" is used by an earlier item of/, 'studio.problem.duplicate', (m) => ({ id: m[1] })],
  [/^"(.*)" is not one of the categories/, 'studio.problem.category', (m) => ({ id: m[1] })],
  [/^".*" must be lowercase letters, digits and hyphens/, 'studio.problem.deckId'],
  [/^".*" must be letters, digits, _ or -/, 'studio.problem.itemId'],
  [/^a deck has at most (\d+) cards/, 'studio.problem.tooMany', (m) => ({ max: m[1] })],
];

function message(problem, target = fieldFor(problem.path)) {
  // "is empty" is said of a blank text and of a list without items alike
  if (problem.message === 'is empty' && target && target.matches('input, select, textarea')) return t('studio.problem.missing');
  for (const [pattern, key, vars] of MESSAGES) {
    const m = pattern.exec(problem.message);
    if (m) return t(key, vars ? vars(m) : undefined);
  }
  return problem.message;
}

const EMPTY_TEXT = /^the (Dutch|English) (translation is missing|text is empty)$/;

/** The problems to show, with a text empty in both languages said once ("fill this in") instead of twice. */
function grouped(list) {
  const empty = new Map();
  for (const p of list) {
    const m = /^(.*)\.(nl|en)$/.exec(p.path);
    if (m && EMPTY_TEXT.test(p.message)) empty.set(m[1], (empty.get(m[1]) || 0) + 1);
  }
  const out = [];
  const said = new Set();
  for (const p of list) {
    const m = /^(.*)\.(nl|en)$/.exec(p.path);
    if (m && EMPTY_TEXT.test(p.message) && empty.get(m[1]) === 2) {
      if (!said.has(m[1])) out.push({ path: m[1], message: 'is missing', both: true });
      said.add(m[1]);
    } else {
      out.push(p);
    }
  }
  return out;
}

function showProblems(result) {
  for (const box of $$('.sf-problems')) fill(box);
  for (const el of $$('[aria-invalid="true"]')) {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
  }
  for (const el of $$('.has-problem')) el.classList.remove('has-problem');
  const loose = [];
  const shown = grouped(problems);
  for (const p of shown) {
    const target = fieldFor(p.path);
    const host = target && (target.closest('[data-problems-host]') || target);
    const box = host && host.querySelector(':scope > .sf-problems');
    if (!box) {
      loose.push(p);
      continue;
    }
    host.classList.add('has-problem');
    for (let d = host.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
    const said = h('p', { class: 'sf-problem', id: fieldId(), dataset: { problemPath: p.path }, text: p.both ? t('studio.problem.bothEmpty') : message(p, target) });
    for (const input of p.both ? $$('input, textarea', target) : [target]) {
      if (!input.matches('input, select, textarea')) continue;
      // a screen reader hears the problem with the field
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', said.id);
    }
    box.append(said);
  }
  const status = $('#studio-status');
  if (valid) {
    fill(status, h('p', { class: 'studio-ok', dataset: { testid: 'studio-valid' }, text: t('studio.valid', { factors: counted(result.factors, 'factor'), cards: counted(result.cards, 'card') }) }));
    return;
  }
  fill(status,
    h('p', { class: 'studio-bad', dataset: { testid: 'studio-invalid' }, text: t(shown.length === 1 ? 'studio.invalidOne' : 'studio.invalid', { count: shown.length }) }),
    h('ul', { class: 'studio-problem-list' }, shown.slice(0, 5).map((p) => h('li', {},
      h('button', { type: 'button', class: 'link-button', text: `${where(p.path)}: ${p.both ? t('studio.problem.bothEmpty') : message(p)}`, on: { click: () => goTo(p.path) } })))),
    loose.length ? h('p', { class: 'hint', text: loose.map((p) => `${p.path || '—'}: ${message(p)}`).join(' · ') } ) : null);
}

/** "1 factor", "25 factoren": a count with its noun in the page's language. */
function counted(n, noun) {
  return t(n === 1 ? `studio.count.${noun}One` : `studio.count.${noun}s`, { count: n });
}

/** A path said in the page's words: "Kaart 3 · Label · Engels". */
function where(path) {
  const words = [];
  for (const m of path.matchAll(/([A-Za-z]+)(?:\[(\d+)\])?/g)) {
    const key = `studio.path.${m[1]}`;
    words.push(`${has(key) ? t(key) : m[1]}${m[2] !== undefined ? ` ${Number(m[2]) + 1}` : ''}`);
  }
  return words.join(' · ') || t('studio.path.deck');
}

function goTo(path) {
  const target = fieldFor(path);
  if (!target) return;
  target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const focusable = target.matches('input, select, textarea') ? target : target.querySelector('input, select, textarea');
  if (focusable) focusable.focus({ preventScroll: true });
}

function updateButtons() {
  const blocked = !valid || checking;
  $('#studio-save').disabled = blocked;
  $('#studio-workshop').disabled = blocked;
  $('#studio-save').title = blocked ? t('studio.fixFirst') : '';
  const printable = saved && saved.id === deck.id && !dirty;
  $('#studio-print').hidden = !printable;
  if (printable) {
    const lang = `?language=${getLang()}`;
    $('#studio-print-cards').href = `/api/decks/${encodeURIComponent(deck.id)}/print.pdf${lang}`;
    $('#studio-print-board').href = `/api/decks/${encodeURIComponent(deck.id)}/board.pdf${lang}`;
  }
}

// --- fields ---

let uid = 0;
const fieldId = () => `sf-${++uid}`;

/** A text in Dutch and English side by side; an empty one beside a filled one is marked as missing. */
function textField(owner, key, path, labelKey, { area = false, optional = false } = {}) {
  if (!owner[key] && !optional) owner[key] = emptyText();
  const label = t(labelKey) + (optional ? ` (${t('studio.optional')})` : '');
  const labelId = fieldId();
  let wrapper;
  const pairs = LANGS.map((lang) => {
    const value = (owner[key] && owner[key][lang]) || '';
    const attrs = { id: fieldId(), lang, dataset: { path: `${path}.${lang}` }, 'aria-label': `${label} (${t(`lang.${lang}`)})` };
    const input = area ? h('textarea', { ...attrs, rows: 2 }) : h('input', { ...attrs, type: 'text' });
    input.value = value;
    input.addEventListener('input', () => {
      if (!owner[key]) owner[key] = emptyText();
      owner[key][lang] = input.value;
      if (optional && !owner[key].nl.trim() && !owner[key].en.trim()) delete owner[key];
      markMissing(wrapper);
      changed();
    });
    return h('div', { class: 'sf-lang' },
      h('span', { class: 'lang-tag', 'aria-hidden': 'true', text: lang.toUpperCase() }),
      input,
      h('span', { class: 'missing-mark', hidden: true, text: t('studio.missing') }));
  });
  wrapper = h('div', { class: 'sf sf-text', role: 'group', 'aria-labelledby': labelId, dataset: { path, problemsHost: '' } },
    h('div', { class: 'sf-label', id: labelId, text: label }),
    h('div', { class: 'sf-pair' }, pairs),
    h('div', { class: 'sf-problems' }));
  markMissing(wrapper);
  return wrapper;
}

function markMissing(wrapper) {
  const inputs = $$('input, textarea', wrapper);
  const filled = inputs.some((i) => i.value.trim());
  for (const input of inputs) {
    const missing = filled && !input.value.trim();
    input.classList.toggle('missing', missing);
    input.parentElement.querySelector('.missing-mark').hidden = !missing;
  }
}

/** One value in one language: an id, a number, a choice, a colour. */
function plainField(owner, key, path, labelKey, { type = 'text', options = null, optional = false, hint = null, area = false } = {}) {
  const id = fieldId();
  let input;
  const set = (raw) => {
    if (raw === '' && (optional || type === 'number')) delete owner[key];
    else if (type === 'number' && /^\s*-?\d+\s*$/.test(raw)) owner[key] = Number(raw);
    else owner[key] = raw;
    changed();
  };
  if (options) {
    input = h('select', { id, dataset: { path } }, options().map(([value, text]) => h('option', { value, text })));
    input.value = owner[key] ?? '';
    input.addEventListener('change', () => set(input.value));
  } else if (area) {
    input = h('textarea', { id, rows: 2, dataset: { path } });
    input.value = owner[key] ?? '';
    input.addEventListener('input', () => set(input.value));
  } else {
    input = h('input', { id, type: type === 'number' ? 'number' : 'text', dataset: { path } });
    input.value = owner[key] ?? '';
    input.addEventListener('input', () => set(input.value));
  }
  const parts = [input];
  if (type === 'colour') {
    const picker = h('input', { type: 'color', class: 'sf-picker', 'aria-label': t('studio.pickColour') });
    picker.value = /^#[0-9a-f]{6}$/i.test(owner[key] || '') ? owner[key] : '#ffffff';
    picker.addEventListener('input', () => { input.value = picker.value.toUpperCase(); set(input.value); });
    input.addEventListener('input', () => { if (/^#[0-9a-f]{6}$/i.test(input.value)) picker.value = input.value; });
    parts.push(picker);
  }
  return h('div', { class: `sf sf-${type}${type === 'colour' ? ' sf-colour-field' : ''}`, dataset: { problemsHost: '' } },
    h('label', { for: id, class: 'sf-label', text: t(labelKey) + (optional ? ` (${t('studio.optional')})` : '') }),
    h('div', { class: 'sf-input' }, parts),
    hint ? h('div', { class: 'hint', text: t(hint) }) : null,
    h('div', { class: 'sf-problems' }));
}

/** A list of items, each in its own box with buttons to move and remove it, and one to add another. */
function listField(owner, key, path, { titleKey, itemKey, addKey, make, render, item = (x, i) => `${t(itemKey)} ${i + 1}`, hintKey = null, optional = false }) {
  // an optional list the deck leaves out stays out until it gets an item, and goes again with its last one
  if (!Array.isArray(owner[key]) && !optional) owner[key] = [];
  const list = Array.isArray(owner[key]) ? owner[key] : [];
  const attach = () => { if (list.length) owner[key] = list; else if (optional) delete owner[key]; };
  const move = (i, by) => {
    const [x] = list.splice(i, 1);
    list.splice(i + by, 0, x);
    renderAll();
    changed();
  };
  return h('div', { class: 'sf-list', dataset: { path, problemsHost: '' } },
    titleKey ? h('div', { class: 'sf-label', text: t(titleKey) }) : null,
    hintKey ? h('p', { class: 'hint', text: t(hintKey) }) : null,
    h('div', { class: 'sf-problems' }),
    list.map((x, i) => {
      const itemPath = `${path}[${i}]`;
      // long lists (a bundled deck's cards) start folded; what was opened or added stays open
      const details = h('details', { class: 'sf-item', open: openItems.get(itemPath) ?? list.length <= FOLD_ABOVE, dataset: { path: itemPath, problemsHost: '' } },
        h('summary', { class: 'sf-item-title', text: item(x, i) }),
        h('span', { class: 'sf-item-tools' },
          h('button', { type: 'button', class: 'icon-button', 'aria-label': `${t('studio.up')}: ${item(x, i)}`, title: t('studio.up'), disabled: i === 0, text: '↑', on: { click: () => move(i, -1) } }),
          h('button', { type: 'button', class: 'icon-button', 'aria-label': `${t('studio.down')}: ${item(x, i)}`, title: t('studio.down'), disabled: i === list.length - 1, text: '↓', on: { click: () => move(i, 1) } }),
          h('button', { type: 'button', class: 'icon-button danger', 'aria-label': `${t('studio.remove')}: ${item(x, i)}`, title: t('studio.remove'), text: '×', on: { click: () => { list.splice(i, 1); attach(); renderAll(); changed(); } } })),
        h('div', { class: 'sf-problems' }),
        render(x, itemPath, i));
      details.addEventListener('toggle', () => openItems.set(itemPath, details.open));
      return details;
    }),
    h('button', { type: 'button', class: 'button small secondary sf-add', dataset: { add: path }, text: `+ ${t(addKey)}`, on: { click: () => {
      list.push(make());
      attach();
      openItems.set(`${path}[${list.length - 1}]`, true);
      renderAll();
      changed();
      const last = document.querySelector(`[data-path="${CSS.escape(`${path}[${list.length - 1}]`)}"] input, [data-path="${CSS.escape(`${path}[${list.length - 1}]`)}"] textarea`);
      if (last) last.focus();
    } } }));
}

function textList(owner, key, path, titleKey, addKey, { optional = true } = {}) {
  return listField(owner, key, path, {
    titleKey, itemKey: 'studio.line', addKey, make: emptyText, optional,
    // the item is the text object itself, so the field edits it in place
    render: (x, p) => textField({ v: x }, 'v', p, 'studio.text'),
  });
}

function section(id, titleKey, introKey, path, ...children) {
  return h('section', { class: 'panel studio-section', id: `section-${id}`, 'aria-labelledby': `h-${id}`, dataset: path ? { path, problemsHost: '' } : {} },
    h('h2', { id: `h-${id}`, text: t(titleKey) }),
    introKey ? h('p', { class: 'hint', text: t(introKey) }) : null,
    path ? h('div', { class: 'sf-problems' }) : null,
    children);
}

const categoryOptions = () => [['', t('studio.choose')], ...deck.categories.map((c) => [c.id, `${c.id} · ${tx(c.label) || '…'}`])];
const sideOptions = () => [['', t('studio.side.none')], ['stimulating', t('studio.side.stimulating')], ['hindering', t('studio.side.hindering')]];
const askerOptions = () => [['interviewer', t('seat.interviewer')], ['observer', t('seat.observer')]];

function refreshCategorySelects() {
  for (const select of $$('select[data-category-select]')) {
    const value = select.value;
    fill(select, categoryOptions().map(([v, text]) => h('option', { value: v, text })));
    select.value = value;
  }
}

// --- the sections ---

/** The questions of a script, in order (the deck's own script or one of its other versions). */
function questions(script, path) {
  return listField(script, 'questions', `${path}.questions`, {
    titleKey: 'studio.script.questions', itemKey: 'studio.question', addKey: 'studio.script.add',
    make: () => ({ id: nextId(script.questions, 'q'), askedBy: 'interviewer', text: emptyText() }),
    render: (q, p) => h('div', {},
      h('div', { class: 'sf-grid' }, plainField(q, 'id', `${p}.id`, 'studio.field.itemId'),
        plainField(q, 'askedBy', `${p}.askedBy`, 'studio.field.askedBy', { options: askerOptions }),
        plainField(q, 'side', `${p}.side`, 'studio.field.side', { options: sideOptions, optional: true })),
      textField(q, 'text', `${p}.text`, 'studio.field.question', { area: true }),
      textList(q, 'steps', `${p}.steps`, 'studio.field.steps', 'studio.addStep')),
  });
}

function renderAll() {
  const scroll = window.scrollY;
  uid = 0;
  fill($('#studio-sections'),
    section('about', 'studio.about.title', 'studio.about.intro', null,
      titleField(),
      textField(deck, 'description', 'description', 'studio.field.description', { area: true }),
      h('div', { class: 'form-row' },
        idField(),
        plainField(deck, 'version', 'version', 'studio.field.version', { type: 'number' }),
        plainField(deck, 'language', 'language', 'studio.field.language', { options: () => LANGS.map((l) => [l, t(`lang.${l}`)]) })),
      plainField(deck, 'source', 'source', 'studio.field.source', { area: true, hint: 'studio.field.sourceHint' })),
    section('categories', 'studio.categories.title', 'studio.categories.intro', null,
      listField(deck, 'categories', 'categories', {
        itemKey: 'studio.category', addKey: 'studio.categories.add',
        item: (c, i) => `${t('studio.category')} ${i + 1}${c.id ? ` · ${c.id}` : ''}${tx(c.label) ? ` · ${tx(c.label)}` : ''}`,
        make: () => ({ id: nextCategoryId(), label: emptyText(), colour: PALETTE[deck.categories.length % PALETTE.length] }),
        render: (c, p) => {
          const idField = plainField(c, 'id', `${p}.id`, 'studio.field.itemId');
          $('input', idField).addEventListener('change', refreshCategorySelects);
          return h('div', { class: 'sf-grid sf-category' }, idField, textField(c, 'label', `${p}.label`, 'studio.field.name'),
            plainField(c, 'colour', `${p}.colour`, 'studio.field.colour', { type: 'colour' }));
        },
      })),
    section('cards', 'studio.cards.title', 'studio.cards.intro', null,
      csvBox(),
      listField(deck, 'cards', 'cards', {
        itemKey: 'studio.card', addKey: 'studio.cards.add',
        item: (c, i) => `${t('studio.card')} ${i + 1}${c.id ? ` · ${c.id}` : ''}${tx(c.label) ? ` · ${tx(c.label)}` : ''}`,
        make: () => {
          const category = deck.cards.length ? deck.cards[deck.cards.length - 1].category : (deck.categories[0] || {}).id;
          return { id: nextId(deck.cards, category || 'K'), category: category || '', label: emptyText(), copies: 2 };
        },
        render: (c, p) => {
          const category = plainField(c, 'category', `${p}.category`, 'studio.field.category', { options: categoryOptions });
          $('select', category).dataset.categorySelect = '';
          return h('div', {},
            h('div', { class: 'sf-grid' }, plainField(c, 'id', `${p}.id`, 'studio.field.itemId'), category,
              plainField(c, 'copies', `${p}.copies`, 'studio.field.copies', { type: 'number' })),
            textField(c, 'label', `${p}.label`, 'studio.field.label'),
            textField(c, 'description', `${p}.description`, 'studio.field.cardDescription', { area: true, optional: true }));
        },
      })),
    section('board', 'studio.board.title', 'studio.board.intro', 'board',
      ['stimulating', 'hindering'].map((side) => h('div', { class: 'sf-side', dataset: { path: `board.${side}`, problemsHost: '' } },
        h('h3', { text: t(`studio.board.${side}`) }),
        h('div', { class: 'sf-problems' }),
        textField(deck.board[side] || (deck.board[side] = {}), 'label', `board.${side}.label`, 'studio.field.sideLabel'),
        textField(deck.board[side], 'question', `board.${side}.question`, 'studio.field.sideQuestion'))),
      h('div', { class: 'sf-side', dataset: { path: 'board.strength', problemsHost: '' } },
        h('h3', { text: t('studio.board.strength') }),
        h('div', { class: 'sf-problems' }),
        textField(deck.board.strength || (deck.board.strength = {}), 'limited', 'board.strength.limited', 'studio.field.limited'),
        textField(deck.board.strength, 'large', 'board.strength.large', 'studio.field.large'))),
    section('script', 'studio.script.title', 'studio.script.intro', 'script',
      h('div', { class: 'form-row' },
        plainField(deck.script, 'rounds', 'script.rounds', 'studio.field.rounds', { type: 'number' }),
        plainField(deck.script, 'roundMinutes', 'script.roundMinutes', 'studio.field.roundMinutes', { type: 'number' })),
      questions(deck.script, 'script')),
    section('scripts', 'studio.scripts.title', 'studio.scripts.intro', null,
      listField(deck, 'scripts', 'scripts', {
        itemKey: 'studio.otherScript', addKey: 'studio.scripts.add', optional: true,
        item: (x, i) => `${t('studio.otherScript')} ${i + 1}${tx(x.label) ? ` · ${tx(x.label)}` : ''}`,
        make: () => ({ id: nextId(deck.scripts || [], 'versie'), label: emptyText(), rounds: deck.script.rounds || 2, roundMinutes: deck.script.roundMinutes || 15, questions: [] }),
        render: (x, p) => h('div', {},
          h('div', { class: 'sf-grid' }, plainField(x, 'id', `${p}.id`, 'studio.field.itemId'),
            plainField(x, 'rounds', `${p}.rounds`, 'studio.field.rounds', { type: 'number' }),
            plainField(x, 'roundMinutes', `${p}.roundMinutes`, 'studio.field.roundMinutes', { type: 'number' })),
          textField(x, 'label', `${p}.label`, 'studio.field.scriptLabel'),
          questions(x, p)),
      })),
    section('outcomes', 'studio.outcomes.title', 'studio.outcomes.intro', null,
      listField(deck, 'outcomes', 'outcomes', {
        itemKey: 'studio.outcome', addKey: 'studio.outcomes.add',
        make: () => ({ id: nextId(deck.outcomes, 'O'), label: emptyText() }),
        render: (o, p) => h('div', {}, plainField(o, 'id', `${p}.id`, 'studio.field.itemId'),
          textField(o, 'label', `${p}.label`, 'studio.field.label'),
          textField(o, 'description', `${p}.description`, 'studio.field.cardDescription', { area: true, optional: true })),
      })),
    section('profiles', 'studio.profiles.title', 'studio.profiles.intro', null,
      listField(deck, 'profiles', 'profiles', {
        itemKey: 'studio.profile', addKey: 'studio.profiles.add',
        item: (x, i) => `${t('studio.profile')} ${i + 1}${tx(x.label) ? ` · ${tx(x.label)}` : ''}`,
        make: () => ({ id: nextId(deck.profiles, 'P'), label: emptyText(), worksWell: [emptyText()], worksLess: [emptyText()] }),
        render: (x, p) => h('div', {}, plainField(x, 'id', `${p}.id`, 'studio.field.itemId'),
          textField(x, 'label', `${p}.label`, 'studio.field.name'),
          textField(x, 'selfDirection', `${p}.selfDirection`, 'studio.field.selfDirection', { optional: true }),
          textField(x, 'rule', `${p}.rule`, 'studio.field.rule', { optional: true }),
          textList(x, 'characterisation', `${p}.characterisation`, 'studio.field.characterisation', 'studio.addLine'),
          textList(x, 'traits', `${p}.traits`, 'studio.field.traits', 'studio.addLine'),
          textList(x, 'worksWell', `${p}.worksWell`, 'studio.field.worksWell', 'studio.addLine'),
          textList(x, 'worksLess', `${p}.worksLess`, 'studio.field.worksLess', 'studio.addLine')),
      })),
    section('discussion', 'studio.discussion.title', 'studio.discussion.intro', null,
      textField(deck, 'discussionTitle', 'discussionTitle', 'studio.field.discussionTitle', { optional: true }),
      listField(deck, 'discussion', 'discussion', {
        itemKey: 'studio.prompt', addKey: 'studio.discussion.add',
        make: () => ({ id: nextId(deck.discussion, 'd'), text: emptyText() }),
        render: (x, p) => h('div', {}, plainField(x, 'id', `${p}.id`, 'studio.field.itemId'),
          textField(x, 'text', `${p}.text`, 'studio.field.prompt', { area: true })),
      })));
  window.scrollTo(0, scroll);
  if (problems.length || valid) showProblems({ factors: deck.cards.length, cards: deck.cards.reduce((n, c) => n + (Number(c.copies) || 0), 0) });
  updateButtons();
}

function idField() {
  const field = plainField(deck, 'id', 'id', 'studio.field.id', { hint: 'studio.field.idHint' });
  $('input', field).addEventListener('input', () => { idFollowsTitle = false; });
  return field;
}

/** The title; while the id follows it, typing the title writes the id too. */
function titleField() {
  const field = textField(deck, 'title', 'title', 'studio.field.title');
  field.addEventListener('input', () => {
    if (!idFollowsTitle) return;
    deck.id = slug(deck.title.nl || deck.title.en || '');
    const input = document.querySelector('[data-path="id"]');
    if (input) input.value = deck.id;
  });
  return field;
}

// --- cards from a spreadsheet ---

function csvBox() {
  const area = h('textarea', { id: 'csv-text', rows: 4, 'aria-describedby': 'csv-hint', placeholder: t('studio.csv.placeholder') });
  const file = h('input', { id: 'csv-file', type: 'file', accept: '.csv,text/csv,text/plain', hidden: true });
  const result = h('p', { id: 'csv-result', class: 'hint', role: 'status' });
  file.addEventListener('change', async () => {
    const f = file.files[0];
    if (f) importCards(await readText(f));
    file.value = '';
  });
  return h('details', { class: 'csv-box' },
    h('summary', { text: t('studio.csv.title') }),
    h('p', { id: 'csv-hint', class: 'hint', text: t('studio.csv.hint') }),
    area,
    h('div', { class: 'button-row' },
      h('button', { type: 'button', id: 'csv-add', class: 'button small', text: t('studio.csv.add'), on: { click: () => importCards(area.value) } }),
      h('label', { class: 'button small secondary file-button' }, t('studio.csv.upload'), file)),
    result);
}

/** A file's text: UTF-8, or Windows-1252 for an older Excel that saved "CSV" in the local code page. */
async function readText(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function importCards(text) {
  const rows = parseCsv(text);
  if (rows.length && isHeader(rows[0])) rows.shift();
  const lang = deck.language === 'en' ? 'en' : 'nl';
  let added = 0;
  const skipped = [];
  rows.forEach((row, i) => {
    const [categoryName, label, description] = row;
    if (!categoryName || !label) {
      skipped.push(i + 1);
      return;
    }
    const category = categoryNamed(categoryName, lang);
    const card = { id: nextId(deck.cards, category.id), category: category.id, label: emptyText(), copies: 2 };
    card.label[lang] = label;
    if (description) {
      card.description = emptyText();
      card.description[lang] = description;
    }
    deck.cards.push(card);
    added += 1;
  });
  renderAll();
  changed();
  const box = $('#csv-result');
  box.textContent = t(added === 1 ? 'studio.csv.addedOne' : 'studio.csv.added', { count: added }) + (skipped.length ? ` ${t('studio.csv.skipped', { rows: skipped.join(', ') })}` : '');
  $('.csv-box').open = true;
}

/** The category a spreadsheet names, by id or by name in either language; a new one if none fits. */
function categoryNamed(name, lang) {
  const key = name.trim().toLowerCase();
  const found = deck.categories.find((c) => c.id.toLowerCase() === key
    || LANGS.some((l) => ((c.label && c.label[l]) || '').trim().toLowerCase() === key));
  if (found) return found;
  const category = { id: nextCategoryId(), label: emptyText(), colour: PALETTE[deck.categories.length % PALETTE.length] };
  category.label[lang] = name.trim();
  deck.categories.push(category);
  return category;
}

// --- the preview ---

function drawPreview() {
  if (!deck) return;
  const d = JSON.parse(JSON.stringify(deck)); // a fresh copy: the board module keeps an index on the deck
  d.categories = (d.categories || []).filter((c) => c && typeof c === 'object');
  d.cards = (d.cards || []).filter((c) => c && typeof c === 'object');
  const onBoard = previewPlacements.filter((p) => d.cards.some((c) => c.id === p.cardId));
  const tray = $('#preview-tray');
  fill(tray, h('h2', { id: 'preview-tray-title', text: t('tray.title') }),
    d.categories.map((category) => h('div', { class: 'tray-group', style: { '--cat': category.colour || '#ddd' } },
      h('h3', { class: 'tray-category' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), `${category.id || '?'} · ${tx(category.label)}`),
      h('div', { class: 'tray-cards' }, d.cards.filter((c) => c.category === category.id).map((card) => {
        const total = Number(card.copies) || 0;
        const left = total - onBoard.filter((p) => p.cardId === card.id).length;
        return h('button', {
          type: 'button', class: `tray-card${left <= 0 ? ' empty' : ''}`, dataset: { cardId: card.id }, title: tx(card.description) || tx(card.label),
          on: { click: () => lay(card, left) },
        }, cardFace(d, card), h('span', { class: 'copies', text: t('tray.left', { left: Math.max(0, left), total }) }));
      })))));
  const view = new BoardView($('#preview-board'), { deck: d });
  view.update({ placements: onBoard, links: [], annotations: [] }, { emptyText: t('studio.preview.empty') });
}

function lay(card, left) {
  if (left <= 0) return;
  const n = previewPlacements.length;
  previewPlacements.push({
    id: `preview-${n + 1}`, cardId: card.id, copy: 1, side: n % 2 === 0 ? 'stimulating' : 'hindering',
    strength: 0.25 + 0.2 * ((n >> 1) % 4), y: 0.25 + 0.17 * ((n >> 1) % 4), order: n + 1, explanation: '',
  });
  drawPreview();
}

// --- save, download, workshop ---

/** The token that may upload: this deck's edit token, or else a facilitator token of a workshop made here. */
function uploadToken() {
  const own = storage.deckToken(deck.id);
  if (own) return own;
  const made = storage.created().find((w) => storage.token(w.workshopId));
  return made ? storage.token(made.workshopId) : null;
}

async function save() {
  if (!valid || checking) return false;
  if (saved && saved.id === deck.id && Number(deck.version) <= saved.version) {
    deck.version = saved.version + 1; // a change saved again is a new version
    const input = document.querySelector('[data-path="version"]');
    if (input) input.value = deck.version;
  }
  const state = $('#studio-save-state');
  state.classList.remove('form-error');
  try {
    const answer = await api.saveDeck(deck, uploadToken());
    if (answer.editToken) storage.setDeckToken(answer.id, answer.editToken);
    saved = { id: answer.id, version: answer.version };
    dirty = false;
    storage.setStudioDraft({ deck, saved });
    state.textContent = t('studio.saved', { id: answer.id, version: answer.version });
    updateButtons();
    return true;
  } catch (e) {
    state.classList.add('form-error');
    if (e.code === 'invalid_deck' && e.details && e.details.problems) {
      problems = e.details.problems;
      valid = false;
      showProblems({});
      state.textContent = t('studio.saveInvalid');
    } else if (e.status === 401) {
      state.textContent = t('studio.needToken');
    } else if (e.code === 'older_version') {
      state.textContent = t('studio.olderVersion');
    } else if (e.status === 403) {
      state.textContent = t('studio.notYours');
    } else {
      state.textContent = refusalText(e);
    }
    return false;
  }
}

$('#studio-save').addEventListener('click', save);

$('#studio-download').addEventListener('click', () => {
  saveBlob(new Blob([`${JSON.stringify(deck, null, 2)}\n`], { type: 'application/json' }), `${deck.id || 'deck'}.json`);
});

$('#studio-workshop').addEventListener('click', async () => {
  const button = $('#studio-workshop');
  button.disabled = true;
  if ((dirty || !saved || saved.id !== deck.id) && !(await save())) {
    updateButtons();
    return;
  }
  const title = tx(deck.title);
  try {
    const created = await api.createWorkshop({
      title, deckId: deck.id, tables: Number($('#studio-tables').value) || 1,
      roundMinutes: Number(deck.script.roundMinutes) || 15, language: getLang(),
    });
    location.href = storage.keepCreated(created, title);
  } catch (e) {
    $('#studio-save-state').textContent = refusalText(e);
    updateButtons();
  }
});

onLangChange(() => {
  if (deck) {
    renderAll();
    drawPreview();
  }
});

start();
