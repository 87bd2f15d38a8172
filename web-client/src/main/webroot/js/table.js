// The table: the board, the tray, and the tools of the seat. The state is the server's, folded
// here event by event; a command changes nothing until its event comes back.

import { h, $, fill, params, throttle, saveBlob, srOnly } from './dom.js';
import { t, tx, getLang, onLangChange, formatTime, useWorkshopLanguage } from './i18n.js';
import { api } from './api.js';
import { protocolReady, address } from './protocol.js';
import { Bus, Stream } from './bus.js';
import { storage } from './storage.js';
import {
  tableFromSnapshot, workshopFromSnapshot, evolveTable, evolveWorkshop, currentRound, roundOpen, allows,
  copiesLeft, participant, inSeat, respondentSeatOfRound, shownBroadcast,
} from './state.js';
import { BoardView, cardFace, cardOf, categoryOf, boardSvg, svgToPng, positionText } from './board.js';
import { CardHandler } from './interaction.js';
import { OutcomeCards } from './outcomes.js';
import { learnServerTime, remainingMs, formatClock, blowWhistle, WhistleWatch, audioReady, serverNow } from './clock.js';
import { startPage, toast, showRefusal, announce, connectionIndicator, mountSoundToggle, showFatal } from './ui.js';
import { Presence } from './presence.js';
import {
  scriptPanel, notesPanel, observerPanel, profilePanel, discussionPanel, detailPanel, peoplePanel, roleHelp,
} from './panels.js';
import { attributesPanel } from './attributes.js';
import { sharedLayout, layoutSwitcher, focusLayoutButton } from './layout-switch.js';

startPage();
const main = $('#main');
const hash = params(location.hash);
const workshopId = hash.w;
const token = hash.t || (workshopId && storage.token(workshopId));

if (!workshopId || !token) {
  showFatal(main, 'table.noSeatTitle', 'table.noSeat', { href: '/join.html', key: 'table.toJoin' });
} else {
  open().catch((e) => {
    console.error(e);
    if (e.status === 401 || e.status === 403 || e.status === 404) {
      showFatal(main, 'table.noSeatTitle', 'table.tokenRefused', { href: '/join.html', key: 'table.toJoin' });
    } else {
      showFatal(main, 'common.errorTitle', 'common.loadFailed', { href: location.href, key: 'common.retry' });
    }
  });
}

async function open() {
  const [{ data, sentAt, receivedAt }] = await Promise.all([api.workshop(workshopId, token), protocolReady]);
  useWorkshopLanguage(data.workshop.language);
  learnServerTime(data.workshop.clock && data.workshop.clock.serverTime, sentAt, receivedAt);
  const you = data.you || {};
  const tableNo = Number(hash.table) || you.table || (data.tables[0] && data.tables[0].table);
  const snapshot = data.tables.find((x) => x.table === tableNo);
  if (!snapshot) throw Object.assign(new Error('no such table'), { status: 404 });
  const deck = await api.workshopDeck(workshopId, token);
  new TablePage({ deck, room: workshopFromSnapshot(data.workshop), table: tableFromSnapshot(snapshot), you, tableNo }).start();
}

class TablePage {
  constructor({ deck, room, table, you, tableNo }) {
    this.deck = deck;
    this.room = room;
    this.table = table;
    this.you = you;
    this.tableNo = tableNo;
    this.myId = you.participantId || (you.role === 'facilitator' ? 'facilitator' : null);
    this.selectedId = null;
    this.linkMode = false;
    this.linkFrom = null;
    this.presence = new Presence(() => this.people && this.people.update());
    this.presence.fromSnapshot(room);
    this.whistle = new WhistleWatch(() => this.onWhistle());
    this.dismissedBroadcast = null;
  }

  // --- who am I ---
  get me() {
    return this.myId ? participant(this.room, this.myId) : null;
  }

  get role() {
    const me = this.me;
    return me ? me.role : (this.you.role || 'projector');
  }

