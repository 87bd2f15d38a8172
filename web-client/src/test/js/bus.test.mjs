// The outbox: commands wait in order while the connection is down, carry an id unique to the page,
// are settled by that id when a reply is lost, and are sent again with the same id when their event
// did not come with the catch-up. A fake event bus stands in for the SockJS connection.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

/** The connection as the vertx-eventbus client shows it; the test plays the server. */
class FakeEventBus {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 3;
  static last = null;

  constructor() {
    this.state = FakeEventBus.CONNECTING;
    this.sent = [];
    this.handlers = new Map();
    FakeEventBus.last = this;
  }

  enableReconnect() {}

  registerHandler(address, headers, handler) { this.handlers.set(address, handler); }

  send(address, body, headers, callback) {
    if (this.state !== FakeEventBus.OPEN) throw new Error('INVALID_STATE_ERR');
    this.sent.push({ address, body: structuredClone(body), callback });
  }

  open() { this.state = FakeEventBus.OPEN; this.onopen(); }

  drop() { this.state = FakeEventBus.CLOSED; this.onclose(); }

  /** The server publishes an event on an address. */
  publish(address, event) { this.handlers.get(address)(null, { body: event }); }
}

const listeners = {};
globalThis.EventBus = FakeEventBus;
globalThis.window = { addEventListener: (type, fn) => { (listeners[type] ||= []).push(fn); } };
globalThis.document = { addEventListener: () => {}, visibilityState: 'visible' };
const { Bus, Stream } = await import('../../main/webroot/js/bus.js');

const TABLE = 'fs.table.w1.1';
let bus, eb, stream, folded;

/** Answers the newest sync request with the given events. */
function answerSync(events) {
  const sync = eb.sent.filter((m) => m.address === 'fs.sync').at(-1);
  sync.callback(null, { body: { events, seq: events.length ? events.at(-1).seq : sync.body.sinceSeq } });
}

const commands = () => eb.sent.filter((m) => m.address === 'fs.command');
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(async () => {
  bus = new Bus({ token: 't' });
  bus.connect();
  eb = FakeEventBus.last;
  folded = [];
  stream = new Stream(bus, {
    address: TABLE, syncBody: { workshopId: 'w1', table: 1 }, seq: 0,
    apply: (e) => folded.push(e), reset: () => {},
  });
  eb.open();
  answerSync([]);
  await tick();
});

test('a command carries a commandId unique to the page, and its reply settles it', async () => {
  const first = bus.command({ type: 'placeCard', workshopId: 'w1', table: 1, cardId: 'A1' });
  const second = bus.command({ type: 'explainCard', workshopId: 'w1', table: 1, placementId: 'p1', text: 'x' });
  await tick();
  const [a] = commands();
  assert.match(a.body.commandId, /^[0-9a-f]{16}-\d+$/);
  a.callback(null, { body: { ok: true, seq: 1, commandId: a.body.commandId } });
  assert.deepEqual(await first, { ok: true, seq: 1, commandId: a.body.commandId });
  await tick();
  const b = commands()[1];
  assert.notEqual(b.body.commandId, a.body.commandId);
  assert.equal(b.body.commandId.split('-')[0], a.body.commandId.split('-')[0], 'one prefix per page');
  b.callback(null, { body: { ok: true, seq: 2 } });
  await second;
});

test('a command issued while offline waits in order and goes out after the catch-up', async () => {
  eb.drop();
  const p = bus.command({ type: 'placeCard', workshopId: 'w1', table: 1, cardId: 'B1' });
  assert.equal(bus.pending()[0].state, 'queued');
  assert.equal(commands().length, 0, 'nothing leaves while offline');
  eb.open();
  assert.equal(commands().length, 0, 'not before the streams caught up');
  answerSync([]);
  await tick();
  assert.equal(commands().length, 1);
  commands()[0].callback(null, { body: { ok: true, seq: 1 } });
  await p;
  assert.deepEqual(bus.pending(), []);
});

test('a command whose reply was lost is done when its event, with its id, comes with the catch-up', async () => {
  const p = bus.command({ type: 'placeCard', workshopId: 'w1', table: 1, cardId: 'C1' });
  await tick();
  const sent = commands()[0];
  eb.drop();
  assert.equal(bus.pending()[0].state, 'unsure');
  eb.open();
  answerSync([{ seq: 1, type: 'cardPlaced', stream: 1, commandId: sent.body.commandId, by: { participantId: 'p1' } }]);
  assert.deepEqual(await p, { ok: true, seq: 1, commandId: sent.body.commandId });
  await tick();
  assert.equal(commands().length, 1, 'it was not sent again');
  assert.equal(folded.length, 1);
});

