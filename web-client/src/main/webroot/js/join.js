// Joining: a code, a name, a table and a seat; the token that comes back is this browser's seat.
// A browser that already sits at the code's workshop is offered to continue in the same seat.

import { h, $, params, debounce } from './dom.js';
import { t, onLangChange, applyI18n } from './i18n.js';
import { JOIN_ROLES, protocolReady } from './protocol.js';
import { api } from './api.js';
import { storage } from './storage.js';
import { startPage, refusalText } from './ui.js';

startPage();

const query = params(location.search);
const code = $('#join-code');
if (query.code) code.value = query.code.toUpperCase();
if (query.table) $('#join-table').value = query.table;
// The seats a person can ask for are the server's (its catalogue), after "first free seat".
protocolReady.then(() => {
  const roleSelect = $('#join-role');
  for (const role of JOIN_ROLES) roleSelect.append(h('option', { value: role, 'data-i18n': `join.role.${role}` }));
  applyI18n(roleSelect);
  if (query.role) roleSelect.value = query.role;
});
if (storage.name()) $('#join-name').value = storage.name();
(query.code ? $('#join-name') : code).focus();

function showError(text) {
  const el = $('#join-error');
  el.hidden = !text;
  el.textContent = text || '';
}

let seated = null;

/** Looks for a token this browser holds for the code's workshop, and whether it still works. */
const checkContinue = debounce(async () => {
  const workshopId = storage.workshopOfCode(code.value);
  const token = workshopId && storage.token(workshopId);
  seated = null;
  renderContinue();
  if (!token) return;
  try {
    const { data } = await api.workshop(workshopId, token);
    if (!data.you || !data.you.table || data.you.role === 'facilitator') return;
    seated = { workshopId, you: data.you, title: data.workshop.title };
  } catch {
    seated = null;
  }
  renderContinue();
}, 250);

function renderContinue() {
  const box = $('#join-continue');
  box.hidden = !seated;
  if (!seated) return;
  $('#join-continue-text').textContent = t('join.already', {
    name: seated.you.name, table: seated.you.table, seat: t(`seat.${seated.you.seat}`), title: seated.title,
  });
  $('#join-continue-link').href = `/table.html#w=${encodeURIComponent(seated.workshopId)}`;
}

code.addEventListener('input', () => {
  const at = code.selectionStart;
  code.value = code.value.toUpperCase();
  code.setSelectionRange(at, at);
  checkContinue();
});

$('#join-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  showError('');
  const joinCode = code.value.trim().toUpperCase();
  const name = $('#join-name').value.trim();
  if (!joinCode) {
    showError(t('join.needCode'));
    code.focus();
    return;
  }
  if (!name) {
    showError(t('join.needName'));
    $('#join-name').focus();
    return;
  }
  const body = { joinCode, name };
  const table = Number($('#join-table').value);
  if ($('#join-table').value !== '' && Number.isInteger(table)) body.table = table;
  const role = $('#join-role').value;
  if (role) body.role = role;
  const button = $('#join-submit');
  button.disabled = true;
  try {
    const joined = await api.join(body);
    storage.setToken(joined.workshopId, joined.token);
    storage.setWorkshopOfCode(joinCode, joined.workshopId);
    storage.setName(name);
    location.href = `/table.html#w=${encodeURIComponent(joined.workshopId)}`;
  } catch (err) {
    showError(refusalText(err));
    button.disabled = false;
  }
});

onLangChange(renderContinue);
checkContinue();
