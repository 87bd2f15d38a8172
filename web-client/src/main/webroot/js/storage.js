// What the browser remembers between visits: tokens per workshop, the projector link, the code a
// workshop was joined with, and the name last typed. One place for every localStorage key.

const PREFIX = 'factorspel.';

function get(key) {
  try { return localStorage.getItem(PREFIX + key); } catch { return null; }
}

function set(key, value) {
  try {
    if (value === null || value === undefined) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, value);
  } catch { /* private mode: nothing is remembered */ }
}

export const storage = {
  token: (workshopId) => get(`token.${workshopId}`),
  setToken: (workshopId, token) => set(`token.${workshopId}`, token),
  projectorToken: (workshopId) => get(`projector.${workshopId}`),
  setProjectorToken: (workshopId, token) => set(`projector.${workshopId}`, token),
  /** The workshop a join code led to, so a returning participant can continue in the same seat. */
  workshopOfCode: (code) => get(`code.${String(code).trim().toUpperCase()}`),
  setWorkshopOfCode: (code, workshopId) => set(`code.${String(code).trim().toUpperCase()}`, workshopId),
  name: () => get('name'),
  setName: (name) => set('name', name),
  /** Workshops this browser created: [{workshopId, title, joinCode, createdAt}]. */
  created: () => {
    try { return JSON.parse(get('created') || '[]'); } catch { return []; }
  },
  addCreated: (entry) => {
    const list = storage.created().filter((w) => w.workshopId !== entry.workshopId);
    list.unshift(entry);
    set('created', JSON.stringify(list.slice(0, 10)));
  },
  /** What someone typed and the server does not hold yet, by "<workshop>.<table>.<round>.<field>" (drafts.js). */
  draft: (key) => get(`draft.${key}`),
  setDraft: (key, text) => set(`draft.${key}`, text),
  sound: () => get('sound') !== 'off',
  setSound: (on) => set('sound', on ? 'on' : 'off'),
};