  /** Whose layout this page shows: the seat's own, or on the shared laptop the one chosen there. */
  get layoutRole() {
    return this.role === 'shared' ? sharedLayout() : this.role;
  }

  get seat() {
    const me = this.me;
    return me ? me.seat : null;
  }

  get roundNo() {
    const r = currentRound(this.table);
    return r ? r.round : 0;
  }

  can(action) {
    return this.room.phase !== 'closed' && allows(action, this.role, this.seat, this.roundNo);
  }

  canLay() {
    return roundOpen(this.table) && this.can('layCards');
  }

  whyNot() {
    if (this.room.phase === 'closed') return t('why.closed');
    if (!currentRound(this.table)) return t('why.noRound');
    if (!roundOpen(this.table)) return t('why.roundOver');
    if (this.role === 'respondent') return t('why.notYourRound');
    return t('why.role');
  }

  nameOf(participantId) {
    if (!participantId) return '—';
    if (participantId === 'facilitator') return t('seat.facilitator');
    if (participantId === 'system') return t('seat.system');
    const p = participant(this.room, participantId);
    return p ? p.name : t('people.unknown');
  }

  /**
   * Sends a table command (or, with {workshop: true}, a workshop command); shows a refusal as a toast.
   * Without a connection the command waits in the outbox (shown on the board) and goes out later.
   */
  send(type, fields = {}, { workshop = false } = {}) {
    const body = { type, workshopId: this.room.workshopId, ...fields };
    if (!workshop) body.table = this.tableNo;
    if (!this.bus.open && !this.toldQueued) {
      this.toldQueued = true;
      toast(t('outbox.queuedToast'), 'info', 6000);
    }
    return this.bus.command(body).catch((err) => {
      if (fields.cardId) err.detail = `${fields.cardId} ${tx(cardOf(this.deck, fields.cardId).label)}`;
      showRefusal(err);
      this.render();
      throw err;
    });
  }

  start() {
    this.build();
    const setState = connectionIndicator($('[data-testid="connection"]'));
    this.bus = new Bus({
      token,
      onOutbox: (entries) => {
        setState.pending(entries.filter((e) => e.state !== 'sent').length);
        this.render();
      },
      onState: (state) => {
        setState(state);
        if (state === 'online') this.toldQueued = false;
        if (state === 'online' && this.wasOffline) {
          this.wasOffline = false;
          toast(t('connection.back'), 'success', 3000);
          api.workshop(workshopId, token).then(({ data, sentAt, receivedAt }) => learnServerTime(data.workshop.clock.serverTime, sentAt, receivedAt), () => {});
        }
        if (state === 'offline') this.wasOffline = true;
      },
      onError: (err) => showRefusal(err),
    });
    const wid = this.room.workshopId;
    // presence first: registering for the table announces us, and we want to hear that list too
    this.bus.subscribe(address('presence', wid), (body) => this.presence.apply(body));
    this.workshopStream = new Stream(this.bus, {
      address: address('workshop', wid),
      syncBody: { workshopId: wid },
      seq: this.room.seq,
      apply: (e, { live }) => this.onWorkshopEvent(e, live),
      reset: (snapshot) => { this.room = workshopFromSnapshot(snapshot); this.render(); },
    });
    this.tableStream = new Stream(this.bus, {
      address: address('table', wid, this.tableNo),
      syncBody: { workshopId: wid, table: this.tableNo },
      seq: this.table.seq,
      apply: (e, { live }) => this.onTableEvent(e, live),
      reset: (snapshot) => { this.table = tableFromSnapshot(snapshot); this.render(); },
    });
    this.bus.subscribe(address('tableMotion', wid, this.tableNo), (body) => this.onMotion(body));
    this.bus.connect();
    onLangChange(() => this.rebuild());
    setInterval(() => this.tick(), 250);
    this.tick();
    this.render();
  }

  // --- layout ---

