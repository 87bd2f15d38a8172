package nl.factorspel.sessions.workshop;

import nl.factorspel.sessions.workshop.Command.*;
import nl.factorspel.sessions.workshop.Event.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decider of the room: creating the workshop, people and seats, the one clock, rounds and
 * phases. Starting, whistling and ending a round also reach every table stream. Pure.
 */
public final class WorkshopDecider {

    /** Who asks, and when; {@code participant} is set for participants and shared laptops. */
    public record Context(Actor actor, Participant participant, Instant now, Limits limits) {
    }

    /** How long the facilitator may take back a phase change or the end of a round. */
    public static final Duration UNDO_WINDOW = Duration.ofMinutes(5);

    /** How far past the end the server's timer may be and still blow the whistle; timers fire a little early at times. */
    private static final Duration WHISTLE_TOLERANCE = Duration.ofMillis(250);

    private WorkshopDecider() {
    }

    public static Decision<Pending> decide(WorkshopCommand command, WorkshopState s, Context ctx) {
        if (command instanceof Create c) {
            return create(c, s, ctx);
        }
        if (s == null) {
            return Decision.reject("unknown_workshop", "there is no such workshop");
        }
        // A closed workshop still shows its plenary: choosing what the screens show changes no record;
        // it can be kept longer (its data is what a closed workshop is for); and closing by mistake can be
        // taken back for a few minutes.
        if (s.phase() == Phase.CLOSED && !(command instanceof ShowPlenary) && !(command instanceof KeepWorkshop)
                && !(command instanceof UndoLastChange)) {
            return Decision.reject("workshop_closed", "the workshop is closed; nothing can be changed any more");
        }
        if (command instanceof Join c) {
            return join(c, s, ctx);
        }
        Action action = Catalogue.command(command).action();
        if (action == Action.TAKE_SEAT) {
            if (ctx.participant() == null || ctx.participant().left()
                    || !Permissions.allows(Action.TAKE_SEAT, ctx.actor().role(), ctx.participant().seat(), s.round())) {
                return Decision.reject("not_allowed", "only a participant seated at a table can do this");
            }
            Participant me = ctx.participant();
            if (command instanceof Rename c) {
                return name(c.name(), ctx.limits()).<Decision<Pending>>map(r -> Decision.reject(r.code(), r.message()))
                        .orElseGet(() -> Decision.accept(Pending.workshop(new ParticipantRenamed(me.id(), c.name().strip()))));
            }
            if (command instanceof Leave) {
                return Decision.accept(Pending.workshop(new ParticipantLeft(me.id())));
            }
            ClaimSeat c = (ClaimSeat) command;
            return seat(me, me.table(), c.role(), s, false, ctx.limits());
        }
        if (!Permissions.allows(action, ctx.actor().role(), null, s.round())) {
            return Decision.reject("not_allowed", action == Action.BLOW_WHISTLE
                    ? "only the server's clock blows the whistle"
                    : "only the facilitator runs the workshop");
        }
        if (command instanceof StartRound c) {
            return startRound(c, s, ctx);
        }
        if (command instanceof PauseClock) {
            if (s.clock().status() != Clock.Status.RUNNING) {
                return Decision.reject("clock_not_running", "the clock is not running");
            }
            return Decision.accept(Pending.workshop(new ClockPaused(s.clock().remainingAt(ctx.now()))));
        }
        if (command instanceof ResumeClock) {
            if (s.clock().status() != Clock.Status.PAUSED) {
                return Decision.reject("clock_not_paused", "the clock is not paused");
            }
            return Decision.accept(Pending.workshop(new ClockResumed(ctx.now().plusMillis(s.clock().remainingMs()))));
        }
        if (command instanceof ExtendClock c) {
            return extend(c, s, ctx);
        }
        if (command instanceof ExpireClock) {
            if (s.clock().status() != Clock.Status.RUNNING) {
                return Decision.reject("clock_not_running", "the clock is not running");
            }
            if (ctx.now().plus(WHISTLE_TOLERANCE).isBefore(s.clock().endsAt())) {
                return Decision.reject("clock_not_expired", "the clock has not run out yet");
            }
            List<Pending> events = new ArrayList<>();
            events.add(Pending.workshop(new WhistleBlown(s.round())));
            for (int t = 1; t <= s.tables(); t++) {
                events.add(Pending.table(t, new TableWhistleBlown(s.round())));
            }
            return Decision.accept(events);
        }
        if (command instanceof EndRound) {
            if (!s.roundOpen()) {
                return Decision.reject("round_not_open", "no round is being played");
            }
            List<Pending> events = new ArrayList<>();
            events.add(Pending.workshop(new RoundEnded(s.round())));
            for (int t = 1; t <= s.tables(); t++) {
                events.add(Pending.table(t, new TableRoundEnded(s.round())));
            }
            return Decision.accept(events);
        }
        if (command instanceof SetPhase c) {
            return phase(c, s);
        }
        if (command instanceof UndoLastChange c) {
            return undo(c, s, ctx);
        }
        if (command instanceof Broadcast c) {
            if (c.text() == null || c.text().isBlank()) {
                return Decision.reject("empty_text", "the message is empty");
            }
            if (c.text().length() > ctx.limits().maxBroadcast()) {
                return Decision.reject("text_too_long", "the message is " + c.text().length() + " characters long; at most "
                        + ctx.limits().maxBroadcast() + " fit");
            }
            return Decision.accept(Pending.workshop(new BroadcastSent(c.text())));
        }
        if (command instanceof ClearBroadcast) {
            return Decision.accept(Pending.workshop(new BroadcastCleared()));
        }
        if (command instanceof ShowPlenary c) {
            return showPlenary(c, s);
        }
        if (command instanceof KeepWorkshop) {
            return Decision.accept(Pending.workshop(new WorkshopKept()));
        }
        if (command instanceof AssignRole c) {
            Optional<Participant> p = s.participant(c.participantId()).filter(x -> !x.left());
            if (p.isEmpty()) {
                return Decision.reject("unknown_participant", "there is no participant \"" + c.participantId() + "\" in this workshop");
            }
            int table = c.table() == null ? p.get().table() : c.table();
            if (table < 1 || table > s.tables()) {
                return Decision.reject("unknown_table", "the workshop has tables 1 to " + s.tables() + ", not " + table);
            }
            return seat(p.get(), table, c.role(), s, true, ctx.limits());
        }
        throw new IllegalStateException("unhandled " + command);
    }

