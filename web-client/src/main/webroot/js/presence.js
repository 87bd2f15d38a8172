// Who is online: fs.presence.<workshopId> is not journaled, so it is kept apart from the folded
// state. Messages may list everyone online ({online:[...]}, {participants:[...]}) or tell of one
// person ({participantId, online}); both are understood.

export class Presence {
  constructor(onChange = () => {}) {
    this.online = new Set();
    this.onChange = onChange;
  }

  apply(body) {
    if (!body || typeof body !== 'object') return;
    const list = Array.isArray(body) ? body
      : Array.isArray(body.online) ? body.online
        : Array.isArray(body.participants) ? body.participants
          : Array.isArray(body.present) ? body.present : null;
    if (list) {
      this.online = new Set(list
        .filter((p) => typeof p === 'string' || p.online !== false)
        .map((p) => (typeof p === 'string' ? p : p.participantId || p.id))
        .filter(Boolean));
    } else if (body.participantId) {
      const on = body.online !== undefined ? !!body.online
        : body.connected !== undefined ? !!body.connected
          : body.status ? body.status === 'online' || body.status === 'joined' || body.status === 'connected'
            : body.type ? !/left|offline|disconnect/i.test(body.type) : true;
      if (on) this.online.add(body.participantId); else this.online.delete(body.participantId);
    } else return;
    this.onChange();
  }

  /** From the snapshot of GET /api/workshops/{id}, when it says who is online. */
  fromSnapshot(workshop) {
    if (!workshop) return;
    if (Array.isArray(workshop.online)) this.apply({ online: workshop.online });
    else if (workshop.presence) this.apply(workshop.presence);
    else {
      const flagged = (workshop.participants || []).filter((p) => p.online !== undefined);
      if (flagged.length) this.apply({ online: flagged.filter((p) => p.online).map((p) => p.participantId) });
    }
  }

  has(participantId) {
    return this.online.has(participantId);
  }
}