  build() {
    document.body.dataset.role = this.layoutRole;
    this.trayEl = h('section', { id: 'tray', class: 'tray', 'aria-labelledby': 'tray-title' });
    this.boardEl = h('div', { id: 'board' });
    this.linkButton = h('button', { id: 'link-mode', type: 'button', class: 'button secondary', 'aria-pressed': 'false' });
    this.linkLabel = h('input', { id: 'link-label', type: 'text', maxlength: 200 });
    this.undoButton = h('button', { id: 'undo', type: 'button', class: 'button secondary' });
    this.toolbarHint = h('span', { class: 'toolbar-hint', 'aria-live': 'polite' });
    this.phaseBanner = h('div', { class: 'phase-banner', hidden: true, role: 'status' });
    this.keysHint = h('details', { class: 'keys-help' });
    this.photosEl = h('section', { id: 'photos', class: 'photos', 'aria-labelledby': 'photos-title' });
    this.sideEl = h('aside', { id: 'side', class: 'side' });
    this.boardFrame = h('div', { class: 'board-frame' }, this.boardEl);
    const boardArea = h('section', { class: 'board-area', 'aria-labelledby': 'board-title' },
      h('h2', { id: 'board-title', class: 'sr-only' }),
      this.phaseBanner,
      h('div', { class: 'board-toolbar' }, this.linkButton, this.linkLabel, this.undoButton, this.toolbarHint),
      this.boardFrame,
      this.keysHint,
      this.photosEl);
    fill(main, this.trayEl, boardArea, this.sideEl);
    this.boardView = new BoardView(this.boardEl, { deck: this.deck, nameOf: (id) => this.nameOf(id), interactive: true });
    this.cards = new CardHandler({
      boardView: this.boardView,
      board: this.boardEl,
      tray: this.trayEl,
      deck: this.deck,
      canLay: () => this.canLay(),
      whyNot: () => this.whyNot(),
      copiesLeft: (cardId) => this.copiesLeft(cardOf(this.deck, cardId)),
      placementOf: (id) => this.table.board.placements.find((p) => p.id === id),
      startPosition: () => this.freeSpot(),
      place: (cardId, pos) => this.place(cardId, pos),
      move: (placementId, pos) => this.move(placementId, pos),
      remove: (placementId) => this.send('removeCard', { placementId }).then(() => {
        if (this.selectedId === placementId) this.selectPlacement(null);
        announce(t('announce.removedSelf'));
      }, () => {}),
      activate: (placementId, how) => this.activate(placementId, how),
      motion: (payload) => this.sendMotion(payload),
      announce: (text, alsoToast) => { announce(text); if (alsoToast) toast(text, 'info'); },
    });
    this.outcomeCards = new OutcomeCards(this, {
      tray: this.trayEl,
      frame: this.boardFrame,
      announce: (text, alsoToast) => { announce(text); if (alsoToast) toast(text, 'info'); },
    });
    this.motionThrottled = throttle((body) => this.bus.fire(address('motion'), body), 100);
    this.linkButton.addEventListener('click', () => this.setLinkMode(!this.linkMode));
    this.undoButton.addEventListener('click', () => this.send('undoPlacement').catch(() => {}));
    mountSoundToggle($('#sound-toggle'));
    this.buildPanels();
    this.buildTray();
  }

  buildPanels() {
    const ctx = this;
    this.detail = detailPanel(ctx);
    const panels = [this.detail];
    const role = this.layoutRole;
    const all = role === 'facilitator';
    if (this.role === 'shared') {
      panels.unshift(layoutSwitcher(role, (layout) => {
        document.body.dataset.role = layout;
        this.rebuild();
        focusLayoutButton(this.sideEl, layout);
      }));
    } else if (role === 'respondent') panels.push(roleHelp(ctx));
    if (all || role === 'interviewer') panels.push(scriptPanel(ctx));
    if (all || role === 'reporter') panels.push(this.notes = notesPanel(ctx));
    if (all || role === 'observer') panels.push(observerPanel(ctx));
    this.discussion = discussionPanel(ctx);
    panels.push(this.discussion);
    panels.push(profilePanel(ctx));
    const attributes = attributesPanel(ctx);
    if (attributes && (all || role === 'interviewer' || role === 'respondent')) panels.push(attributes);
    this.people = peoplePanel(ctx);
    panels.push(this.people);
    this.panels = panels;
    this.panelRole = role;
    fill(this.sideEl, panels.map((p) => p.el));
  }