    private static Decision<Pending> create(Create c, WorkshopState s, Context ctx) {
        if (s != null) {
            return Decision.reject("workshop_exists", "this workshop exists already");
        }
        if (c.title() == null || c.title().isBlank()) {
            return Decision.reject("bad_value", "the workshop needs a title");
        }
        if (c.title().length() > ctx.limits().maxTitle()) {
            return Decision.reject("text_too_long", "the title is " + c.title().length() + " characters long; at most "
                    + ctx.limits().maxTitle() + " fit");
        }
        if (c.deck() == null) {
            return Decision.reject("unknown_deck", "there is no such deck");
        }
        if (c.tables() == null || c.tables() < 1 || c.tables() > ctx.limits().maxTables()) {
            return Decision.reject("bad_value", "a workshop has 1 to " + ctx.limits().maxTables() + " tables");
        }
        int minutes = c.roundMinutes() == null ? c.deck().script().roundMinutes() : c.roundMinutes();
        if (minutes < 1 || minutes > 180) {
            return Decision.reject("bad_value", "a round lasts 1 to 180 minutes");
        }
        String language = c.language() == null ? "nl" : c.language();
        if (!language.equals("nl") && !language.equals("en")) {
            return Decision.reject("bad_value", "the language is \"nl\" or \"en\"");
        }
        if (c.graceSeconds() != null && (c.graceSeconds() < 0 || c.graceSeconds() > 3600)) {
            return Decision.reject("bad_value", "the grace period is 0 to 3600 seconds, or left out to end rounds by hand");
        }
        return Decision.accept(Pending.workshop(new WorkshopCreated(c.workshopId(), c.title().strip(), c.deck(),
                c.tables(), minutes, language, c.graceSeconds(), c.joinCode(), c.facilitatorTokenHash(),
                c.projectorTokenHash())));
    }

