// The facilitator's console: the join code and its QR, the one clock for every table, the phases,
// broadcasts, every table as a live miniature, seats, exports and the plenary summary.

import { h, $, fill, params, debounce, saveBlob } from './dom.js';
import { interventions } from './profiles.js';
import { t, tx, onLangChange, applyI18n, formatTime } from './i18n.js';
import { api } from './api.js';
import { protocolReady, address } from './protocol.js';
import { Bus, Stream } from './bus.js';
import { storage } from './storage.js';
import {
  tableFromSnapshot, workshopFromSnapshot, evolveTable, evolveWorkshop, currentRound, roundOpen, SEATS, inSeat, PHASES, shownBroadcast,
} from './state.js';
import { confirmDialog } from './dialog.js';
import { keepDraft, draftKey } from './drafts.js';
import { boardSvg } from './board.js';
import { learnServerTime, remainingMs, formatClock, blowWhistle, WhistleWatch, serverNow } from './clock.js';
import { startPage, toast, showRefusal, connectionIndicator, mountSoundToggle, showFatal } from './ui.js';
import { Presence } from './presence.js';
import { retentionNotice } from './retention.js';
import { replayPanel } from './replay.js';
import { PlenaryView, plenarySummary } from './plenary.js';

startPage();
const main = $('#main');
const hash = params(location.hash);
const workshopId = hash.w;
const token = hash.t || (workshopId && storage.token(workshopId));
if (workshopId && hash.p) storage.setProjectorToken(workshopId, hash.p);

if (!workshopId || !token) {
  showFatal(main, 'fac.noTokenTitle', 'fac.noToken', { href: '/', key: 'common.home' });
} else {
  open().catch((e) => {
    console.error(e);
    showFatal(main, 'fac.noTokenTitle', e.status ? 'fac.tokenRefused' : 'common.loadFailed', { href: '/', key: 'common.home' });
  });
}

async function open() {
  const [{ data, sentAt, receivedAt }] = await Promise.all([api.workshop(workshopId, token), protocolReady]);
  if (!data.you || data.you.role !== 'facilitator') throw Object.assign(new Error('not the facilitator'), { status: 403 });
  learnServerTime(data.workshop.clock && data.workshop.clock.serverTime, sentAt, receivedAt);
  const deck = await api.workshopDeck(workshopId, token);
  if (!storage.projectorToken(workshopId)) {
    // A console opened on another device than the one that made the workshop: ask for the projector link.
    try {
      const projector = await api.projectorLink(workshopId, token);
      storage.setProjectorToken(workshopId, projector.projectorToken);
    } catch (e) {
      if (e.code !== 'no_projector_link') console.warn('projector link not available', e);
    }
  }
  new Console(deck, data).start();
}

const PHASE_TARGETS = ['plenary', 'discussion', 'closed'];
/** After how many quiet minutes a playing table is shown as perhaps stuck. */
const STUCK_MINUTES = 5;

class Console {
  constructor(deck, data) {
    this.deck = deck;
    this.joinUrl = data.joinUrl;
    this.room = workshopFromSnapshot(data.workshop);
    this.tables = new Map(data.tables.map((snap) => [snap.table, tableFromSnapshot(snap)]));
    this.presence = new Presence(() => { this.renderParticipants(); this.renderTables(); });
    this.presence.fromSnapshot(data.workshop);
    this.whistle = new WhistleWatch(() => { blowWhistle(); document.body.classList.add('whistle'); setTimeout(() => document.body.classList.remove('whistle'), 2500); });
    this.refreshPlenary = debounce(() => this.drawPlenary(), 1200);
  }

  send(type, fields = {}) {
    return this.bus.command({ type, workshopId: this.room.workshopId, ...fields }).catch((err) => {
      showRefusal(err);
      throw err;
    });
  }

