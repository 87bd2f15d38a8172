// The client's copy of the server's fold. A table's and the room's state are rebuilt from the
// snapshot of GET /api/workshops/{id} (or fs.sync) and then event by event, exactly as
// TableDecider.evolve and WorkshopDecider.evolve do on the server, in the same JSON shapes. The seats,
// phases and permission matrix are the server's catalogue (protocol.js).

import { protocol, SEATS, PHASES } from './protocol.js';

export { SEATS, PHASES };

export function roleOfSeat(seat) {
  const found = protocol().seats.find((s) => s.seat === seat);
  return found ? found.role : seat;
}

/** The seat interviewed in a round: respondent 1 in odd rounds, respondent 2 in even ones. */
export function respondentSeatOfRound(round) {
  const number = round % 2 === 1 ? 1 : 2;
  return protocol().seats.find((s) => s.respondent === number).seat;
}

/**
 * Whether a role (in a seat) may do an action (a row of the matrix, e.g. layCards) in a round: what
 * the UI offers. The server decides.
 */
export function allows(action, role, seat, round) {
  const roles = protocol().permissions[action];
  if (!roles || !roles.includes(role)) return false;
  if (role === 'respondent' && protocol().respondentOfRoundOnly.includes(action)) {
    return round > 0 && seat === respondentSeatOfRound(round);
  }
  return true;
}

// --- table ---

export function emptyTable(table) {
  return {
    table,
    board: { placements: [], links: [], annotations: [] },
    rounds: [],
    discussion: {},
    placementsMade: 0,
    placedThisRound: 0,
    linksMade: 0,
    annotationsMade: 0,
    respondentAttributes: {},
  };
}

/** Normalises a table snapshot from the server (missing lists and maps filled in). */
export function tableFromSnapshot(snapshot) {
  const t = { ...emptyTable(snapshot.table), ...snapshot };
  t.board = normaliseBoard(t.board);
  t.rounds = (t.rounds || []).map((r) => ({
    notes: {},
    outcomes: [],
    whistled: false,
    ...r,
    photo: r.photo ? normaliseBoard(r.photo) : r.photo,
  }));
  t.discussion = t.discussion || {};
  t.respondentAttributes = t.respondentAttributes || {};
  return t;
}

function normaliseBoard(board) {
  return {
    placements: (board && board.placements) || [],
    links: (board && board.links) || [],
    annotations: (board && board.annotations) || [],
  };
}

export function currentRound(table) {
  return table.rounds.length ? table.rounds[table.rounds.length - 1] : null;
}

export function roundOpen(table) {
  const r = currentRound(table);
  return !!r && !r.endedAt;
}

/** Copies of a card still in the tray. */
export function copiesLeft(table, card) {
  const onBoard = table.board.placements.filter((p) => p.cardId === card.id).length;
  return Math.max(0, (card.copies || 1) - onBoard);
}