    private static Decision<Pending> join(Join c, WorkshopState s, Context ctx) {
        if (c.participantId() == null || s.participants().containsKey(c.participantId())) {
            return Decision.reject("participant_exists", "this participant has joined already");
        }
        Optional<Rejection> badName = name(c.name(), ctx.limits());
        if (badName.isPresent()) {
            return Decision.reject(badName.get().code(), badName.get().message());
        }
        int table;
        if (c.table() == null) {
            table = 1;
            for (int t = 2; t <= s.tables(); t++) {
                if (s.presentAt(t) < s.presentAt(table)) {
                    table = t;
                }
            }
        } else {
            table = c.table();
        }
        if (table < 1 || table > s.tables()) {
            return Decision.reject("unknown_table", "the workshop has tables 1 to " + s.tables() + ", not " + table);
        }
        if (s.presentAt(table) >= ctx.limits().maxParticipantsPerTable()) {
            return Decision.reject("table_full", "table " + table + " is full");
        }
        Optional<Seat> seat = freeSeat(s, table, c.role());
        if (seat.isEmpty()) {
            return Decision.reject(c.role() == null ? "table_full" : "seat_taken", c.role() == null
                    ? "every seat at table " + table + " is taken"
                    : "the seat " + c.role() + " at table " + table + " is taken or does not exist");
        }
        return Decision.accept(Pending.workshop(new ParticipantJoined(c.participantId(), c.name().strip(), table,
                seat.get(), c.tokenHash())));
    }

    /** The seat a wish names: a seat name, "respondent" for the first free respondent seat, or null for the first free seat. */
    static Optional<Seat> freeSeat(WorkshopState s, int table, String wish) {
        List<Seat> candidates;
        if (wish == null) {
            candidates = Seat.FILL_ORDER;
        } else if (wish.equals("respondent")) {
            candidates = List.of(Seat.RESPONDENT_1, Seat.RESPONDENT_2);
        } else {
            candidates = Seat.parse(wish).map(List::of).orElse(List.of());
        }
        return candidates.stream().filter(seat -> seat == Seat.SHARED || s.inSeat(table, seat).isEmpty()).findFirst();
    }

    /** Seats a participant; a facilitator moving someone onto a taken seat at the same table swaps the two. */
    private static Decision<Pending> seat(Participant p, int table, String wish, WorkshopState s, boolean mayMoveOthers,
                                          Limits limits) {
        Optional<Seat> wanted = "respondent".equals(wish) ? Optional.empty() : Seat.parse(wish == null ? "" : wish);
        if (wish == null || (wanted.isEmpty() && !"respondent".equals(wish))) {
            return Decision.reject("bad_value", "\"" + wish + "\" is not a seat: use respondent or one of "
                    + java.util.Arrays.stream(Seat.values()).map(Seat::wire).toList());
        }
        Optional<Seat> free = freeSeat(s, table, wish);
        if (free.isPresent()) {
            if (free.get() == p.seat() && table == p.table()) {
                return Decision.reject("already_seated", "you sit in that seat already");
            }
            if (table != p.table() && s.presentAt(table) >= limits.maxParticipantsPerTable()) {
                return Decision.reject("table_full", "table " + table + " is full");
            }
            return Decision.accept(Pending.workshop(new SeatAssigned(p.id(), table, free.get())));
        }
        if (mayMoveOthers && wanted.isPresent()) {
            Participant occupant = s.inSeat(table, wanted.get()).orElseThrow();
            if (occupant.id().equals(p.id())) {
                return Decision.reject("already_seated", "that participant sits in that seat already");
            }
            if (table == p.table()) {
                return Decision.accept(Pending.workshop(new SeatAssigned(p.id(), table, wanted.get())),
                        Pending.workshop(new SeatAssigned(occupant.id(), table, p.seat())));
            }
        }
        return Decision.reject("seat_taken", "the seat " + wish + " at table " + table + " is taken");
    }

