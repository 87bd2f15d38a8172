// The HTTP side's quiet retry: a 503 not_ready (a cluster member catching up) is asked again after its
// Retry-After, a few times, before the page hears of it; every other refusal reaches the page at once.
// A small HTTP server on loopback plays the member (Node's fetch is the browser's fetch).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';

const { api, retryDelayMs, NOT_READY_RETRIES, NOT_READY_MAX_WAIT_MS } = await import('../../main/webroot/js/api.js');

let answers = [];
let asked = 0;
const server = http.createServer((req, res) => {
  asked++;
  const [status, body, headers] = answers.shift() || [500, { error: { code: 'internal', message: 'no answer planned' } }, {}];
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const realFetch = globalThis.fetch;
globalThis.fetch = (path, init) => realFetch(origin + path, init);
after(() => { globalThis.fetch = realFetch; server.close(); });

const notReady = [503, { error: { code: 'not_ready', message: 'catching up', retryAfter: 0 } }, { 'Retry-After': '0' }];

test('a workshop asked of a member that is still catching up is answered once it has, without an error', async () => {
  answers = [notReady, notReady, [200, { workshop: { workshopId: 'w1' } }, {}]];
  asked = 0;
  const { data } = await api.workshop('w1', 'token');
  assert.equal(data.workshop.workshopId, 'w1');
  assert.equal(asked, 3);
});

test('an unknown token is refused at once, not asked again', async () => {
  answers = [[401, { error: { code: 'unknown_token', message: 'no' } }, {}]];
  asked = 0;
  await assert.rejects(api.workshop('w1', 'token'), (e) => e.status === 401 && e.code === 'unknown_token');
  assert.equal(asked, 1);
});

test('a member that stays not ready is given up on after a few tries, with the retryable error', async () => {
  answers = Array.from({ length: NOT_READY_RETRIES + 2 }, () => notReady);
  asked = 0;
  await assert.rejects(api.workshop('w1', 'token'), (e) => e.status === 503 && e.code === 'not_ready');
  assert.equal(asked, NOT_READY_RETRIES);
});

test('the wait honours Retry-After, with a cap and a default', () => {
  assert.equal(retryDelayMs('2'), 2000);
  assert.equal(retryDelayMs(600), NOT_READY_MAX_WAIT_MS);
  assert.equal(retryDelayMs(undefined), 1000);
  assert.equal(retryDelayMs('soon'), 1000);
});