  rebuild() {
    for (const p of this.panels) if (p.flush) p.flush();
    this.buildPanels();
    this.buildTray();
    this.boardView.drawHalves();
    this.render();
  }

  buildTray() {
    const groups = this.deck.categories.map((category) => {
      const cards = this.deck.cards.filter((c) => c.category === category.id);
      return h('div', { class: 'tray-group', dataset: { category: category.id }, style: { '--cat': category.colour } },
        h('h3', { class: 'tray-category' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), `${category.id} · ${tx(category.label)}`),
        h('div', { class: 'tray-cards' }, cards.map((card) => h('button', {
          type: 'button', class: 'tray-card', dataset: { cardId: card.id }, 'aria-describedby': 'tray-hint',
          title: tx(card.description) || tx(card.label),
        }, cardFace(this.deck, card), h('span', { class: 'copies' }), srOnly('')))));
    });
    fill(this.trayEl,
      h('h2', { id: 'tray-title', text: t('tray.title') }),
      h('p', { id: 'tray-hint', class: 'hint' }),
      groups);
    this.outcomeCards.drawTray();
  }

  // --- events ---

  onWorkshopEvent(e, live) {
    const before = this.role;
    this.room = evolveWorkshop(this.room, e);
    if (live) {
      if (e.type === 'broadcastSent') this.broadcastToast = toast(t('broadcast.toast', { text: e.text }), 'info', 10000);
      // taken off the screens: its toast goes with the banner
      if (e.type === 'broadcastCleared' && this.broadcastToast) this.broadcastToast.remove();
      if (e.type === 'whistleBlown') this.whistle.event(e);
      if (e.type === 'phaseChanged' || e.type === 'phaseChangeUndone') announce(t('announce.phase', { phase: t(`phase.${e.phase}`) }));
      if (e.type === 'roundReopened') toast(t('announce.roundReopened', { round: e.round }), 'info', 8000);
      if (e.type === 'seatAssigned' && e.participantId === this.myId) toast(t('announce.seatChanged', { seat: t(`seat.${e.seat}`), table: e.table }), 'info');
    }
    if (e.type === 'seatAssigned' && e.participantId === this.myId && e.table !== this.tableNo && this.myId !== 'facilitator') {
      // moved to another table: the page follows
      setTimeout(() => location.reload(), 800);
    }
    if (this.role !== before) {
      document.body.dataset.role = this.layoutRole;
      this.rebuild();
      return;
    }
    this.render();
  }

  onTableEvent(e, live) {
    this.table = evolveTable(this.table, e);
    const other = live && e.by && e.by.participantId !== this.myId;
    if (other) {
      const who = this.nameOf(e.by.participantId);
      if (e.type === 'cardPlaced') {
        announce(t('announce.placed', { who, card: tx(cardOf(this.deck, e.cardId).label), position: positionText(this.deck, e) }));
      } else if (e.type === 'cardMoved') {
        const p = this.table.board.placements.find((x) => x.id === e.placementId);
        if (p) announce(t('announce.moved', { who, card: tx(cardOf(this.deck, p.cardId).label), position: positionText(this.deck, e) }));
      } else if (e.type === 'cardRemoved') announce(t('announce.removed', { who }));
    }
    if (e.type === 'whistleBlown' && live) this.whistle.event(e);
    if (e.type === 'roundStarted') {
      this.selectPlacement(null, false);
      this.setLinkMode(false, false);
      if (live) announce(t('announce.roundStarted', { round: e.round }));
    }
    if (e.type === 'cardRemoved' && this.selectedId === e.placementId) this.selectedId = null;
    this.render();
    // the card has landed where its ghost was; now the ghost can go
    if (other && ['cardPlaced', 'cardMoved', 'cardRemoved'].includes(e.type)) this.boardView.clearGhost(e.by.participantId);
  }

