/* global EventBus */
// The realtime side of the protocol: one SockJS event-bus connection that comes back by itself,
// commands with promised replies, and streams that stay gap-free. A stream holds the seq of the last
// event it folded; an event further ahead means something was missed, and fs.sync fills the gap.

const REPLY_TIMEOUT_MS = 15_000;

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
  constructor({ token, onState = () => {}, onError = () => {} }) {
    this.token = token;
    this.onState = onState;
    this.onError = onError;
    this.subscriptions = new Map();
    this.openListeners = [];
    this.state = 'connecting';
    this.eb = null;
  }

  connect() {
    this.setState('connecting');
    const eb = new EventBus('/eventbus', {
      vertxbus_reconnect_delay_min: 500,
      vertxbus_reconnect_delay_max: 4000,
      vertxbus_ping_interval: 5000,
    });
    eb.defaultHeaders = { token: this.token };
    eb.enableReconnect(true);
    eb.onopen = () => {
      this.setState('online');
      for (const [address, handler] of this.subscriptions) this.register(address, handler);
      for (const listener of this.openListeners) listener();
    };
    eb.onclose = () => this.setState('offline');
    eb.onerror = (err) => this.onError(parseFailure(err));
    this.eb = eb;
    window.addEventListener('offline', () => this.setState('offline'));
    window.addEventListener('online', () => { if (this.state !== 'online') this.setState('connecting'); });
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

  /** Sends and waits for the reply body; rejects with a Rejection. */
  request(address, body) {
    return new Promise((resolve, reject) => {
      if (!this.open) {
        reject(new Rejection('offline', 'not connected', 0));
        return;
      }
      let done = false;
      const timer = setTimeout(() => {
        done = true;
        reject(new Rejection('timeout', 'no reply', 0));
      }, REPLY_TIMEOUT_MS);
      try {
        this.eb.send(address, body, { token: this.token }, (err, msg) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          if (err) reject(parseFailure(err));
          else resolve(msg.body);
        });
      } catch (e) {
        clearTimeout(timer);
        reject(new Rejection('offline', e.message, 0));
      }
    });
  }

  /** A command to fs.command; resolves to {ok, seq}. */
  command(body) {
    return this.request('fs.command', body);
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
  if (typeof message === 'string' && message.trim().startsWith('{')) {
    try {
      const json = JSON.parse(message);
      code = json.code || code;
      message = json.message || message;
    } catch { /* plain text */ }
  } else if (message === 'access_denied' || err.body === 'access_denied') {
    code = 'access_denied';
  }
  return new Rejection(code, message, err.failureCode || 0);
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
      }
    } catch {
      this.syncing = false;
      if (this.bus.open) setTimeout(() => this.sync(), 2000);
    }
  }
}
