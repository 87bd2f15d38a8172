// The golden workshop that sessions' GoldenFoldTest records from the server's own fold, and the
// server's catalogue: state.js must fold the same events into the same views.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const golden = new URL('../../../../sessions/src/test/resources/golden/', import.meta.url);
const read = (name) => JSON.parse(readFileSync(fileURLToPath(new URL(name, golden)), 'utf8'));

export const catalogue = read('catalogue.json');
export const events = read('events.json');
export const views = read('views.json');

/** Serves the catalogue as the server's GET /api/protocol would, for modules that load it. */
export function serveProtocol() {
  globalThis.fetch = async (url) => {
    if (url !== '/api/protocol') throw new Error(`unexpected fetch of ${url}`);
    return { ok: true, status: 200, json: async () => structuredClone(catalogue) };
  };
}