/** Folds one table event into a new table state (TableDecider.evolve). */
export function evolveTable(s, e) {
  const by = (e.by && e.by.participantId) || null;
  const board = s.board;
  const withBoard = (next, counters = {}) => ({ ...s, ...counters, board: next });
  // per-round texts name their round; events of older journals (no round) belong to the current one
  const withRound = (change, round) => {
    if (!s.rounds.length) return s;
    const rounds = s.rounds.slice();
    const index = round == null ? rounds.length - 1 : rounds.findIndex((r) => r.round === round);
    if (index < 0) return s;
    rounds[index] = change(rounds[index]);
    return { ...s, rounds };
  };
  const updatePlacement = (id, change) => ({
    ...board,
    placements: board.placements.map((p) => (p.id === id ? change(p) : p)),
  });
  switch (e.type) {
    case 'roundStarted':
      return {
        ...s,
        questionId: undefined,
        board: { placements: [], links: [], annotations: [] },
        rounds: [...s.rounds, {
          round: e.round, respondentSeat: e.respondentSeat, respondentId: e.respondentId,
          startedAt: e.at, whistled: false, notes: {}, outcomes: [],
        }],
        placedThisRound: 0,
      };
    case 'cardPlaced':
      return withBoard({
        ...board,
        placements: [...board.placements, {
          id: e.placementId, cardId: e.cardId, copy: e.copy, side: e.side, strength: e.strength, y: e.y,
          order: e.order, placedBy: by, placedAt: e.at, explanation: '',
        }],
      }, { placementsMade: s.placementsMade + 1, placedThisRound: s.placedThisRound + 1 });
    case 'cardMoved':
      return withBoard(updatePlacement(e.placementId, (p) => ({ ...p, side: e.side, strength: e.strength, y: e.y })));
    case 'cardRemoved':
      return withBoard({
        ...board,
        placements: board.placements.filter((p) => p.id !== e.placementId),
        links: board.links.filter((l) => l.fromPlacementId !== e.placementId && l.toPlacementId !== e.placementId),
      });
    case 'cardExplained':
      return withBoard(updatePlacement(e.placementId, (p) => ({ ...p, explanation: e.text })));
    case 'cardsLinked':
      return withBoard({
        ...board,
        links: [...board.links, {
          id: e.linkId, fromPlacementId: e.fromPlacementId, toPlacementId: e.toPlacementId,
          label: e.label, by, at: e.at,
        }],
      }, { linksMade: s.linksMade + 1 });
    case 'linkRemoved':
      return withBoard({ ...board, links: board.links.filter((l) => l.id !== e.linkId) });
    case 'annotationAdded':
      return withBoard({
        ...board,
        annotations: [...board.annotations, { id: e.annotationId, placementId: e.placementId, text: e.text, by, at: e.at }],
      }, { annotationsMade: s.annotationsMade + 1 });
    case 'noteWritten':
      return withRound((r) => ({ ...r, notes: { ...r.notes, [e.questionId]: e.text } }), e.round);
    case 'reflectionWritten':
      return withRound((r) => ({ ...r, reflection: e.text }), e.round);
    case 'questionSet':
      return { ...s, questionId: e.questionId };
    case 'profileSet':
      return withRound((r) => ({ ...r, profileId: e.profileId || undefined }), e.round);
    case 'outcomeMarked':
      return withRound((r) => {
        const outcomes = (r.outcomes || []).filter((o) => o !== e.outcomeId);
        if (e.chosen) outcomes.push(e.outcomeId);
        return { ...r, outcomes };
      }, e.round);
    case 'attributeSet': {
      const mine = { ...((s.respondentAttributes || {})[e.participantId] || {}) };
      if (e.value == null) delete mine[e.attributeId];
      else mine[e.attributeId] = e.value;
      return { ...s, respondentAttributes: { ...s.respondentAttributes, [e.participantId]: mine } };
    }
    case 'discussionAnswered':
      return { ...s, discussion: { ...s.discussion, [e.promptId]: e.text } };
    case 'whistleBlown':
      return withRound((r) => ({ ...r, whistled: true }));
    case 'roundEnded':
      return withRound((r) => ({ ...r, endedAt: e.at, photo: board }));
    case 'roundReopened':
      return withRound((r) => ({ ...r, endedAt: null, photo: null }));
    default:
      console.warn('unknown table event', e.type);
      return s;
  }
}

// --- workshop (the room) ---

export function workshopFromSnapshot(snapshot) {
  return {
    participants: [],
    broadcasts: [],
    broadcastsClearedAt: null,
    plenary: { view: 'factors', profileId: null, boards: [] },
    undoable: null,
    ...snapshot,
    clock: snapshot.clock || { status: 'idle', durationMs: 0, remainingMs: 0 },
  };
}

/** Events after which a broadcast of before no longer belongs on the screens. */
const PHASE_MOVES = ['roundStarted', 'roundEnded', 'phaseChanged', 'phaseChangeUndone', 'roundReopened'];

/** Folds one workshop event (WorkshopDecider.evolve); phaseSince is this client's own note of the last phase move. */
export function evolveWorkshop(s, e) {
  const next = foldWorkshop(s, e);
  return PHASE_MOVES.includes(e.type) ? { ...next, phaseSince: e.at } : next;
}

/** How long a broadcast stays on the screens. */
export const BROADCAST_SHOWN_MS = 5 * 60_000;

/**
 * The broadcast the screens show now: the last one, for five minutes, never past a phase move after it,
 * and none the facilitator took off the screens (broadcastsClearedAt).
 */
export function shownBroadcast(room, now) {
  const last = room.broadcasts[room.broadcasts.length - 1];
  if (!last) return null;
  const at = Date.parse(last.at);
  if (now - at > BROADCAST_SHOWN_MS) return null;
  if (room.phaseSince && Date.parse(room.phaseSince) >= at) return null;
  if (room.broadcastsClearedAt && Date.parse(room.broadcastsClearedAt) >= at) return null;
  return last;
}