  onMotion(body) {
    if (!body || !body.by || body.by.participantId === this.myId) return;
    const key = body.by.participantId;
    if (body.done) {
      this.boardView.releaseGhost(key);
      return;
    }
    let cardId = body.cardId;
    if (!cardId && body.placementId) {
      const p = this.table.board.placements.find((x) => x.id === body.placementId);
      cardId = p && p.cardId;
    }
    if (!cardId) return;
    this.boardView.showGhost(key, { ...body, cardId, name: this.nameOf(key) });
  }

  sendMotion(payload) {
    const body = { workshopId: this.room.workshopId, table: this.tableNo, ...payload };
    if (payload.done) {
      this.motionThrottled.cancel();
      this.bus.fire(address('motion'), body);
    } else this.motionThrottled(body);
  }

  onWhistle() {
    const played = blowWhistle();
    if (!played && !audioReady()) toast(t('sound.blocked'), 'info', 4000);
    document.body.classList.add('whistle');
    setTimeout(() => document.body.classList.remove('whistle'), 2500);
    announce(t('board.whistle'));
    this.render();
  }

  /** Where a card picked with the keyboard starts: on the side the interview is at, clear of other cards. */
  freeSpot() {
    const q = this.deck.script.questions.find((x) => x.id === this.table.questionId);
    const side = (q && q.side) || 'stimulating';
    const taken = this.table.board.placements.filter((p) => p.side === side);
    for (const y of [0.5, 0.32, 0.68, 0.16, 0.84]) {
      for (const strength of [0.5, 0.15, 0.85]) {
        if (!taken.some((p) => Math.abs(p.strength - strength) < 0.32 && Math.abs(p.y - y) < 0.17)) return { side, strength, y };
      }
    }
    return { side, strength: 0.5, y: 0.5 };
  }

  // --- actions ---

  /** Copies of a card in the tray, less those on their way to the board in the outbox. */
  copiesLeft(card) {
    const onTheirWay = this.outbox().filter((e) => e.body.type === 'placeCard' && e.body.cardId === card.id).length;
    return Math.max(0, copiesLeft(this.table, card) - onTheirWay);
  }

  /** The commands of this page still on their way (their event not seen yet), oldest first. */
  outbox() {
    return this.bus ? this.bus.pending().filter((e) => !e.seen) : [];
  }

  /** Cards laid or moved that wait for the server, as dashed ghosts; cards on their way back to the tray. */
  pendingOnBoard() {
    const ghosts = [];
    const removing = new Set();
    for (const e of this.outbox()) {
      const b = e.body;
      if (b.type === 'placeCard') {
        ghosts.push({ id: e.id, state: e.state, cardId: b.cardId, side: b.side, strength: b.strength, y: b.y });
      } else if (b.type === 'moveCard' && e.state !== 'sent') {
        const p = this.table.board.placements.find((x) => x.id === b.placementId);
        if (p) ghosts.push({ id: e.id, state: e.state, cardId: p.cardId, placementId: p.id, side: b.side, strength: b.strength, y: b.y });
      } else if (b.type === 'removeCard' && e.state !== 'sent') {
        removing.add(b.placementId);
      }
    }
    return { ghosts, removing };
  }

  place(cardId, pos) {
    return this.send('placeCard', { cardId, side: pos.side, strength: pos.strength, y: pos.y })
      .then(() => announce(t('announce.placedSelf', { card: tx(cardOf(this.deck, cardId).label), position: positionText(this.deck, pos) })), () => {});
  }

  move(placementId, pos) {
    const el = this.boardView.elementOf(placementId);
    const p = this.table.board.placements.find((x) => x.id === placementId);
    if (el && p) this.boardView.position(el, { ...p, ...pos });
    return this.send('moveCard', { placementId, side: pos.side, strength: pos.strength, y: pos.y })
      .then(() => announce(t('announce.movedSelf', { position: positionText(this.deck, pos) })), () => {});
  }

