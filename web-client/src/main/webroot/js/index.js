// The start page: make a workshop (and keep its secret links in this browser), or go and join one.

import { h, $, fill } from './dom.js';
import { t, tx, getLang, onLangChange } from './i18n.js';
import { api } from './api.js';
import { storage } from './storage.js';
import { startPage, refusalText } from './ui.js';

startPage();

let decks = [];
let minutesTouched = false;

async function loadDecks() {
  try {
    decks = await api.decks();
  } catch (e) {
    showError(refusalText(e));
    return;
  }
  renderDecks();
}

function renderDecks() {
  const select = $('#create-deck');
  const keep = select.value;
  fill(select, decks.map((d) => h('option', { value: d.id, text: `${tx(d.title)} (${t('home.create.deckFacts', { factors: d.factors ?? '?', cards: d.cards ?? '?' })})` })));
  if (decks.some((d) => d.id === keep)) select.value = keep;
  else if (decks.some((d) => d.id === 'llo-factoren')) select.value = 'llo-factoren';
  describeDeck();
}

function describeDeck() {
  const deck = decks.find((d) => d.id === $('#create-deck').value);
  $('#deck-description').textContent = deck ? tx(deck.description) : '';
  // a deck with other versions of the interview (a research version) lets the facilitator choose
  const scripts = (deck && deck.scripts) || [];
  const keepScript = $('#create-script').value;
  $('#create-script-row').hidden = !scripts.length;
  fill($('#create-script'), h('option', { value: '', text: t('home.create.scriptDefault') }),
    scripts.map((s) => h('option', { value: s.id, text: tx(s.label) })));
  if (scripts.some((s) => s.id === keepScript)) $('#create-script').value = keepScript;
  if (deck && deck.roundMinutes && !minutesTouched) $('#create-minutes').value = deck.roundMinutes;
}

function showError(text) {
  const el = $('#create-error');
  el.hidden = !text;
  el.textContent = text || '';
}

function renderRecent() {
  const list = storage.created().filter((w) => storage.token(w.workshopId));
  $('#recent').hidden = !list.length;
  fill($('#recent-list'), list.map((w) => h('li', {},
    h('a', { href: `/facilitator.html#w=${encodeURIComponent(w.workshopId)}&t=${encodeURIComponent(storage.token(w.workshopId))}`, text: w.title }),
    h('span', { class: 'muted', text: ` · ${w.joinCode} · ${new Date(w.createdAt).toLocaleDateString(getLang() === 'nl' ? 'nl-NL' : 'en-GB')}` }))));
}

$('#create-minutes').addEventListener('input', () => { minutesTouched = true; });
$('#create-deck').addEventListener('change', describeDeck);
$('#create-language').value = getLang();

$('#create-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  showError('');
  const title = $('#create-title').value.trim();
  const tables = Number($('#create-tables').value);
  const roundMinutes = Number($('#create-minutes').value);
  if (!title) {
    showError(t('home.create.needTitle'));
    $('#create-title').focus();
    return;
  }
  if (!Number.isInteger(tables) || tables < 1) {
    showError(t('home.create.needTables'));
    $('#create-tables').focus();
    return;
  }
  if (!Number.isInteger(roundMinutes) || roundMinutes < 1) {
    showError(t('home.create.needMinutes'));
    $('#create-minutes').focus();
    return;
  }
  const button = $('#create-submit');
  button.disabled = true;
  try {
    const created = await api.createWorkshop({
      title, deckId: $('#create-deck').value, tables, roundMinutes, language: $('#create-language').value,
      scriptId: $('#create-script').value || undefined,
    });
    location.href = storage.keepCreated(created, title);
  } catch (err) {
    showError(refusalText(err));
    button.disabled = false;
  }
});

$('#home-join-code').addEventListener('input', (e) => { e.target.value = e.target.value.toUpperCase(); });

onLangChange(() => { renderDecks(); renderRecent(); });
loadDecks();
renderRecent();