function foldWorkshop(s, e) {
  const participants = (change) => ({ ...s, participants: change(s.participants) });
  const updateParticipant = (id, change) => participants((list) => list.map((p) => (p.participantId === id ? change(p) : p)));
  const clock = (c) => ({ ...s, clock: { ...c } });
  switch (e.type) {
    case 'workshopCreated':
      return { ...s, title: e.title, tables: e.tables, roundMinutes: e.roundMinutes, language: e.language, joinCode: e.joinCode };
    case 'participantJoined':
      return participants((list) => [
        ...list.filter((p) => p.participantId !== e.participantId),
        { participantId: e.participantId, name: e.name, table: e.table, seat: e.seat, role: roleOfSeat(e.seat), left: false },
      ]);
    case 'participantRenamed':
      return updateParticipant(e.participantId, (p) => ({ ...p, name: e.name }));
    case 'participantLeft':
      return updateParticipant(e.participantId, (p) => ({ ...p, left: true }));
    case 'seatAssigned':
      return updateParticipant(e.participantId, (p) => ({ ...p, table: e.table, seat: e.seat, role: roleOfSeat(e.seat) }));
    case 'roundStarted':
      return {
        ...s, phase: 'round', round: e.round, roundOpen: true, undoable: null,
        clock: { status: 'running', durationMs: e.durationSeconds * 1000, endsAt: e.endsAt, remainingMs: 0 },
      };
    case 'clockPaused':
      return clock({ status: 'paused', durationMs: s.clock.durationMs, remainingMs: e.remainingMs });
    case 'clockResumed':
      return clock({ status: 'running', durationMs: s.clock.durationMs, endsAt: e.endsAt, remainingMs: 0 });
    case 'clockExtended': {
      const durationMs = (s.clock.durationMs || 0) + e.seconds * 1000;
      return e.remainingMs !== undefined && e.remainingMs !== null
        ? clock({ status: 'paused', durationMs, remainingMs: e.remainingMs })
        : clock({ status: 'running', durationMs, endsAt: e.endsAt, remainingMs: 0 });
    }
    case 'whistleBlown':
      return clock({ status: 'expired', durationMs: s.clock.durationMs, remainingMs: 0 });
    case 'roundEnded':
      return {
        ...s, roundOpen: false, clock: { status: 'idle', durationMs: 0, remainingMs: 0 },
        undoable: undoable('endRound', e.at, s),
      };
    case 'phaseChanged':
      return { ...s, phase: e.phase, undoable: undoable('setPhase', e.at, s) };
    case 'phaseChangeUndone':
      return { ...s, phase: e.phase, undoable: null };
    case 'roundReopened':
      return {
        ...s, round: e.round, roundOpen: true, undoable: null,
        clock: e.endsAt
          ? { status: 'running', durationMs: e.durationMs, endsAt: e.endsAt, remainingMs: 0 }
          : { status: 'paused', durationMs: e.durationMs, remainingMs: e.remainingMs || 0 },
      };
    case 'broadcastSent':
      return { ...s, broadcasts: [...s.broadcasts, { text: e.text, at: e.at }] };
    case 'broadcastCleared':
      return { ...s, broadcastsClearedAt: e.at };
    case 'plenaryShown':
      return { ...s, plenary: { view: e.view, profileId: e.profileId ?? null, boards: e.boards || [] } };
    case 'workshopKept':
      return s;
    default:
      console.warn('unknown workshop event', e.type);
      return s;
  }
}

/** How long the facilitator may take back a change (WorkshopDecider.UNDO_WINDOW). */
export const UNDO_WINDOW_MS = 5 * 60_000;

/** What the facilitator may take back after a phase change or the end of a round (WorkshopState.undoable). */
function undoable(change, at, before) {
  const until = new Date(Date.parse(at) + UNDO_WINDOW_MS).toISOString();
  return { change, at, until, phaseBefore: before.phase, round: before.round };
}

export function participant(workshop, participantId) {
  return workshop.participants.find((p) => p.participantId === participantId) || null;
}

/** Who sits in a seat at a table (present participants only). */
export function inSeat(workshop, table, seat) {
  return workshop.participants.filter((p) => !p.left && p.table === table && p.seat === seat);
}

export function atTable(workshop, table) {
  return workshop.participants.filter((p) => !p.left && p.table === table);
}