    private static Optional<Rejection> name(String name, Limits limits) {
        if (name == null || name.isBlank()) {
            return Optional.of(new Rejection("bad_value", "a name is needed"));
        }
        if (name.strip().length() > limits.maxName()) {
            return Optional.of(new Rejection("text_too_long", "a name has at most " + limits.maxName() + " characters"));
        }
        return Optional.empty();
    }

    private static Decision<Pending> startRound(StartRound c, WorkshopState s, Context ctx) {
        if (s.roundOpen()) {
            return Decision.reject("round_open", "round " + s.round() + " is still being played; end it first");
        }
        if (s.phase() != Phase.LOBBY && s.phase() != Phase.ROUND) {
            return Decision.reject("bad_phase", "rounds are played before the plenary, not in the " + s.phase().wire());
        }
        int rounds = s.deck().script().rounds();
        int next = s.round() + 1;
        if (c.round() == null || c.round() != next) {
            return Decision.reject("bad_round", next > rounds
                    ? "all " + rounds + " rounds have been played"
                    : "the next round is round " + next);
        }
        if (next > rounds) {
            return Decision.reject("bad_round", "the deck's script has " + rounds + " rounds");
        }
        int seconds = s.roundMinutes() * 60;
        List<Pending> events = new ArrayList<>();
        events.add(Pending.workshop(new RoundStarted(next, seconds, ctx.now().plusSeconds(seconds))));
        Seat respondent = Seat.respondentOfRound(next);
        for (int t = 1; t <= s.tables(); t++) {
            String respondentId = s.inSeat(t, respondent).map(Participant::id).orElse(null);
            events.add(Pending.table(t, new TableRoundStarted(next, respondent, respondentId)));
        }
        return Decision.accept(events);
    }

    private static Decision<Pending> extend(ExtendClock c, WorkshopState s, Context ctx) {
        if (c.seconds() == null || c.seconds() == 0 || Math.abs(c.seconds()) > 3600) {
            return Decision.reject("bad_value", "seconds is a whole number from -3600 to 3600, not 0");
        }
        Clock clock = s.clock();
        switch (clock.status()) {
            case RUNNING -> {
                Instant endsAt = clock.endsAt().plusSeconds(c.seconds());
                if (endsAt.isBefore(ctx.now())) {
                    endsAt = ctx.now();
                }
                return Decision.accept(Pending.workshop(new ClockExtended(c.seconds(), endsAt, null)));
            }
            case PAUSED -> {
                long remaining = Math.max(0, clock.remainingMs() + c.seconds() * 1000L);
                return Decision.accept(Pending.workshop(new ClockExtended(c.seconds(), null, remaining)));
            }
            case EXPIRED -> {
                if (!s.roundOpen() || c.seconds() < 0) {
                    return Decision.reject("clock_not_running", "the round is over; start the next one instead");
                }
                return Decision.accept(Pending.workshop(new ClockExtended(c.seconds(), ctx.now().plusSeconds(c.seconds()), null)));
            }
            default -> {
                return Decision.reject("clock_not_running", "the clock has not been started");
            }
        }
    }