  activate(placementId, { keyboard = false } = {}) {
    if (this.linkMode) {
      this.pickForLink(placementId);
      return;
    }
    const open = this.selectedId !== placementId;
    this.selectPlacement(open ? placementId : null);
    // from the keyboard, go straight to the explanation (Escape comes back to the card)
    if (open && keyboard) {
      const explanation = $('#explanation');
      if (explanation && !explanation.readOnly) explanation.focus();
      else this.detail.focus();
    }
  }

  selectPlacement(placementId, render = true) {
    const previous = this.selectedId;
    const focusInDetail = this.detail && this.detail.el.contains(document.activeElement);
    this.selectedId = placementId;
    if (render) this.render();
    if (placementId) {
      const explanation = $('#explanation');
      if (explanation) explanation.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    } else if (previous && focusInDetail) {
      const card = this.boardView.elementOf(previous);
      if (card) card.focus();
    }
  }

  startLinkFrom(placementId) {
    this.setLinkMode(true);
    this.pickForLink(placementId);
  }

  setLinkMode(on, render = true) {
    this.linkMode = on;
    this.linkFrom = null;
    if (render) {
      this.render();
      announce(on ? t('link.on') : t('link.off'));
    }
  }

  pickForLink(placementId) {
    if (!this.linkFrom) {
      this.linkFrom = placementId;
      this.render();
      announce(t('link.pickSecond'));
      return;
    }
    if (this.linkFrom === placementId) {
      this.linkFrom = null;
      this.render();
      return;
    }
    const from = this.linkFrom;
    const label = this.linkLabel.value.trim();
    const waits = this.bus.queueing;
    this.send('linkCards', { fromPlacementId: from, toPlacementId: placementId, label }).then(() => {
      this.linkLabel.value = '';
      announce(t('link.made'));
      this.setLinkMode(false);
    }, () => { this.linkFrom = null; this.render(); });
    if (waits) {
      // it goes out with the connection; meanwhile the link tool is free again
      this.linkLabel.value = '';
      this.setLinkMode(false);
    }
  }

  // --- drawing ---

  tick() {
    this.renderBroadcast();
    const clock = this.room.clock;
    const el = $('[data-testid="clock"]');
    const ms = remainingMs(clock);
    el.textContent = clock.status === 'idle' ? '––:––' : formatClock(ms);
    el.dataset.status = clock.status;
    el.dataset.remainingMs = String(Math.round(ms));
    el.classList.toggle('low', clock.status === 'running' && ms < 60_000);
    el.setAttribute('aria-label', t(`clock.aria.${clock.status}`, { time: formatClock(ms) }));
    this.whistle.tick(this.room);
    const over = this.roundOverState();
    if (over !== this.lastOver) this.render();
  }

  roundOverState() {
    const round = currentRound(this.table);
    if (!round) return null;
    if (round.endedAt) return 'ended';
    // the whistle has blown while the clock stands at zero; an extension after it plays on
    const clock = this.room.clock;
    if (this.room.round !== round.round) return null;
    if (clock.status === 'expired') return 'whistle';
    if (clock.status === 'running' && remainingMs(clock) <= 0) return 'whistle';
    return null;
  }

