// One fold, proved twice: state.js folds the golden workshop's events into the views the server's
// fold gives (sessions' GoldenFoldTest holds the same files to the Java fold).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { catalogue, events, views, serveProtocol } from './golden.mjs';

let state;
before(async () => {
  serveProtocol();
  state = await import('../../main/webroot/js/state.js');
  await (await import('../../main/webroot/js/protocol.js')).protocolReady;
});

/** As JSON: what undefined fields and key order do not change. */
const plain = (value) => JSON.parse(JSON.stringify(value));

function failOnWarnings(fn) {
  const warn = console.warn;
  const warned = [];
  console.warn = (...args) => warned.push(args.join(' '));
  try {
    return fn();
  } finally {
    console.warn = warn;
    assert.deepEqual(warned, [], 'the fold knows every event');
  }
}

test('every table of the golden workshop folds into the view the server gives', () => {
  for (const expected of views.tables) {
    const folded = failOnWarnings(() => events
      .filter((e) => e.stream === expected.table)
      .reduce((s, e) => state.evolveTable(s, e), state.emptyTable(expected.table)));
    const { seq, ...view } = expected;
    assert.equal(seq, events.filter((e) => e.stream === expected.table).length, 'the recording holds the whole stream');
    assert.deepEqual(plain(folded), view, `table ${expected.table}`);
  }
});

test('the room folds into the view the server gives', () => {
  const folded = failOnWarnings(() => events
    .filter((e) => e.stream === undefined)
    .reduce((s, e) => state.evolveWorkshop(s, e), state.workshopFromSnapshot({})));
  const { clockStatus, ...room } = views.workshop;
  for (const [field, value] of Object.entries(room)) {
    assert.deepEqual(plain(folded[field]), value, `workshop ${field}`);
  }
  assert.equal(folded.clock.status, clockStatus);
});

test('a table snapshot read back is the same state as the fold', () => {
  const expected = views.tables[0];
  const { seq, ...view } = expected;
  assert.deepEqual(plain(state.tableFromSnapshot(structuredClone(view))), view);
});

test('the fold handles every event type of the catalogue, and the recording has each', () => {
  for (const { type, stream } of catalogue.events) {
    assert.ok(events.some((e) => e.type === type && (stream === 'table') === (e.stream !== undefined)), `${type} on the ${stream} stream`);
  }
});

test('seats, phases and the permission matrix are the catalogue\'s', () => {
  assert.deepEqual(state.SEATS, catalogue.seats.map((s) => s.seat));
  assert.deepEqual(state.PHASES, catalogue.phases);
  assert.equal(state.roleOfSeat('respondent2'), 'respondent');
  assert.equal(state.respondentSeatOfRound(1), 'respondent1');
  assert.equal(state.respondentSeatOfRound(2), 'respondent2');
  for (const [action, roles] of Object.entries(catalogue.permissions)) {
    for (const role of catalogue.roles) {
      const seat = role === 'respondent' ? 'respondent1' : role;
      assert.equal(state.allows(action, role, seat, 1), roles.includes(role), `${role} ${action} in round 1`);
    }
  }
  assert.equal(state.allows('layCards', 'respondent', 'respondent2', 1), false, 'not in the other respondent\'s round');
  assert.equal(state.allows('layCards', 'respondent', 'respondent1', 0), false, 'not before the first round');
});

test('stream addresses come from the catalogue\'s templates', async () => {
  const { address } = await import('../../main/webroot/js/protocol.js');
  assert.equal(address('table', 'w1', 3), 'fs.table.w1.3');
  assert.equal(address('workshop', 'w1'), 'fs.workshop.w1');
  assert.equal(address('presence', 'w1'), 'fs.presence.w1');
  assert.equal(address('tableMotion', 'w1', 2), 'fs.motion.w1.2');
  assert.equal(address('motion'), catalogue.addresses.motion);
  assert.throws(() => address('nothing', 'w1'));
});