    private static Decision<Pending> phase(SetPhase c, WorkshopState s) {
        if (c.phase() == null) {
            return Decision.reject("bad_value", "phase is one of lobby, round, plenary, discussion, closed");
        }
        if (c.phase() == s.phase()) {
            return Decision.reject("bad_phase", "the workshop is in the " + s.phase().wire() + " already");
        }
        if (c.phase() == Phase.LOBBY || c.phase() == Phase.ROUND) {
            return Decision.reject("bad_phase", c.phase() == Phase.ROUND
                    ? "rounds begin with startRound" : "the workshop cannot go back to the lobby");
        }
        if (s.roundOpen()) {
            return Decision.reject("round_open", "round " + s.round() + " is still being played; end it first");
        }
        return Decision.accept(Pending.workshop(new PhaseChanged(c.phase())));
    }

    private static Decision<Pending> undo(UndoLastChange c, WorkshopState s, Context ctx) {
        String change = c.change();
        if (!WorkshopState.Undoable.SET_PHASE.equals(change) && !WorkshopState.Undoable.END_ROUND.equals(change)) {
            return Decision.reject("bad_value", "change is \"setPhase\" or \"endRound\", not \"" + change + "\"");
        }
        WorkshopState.Undoable last = s.undoable();
        String what = change.equals(WorkshopState.Undoable.SET_PHASE) ? "phase change" : "end of a round";
        if (last == null || !last.change().equals(change)) {
            return Decision.reject("no_change_to_undo", "there is no " + what
                    + " to take back: only the facilitator's last change can be, and only once");
        }
        if (ctx.now().isAfter(last.at().plus(UNDO_WINDOW))) {
            return Decision.reject("undo_expired", "the " + what + " was more than " + UNDO_WINDOW.toMinutes()
                    + " minutes ago; it can no longer be taken back");
        }
        if (change.equals(WorkshopState.Undoable.SET_PHASE)) {
            return Decision.accept(Pending.workshop(new PhaseChangeUndone(last.phaseBefore())));
        }
        // The clock goes on from where it was when the round ended: the time the round was closed does not count.
        Clock before = last.clockBefore();
        RoundReopened reopened = before.status() == Clock.Status.RUNNING && before.remainingMs() > 0
                ? new RoundReopened(last.round(), before.durationMs(), ctx.now().plusMillis(before.remainingMs()), null)
                : new RoundReopened(last.round(), before.durationMs(), null, before.remainingMs());
        List<Pending> events = new ArrayList<>();
        events.add(Pending.workshop(reopened));
        for (int t = 1; t <= s.tables(); t++) {
            events.add(Pending.table(t, new TableRoundReopened(last.round())));
        }
        return Decision.accept(events);
    }

    // --- evolve ---

