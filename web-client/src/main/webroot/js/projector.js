// The room's screen: read-only. The clock, the phase, the facilitator's message, the join code, and
// in the plenary the summary across all tables, redrawn as the tables' events come in.

import { h, $, fill, params, debounce } from './dom.js';
import { t, onLangChange, applyI18n, useWorkshopLanguage } from './i18n.js';
import { api } from './api.js';
import { protocolReady, address } from './protocol.js';
import { Bus, Stream } from './bus.js';
import { tableFromSnapshot, workshopFromSnapshot, evolveTable, evolveWorkshop, currentRound, roundOpen, shownBroadcast } from './state.js';
import { learnServerTime, remainingMs, formatClock, blowWhistle, WhistleWatch, audioReady, serverNow } from './clock.js';
import { startPage, connectionIndicator, showFatal } from './ui.js';
import { PlenaryView, plenarySummary } from './plenary.js';

startPage();
const hash = params(location.hash);
const workshopId = hash.w;
const token = hash.t;

if (!workshopId || !token) {
  showFatal($('#main'), 'proj.noTokenTitle', 'proj.noToken', { href: '/', key: 'common.home' });
} else {
  open().catch((e) => {
    console.error(e);
    showFatal($('#main'), 'proj.noTokenTitle', e.status ? 'proj.tokenRefused' : 'common.loadFailed', { href: location.href, key: 'common.retry' });
  });
}

async function open() {
  const [{ data, sentAt, receivedAt }] = await Promise.all([api.workshop(workshopId, token), protocolReady]);
  useWorkshopLanguage(data.workshop.language);
  learnServerTime(data.workshop.clock && data.workshop.clock.serverTime, sentAt, receivedAt);
  const deck = await api.workshopDeck(workshopId, token);
  new Projector(deck, data).start();
}

const PLENARY_PHASES = ['plenary', 'discussion', 'closed'];

class Projector {
  constructor(deck, data) {
    this.deck = deck;
    this.joinUrl = data.joinUrl;
    this.room = workshopFromSnapshot(data.workshop);
    this.tables = new Map(data.tables.map((snap) => [snap.table, tableFromSnapshot(snap)]));
    this.whistle = new WhistleWatch(() => this.onWhistle());
    this.refreshPlenary = debounce(() => this.drawPlenary(), 1000);
  }

  start() {
    const setState = connectionIndicator($('[data-testid="connection"]'));
    this.bus = new Bus({ token, onState: setState, onError: (e) => console.warn(e) });
    const wid = this.room.workshopId;
    new Stream(this.bus, {
      address: address('workshop', wid),
      syncBody: { workshopId: wid },
      seq: this.room.seq,
      apply: (e, { live }) => {
        this.room = evolveWorkshop(this.room, e);
            if (live && e.type === 'whistleBlown') this.whistle.event(e);
        this.render();
      },
      reset: (snapshot) => { this.room = workshopFromSnapshot(snapshot); this.render(); },
    });
    for (const [tableNo, table] of this.tables) {
      new Stream(this.bus, {
        address: address('table', wid, tableNo),
        syncBody: { workshopId: wid, table: tableNo },
        seq: table.seq,
        apply: (e) => { this.tables.set(tableNo, evolveTable(this.tables.get(tableNo), e)); this.renderProgress(); this.refreshPlenary(); },
        reset: (snapshot) => { this.tables.set(tableNo, tableFromSnapshot(snapshot)); this.renderProgress(); this.refreshPlenary(); },
      });
    }
    this.bus.connect();
    onLangChange(() => { applyI18n(document); this.render(); this.drawPlenary(); });
    window.addEventListener('pointerdown', () => setTimeout(() => this.renderSoundHint(), 50));
    setInterval(() => this.tick(), 250);
    this.render();
    this.drawPlenary();
  }

  onWhistle() {
    blowWhistle();
    const note = $('#proj-whistle');
    note.hidden = false;
    document.body.classList.add('whistle');
    setTimeout(() => { note.hidden = true; document.body.classList.remove('whistle'); }, 6000);
  }

  /** The broadcast on the wall: five minutes at most, and gone at the next phase move. */
  renderBroadcast(force = false) {
    const last = shownBroadcast(this.room, serverNow());
    const key = last ? `${last.at}|${document.documentElement.lang}` : null;
    if (!force && key === this.broadcastKey) return;
    this.broadcastKey = key;
    const broadcast = $('[data-testid="broadcast"]');
    broadcast.hidden = !last;
    if (last) fill(broadcast, h('span', { class: 'broadcast-label', text: t('broadcast.label') }), h('span', { class: 'broadcast-text', text: last.text }));
  }