  start() {
    main.replaceChildren($('#console-template').content.cloneNode(true));
    applyI18n(main);
    mountSoundToggle($('#sound-toggle'));
    this.wire();
    const setState = connectionIndicator($('[data-testid="connection"]'));
    this.bus = new Bus({
      token, onState: setState, onError: showRefusal,
      onOutbox: (entries) => setState.pending(entries.filter((e) => e.state !== 'sent').length),
    });
    const wid = this.room.workshopId;
    this.bus.subscribe(address('presence', wid), (body) => this.presence.apply(body));
    new Stream(this.bus, {
      address: address('workshop', wid),
      syncBody: { workshopId: wid },
      seq: this.room.seq,
      apply: (e, { live }) => this.onWorkshopEvent(e, live),
      reset: (snapshot) => { this.room = workshopFromSnapshot(snapshot); this.render(); },
    });
    for (const [tableNo, table] of this.tables) {
      new Stream(this.bus, {
        address: address('table', wid, tableNo),
        syncBody: { workshopId: wid, table: tableNo },
        seq: table.seq,
        apply: (e) => this.onTableEvent(tableNo, e),
        reset: (snapshot) => { this.tables.set(tableNo, tableFromSnapshot(snapshot)); this.renderTable(tableNo); this.refreshPlenary(); },
      });
    }
    this.bus.connect();
    onLangChange(() => { applyI18n(main); this.render(true); });
    setInterval(() => this.tick(), 250);
    // A table that goes quiet shows it without waiting for an event.
    setInterval(() => this.renderTables(), 15_000);
    this.render(true);
    this.loadQr();
  }

  wire() {
    $('#start-round').addEventListener('click', () => this.send('startRound', { round: this.room.round + 1 }).catch(() => {}));
    $('#pause-clock').addEventListener('click', () => this.send('pauseClock').catch(() => {}));
    $('#resume-clock').addEventListener('click', () => this.send('resumeClock').catch(() => {}));
    $('#end-round').addEventListener('click', () => this.confirmEndRound());
    $('#undo').addEventListener('click', () => {
      const undo = this.undoable();
      if (undo) this.send('undoLastChange', { change: undo.change }).then(() => toast(t('fac.undo.done'), 'success', 2500), () => {});
    });
    $('#phase').addEventListener('change', () => { $('#phase-apply').disabled = !this.phaseApplicable(); });
    $('#extend-clock').addEventListener('click', () => {
      const seconds = Math.round(Number($('#extend-seconds').value));
      if (!seconds) {
        toast(t('error.bad_value'), 'error');
        return;
      }
      this.send('extendClock', { seconds }).then(() => toast(t('fac.clock.extended', { seconds }), 'success', 2500), () => {});
    });
    $('#phase-apply').addEventListener('click', () => this.confirmPhase($('#phase').value));
    const broadcastDraft = keepDraft($('#broadcast-text'), () => draftKey(this.room.workshopId, 'console', 0, 'broadcast'));
    $('#broadcast-send').addEventListener('click', () => {
      const raw = $('#broadcast-text').value;
      const text = raw.trim();
      if (!text) {
        $('#broadcast-text').focus();
        return;
      }
      this.send('broadcast', { text }).then(() => {
        broadcastDraft.sent(raw);
        $('#broadcast-text').value = '';
        toast(t('fac.broadcast.sent'), 'success', 2500);
      }, () => {});
    });
    $('#broadcasts').addEventListener('click', (e) => {
      if (!e.target.closest('[data-testid="broadcast-clear"]')) return;
      this.send('clearBroadcast', {}).then(() => toast(t('fac.broadcast.cleared'), 'success', 2500), () => {});
    });
    $('#qr-table').addEventListener('change', () => this.loadQr());
    for (const kind of ['pdf', 'csv', 'json']) {
      $(`#export-${kind}`).addEventListener('click', (e) => this.download(kind, e.currentTarget));
    }
    this.retention = retentionNotice($('#export-pdf').closest('section'), { workshopId: this.room.workshopId, token, send: (type) => this.send(type) });
    onLangChange(() => this.retention.render());
    this.replay = replayPanel($('#export-pdf').closest('section'), this);
    onLangChange(() => this.replay.update());
    $('#plenary-refresh').addEventListener('click', () => this.drawPlenary());
    $('#participants').addEventListener('change', (e) => {
      const row = e.target.closest('tr[data-participant-id]');
      if (!row) return;
      const table = Number($('select[data-field="table"]', row).value);
      const seat = $('select[data-field="seat"]', row).value;
      this.send('assignRole', { participantId: row.dataset.participantId, table, role: seat })
        .then(() => toast(t('fac.participants.moved'), 'success', 2500), () => this.renderParticipants(true));
    });
  }

  /** Rounds the deck's script has that have not been started yet. */
  roundsLeft() {
    const rounds = this.room.rounds || this.deck.script.rounds;
    return ['lobby', 'round'].includes(this.room.phase) ? Math.max(0, rounds - this.room.round) : 0;
  }