    public static WorkshopState evolve(WorkshopState s, Recorded recorded) {
        WorkshopEvent event = (WorkshopEvent) recorded.event();
        if (event instanceof WorkshopCreated e) {
            return new WorkshopState(e.workshopId(), e.title(), e.deck(), e.tables(), e.roundMinutes(), e.language(),
                    e.graceSeconds(), e.joinCode(), e.facilitatorTokenHash(), e.projectorTokenHash(), recorded.at(),
                    Phase.LOBBY, 0, false, Clock.IDLE, Map.of(), List.of(), WorkshopState.Plenary.DEFAULT, null, null);
        }
        if (event instanceof ParticipantJoined e) {
            return withParticipant(s, new Participant(e.participantId(), e.name(), e.table(), e.seat(), e.tokenHash(),
                    recorded.at(), false));
        }
        if (event instanceof ParticipantRenamed e) {
            return withParticipant(s, s.participants().get(e.participantId()).renamed(e.name()));
        }
        if (event instanceof ParticipantLeft e) {
            return withParticipant(s, s.participants().get(e.participantId()).gone());
        }
        if (event instanceof SeatAssigned e) {
            return withParticipant(s, s.participants().get(e.participantId()).seated(e.table(), e.seat()));
        }
        if (event instanceof RoundStarted e) {
            return undoable(with(s, Phase.ROUND, e.round(), true,
                    new Clock(Clock.Status.RUNNING, e.durationSeconds() * 1000L, e.endsAt(), 0), s.broadcasts()), null);
        }
        if (event instanceof ClockPaused e) {
            return with(s, s.phase(), s.round(), s.roundOpen(),
                    new Clock(Clock.Status.PAUSED, s.clock().durationMs(), null, e.remainingMs()), s.broadcasts());
        }
        if (event instanceof ClockResumed e) {
            return with(s, s.phase(), s.round(), s.roundOpen(),
                    new Clock(Clock.Status.RUNNING, s.clock().durationMs(), e.endsAt(), 0), s.broadcasts());
        }
        if (event instanceof ClockExtended e) {
            Clock clock = e.remainingMs() != null
                    ? new Clock(Clock.Status.PAUSED, s.clock().durationMs() + e.seconds() * 1000L, null, e.remainingMs())
                    : new Clock(Clock.Status.RUNNING, s.clock().durationMs() + e.seconds() * 1000L, e.endsAt(), 0);
            return with(s, s.phase(), s.round(), s.roundOpen(), clock, s.broadcasts());
        }
        if (event instanceof WhistleBlown) {
            return with(s, s.phase(), s.round(), s.roundOpen(),
                    new Clock(Clock.Status.EXPIRED, s.clock().durationMs(), null, 0), s.broadcasts());
        }
        if (event instanceof RoundEnded) {
            Clock c = s.clock();
            Clock atEnd = new Clock(c.status(), c.durationMs(), null, c.remainingAt(recorded.at()));
            return undoable(with(s, s.phase(), s.round(), false, Clock.IDLE, s.broadcasts()),
                    new WorkshopState.Undoable(WorkshopState.Undoable.END_ROUND, recorded.at(), s.phase(), s.round(), atEnd));
        }
        if (event instanceof PhaseChanged e) {
            return undoable(with(s, e.phase(), s.round(), s.roundOpen(), s.clock(), s.broadcasts()),
                    new WorkshopState.Undoable(WorkshopState.Undoable.SET_PHASE, recorded.at(), s.phase(), s.round(), s.clock()));
        }
        if (event instanceof PhaseChangeUndone e) {
            return undoable(with(s, e.phase(), s.round(), s.roundOpen(), s.clock(), s.broadcasts()), null);
        }
        if (event instanceof RoundReopened e) {
            Clock clock = e.endsAt() != null
                    ? new Clock(Clock.Status.RUNNING, e.durationMs(), e.endsAt(), 0)
                    : new Clock(Clock.Status.PAUSED, e.durationMs(), null, e.remainingMs() == null ? 0 : e.remainingMs());
            return undoable(with(s, s.phase(), e.round(), true, clock, s.broadcasts()), null);
        }
        if (event instanceof PlenaryShown e) {
            WorkshopState.Plenary plenary = new WorkshopState.Plenary(e.view(), e.profileId(), e.boards());
            return new WorkshopState(s.id(), s.title(), s.deck(), s.tables(), s.roundMinutes(), s.language(),
                    s.graceSeconds(), s.joinCode(), s.facilitatorTokenHash(), s.projectorTokenHash(), s.createdAt(),
                    s.phase(), s.round(), s.roundOpen(), s.clock(), s.participants(), s.broadcasts(), plenary, s.undoable(),
                    s.broadcastsClearedAt());
        }
        if (event instanceof WorkshopKept) {
            return s;
        }
        if (event instanceof BroadcastSent e) {
            List<WorkshopState.Broadcast> broadcasts = new ArrayList<>(s.broadcasts());
            broadcasts.add(new WorkshopState.Broadcast(e.text(), recorded.at()));
            return with(s, s.phase(), s.round(), s.roundOpen(), s.clock(), List.copyOf(broadcasts));
        }
        if (event instanceof BroadcastCleared) {
            return new WorkshopState(s.id(), s.title(), s.deck(), s.tables(), s.roundMinutes(), s.language(),
                    s.graceSeconds(), s.joinCode(), s.facilitatorTokenHash(), s.projectorTokenHash(), s.createdAt(),
                    s.phase(), s.round(), s.roundOpen(), s.clock(), s.participants(), s.broadcasts(), s.plenary(), s.undoable(),
                    recorded.at());
        }
        throw new IllegalStateException("unhandled " + event);
    }