  render() {
    if (!this.boardView) return;
    if (this.panelRole !== this.layoutRole) {
      this.rebuild();
      return;
    }
    const room = this.room;
    const table = this.table;
    const round = currentRound(table);
    document.title = `${t('table.pageTitle')} ${this.tableNo} · ${room.title}`;
    $('#workshop-title').textContent = room.title;
    $('#table-name').textContent = t('table.name', { table: this.tableNo });
    const me = this.me;
    $('#me').textContent = me ? `${me.name} · ${t(`seat.${me.seat}`)}` : t(`seat.${this.role}`);
    // status bar
    $('[data-testid="phase"]').textContent = t(`phase.${room.phase}`);
    $('[data-testid="round"]').textContent = round ? t('status.roundOf', { round: round.round, rounds: room.rounds || this.deck.script.rounds }) : t('status.noRound');
    $('[data-testid="respondent"]').textContent = round ? this.respondentName(round) : '—';
    const qIndex = this.deck.script.questions.findIndex((q) => q.id === table.questionId);
    const question = qIndex >= 0 ? this.deck.script.questions[qIndex] : null;
    const qEl = $('[data-testid="question"]');
    qEl.textContent = question ? `${qIndex + 1}. ${tx(question.text)}` : '—';
    qEl.dataset.questionId = question ? question.id : '';
    this.renderBroadcast();
    this.renderPhaseBanner();
    // board
    const over = this.roundOverState();
    this.lastOver = over;
    const open = roundOpen(table);
    const pending = this.pendingOnBoard();
    this.boardView.update(table.board, {
      selectedId: this.selectedId,
      linkFromId: this.linkFrom,
      pending: pending.ghosts,
      removing: pending.removing,
      roundOver: over,
      emptyText: !round ? t('board.emptyBeforeRound') : open ? (this.canLay() ? t('board.emptyCanLay') : t('board.emptyWatch')) : '',
    });
    this.boardEl.classList.toggle('link-mode', this.linkMode);
    this.boardEl.classList.toggle('can-lay', this.canLay());
    $('#board-title').textContent = t('board.label');
    // toolbar
    const canLay = this.canLay();
    this.linkButton.textContent = this.linkMode ? t('link.stop') : t('link.start');
    this.linkButton.setAttribute('aria-pressed', String(this.linkMode));
    this.linkButton.disabled = !canLay;
    this.linkLabel.placeholder = t('link.labelPlaceholder');
    this.linkLabel.setAttribute('aria-label', t('link.labelAria'));
    this.linkLabel.hidden = !this.linkMode;
    this.undoButton.textContent = t('undo.button');
    this.undoButton.disabled = !canLay || !table.board.placements.some((p) => p.placedBy === this.myId);
    this.toolbarHint.textContent = this.linkMode ? (this.linkFrom ? t('link.pickSecond') : t('link.pickFirst')) : '';
    fill(this.keysHint, h('summary', { text: t('keys.title') }), h('ul', {}, ['keys.select', 'keys.arrows', 'keys.updown', 'keys.enter', 'keys.escape', 'keys.delete', 'keys.drag', ...((this.deck.outcomes || []).length ? ['outcomes.keys'] : [])].map((k) => h('li', { text: t(k) }))));
    this.renderTray();
    this.outcomeCards.update();
    this.renderPhotos();
    for (const p of this.panels) p.update();
    this.discussion.el.hidden = !['discussion', 'closed'].includes(room.phase) || !(this.deck.discussion || []).length;
    if (room.phase === 'discussion' && this.sideEl.children[1] !== this.discussion.el) this.sideEl.insertBefore(this.discussion.el, this.sideEl.children[1]);
  }

  respondentName(round) {
    const seatName = t(`seat.${round.respondentSeat || respondentSeatOfRound(round.round)}`);
    let person = round.respondentId ? participant(this.room, round.respondentId) : null;
    if (!person) person = inSeat(this.room, this.tableNo, round.respondentSeat || respondentSeatOfRound(round.round))[0];
    return person ? `${person.name} (${seatName})` : seatName;
  }

