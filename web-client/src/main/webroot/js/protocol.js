// The protocol's catalogue as the server defines it (GET /api/protocol, Catalogue.java in sessions):
// the seats, roles, phases and the permission matrix come from there, never from a copy of our own.
// A page awaits `protocolReady` before it first renders; the lists below are filled in place then.

let catalogue = null;

/** The seats of a table in the server's order: interviewer, respondent1, respondent2, reporter, observer, shared. */
export const SEATS = [];

/** The phases of a workshop, in order. */
export const PHASES = [];

/** The roles a person can choose when joining: the seats' roles, each once, in seat order. */
export const JOIN_ROLES = [];

export const protocolReady = fetch('/api/protocol').then(async (response) => {
  if (!response.ok) throw new Error(`GET /api/protocol answered ${response.status}`);
  catalogue = await response.json();
  SEATS.push(...catalogue.seats.map((s) => s.seat));
  PHASES.push(...catalogue.phases);
  JOIN_ROLES.push(...new Set(catalogue.seats.map((s) => s.role)));
  return catalogue;
});

/** The catalogue; only once `protocolReady` has resolved. */
export function protocol() {
  if (!catalogue) throw new Error('the protocol catalogue is not loaded yet: await protocolReady first');
  return catalogue;
}

/** A stream's address, as the catalogue writes it: kind is table, workshop, presence or tableMotion. */
export function address(kind, workshopId, table) {
  const template = protocol().addresses[kind];
  if (!template) throw new Error(`the protocol has no ${kind} address`);
  return template.replace('{workshopId}', workshopId).replace('{table}', table);
}