    private static Decision<Pending> showPlenary(ShowPlenary c, WorkshopState s) {
        if (c.view() == null || !WorkshopState.Plenary.VIEWS.contains(c.view())) {
            return Decision.reject("bad_value", "view must be one of " + String.join(", ", WorkshopState.Plenary.VIEWS));
        }
        if (c.profileId() != null && s.deck().profiles().stream().noneMatch(p -> p.id().equals(c.profileId()))) {
            return Decision.reject("unknown_profile", "the deck has no profile \"" + c.profileId() + "\"");
        }
        List<String> boards = c.boards() == null ? List.of() : c.boards();
        if (boards.size() > WorkshopState.Plenary.MAX_BOARDS) {
            return Decision.reject("too_many", "at most " + WorkshopState.Plenary.MAX_BOARDS + " boards side by side, not " + boards.size());
        }
        int rounds = s.deck().script().rounds();
        for (String board : boards) {
            java.util.regex.Matcher m = board == null ? null : BOARD.matcher(board);
            if (m == null || !m.matches() || Integer.parseInt(m.group(1)) > s.tables() || Integer.parseInt(m.group(2)) > rounds) {
                return Decision.reject("bad_value", "a board is \"<table>.<round>\" with a table from 1 to " + s.tables()
                        + " and a round from 1 to " + rounds + ", not \"" + board + "\"");
            }
        }
        if (new java.util.HashSet<>(boards).size() != boards.size()) {
            return Decision.reject("bad_value", "a board is shown once");
        }
        return Decision.accept(Pending.workshop(new PlenaryShown(c.view(), c.profileId(), List.copyOf(boards))));
    }

    private static final java.util.regex.Pattern BOARD = java.util.regex.Pattern.compile("([1-9][0-9]{0,3})\\.([1-9][0-9]?)");

    private static WorkshopState with(WorkshopState s, Phase phase, int round, boolean roundOpen, Clock clock,
                                      List<WorkshopState.Broadcast> broadcasts) {
        return new WorkshopState(s.id(), s.title(), s.deck(), s.tables(), s.roundMinutes(), s.language(),
                s.graceSeconds(), s.joinCode(), s.facilitatorTokenHash(), s.projectorTokenHash(), s.createdAt(),
                phase, round, roundOpen, clock, s.participants(), broadcasts, s.plenary(), s.undoable(), s.broadcastsClearedAt());
    }

    private static WorkshopState undoable(WorkshopState s, WorkshopState.Undoable undoable) {
        return new WorkshopState(s.id(), s.title(), s.deck(), s.tables(), s.roundMinutes(), s.language(),
                s.graceSeconds(), s.joinCode(), s.facilitatorTokenHash(), s.projectorTokenHash(), s.createdAt(),
                s.phase(), s.round(), s.roundOpen(), s.clock(), s.participants(), s.broadcasts(), s.plenary(), undoable,
                s.broadcastsClearedAt());
    }

    private static WorkshopState withParticipant(WorkshopState s, Participant p) {
        Map<String, Participant> participants = new LinkedHashMap<>(s.participants());
        participants.put(p.id(), p);
        return new WorkshopState(s.id(), s.title(), s.deck(), s.tables(), s.roundMinutes(), s.language(),
                s.graceSeconds(), s.joinCode(), s.facilitatorTokenHash(), s.projectorTokenHash(), s.createdAt(),
                s.phase(), s.round(), s.roundOpen(), s.clock(), java.util.Collections.unmodifiableMap(participants),
                s.broadcasts(), s.plenary(), s.undoable(), s.broadcastsClearedAt());
    }
}