  phaseApplicable() {
    return Boolean($('#phase').value) && !this.room.roundOpen && this.room.phase !== 'closed';
  }

  /** The change the console may still take back, while its few minutes last. */
  undoable() {
    const undo = this.room.undoable;
    return undo && Date.parse(undo.until) > serverNow() ? undo : null;
  }

  async confirmEndRound() {
    const round = this.room.round;
    const ok = await confirmDialog({
      title: t('fac.confirm.endTitle', { round }),
      body: `${t('fac.confirm.endBody', { time: formatClock(remainingMs(this.room.clock)) })} ${t('fac.confirm.undoHint')}`,
      confirm: t('fac.confirm.endYes', { round }),
      danger: true,
    });
    if (ok) this.send('endRound').catch(() => {});
  }

  /** Every phase move asks first, in words that say what it means; skipping rounds and closing say what is lost. */
  async confirmPhase(phase) {
    if (!phase) return;
    const name = t(`phase.${phase}`);
    const left = this.roundsLeft();
    const rounds = this.room.rounds || this.deck.script.rounds;
    let title = t('fac.confirm.phaseTitle', { phase: name });
    let body = t('fac.confirm.phaseBody', { phase: name });
    let confirm = t('fac.confirm.phaseYes', { phase: name });
    if (left > 0) {
      title = t('fac.confirm.skipTitle');
      body = t(left === 1 ? 'fac.confirm.skipBodyOne' : 'fac.confirm.skipBody', { left, rounds, phase: name });
      confirm = t('fac.confirm.skipYes', { phase: name });
    }
    if (phase === 'closed') {
      title = t('fac.confirm.closeTitle');
      body = `${left > 0 ? `${body} ` : ''}${t('fac.confirm.closeBody')}`;
      confirm = t('fac.confirm.closeYes');
    }
    const ok = await confirmDialog({ title, body: `${body} ${t('fac.confirm.undoHint')}`, confirm, danger: left > 0 || phase === 'closed' });
    if (ok) this.send('setPhase', { phase }).then(() => { $('#phase').value = ''; }, () => {});
  }

  async loadQr() {
    const table = Number($('#qr-table').value) || undefined;
    const code = this.room.joinCode;
    // The server knows the address the room can reach; this browser may be on localhost.
    const base = this.joinUrl ? this.joinUrl.replace(/\/join\.html.*$/, '') : location.origin;
    const link = `${base}/join.html?code=${encodeURIComponent(code)}${table ? `&table=${table}` : ''}`;
    const a = $('#join-link');
    a.href = link;
    a.textContent = link;
    const img = $('#qr');
    img.alt = t('fac.join.qrAlt', { link });
    try {
      const blob = await api.qr(this.room.workshopId, token, { target: 'join', table });
      if (img.dataset.url) URL.revokeObjectURL(img.dataset.url);
      const url = URL.createObjectURL(blob);
      img.dataset.url = url;
      img.src = url;
    } catch (e) {
      showRefusal(e);
    }
  }

  async download(kind, button) {
    button.disabled = true;
    button.classList.add('busy');
    try {
      const { blob, filename } = await api.exportFile(this.room.workshopId, token, kind, { pseudonymise: $('#export-pseudonymise').checked });
      saveBlob(blob, filename);
      toast(t('fac.exports.done', { file: filename }), 'success', 3000);
    } catch (e) {
      showRefusal(e);
    } finally {
      button.disabled = false;
      button.classList.remove('busy');
    }
  }

  onWorkshopEvent(e, live) {
    this.room = evolveWorkshop(this.room, e);
    if (live && e.type === 'whistleBlown') this.whistle.event(e);
    this.render(e.type === 'participantJoined' || e.type === 'seatAssigned' || e.type === 'participantLeft' || e.type === 'participantRenamed');
  }

  onTableEvent(tableNo, e) {
    this.tables.set(tableNo, evolveTable(this.tables.get(tableNo), e));
    if (e.type === 'roundStarted' && this.replay) this.replay.update();
    this.renderTable(tableNo);
    this.refreshPlenary();
  }

  tick() {
    const clock = this.room.clock;
    const ms = remainingMs(clock);
    const el = $('[data-testid="clock"]');
    el.textContent = clock.status === 'idle' ? '––:––' : formatClock(ms);
    el.dataset.status = clock.status;
    el.dataset.remainingMs = String(Math.round(ms));
    el.classList.toggle('low', clock.status === 'running' && ms < 60_000);
    el.setAttribute('aria-label', t(`clock.aria.${clock.status}`, { time: formatClock(ms) }));
    this.whistle.tick(this.room);
    this.renderUndo();
    this.renderBroadcasts();
  }

