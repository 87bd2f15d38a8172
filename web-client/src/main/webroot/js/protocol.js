// The protocol's catalogue as the server defines it (GET /api/protocol, Catalogue.java in sessions):
// the seats, roles, phases and the permission matrix come from there, never from a copy of our own.
// Every page that imports this module waits for it once, before it starts.

async function load() {
  const response = await fetch('/api/protocol');
  if (!response.ok) throw new Error(`GET /api/protocol answered ${response.status}`);
  return response.json();
}

export const PROTOCOL = await load();

/** The seats of a table in the server's order: interviewer, respondent1, respondent2, reporter, observer, shared. */
export const SEATS = PROTOCOL.seats.map((s) => s.seat);

/** The phases of a workshop, in order. */
export const PHASES = PROTOCOL.phases;

/** The roles a person can choose when joining: the seats' roles, each once, in seat order. */
export const JOIN_ROLES = [...new Set(PROTOCOL.seats.map((s) => s.role))];