  renderBroadcast() {
    const el = $('[data-testid="broadcast"]');
    const last = shownBroadcast(this.room, serverNow());
    const key = last ? `${last.at}|${document.documentElement.lang}` : null;
    if (!last || this.dismissedBroadcast === last.at) {
      el.hidden = true;
      this.broadcastKey = null;
      return;
    }
    if (this.broadcastKey === key && !el.hidden) return;
    this.broadcastKey = key;
    el.hidden = false;
    fill(el, h('span', { class: 'broadcast-label', text: t('broadcast.label') }), h('span', { class: 'broadcast-text', text: last.text }),
      h('span', { class: 'broadcast-time', text: formatTime(last.at) }),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': t('common.close'), text: '×', on: { click: () => { this.dismissedBroadcast = last.at; this.renderBroadcast(); } } }));
  }

  renderPhaseBanner() {
    const phase = this.room.phase;
    const round = currentRound(this.table);
    let text = null;
    if (phase === 'lobby') text = t('banner.lobby');
    else if (phase === 'round' && round && !roundOpen(this.table)) {
      text = round.round < (this.room.rounds || this.deck.script.rounds) ? t('banner.betweenRounds', { next: round.round + 1 }) : t('banner.roundsDone');
    } else if (phase === 'plenary') text = t('banner.plenary');
    else if (phase === 'discussion') text = t('banner.discussion');
    else if (phase === 'closed') text = t('banner.closed');
    this.phaseBanner.hidden = !text;
    this.phaseBanner.textContent = text || '';
    this.phaseBanner.dataset.phase = phase;
    document.body.dataset.phase = phase;
  }

  renderTray() {
    const canLay = this.canLay();
    $('#tray-title', this.trayEl).textContent = t('tray.title');
    $('#tray-hint', this.trayEl).textContent = canLay ? t('tray.hint') : this.whyNot();
    this.trayEl.classList.toggle('locked', !canLay);
    for (const button of this.trayEl.querySelectorAll('.tray-card')) {
      const card = cardOf(this.deck, button.dataset.cardId);
      const left = this.copiesLeft(card);
      const total = card.copies || 1;
      button.dataset.copiesLeft = String(left);
      button.classList.toggle('empty', left === 0);
      button.setAttribute('aria-disabled', String(left === 0 || !canLay));
      button.querySelector('.sr-only').textContent = t('tray.cardAria', { left, total });
      const badge = button.querySelector('.copies');
      badge.dataset.copiesLeft = String(left);
      badge.textContent = t('tray.left', { left, total });
    }
  }

  /** The server draws the round's photo as the PDF report does; without it, the browser draws one. */
  async savePhoto(round, title) {
    const name = `factorspel-${this.room.joinCode || this.room.workshopId}-${t('table.name', { table: this.tableNo })}-${round.round}.png`.replace(/\s+/g, '-').toLowerCase();
    try {
      const { blob } = await api.roundPicture(this.room.workshopId, token, this.tableNo, round.round, { language: getLang() });
      saveBlob(blob, name);
      return;
    } catch { /* draw it here */ }
    const big = boardSvg(this.deck, round.photo, { width: 1600, height: 1000, detailed: true, title, outcomes: round.outcomes || [] });
    try {
      saveBlob(await svgToPng(big, 1600, 1000), name);
    } catch {
      saveBlob(new Blob([new XMLSerializer().serializeToString(big)], { type: 'image/svg+xml' }), name.replace(/png$/, 'svg'));
    }
  }

  renderPhotos() {
    const done = this.table.rounds.filter((r) => r.endedAt && r.photo);
    this.photosEl.hidden = !done.length;
    if (!done.length) {
      // A reopened round is played on: its photo goes.
      fill(this.photosEl);
      this.photosKey = null;
      return;
    }
    const key = `${done.map((r) => `${r.round}:${r.endedAt}:${(r.outcomes || []).join(',')}`).join('|')}|${document.documentElement.lang}`;
    if (this.photosKey === key) return;
    this.photosKey = key;
    fill(this.photosEl, h('h2', { id: 'photos-title', text: t('photos.title') }),
      h('div', { class: 'photo-list' }, done.map((r) => {
        const count = r.photo.placements.length;
        const title = t(count === 1 ? 'photos.captionOne' : 'photos.caption', { round: r.round, table: this.tableNo, count });
        const svg = boardSvg(this.deck, r.photo, { width: 360, height: 220, detailed: false, title, outcomes: r.outcomes || [] });
        const save = h('button', { type: 'button', class: 'button secondary small', dataset: { round: r.round }, text: t('photos.save') });
        save.addEventListener('click', () => this.savePhoto(r, title));
        return h('figure', { class: 'photo', dataset: { round: r.round } }, svg,
          h('figcaption', {}, h('span', { text: title }), save));
      })));
  }
}