  /**
   * The last messages, the one the screens show now marked so, with a button that takes it off the screens
   * (it also goes after five minutes or the next phase move).
   */
  renderBroadcasts(force = false) {
    const shown = shownBroadcast(this.room, serverNow());
    const key = `${this.room.broadcasts.length}|${shown ? shown.at : ''}|${document.documentElement.lang}`;
    if (!force && key === this.broadcastsKey) return;
    this.broadcastsKey = key;
    fill($('#broadcasts'), [...this.room.broadcasts].reverse().slice(0, 5).map((b) => h('li', { class: b === shown ? 'on-screens' : '' },
      h('span', { class: 'muted', text: formatTime(b.at) }), ' ', b.text,
      b === shown ? h('span', { class: 'on-screens-tag', dataset: { testid: 'broadcast-shown' }, text: t('fac.broadcast.onScreens') }) : null,
      b === shown ? h('button', { type: 'button', class: 'button small', dataset: { testid: 'broadcast-clear' }, text: t('fac.broadcast.clear') }) : null)));
  }

  renderUndo() {
    const undo = this.undoable();
    $('#undo-row').hidden = !undo;
    if (!undo) return;
    const left = formatClock(Date.parse(undo.until) - serverNow());
    $('#undo').textContent = undo.change === 'endRound'
      ? t('fac.undo.endRound', { round: undo.round, time: left })
      : t('fac.undo.setPhase', { phase: t(`phase.${undo.phaseBefore}`), time: left });
  }

  render(people = false) {
    const room = this.room;
    // Every screen shows the plenary the facilitator chose last (a plenaryShown event or a catch-up).
    if (this.plenary) this.plenary.follow(room.plenary);
    const rounds = room.rounds || this.deck.script.rounds;
    document.title = `${t('fac.pageTitle')} · ${room.title}`;
    $('#workshop-title').textContent = room.title;
    $('[data-testid="join-code"]').textContent = room.joinCode;
    const projectorToken = storage.projectorToken(room.workshopId);
    const projector = $('[data-testid="projector-link"]');
    if (projectorToken) {
      const link = `${location.origin}/projector.html#w=${encodeURIComponent(room.workshopId)}&t=${encodeURIComponent(projectorToken)}`;
      projector.href = link;
      projector.textContent = t('fac.projectorOpen');
      projector.title = link;
      projector.hidden = false;
      $('#projector-unknown').hidden = true;
    } else {
      projector.hidden = true;
      projector.removeAttribute('href');
      $('#projector-unknown').hidden = false;
    }
    // QR table choice
    const qr = $('#qr-table');
    const keep = qr.value;
    fill(qr, h('option', { value: '', text: t('fac.join.qrAll') }),
      Array.from({ length: room.tables }, (_, i) => h('option', { value: i + 1, text: t('table.name', { table: i + 1 }) })));
    qr.value = keep;
    // clock and phases
    $('[data-testid="phase"]').textContent = t(`phase.${room.phase}`);
    $('[data-testid="phase"]').dataset.phase = room.phase;
    $('[data-testid="round"]').textContent = room.round ? t('status.roundOf', { round: room.round, rounds }) + (room.roundOpen ? '' : ` · ${t('fac.roundEnded')}`) : t('status.noRound');
    const next = room.round + 1;
    const start = $('#start-round');
    start.textContent = next > rounds ? t('fac.clock.allPlayed') : t('fac.clock.start', { round: next });
    start.disabled = room.roundOpen || next > rounds || !['lobby', 'round'].includes(room.phase);
    // A grey button says why it is grey.
    const reason = $('#start-reason');
    let why = '';
    if (room.roundOpen) why = t('fac.why.roundOpen', { round: room.round });
    else if (next <= rounds && !['lobby', 'round'].includes(room.phase)) {
      why = t(this.undoable() && this.undoable().change === 'setPhase' ? 'fac.why.afterPhaseUndo' : 'fac.why.afterPhase', { phase: t(`phase.${room.phase}`) });
    }
    reason.textContent = why;
    reason.hidden = !why;
    const status = room.clock.status;
    $('#pause-clock').disabled = status !== 'running';
    $('#resume-clock').disabled = status !== 'paused';
    $('#end-round').disabled = !room.roundOpen;
    $('#extend-clock').disabled = !(status === 'running' || status === 'paused' || (status === 'expired' && room.roundOpen));
    const phaseSelect = $('#phase');
    const keepPhase = phaseSelect.value;
    // Only forward moves; none is chosen beforehand, and one that skips unplayed rounds says so.
    const skips = this.roundsLeft() > 0;
    fill(phaseSelect, h('option', { value: '', text: t('fac.phase.choose') }),
      PHASE_TARGETS.filter((p) => PHASES.indexOf(p) > PHASES.indexOf(room.phase))
        .map((p) => h('option', { value: p, dataset: { skips: String(skips) }, text: skips ? t('fac.phase.skipping', { phase: t(`phase.${p}`) }) : t(`phase.${p}`) })));
    phaseSelect.value = [...phaseSelect.options].some((o) => o.value === keepPhase) ? keepPhase : '';
    phaseSelect.disabled = room.roundOpen || room.phase === 'closed';
    $('#phase-apply').disabled = !this.phaseApplicable();
    this.renderUndo();
    this.renderBroadcasts(true);
    this.renderTables();
    this.renderParticipants(people);
    this.refreshPlenary();
  }

