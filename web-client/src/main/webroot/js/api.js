// The HTTP side of the protocol (docs/protocol.md): JSON in, JSON out, tokens as Bearer headers.

/** A refusal from the server: the HTTP status and the {code, message} of its error body. */
export class ApiError extends Error {
  constructor(status, code, message, details = null) {
    super(message || code);
    this.status = status;
    this.code = code;
    /** The whole error object of the body, for refusals that say more (a deck's problems). */
    this.details = details;
  }
}

/** How often, and for how long at most each time, a request the server cannot answer yet (503 not_ready) is asked again. */
export const NOT_READY_RETRIES = 8;
export const NOT_READY_MAX_WAIT_MS = 5000;

/** The wait a 503 asks for: its Retry-After (seconds), or the retryAfter of its body, capped; 1 s when it names none. */
export function retryDelayMs(retryAfter) {
  const seconds = Number(retryAfter);
  const ms = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
  return Math.min(ms, NOT_READY_MAX_WAIT_MS);
}

const pause = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

/**
 * One request; a cluster member that cannot answer yet (503 not_ready: it is catching up with the others)
 * is asked again quietly, after the wait it names, a few times, before the error reaches the page.
 */
async function request(method, path, options = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await requestOnce(method, path, options);
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 'not_ready' || attempt >= NOT_READY_RETRIES) throw e;
      await pause(retryDelayMs(e.retryAfter));
    }
  }
}

async function requestOnce(method, path, { token, body, raw } = {}) {
  const headers = { Accept: raw ? '*/*' : 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'offline', e.message);
  }
  if (!res.ok) {
    let code = `http_${res.status}`;
    let message = res.statusText;
    let details = null;
    try {
      const json = await res.json();
      if (json && json.error) {
        code = json.error.code || code;
        message = json.error.message || message;
        details = json.error;
      }
    } catch { /* not JSON */ }
    const error = new ApiError(res.status, code, message, details);
    error.retryAfter = res.headers.get('retry-after') ?? (details && details.retryAfter);
    throw error;
  }
  if (raw) return res;
  const type = res.headers.get('content-type') || '';
  return type.includes('json') ? res.json() : res.text();
}

const enc = encodeURIComponent;

/** The file name a response suggests in Content-Disposition, or the fallback. */
function fileName(res, fallback) {
  const disposition = res.headers.get('content-disposition') || '';
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1].replace(/"/g, ''));
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

export const api = {
  decks: () => request('GET', '/api/decks'),
  deck: (deckId) => request('GET', `/api/decks/${enc(deckId)}`),
  /** The exact deck a workshop was created with, whatever has happened to the deck of that id since. */
  workshopDeck: (workshopId, token) => request('GET', `/api/workshops/${enc(workshopId)}/deck`, { token }),
  createWorkshop: (body) => request('POST', '/api/workshops', { body }),
  /** The deck validator on a draft: {valid, problems: [{path, message}]}; stores nothing. */
  validateDeck: (deck) => request('POST', '/api/decks/validate', { body: deck }),
  /** Uploads a deck: {id, version, editToken?}; the token is the deck's edit token or a facilitator's. */
  saveDeck: (deck, token) => request('POST', '/api/decks', { body: deck, token }),
  join: (body) => request('POST', '/api/join', { body }),

  /** The workshop as the token sees it, with the moments the request left and its answer came (for the clock offset). */
  async workshop(workshopId, token) {
    const sentAt = Date.now();
    const data = await request('GET', `/api/workshops/${enc(workshopId)}`, { token });
    return { data, sentAt, receivedAt: Date.now() };
  },

  /** The projector link's token, which the server derives again from the facilitator's token. */
  projectorLink: (workshopId, token) => request('GET', `/api/workshops/${enc(workshopId)}/projector`, { token }),

  plenary: (workshopId, token) => request('GET', `/api/workshops/${enc(workshopId)}/plenary`, { token }),

  /** The QR code of the join (or projector) link as a blob, fetched with the facilitator's token. */
  async qr(workshopId, token, { target = 'join', table } = {}) {
    const query = new URLSearchParams({ for: target });
    if (table) query.set('table', table);
    const res = await request('GET', `/api/workshops/${enc(workshopId)}/qr.svg?${query}`, { token, raw: true });
    return res.blob();
  },

  /** The photo of one round's final board as drawn by the server (png or pdf), as {blob, filename}. */
  async roundPicture(workshopId, token, table, round, { kind = 'png', language } = {}) {
    const query = language ? `?language=${enc(language)}` : '';
    const res = await request('GET', `/api/workshops/${enc(workshopId)}/tables/${enc(table)}/rounds/${enc(round)}.${kind}${query}`, { token, raw: true });
    return { blob: await res.blob(), filename: fileName(res, `factorspel-${workshopId}-${table}-${round}.${kind}`) };
  },

  /** An export (pdf, csv, json) as {blob, filename}. */
  async exportFile(workshopId, token, kind, { pseudonymise = false } = {}) {
    const query = pseudonymise ? '?pseudonymise=true' : '';
    const res = await request('GET', `/api/workshops/${enc(workshopId)}/export.${kind}${query}`, { token, raw: true });
    const fallback = `factorspel-${workshopId}.${kind === 'csv' ? 'zip' : kind}`;
    return { blob: await res.blob(), filename: fileName(res, fallback) };
  },
};
