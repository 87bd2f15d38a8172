/* global EventBus */
// The realtime side of the protocol: one SockJS event-bus connection that comes back by itself,
// commands with promised replies, and streams that stay gap-free. A stream holds the seq of the last
// event it folded; an event further ahead means something was missed, and fs.sync fills the gap.
//
// The outbox: a command issued while the connection is down waits in order and goes out once the
// connection is back and every stream has caught up. Every command carries a commandId unique to this
// page; the server puts it on the reply and on every event the command produced, and answers a command
// whose id it already committed with the first outcome instead of applying it twice. So a command whose
// reply was lost with the connection is done once its event (with its id) is folded, and is otherwise
// simply sent again, with the same id, after the catch-up.

import { NOT_READY_RETRIES, retryDelayMs } from './api.js';

const REPLY_TIMEOUT_MS = 15_000;

/** A prefix no other page shares: ids are unique per sender, and a reload starts a new page. */
function pagePrefix() {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A refusal of a command or sync: code and message from the server's JSON, status from failureCode. */
export class Rejection extends Error {
  constructor(code, message, status) {
    super(message || code);
    this.code = code;
    this.status = status;
  }
}

/** The connection: `online`, `offline` or `connecting`, re-registering every subscription after a drop. */
export class Bus {
  /**
   * @param o.token the bearer token
   * @param o.onState (state) => void
   * @param o.onError (Rejection) => void
   * @param o.onOutbox (entries) => void: the outbox changed; entries as pending() answers
   */
  constructor({ token, onState = () => {}, onError = () => {}, onOutbox = () => {} }) {
    this.token = token;
    this.idPrefix = pagePrefix();
    this.onState = onState;
    this.onError = onError;
    this.onOutbox = onOutbox;
    this.subscriptions = new Map();
    this.openListeners = [];
    this.state = 'connecting';
    this.eb = null;
    this.streams = [];
    this.caughtUp = new Set();
    this.outbox = [];
    this.inflight = new Set();
    this.nextEntryId = 1;
    this.flushing = false;
  }

  connect() {
    this.openEventBus();
    // Chromium keeps a websocket open (and silent) while the network is gone: close it ourselves, so
    // the connection comes back through a reconnection and a catch-up rather than never noticing.
    window.addEventListener('offline', () => {
      this.setState('offline');
      if (this.eb.sockJSConn) this.eb.sockJSConn.close();
    });
    // The network is back, or the laptop woke up with the tab in front: connect now rather than at the
    // end of the retry backoff (up to 4 s).
    window.addEventListener('online', () => this.reconnectNow());
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') this.reconnectNow(); });
  }

  /** Drops a connection that is down or still retrying and opens a new one at once. */
  reconnectNow() {
    if (this.open || !this.eb) return;
    // Our own fresh attempt that is still under way is left to finish.
    if (this.eb.state === EventBus.CONNECTING && performance.now() - this.attemptStarted < 1000) return;
    const old = this.eb;
    old.onopen = null;
    old.onclose = null;
    old.onerror = null;
    old.enableReconnect(false);
    try { old.close(); } catch { /* it was closed already */ }
    this.openEventBus();
  }

  openEventBus() {
    this.setState('connecting');
    this.attemptStarted = performance.now();
    const eb = new EventBus('/eventbus', {
      // The first attempt comes 100 to 300 ms after a lost connection (vertx-eventbus.js spreads it by
      // half either way, so a room reconnecting after a server or a cluster member went away does not
      // come back all at once), then 400, 800 ms and so on up to 4 s. The load generator's failover
      // waits the same (SockJsClient.RECONNECT_DELAY_MIN_MILLIS and _MAX_MILLIS).
      vertxbus_reconnect_delay_min: 200,
      vertxbus_reconnect_delay_max: 4000,
      vertxbus_ping_interval: 5000,
    });
    eb.defaultHeaders = { token: this.token };
    eb.enableReconnect(true);
    eb.onopen = () => {
      this.caughtUp.clear();
      this.setState('online');
      for (const [address, handler] of this.subscriptions) this.register(address, handler);
      for (const listener of this.openListeners) listener();
      this.pump();
    };
    eb.onclose = () => {
      this.caughtUp.clear();
      this.setState('offline');
      this.dropped();
      // Their replies cannot come any more: end the waits now rather than at their timeouts.
      for (const end of [...this.inflight]) end();
    };
    eb.onerror = (err) => this.onError(parseFailure(err));
    this.eb = eb;
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.onState(state);
  }

  get open() {
    return !!this.eb && this.eb.state === EventBus.OPEN;
  }

  /** Calls fn after every (re)connection, after the subscriptions are registered again. */
  onOpen(fn) {
    this.openListeners.push(fn);
    if (this.open) fn();
  }

  /** Listens on an address now and after every reconnection; handler gets the message body. */
  subscribe(address, handler) {
    this.subscriptions.set(address, handler);
    if (this.open) this.register(address, handler);
  }

  register(address, handler) {
    this.eb.registerHandler(address, { token: this.token }, (err, msg) => {
      if (err) this.onError(parseFailure(err));
      else handler(msg.body);
    });
  }

  /**
   * Sends and waits for the reply body; rejects with a Rejection. A server that cannot answer yet (not_ready:
   * a cluster member catching up) is asked again quietly after the wait it names, a few times.
   */
  async request(address, body) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.requestOnce(address, body);
      } catch (e) {
        if (e.code !== 'not_ready' || attempt >= NOT_READY_RETRIES || !this.open) throw e;
        await new Promise((resolve) => { setTimeout(resolve, retryDelayMs(e.retryAfter)); });
      }
    }
  }

  requestOnce(address, body) {
    return new Promise((resolve, reject) => {
      if (!this.open) {
        reject(new Rejection('offline', 'not connected', 0));
        return;
      }
      let done = false;
      const finish = (settle, value) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.inflight.delete(lost);
        settle(value);
      };
      const lost = () => finish(reject, new Rejection('offline', 'the connection dropped before the reply', 0));
      const timer = setTimeout(() => finish(reject, new Rejection('timeout', 'no reply', 0)), REPLY_TIMEOUT_MS);
      this.inflight.add(lost);
      try {
        this.eb.send(address, body, { token: this.token }, (err, msg) => {
          if (err) finish(reject, parseFailure(err));
          else finish(resolve, msg.body);
        });
      } catch (e) {
        finish(reject, new Rejection('offline', e.message, 0));
      }
    });
  }

  /**
   * A command to fs.command; resolves to {ok, seq}, rejects with a Rejection. While the connection
   * is down (or the streams are still catching up) it waits in the outbox, in order.
   */
  command(body) {
    return new Promise((resolve, reject) => {
      const id = this.nextEntryId++;
      const entry = { id, body: { ...body, commandId: `${this.idPrefix}-${id}` }, state: 'queued', seen: false, resolve, reject };
      if (this.ready && !this.outbox.some((e) => e.state === 'queued')) {
        this.outbox.push(entry);
        this.transmit(entry);
      } else {
        entry.waited = true;
        this.outbox.push(entry);
      }
      this.onOutbox(this.pending());
    });
  }

  /** True when a command issued now would wait in the outbox. */
  get queueing() {
    return !this.ready || this.outbox.some((e) => e.state === 'queued');
  }

  /** Connected, and every stream has caught up since. */
  get ready() {
    return this.open && this.streams.every((s) => this.caughtUp.has(s));
  }

  /** What is in the outbox: [{id, body, state: queued|sent|unsure, seen}], oldest first. */
  pending() {
    return this.outbox.map(({ id, body, state, seen }) => ({ id, body, state, seen }));
  }

  /** Sends one command; answers a promise that ends when it is settled, or lost with the connection. */
  transmit(entry) {
    entry.state = 'sent';
    const left = new Promise((release) => { entry.release = release; });
    this.request('fs.command', entry.body).then((reply) => {
      if (entry.state === 'sent') this.settle(entry, entry.resolve, reply);
    }, (err) => {
      if (entry.state !== 'sent') return;
      if (err.code === 'offline' && !this.open) {
        entry.state = 'queued'; // it never left: it waits with the others
        entry.release();
        this.onOutbox(this.pending());
        return;
      }
      this.settle(entry, entry.reject, Object.assign(err, { command: entry.body.type, queued: !!entry.waited }));
    });
    return left;
  }

  settle(entry, fn, value) {
    entry.state = 'done';
    if (entry.release) entry.release();
    this.outbox = this.outbox.filter((e) => e !== entry);
    fn(value);
    this.onOutbox(this.pending());
  }

  /** The connection dropped: commands whose reply is lost are done when their event was seen, else sent again later. */
  dropped() {
    for (const entry of this.outbox.filter((e) => e.state === 'sent')) {
      if (entry.seen) {
        this.settle(entry, entry.resolve, { ok: true, seq: entry.seenSeq, commandId: entry.body.commandId });
      } else {
        entry.state = 'unsure';
        entry.release();
      }
    }
    this.onOutbox(this.pending());
  }

  /** Every folded event passes here: it may be the effect of a command whose reply we wait for or lost. */
  noticeEvent(event) {
    if (!event || !event.commandId) return;
    const entry = this.outbox.find((e) => (e.state === 'sent' || e.state === 'unsure') && !e.seen && e.body.commandId === event.commandId);
    if (!entry) return;
    entry.seen = true;
    entry.seenSeq = event.seq;
    if (entry.state === 'unsure') this.settle(entry, entry.resolve, { ok: true, seq: event.seq, commandId: event.commandId });
    else this.onOutbox(this.pending());
  }

  addStream(stream) {
    this.streams.push(stream);
  }

  /**
   * A stream has caught up; once all have, the commands whose effect did not come with the catch-up go
   * out again first, in their order and with their ids (the server applies each at most once).
   */
  streamCaughtUp(stream) {
    this.caughtUp.add(stream);
    if (!this.ready) return;
    for (const entry of this.outbox.filter((e) => e.state === 'unsure')) Object.assign(entry, { state: 'queued', waited: true });
    this.pump();
  }

  /** Sends the waiting commands one after another, each after the reply to the one before. */
  async pump() {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (;;) {
        if (!this.ready) return;
        const next = this.outbox.find((e) => e.state === 'queued');
        if (!next) return;
        await this.transmit(next);
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Sends without waiting for a reply (motion); quietly dropped when offline. */
  fire(address, body) {
    if (!this.open) return;
    try { this.eb.send(address, body, { token: this.token }); } catch { /* dropped */ }
  }
}

function parseFailure(err) {
  if (!err) return new Rejection('unknown', 'unknown error', 0);
  let code = err.failureType || 'failed';
  let message = typeof err.message === 'string' ? err.message : (err.body || '');
  let retryAfter;
  if (typeof message === 'string' && message.trim().startsWith('{')) {
    try {
      const json = JSON.parse(message);
      code = json.code || code;
      message = json.message || message;
      retryAfter = json.retryAfter;
    } catch { /* plain text */ }
  } else if (message === 'access_denied' || err.body === 'access_denied') {
    code = 'access_denied';
  }
  return Object.assign(new Rejection(code, message, err.failureCode || 0), { retryAfter });
}

/**
 * One event stream (the workshop's or a table's): folds events strictly in seq order. Events that
 * arrive ahead of the next expected seq wait in a buffer while fs.sync fetches what is missing;
 * a reconnection always syncs from the last seq held.
 */
export class Stream {
  /**
   * @param bus the Bus
   * @param address e.g. fs.table.<id>.<n>
   * @param syncBody {workshopId, table?}
   * @param seq the seq of the snapshot the state was built from
   * @param apply (event, {live}) folds one event
   * @param reset (snapshot, seq) replaces the state with a snapshot
   */
  constructor(bus, { address, syncBody, seq, apply, reset, onSynced = () => {} }) {
    this.bus = bus;
    this.address = address;
    this.syncBody = syncBody;
    this.seq = seq || 0;
    this.apply = apply;
    this.reset = reset;
    this.onSynced = onSynced;
    this.buffer = new Map();
    this.syncing = false;
    this.again = false;
    bus.addStream(this);
    bus.subscribe(address, (event) => this.receive(event));
    bus.onOpen(() => this.sync());
  }

  receive(event) {
    if (!event || typeof event.seq !== 'number') return;
    if (event.seq <= this.seq) return;
    if (event.seq === this.seq + 1 && !this.syncing) {
      this.fold(event, true);
      this.drain();
      return;
    }
    this.buffer.set(event.seq, event);
    if (!this.syncing) this.sync();
  }

  fold(event, live) {
    this.seq = event.seq;
    try {
      this.apply(event, { live });
    } catch (e) {
      console.error('could not fold event', event, e);
    }
    this.bus.noticeEvent(event);
  }

  drain() {
    while (this.buffer.has(this.seq + 1)) {
      const next = this.buffer.get(this.seq + 1);
      this.buffer.delete(this.seq + 1);
      this.fold(next, true);
    }
    for (const seq of this.buffer.keys()) if (seq <= this.seq) this.buffer.delete(seq);
  }

  /** Asks fs.sync for everything after the last seq held (or a snapshot) and folds it. */
  async sync() {
    if (this.syncing) {
      this.again = true;
      return;
    }
    if (!this.bus.open) return;
    this.syncing = true;
    try {
      const reply = await this.bus.request('fs.sync', { ...this.syncBody, sinceSeq: this.seq });
      if (reply && reply.snapshot) {
        this.reset(reply.snapshot, reply.seq);
        this.seq = reply.seq;
      } else if (reply && Array.isArray(reply.events)) {
        for (const event of reply.events) {
          if (event.seq === this.seq + 1) this.fold(event, false);
        }
      }
      this.syncing = false;
      this.drain();
      this.onSynced();
      if (this.again) {
        this.again = false;
        this.sync();
      } else if (this.buffer.size > 0) {
        setTimeout(() => this.sync(), 500);
      } else {
        this.bus.streamCaughtUp(this);
      }
    } catch {
      this.syncing = false;
      if (this.bus.open) setTimeout(() => this.sync(), 2000);
    }
  }
}