  renderTables() {
    const grid = $('#tables');
    if (grid.children.length !== this.room.tables) {
      fill(grid, Array.from({ length: this.room.tables }, (_, i) => h('article', { class: 'mini', dataset: { table: i + 1 } })));
    }
    for (const tableNo of this.tables.keys()) this.renderTable(tableNo);
  }

  renderTable(tableNo) {
    const el = $(`#tables [data-table="${tableNo}"]`);
    const table = this.tables.get(tableNo);
    if (!el || !table) return;
    const round = currentRound(table);
    const open = roundOpen(table);
    const qIndex = this.deck.script.questions.findIndex((q) => q.id === table.questionId);
    const href = `/table.html#w=${encodeURIComponent(this.room.workshopId)}&t=${encodeURIComponent(token)}&table=${tableNo}`;
    const state = !round ? t('fac.mini.waiting') : open ? t('fac.mini.playing', { round: round.round }) : t('fac.mini.ended', { round: round.round });
    const seats = SEATS.map((seat) => {
      const people = inSeat(this.room, tableNo, seat);
      if (!people.length && seat === 'shared') return null;
      const online = people.some((p) => this.presence.has(p.participantId));
      return h('li', { class: `mini-seat${people.length ? '' : ' empty'}`, dataset: { seat, online: String(online) } },
        h('span', { class: `presence ${online ? 'on' : 'off'}`, role: 'img', 'aria-label': online ? t('people.online') : t('people.offline') }),
        h('span', { class: 'seat-name', text: t(`seatShort.${seat}`) }),
        h('span', { class: 'person-name', text: people.map((p) => p.name).join(', ') || '—' }));
    });
    const svg = boardSvg(this.deck, table.board, { width: 320, height: 170, title: t('table.name', { table: tableNo }), outcomes: (round && round.outcomes) || [] });
    el.setAttribute('aria-label', t('table.name', { table: tableNo }));
    const stuck = this.stuckReasons(tableNo, table);
    el.classList.toggle('stuck', stuck.length > 0);
    fill(el,
      h('header', { class: 'mini-head' },
        h('h3', { text: t('table.name', { table: tableNo }) }),
        h('span', { class: `mini-state${open ? ' playing' : ''}`, text: state }),
        h('a', { class: 'button small secondary', href, target: '_blank', rel: 'noopener', dataset: { openTable: tableNo }, text: t('fac.mini.open'), 'aria-label': t('fac.mini.openAria', { table: tableNo }) })),
      h('a', { class: 'mini-board', href, target: '_blank', rel: 'noopener', tabindex: '-1', 'aria-hidden': 'true' }, svg),
      h('p', { class: 'mini-facts' },
        h('span', { dataset: { field: 'question' }, text: qIndex >= 0 ? t('fac.mini.question', { number: qIndex + 1 }) : t('fac.mini.noQuestion') }),
        h('span', { dataset: { field: 'cards', count: table.board.placements.length }, text: table.board.placements.length === 1 ? t('fac.mini.cardsOne') : t('fac.mini.cards', { count: table.board.placements.length }) }),
        round && round.profileId ? h('span', { text: t('fac.mini.profile', { id: round.profileId }) }) : null),
      stuck.length ? h('p', { class: 'mini-stuck', role: 'status', dataset: { testid: 'stuck' }, text: `⚠ ${stuck.join(' · ')}` }) : null,
      this.profileOf(tableNo, round),
      h('ul', { class: 'mini-seats' }, seats));
  }

