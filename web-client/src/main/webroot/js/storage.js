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
  /** Keeps a new workshop's secret links in this browser; answers the address of its console. */
  keepCreated: (created, title) => {
    storage.setToken(created.workshopId, created.facilitatorToken);
    if (created.projectorToken) storage.setProjectorToken(created.workshopId, created.projectorToken);
    storage.addCreated({ workshopId: created.workshopId, title, joinCode: created.joinCode, createdAt: new Date().toISOString() });
    return `/facilitator.html#w=${encodeURIComponent(created.workshopId)}&t=${encodeURIComponent(created.facilitatorToken)}`;
  },
  // Deck studio: the edit token of each deck saved from this browser, and the draft being edited.
  deckToken: (deckId) => get(`deck.${deckId}`),
  setDeckToken: (deckId, token) => set(`deck.${deckId}`, token),
  studioDraft: () => {
    try { return JSON.parse(get('studio.draft') || 'null'); } catch { return null; }
  },
  setStudioDraft: (draft) => set('studio.draft', draft ? JSON.stringify(draft) : null),
  /** Which seat's layout the shared laptop of a table shows (layout-switch.js). */
  sharedLayout: () => get('sharedLayout'),
  setSharedLayout: (layout) => set('sharedLayout', layout),
  sound: () => get('sound') !== 'off',
  setSound: (on) => set('sound', on ? 'on' : 'off'),
};
