// Plays one full table of the LLO workshop through the public protocol (docs/protocol.md) only:
// HTTP to create and join, the SockJS event-bus bridge for everything else.
//
//   NODE_PATH=web-client/node_modules node docs/examples/play-table.mjs http://localhost:8080
//
// Needs the npm packages sockjs-client and @vertx/eventbus-bridge-client.js (the web client's).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const EventBus = require('@vertx/eventbus-bridge-client.js');
const base = (process.argv[2] || 'http://localhost:8080').replace(/\/$/, '');

async function http(method, path, body, token) {
  const response = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
}

/** One person's connection: a bus with their token on every frame. */
function connect(token) {
  return new Promise((resolve, reject) => {
    const bus = new EventBus(`${base}/eventbus`);
    bus.defaultHeaders = { token };
    bus.onopen = () => resolve(bus);
    bus.onerror = (e) => reject(e);
  });
}

function command(bus, body) {
  return new Promise((resolve, reject) => {
    bus.send('fs.command', body, {}, (err, reply) => {
      if (err) reject(new Error(`${body.type}: ${err.message}`));
      else resolve(reply.body);
    });
  });
}

const workshop = await http('POST', '/api/workshops',
  { title: 'Proeftafel', deckId: 'llo-factoren', tables: 1, roundMinutes: 15, language: 'nl' });
const w = workshop.workshopId;
console.log(`workshop ${w}, join code ${workshop.joinCode}`);

const seats = {};
for (const [name, role] of [['Ilse', 'interviewer'], ['Ruud', 'respondent1'], ['Rosa', 'respondent2'],
  ['Rik', 'reporter'], ['Olga', 'observer']]) {
  seats[role] = await http('POST', '/api/join', { joinCode: workshop.joinCode, name, table: 1, role });
}

const facilitator = await connect(workshop.facilitatorToken);
const bus = {};
for (const [role, seat] of Object.entries(seats)) bus[role] = await connect(seat.token);

// Everyone at the table follows the table's stream; the observer's client counts what arrives.
const seen = [];
await new Promise((resolve) => {
  bus.observer.registerHandler(`fs.table.${w}.1`, {}, (err, msg) => { if (!err) seen.push(msg.body); });
  setTimeout(resolve, 200);
});

const table = (type, fields) => ({ type, workshopId: w, table: 1, ...fields });
const room = (type, fields) => ({ type, workshopId: w, ...fields });

for (const round of [1, 2]) {
  const respondent = round === 1 ? bus.respondent1 : bus.respondent2;
  await command(facilitator, room('startRound', { round }));
  await command(bus.interviewer, table('setQuestion', { questionId: 'q3' }));
  const a = await command(respondent, table('placeCard', { cardId: 'C2', side: 'stimulating', strength: 0.9, y: 0.2 }));
  const b = await command(respondent, table('placeCard', { cardId: 'A2', side: 'stimulating', strength: 0.5, y: 0.5 }));
  console.log(`round ${round}: placed cards, table seq now ${b.seq} (was ${a.seq})`);
  const board = (await http('GET', `/api/workshops/${w}`, undefined, seats.reporter.token)).tables[0].board;
  const [first, second] = board.placements;
  await command(respondent, table('explainCard', { placementId: first.id, text: 'Mijn leidinggevende gaf me ruimte.' }));
  await command(bus.interviewer, table('linkCards', { fromPlacementId: first.id, toPlacementId: second.id, label: 'versterkt' }));
  await command(bus.interviewer, table('setQuestion', { questionId: 'q4' }));
  await command(respondent, table('placeCard', { cardId: 'B2', side: 'hindering', strength: 0.7, y: 0.6 }));
  await command(respondent, table('moveCard', { placementId: `p${round === 1 ? 3 : 6}`, side: 'hindering', strength: 1, y: 0.7 }));
  await command(bus.observer, table('annotate', { placementId: first.id, text: 'Werd stil bij deze kaart' }));
  await command(bus.reporter, table('writeNote', { questionId: 'q3', text: 'Ruimte van de leidinggevende.' }));
  await command(bus.reporter, table('writeNote', { questionId: 'q6', text: 'Geef structureel tijd om te leren.' }));
  await command(bus.observer, table('writeReflection', { text: 'De leidinggevende maakt het verschil.' }));
  await command(bus.interviewer, table('setProfile', { profileId: round === 1 ? 'B' : 'A' }));
  await command(facilitator, room('endRound'));
  console.log(`round ${round}: ended; its board is kept as the round's photo`);
}
await command(facilitator, room('setPhase', { phase: 'plenary' }));
await command(facilitator, room('broadcast', { text: 'Plenaire terugkoppeling' }));

// A client that missed everything catches up with fs.sync.
const sync = await new Promise((resolve, reject) => bus.reporter.send('fs.sync', { workshopId: w, table: 1, sinceSeq: 0 }, {},
  (err, reply) => (err ? reject(err) : resolve(reply.body))));
const plenary = await http('GET', `/api/workshops/${w}/plenary`, undefined, workshop.projectorToken);
const csv = await fetch(`${base}/api/workshops/${w}/export.csv`, { headers: { Authorization: `Bearer ${workshop.facilitatorToken}` } });

console.log(JSON.stringify({
  workshopId: w,
  tableEvents: sync.events.length,
  lastSeq: sync.seq,
  eventsSeenLive: seen.length,
  factorsLaid: plenary.factors.filter((f) => f.total > 0).length,
  csvZipBytes: (await csv.arrayBuffer()).byteLength,
}));
for (const b of [facilitator, ...Object.values(bus)]) b.close();