  /** Why a table seems stuck during a round: nobody online, no card or no question for a few minutes. */
  stuckReasons(tableNo, table) {
    const round = currentRound(table);
    if (!this.room.roundOpen || !round || !roundOpen(table)) return [];
    const reasons = [];
    const people = SEATS.flatMap((seat) => inSeat(this.room, tableNo, seat));
    if (!people.some((p) => this.presence.has(p.participantId))) reasons.push(t('fac.mini.stuckNobody'));
    const since = (at) => (serverNow() - Date.parse(at)) / 60_000;
    const lastCard = table.board.placements.reduce((last, p) => (p.placedAt && p.placedAt > last ? p.placedAt : last), round.startedAt || '');
    if (lastCard && since(lastCard) >= STUCK_MINUTES) reasons.push(t('fac.mini.stuckNoCard', { minutes: Math.floor(since(lastCard)) }));
    if (!table.questionId && round.startedAt && since(round.startedAt) >= STUCK_MINUTES) reasons.push(t('fac.mini.stuckNoQuestion', { minutes: Math.floor(since(round.startedAt)) }));
    return reasons;
  }

  /** A table's chosen profile with what works for it, folded; stays open across renders once opened. */
  profileOf(tableNo, round) {
    const profile = round && round.profileId && (this.deck.profiles || []).find((p) => p.id === round.profileId);
    if (!profile) return null;
    if (!this.openProfiles) this.openProfiles = new Set();
    const box = h('details', { class: 'mini-profile', open: this.openProfiles.has(tableNo), dataset: { testid: 'mini-profile' } },
      h('summary', { text: t('fac.mini.profileWorks', { id: profile.id, label: tx(profile.label) }) }),
      interventions(profile));
    box.addEventListener('toggle', () => (box.open ? this.openProfiles.add(tableNo) : this.openProfiles.delete(tableNo)));
    return box;
  }

  renderParticipants(force = false) {
    const body = $('#participants');
    if (!force && body.contains(document.activeElement)) return;
    const seatOrder = (s) => SEATS.indexOf(s);
    const people = this.room.participants.filter((p) => !p.left)
      .sort((a, b) => a.table - b.table || seatOrder(a.seat) - seatOrder(b.seat) || a.name.localeCompare(b.name));
    if (!people.length) {
      fill(body, h('tr', {}, h('td', { colspan: 4, class: 'muted', text: t('fac.participants.none') })));
      return;
    }
    fill(body, people.map((p) => {
      const online = this.presence.has(p.participantId);
      return h('tr', { dataset: { participantId: p.participantId } },
        h('td', { text: p.name }),
        h('td', {}, h('select', { dataset: { field: 'table' }, 'aria-label': t('fac.participants.tableAria', { name: p.name }) },
          Array.from({ length: this.room.tables }, (_, i) => h('option', { value: i + 1, selected: p.table === i + 1, text: i + 1 })))),
        h('td', {}, h('select', { dataset: { field: 'seat' }, class: 'seat-select', 'aria-label': t('fac.participants.seatAria', { name: p.name }) },
          SEATS.map((s) => h('option', { value: s, selected: p.seat === s, text: t(`seat.${s}`) })))),
        h('td', {}, h('span', { class: `presence ${online ? 'on' : 'off'}`, role: 'img', 'aria-label': online ? t('people.online') : t('people.offline') })));
    }));
  }

  /** The plenary section: the chart (all or one profile), the notes per table, and chosen boards side by side. */
  async drawPlenary() {
    if (!this.plenary) {
      this.plenary = new PlenaryView($('#plenary'), {
        deck: this.deck,
        workshopId: this.room.workshopId,
        load: () => plenarySummary(() => api.plenary(this.room.workshopId, token)),
        tablesCount: () => this.room.tables,
        plenary: this.room.plenary,
        // Every plenary screen of the workshop, the projector too, shows what the facilitator chooses here.
        onChoose: (choice) => this.send('showPlenary', { view: choice.view, profileId: choice.profile, boards: choice.boards }).catch(() => {}),
      });
    }
    await this.plenary.refresh();
  }
}