test('another command\'s event with the same fields does not settle it: only its own id does', async () => {
  const p = bus.command({ type: 'removeCard', workshopId: 'w1', table: 1, placementId: 'p9' });
  await tick();
  const sent = commands()[0];
  eb.drop();
  eb.open();
  answerSync([{ seq: 1, type: 'cardRemoved', stream: 1, placementId: 'p9', commandId: 'someone-else-1', by: { participantId: 'p2' } }]);
  await tick();
  const resent = commands().at(-1);
  assert.equal(commands().length, 2, 'sent again after the catch-up');
  assert.equal(resent.body.commandId, sent.body.commandId, 'with the same id');
  resent.callback(null, { body: { ok: true, seq: 1, repeated: true } });
  assert.equal((await p).seq, 1);
});

test('a command that never reached the server is sent again once, with its id, and later ones follow in order', async () => {
  const p1 = bus.command({ type: 'placeCard', workshopId: 'w1', table: 1, cardId: 'D1' });
  await tick();
  eb.drop();
  const p2 = bus.command({ type: 'placeCard', workshopId: 'w1', table: 1, cardId: 'D2' });
  eb.open();
  answerSync([]);
  await tick();
  const ids = commands().map((m) => m.body.commandId);
  assert.equal(ids.length, 2, 'the lost one went out again first');
  assert.equal(ids[0], ids[1]);
  commands()[1].callback(null, { body: { ok: true, seq: 1 } });
  await p1;
  await tick();
  assert.equal(commands()[2].body.cardId, 'D2');
  commands()[2].callback(null, { body: { ok: true, seq: 2 } });
  await p2;
});

test('a refusal of a command that was sent again names the command', async () => {
  const p = bus.command({ type: 'placeCard', workshopId: 'w1', table: 1, cardId: 'E1' });
  await tick();
  eb.drop();
  eb.open();
  answerSync([]);
  await tick();
  commands().at(-1).callback({ failureCode: 409, failureType: 'RECIPIENT_FAILURE', message: '{"code":"round_closed","message":"the round has ended"}' });
  await assert.rejects(p, (err) => err.code === 'round_closed' && err.command === 'placeCard' && err.queued === true);
});

test('a command a cluster member cannot answer yet (not_ready) is sent again quietly, with the same id, after the wait it names', async () => {
  const placed = bus.command({ type: 'placeCard', workshopId: 'w1', table: 1, cardId: 'A1' });
  await tick();
  const [first] = commands();
  first.callback({ failureCode: 503, failureType: 'RECIPIENT_FAILURE',
    message: JSON.stringify({ code: 'not_ready', message: 'catching up', retryAfter: 0 }) });
  await new Promise((resolve) => setTimeout(resolve, 20));
  const again = commands();
  assert.equal(again.length, 2, 'the command went out again');
  assert.equal(again[1].body.commandId, first.body.commandId);
  again[1].callback(null, { body: { ok: true, seq: 1, commandId: first.body.commandId } });
  assert.deepEqual(await placed, { ok: true, seq: 1, commandId: first.body.commandId });
});

test('a catch-up a cluster member cannot answer yet is asked again quietly, and a refusal is not', async () => {
  const asked = bus.request('fs.sync', { workshopId: 'w1', sinceSeq: 0 });
  const syncs = () => eb.sent.filter((m) => m.address === 'fs.sync');
  const before = syncs().length;
  syncs().at(-1).callback({ failureCode: 503, message: JSON.stringify({ code: 'not_ready', message: 'x', retryAfter: 0 }) });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(syncs().length, before + 1);
  syncs().at(-1).callback(null, { body: { events: [], seq: 0 } });
  assert.deepEqual(await asked, { events: [], seq: 0 });

  const refused = bus.request('fs.sync', { workshopId: 'w1', sinceSeq: 0 });
  syncs().at(-1).callback({ failureCode: 401, message: JSON.stringify({ code: 'unknown_token', message: 'x' }) });
  await assert.rejects(refused, (e) => e.code === 'unknown_token');
  assert.equal(syncs().length, before + 2, 'a refusal is not asked again');
});