  tick() {
    this.renderBroadcast();
    const clock = this.room.clock;
    const ms = remainingMs(clock);
    const el = $('[data-testid="clock"]');
    el.textContent = clock.status === 'idle' ? '––:––' : formatClock(ms);
    el.dataset.status = clock.status;
    el.dataset.remainingMs = String(Math.round(ms));
    el.classList.toggle('low', clock.status === 'running' && ms < 60_000);
    el.setAttribute('aria-label', t(`clock.aria.${clock.status}`, { time: formatClock(ms) }));
    document.body.dataset.clock = clock.status;
    this.whistle.tick(this.room);
  }

  /** The join link as a QR code for the room's phones and laptops; drawn by our own server, fetched once. */
  async loadQr(code) {
    if (this.qrCode === code) return;
    this.qrCode = code;
    const img = $('#proj-qr');
    img.alt = t('fac.join.qrAlt', { link: `${location.origin}/join.html?code=${code}` });
    try {
      const blob = await api.qr(this.room.workshopId, token, { target: 'join' });
      img.src = URL.createObjectURL(blob);
      img.hidden = false;
    } catch (e) {
      console.warn('no QR code', e);
    }
  }

  renderSoundHint() {
    $('#proj-sound').hidden = audioReady();
  }

  render() {
    const room = this.room;
    // Every screen shows the plenary the facilitator chose last (a plenaryShown event or a catch-up).
    if (this.plenary) this.plenary.follow(room.plenary);
    document.title = `${t('proj.pageTitle')} · ${room.title}`;
    document.body.dataset.phase = room.phase;
    // the whistle's note stays while the clock stands expired, not once the round is over or extended
    if (room.clock.status !== 'expired') $('#proj-whistle').hidden = true;
    $('#workshop-title').textContent = room.title;
    $('[data-testid="phase"]').textContent = t(`phase.${room.phase}`);
    $('[data-testid="phase"]').dataset.phase = room.phase;
    $('[data-testid="join-code"]').textContent = room.joinCode;
    $('#join-url').textContent = (this.joinUrl || `${location.origin}/join.html`).replace(/^https?:\/\//, '').replace(/\?code=.*$/, '');
    this.loadQr(room.joinCode);
    const rounds = room.rounds || this.deck.script.rounds;
    $('[data-testid="round"]').textContent = room.round ? t('status.roundOf', { round: room.round, rounds }) : t('proj.notStarted');
    this.renderBroadcast(true);
    const plenary = PLENARY_PHASES.includes(room.phase);
    $('.proj-plenary').hidden = !plenary;
    $('#progress').hidden = plenary || room.phase === 'lobby';
    $('.proj-join').classList.toggle('compact', room.phase !== 'lobby');
    this.renderSoundHint();
    this.renderProgress();
    if (plenary) this.refreshPlenary();
  }

  renderProgress() {
    const top = Math.max(1, ...[...this.tables.values()].map((x) => x.board.placements.length));
    fill($('#progress-list'), [...this.tables.values()].map((table) => {
      const n = table.board.placements.length;
      const round = currentRound(table);
      return h('li', { class: 'progress-item', dataset: { table: table.table } },
        h('span', { class: 'progress-name', text: t('table.name', { table: table.table }) }),
        h('span', { class: 'progress-bar' }, h('span', { style: { width: `${(n / top) * 100}%` } })),
        h('span', { class: 'progress-count', text: t('fac.mini.cards', { count: n }) + (round && !roundOpen(table) ? ' ✓' : '') }));
    }));
  }

  /** The plenary summary with the same controls as the console; it shows what the facilitator chooses (showPlenary). */
  async drawPlenary() {
    if (!this.plenary) {
      this.plenary = new PlenaryView($('#plenary'), {
        deck: this.deck,
        workshopId: this.room.workshopId,
        load: () => plenarySummary(() => api.plenary(this.room.workshopId, token)),
        tablesCount: () => this.room.tables,
        max: 20,
        screen: 'projector',
        plenary: this.room.plenary,
      });
    }
    await this.plenary.refresh();
  }
}
