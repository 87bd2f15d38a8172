package nl.factorspel.sessions.export;

import nl.factorspel.decks.Card;
import nl.factorspel.decks.Category;
import nl.factorspel.decks.Deck;
import nl.factorspel.decks.DiscussionPrompt;
import nl.factorspel.decks.Outcome;
import nl.factorspel.decks.Profile;
import nl.factorspel.decks.RespondentAttribute;
import nl.factorspel.decks.Script;
import nl.factorspel.sessions.plenary.PlenarySummary;
import nl.factorspel.sessions.workshop.Participant;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.RoundRecord;
import nl.factorspel.sessions.workshop.Workshop;
import nl.factorspel.sessions.workshop.WorkshopState;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The workshop for analysis: a zip of CSV files in long (tidy) form, one row per placement, note,
 * annotation, link, table-round and discussion answer, with a codebook describing every column.
 * See {@code docs/exports.md}.
 */
public final class CsvExport {

    /** A column of an exported file, as the codebook describes it. */
    record Column(String name, String type, String meaning) {
    }

    /** One exported file: its name and its columns; rows are written in column order. */
    record FileSpec(String name, String meaning, List<Column> columns) {
    }

    private static Column c(String name, String type, String meaning) {
        return new Column(name, type, meaning);
    }

    private static final Column WORKSHOP_ID = c("workshop_id", "text", "the workshop's id");
    private static final Column TABLE = c("table", "integer", "the table number, from 1");
    private static final Column ROUND = c("round", "integer", "the round number, from 1");
    private static final Column RESPONDENT_SEAT = c("respondent_seat", "text",
            "the seat whose story the round told: respondent1 (odd rounds) or respondent2 (even rounds)");

    static final FileSpec PLACEMENTS = new FileSpec("placements.csv",
            "one row per card laid on a board, including cards taken off again before the round ended", List.of(
            WORKSHOP_ID,
            c("workshop_title", "text", "the workshop's title"),
            TABLE, ROUND, RESPONDENT_SEAT,
            c("placement_id", "text", "the placement's id, unique within the table (p1, p2, ...); links and annotations refer to it"),
            c("card_id", "text", "the card's id in the deck"),
            c("copy", "integer", "which physical copy of the card (1..copies)"),
            c("category_id", "text", "the card's category id in the deck"),
            c("category_label", "text", "the category's name in the workshop's language"),
            c("card_label", "text", "the card's text in the workshop's language"),
            c("side", "text", "stimulating (left half: stimulated learning) or hindering (right half: hindered it)"),
            c("strength", "decimal", "to what extent, from 0 (in beperkte mate, at the middle) to 1 (in grote mate, at the outer edge); the last position"),
            c("y", "decimal", "vertical position on the board, 0 top to 1 bottom; the last position (no meaning of its own)"),
            c("order", "integer", "the how-manieth card laid in this round at this table (1 = laid first), removed cards included"),
            c("placed_at", "timestamp", "when the card was laid (ISO-8601, UTC)"),
            c("placed_by", "text", "who laid it: the participant's name (as it is now), or when pseudonymised the seat they sat in when they laid it; facilitator for the facilitator"),
            c("explanation", "text", "why this card: the last explanation given (empty when none)"),
            c("on_final_board", "boolean", "true when the card still lay on the board when the round ended (or lies there now in an open round)"),
            c("removed_at", "timestamp", "when the card was taken off the board; empty when it stayed"),
            c("removed_by_undo", "boolean", "true when its placer took it back with undo, false when removed otherwise; empty when it stayed"),
            c("placed_by_key", "text", "who laid it: the participant's key (participants.csv); empty for the facilitator"),
            c("first_side", "text", "the side the card was first laid on"),
            c("first_strength", "decimal", "the strength it was first laid at"),
            c("times_moved", "integer", "how often the card was moved after it was laid"),
            c("explanation_count", "integer", "how many explanations were given for it (every version is in explanations.csv)")));

    static final FileSpec EXPLANATIONS = new FileSpec("explanations.csv",
            "every explanation given for a card, every version, in the order given", List.of(
            WORKSHOP_ID, TABLE, ROUND,
            c("placement_id", "text", "the placement explained (placements.csv)"),
            c("card_id", "text", "its card's id in the deck"),
            c("card_label", "text", "its card's text in the workshop's language"),
            c("version", "integer", "the how-manieth explanation of this placement, from 1"),
            c("text", "text", "the explanation as given then"),
            c("explained_at", "timestamp", "when it was given (ISO-8601, UTC)"),
            c("explained_by", "text", "who gave it: name, or when pseudonymised the seat they sat in then"),
            c("explained_by_key", "text", "who gave it: the participant's key"),
            c("is_last", "boolean", "true for the version that stands (the one in placements.csv)")));

    static final FileSpec NOTES = new FileSpec("notes.csv",
            "the reporter's notes per question and the observer's reflection, one row per text", List.of(
            WORKSHOP_ID, TABLE, ROUND,
            c("kind", "text", "note (the reporter's record of a question) or reflection (the observer's answer to question 7)"),
            c("question_id", "text", "the script question the text answers; for a reflection, question 7"),
            c("question_text", "text", "the question in the workshop's language"),
            c("note", "text", "the text as last written"),
            c("written_at", "timestamp", "when that last version was written (ISO-8601, UTC)"),
            c("written_by", "text", "who wrote it: name, or when pseudonymised the seat they sat in then"),
            c("written_by_key", "text", "who wrote it: the participant's key"),
            c("versions", "integer", "how many times the text was saved (every version is in events.csv)")));

    static final FileSpec QUESTIONS = new FileSpec("questions.csv",
            "the interview's course: one row each time a table moved to a script question, in order", List.of(
            WORKSHOP_ID, TABLE, ROUND,
            c("question_id", "text", "the script question"),
            c("question_number", "integer", "its number in the script, from 1"),
            c("question_text", "text", "the question in the workshop's language"),
            c("asked_at", "timestamp", "when the table moved to it (ISO-8601, UTC); it was in force until the next row of the table or the round's end"),
            c("asked_by", "text", "who moved the script: name, or when pseudonymised the seat they sat in then"),
            c("asked_by_key", "text", "who moved the script: the participant's key")));

    static final FileSpec ANNOTATIONS = new FileSpec("annotations.csv",
            "the observer's annotations, one row each", List.of(
            WORKSHOP_ID, TABLE, ROUND,
            c("annotation_id", "text", "the annotation's id, unique within the table"),
            c("placement_id", "text", "the card it is about; empty when it is about the whole board"),
            c("card_id", "text", "that card's id in the deck; empty for the whole board"),
            c("card_label", "text", "that card's text in the workshop's language"),
            c("text", "text", "the annotation"),
            c("annotated_at", "timestamp", "when it was written (ISO-8601, UTC)"),
            c("annotated_by", "text", "who wrote it: name, or when pseudonymised the seat they sat in then"),
            c("annotated_by_key", "text", "who wrote it: the participant's key")));

    static final FileSpec LINKS = new FileSpec("links.csv",
            "relations drawn between two cards on a board, one row per link, including links removed again", List.of(
            WORKSHOP_ID, TABLE, ROUND,
            c("link_id", "text", "the link's id, unique within the table"),
            c("from_placement_id", "text", "the placement the link was drawn from"),
            c("from_card_id", "text", "its card id"),
            c("from_card_label", "text", "its card text in the workshop's language"),
            c("to_placement_id", "text", "the placement the link was drawn to"),
            c("to_card_id", "text", "its card id"),
            c("to_card_label", "text", "its card text in the workshop's language"),
            c("label", "text", "the label given to the link (may be empty)"),
            c("linked_at", "timestamp", "when it was drawn (ISO-8601, UTC)"),
            c("linked_by", "text", "who drew it: name, or when pseudonymised the seat they sat in then"),
            c("on_final_board", "boolean", "true when the link was still on the board when the round ended"),
            c("removed_at", "timestamp", "when it was removed, by itself or with one of its cards; empty when it stayed"),
            c("linked_by_key", "text", "who drew it: the participant's key")));

    static final FileSpec PROFILES = new FileSpec("profiles.csv",
            "one row per round at each table: the respondent, the self-direction profile and the outcomes chosen", List.of(
            WORKSHOP_ID, TABLE, ROUND, RESPONDENT_SEAT,
            c("respondent", "text", "the respondent's name, or seat when pseudonymised; empty when the seat was empty"),
            c("profile_id", "text", "the profile chosen for this respondent (empty when none)"),
            c("profile_label", "text", "the profile's name in the workshop's language"),
            c("outcome_ids", "text", "the outcome cards chosen, ids separated by semicolons, in the order chosen"),
            c("outcome_labels", "text", "the same outcomes' texts in the workshop's language, separated by semicolons"),
            c("started_at", "timestamp", "when the round started (ISO-8601, UTC)"),
            c("ended_at", "timestamp", "when it ended; empty while it is being played"),
            c("whistled", "boolean", "true when the clock ran out (the whistle blew) during the round"),
            c("respondent_key", "text", "the respondent's key (participants.csv); empty when the seat was empty")));

    static final FileSpec OUTCOMES = new FileSpec("outcomes.csv",
            "the outcome cards (what the learning yielded) chosen per round, one row per outcome", List.of(
            WORKSHOP_ID, TABLE, ROUND, RESPONDENT_SEAT,
            c("respondent_key", "text", "the respondent's key; empty when the seat was empty"),
            c("outcome_id", "text", "the outcome card's id in the deck"),
            c("outcome_label", "text", "its text in the workshop's language"),
            c("position", "integer", "its place among the round's outcomes, in the order chosen, from 1")));

    static final FileSpec PARTICIPANTS = new FileSpec("participants.csv",
            "everyone who joined, one row each, in the order they joined", List.of(
            WORKSHOP_ID,
            c("participant_key", "text", "the participant's stable key, P01, P02, ... in join order; every other file names people by it"),
            c("name", "text", "the name as it is now; empty when pseudonymised"),
            TABLE,
            c("seat", "text", "the seat held at the end (interviewer, respondent1, respondent2, reporter, observer, shared)"),
            c("joined_at", "timestamp", "when they joined (ISO-8601, UTC)"),
            c("left", "boolean", "true when they left the workshop")));

    static final FileSpec EVENTS = new FileSpec("events.csv",
            "every event of the workshop, one row each, in the order committed: the whole history", EventRows.COLUMNS);

    static final FileSpec CARDS = new FileSpec("cards.csv",
            "every card of the deck, laid or not, in deck order", List.of(
            c("card_id", "text", "the card's id in the deck"),
            c("statement", "integer", "its number as a statement: its row in matrix.csv and its line in statements.txt, from 1"),
            c("category_id", "text", "the card's category id"),
            c("category_label", "text", "the category's name in the workshop's language"),
            c("card_label", "text", "the card's text in the workshop's language"),
            c("copies", "integer", "how many physical copies of the card the tray holds")));

    static final FileSpec DISCUSSION = new FileSpec("discussion.csv",
            "the table talk after the game (Deel 3): one row per prompt a table answered", List.of(
            WORKSHOP_ID, TABLE,
            c("prompt_id", "text", "the discussion prompt's id in the deck"),
            c("prompt_text", "text", "the prompt in the workshop's language"),
            c("answer", "text", "the table's answer as last written")));

    static final FileSpec CODEBOOK = new FileSpec("codebook.csv", "this description of every column", List.of(
            c("file", "text", "the CSV file"),
            c("column", "text", "the column's name in that file's header"),
            c("type", "text", "text, integer, decimal (dot as decimal separator), boolean (true/false) or timestamp (ISO-8601, UTC);"
                    + " a text that begins with = + - @, a tab or a carriage return has an apostrophe put before it, so no spreadsheet runs it as a formula"
                    + " (=HYPERLINK(\"x\") is written '=HYPERLINK(\"x\")); numbers never get one"),
            c("meaning", "text", "what the column holds")));

    /** The files whose columns are fixed, in the zip's order ({@code matrix.csv} has a column per interview). */
    static final List<FileSpec> FILES = List.of(PARTICIPANTS, EVENTS, PLACEMENTS, EXPLANATIONS, NOTES, QUESTIONS,
            ANNOTATIONS, LINKS, PROFILES, OUTCOMES, DISCUSSION, CARDS, CODEBOOK);

    /** The names of the files in the zip, in its order. */
    public static final List<String> FILE_NAMES = List.of("participants.csv", "events.csv", "placements.csv",
            "explanations.csv", "notes.csv", "questions.csv", "annotations.csv", "links.csv", "profiles.csv",
            "outcomes.csv", "discussion.csv", "cards.csv", "matrix.csv", QMatrix.STATEMENTS, "codebook.csv", "load.py", "load.R");

    /** The loaders for Python and R that go in every zip (see docs/exports.md). */
    private static final List<String> LOADERS = List.of("load.py", "load.R");

    private CsvExport() {
    }

    /** One file of the zip on its own (a name of {@link #FILE_NAMES}). */
    public static byte[] file(Workshop w, String name, boolean pseudonymise) {
        byte[] file = files(w, pseudonymise).get(name);
        if (file == null) {
            throw new IllegalArgumentException("the export has no file " + name);
        }
        return file;
    }

    /** The zip of every CSV file; with {@code pseudonymise} no participant's name appears, only seats. */
    public static byte[] zip(Workshop w, boolean pseudonymise) {
        return zip(files(w, pseudonymise), w.state().createdAt());
    }

    /** A zip of files in order, every entry dated {@code time} so the zip is a pure function of its files. */
    static byte[] zip(Map<String, byte[]> files, java.time.Instant time) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                // A fixed time keeps the zip a pure function of the events.
                entry.setTime(time.toEpochMilli());
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** Each file's name and bytes, in the zip's order. */
    static Map<String, byte[]> files(Workshop w, boolean pseudonymise) {
        return render(tables(w, pseudonymise), QMatrix.statements(w.state().deck(), w.state().language()));
    }

    /** The data files (every CSV file but the codebook) of one workshop, in the zip's order. */
    static Map<String, CsvTable> tables(Workshop w, boolean pseudonymise) {
        WorkshopState s = w.state();
        Deck deck = s.deck();
        String lang = s.language();
        Map<String, Participant> people = s.participants();
        List<Recorded> events = w.allEvents();
        ParticipantKeys keys = ParticipantKeys.of(events);
        List<RoundHistory> rounds = RoundHistory.of(w);

        FileSpec participantsSpec = participantsSpec(deck, lang);
        CsvTable participants = new CsvTable(participantsSpec);
        Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
        for (int t = 1; t <= w.tableCount(); t++) {
            w.table(t).respondentAttributes().forEach((id, values) -> attributes.computeIfAbsent(id, k -> new LinkedHashMap<>()).putAll(values));
        }
        for (String id : keys.ids()) {
            Participant p = people.get(id);
            List<Object> row = new ArrayList<>(Arrays.asList(s.id(), keys.key(id), pseudonymise || p == null ? null : p.name(),
                    p == null ? null : p.table(), p == null ? null : p.seat().wire(), p == null ? null : p.joinedAt(),
                    p != null && p.left()));
            for (RespondentAttribute a : deck.respondentAttributes()) {
                row.add(attributes.getOrDefault(id, Map.of()).get(a.id()));
            }
            participants.row(row);
        }

        CsvTable eventRows = new CsvTable(EVENTS);
        EventRows.write(eventRows, s.id(), events, keys, pseudonymise);

        CsvTable placements = new CsvTable(PLACEMENTS);
        CsvTable explanations = new CsvTable(EXPLANATIONS);
        CsvTable notes = new CsvTable(NOTES);
        CsvTable questions = new CsvTable(QUESTIONS);
        CsvTable annotations = new CsvTable(ANNOTATIONS);
        CsvTable links = new CsvTable(LINKS);
        CsvTable profiles = new CsvTable(PROFILES);
        CsvTable outcomes = new CsvTable(OUTCOMES);
        Optional<Script.Question> lessons = PlenarySummary.lessonsQuestion(deck.script());

        for (RoundHistory h : rounds) {
            RoundRecord r = h.record();
            for (RoundHistory.Placed p : h.placements()) {
                Optional<Card> card = deck.card(p.cardId());
                Optional<Category> category = card.flatMap(x -> deck.category(x.category()));
                boolean onBoard = h.onFinalBoard(p);
                placements.row(Arrays.asList(s.id(), s.title(), h.table(), h.round(), r.respondentSeat().wire(),
                        p.placementId(), p.cardId(), p.copy(), card.map(Card::category).orElse(null),
                        category.map(x -> x.label().in(lang)).orElse(null), label(deck, p.cardId(), lang),
                        p.side().wire(), p.strength(), p.y(), p.order(), p.placedAt(),
                        p.placedBy().shown(people, pseudonymise), p.explanation(), onBoard,
                        onBoard ? null : p.removedAt(), onBoard || p.removedAt() == null ? null : p.undone(),
                        keys.key(p.placedBy().participantId()), p.firstSide().wire(), p.firstStrength(), p.moves(),
                        p.explanations().size()));
                for (RoundHistory.Explained x : p.explanations()) {
                    explanations.row(Arrays.asList(s.id(), h.table(), h.round(), p.placementId(), p.cardId(),
                            label(deck, p.cardId(), lang), x.version(), x.text(), x.at(), x.by().shown(people, pseudonymise),
                            keys.key(x.by().participantId()), x.version() == p.explanations().size()));
                }
            }
            for (RoundHistory.Written note : inScriptOrder(deck, h.notes())) {
                boolean reflection = note.kind().equals("reflection");
                Optional<Script.Question> q = reflection ? lessons : deck.script().question(note.questionId());
                notes.row(Arrays.asList(s.id(), h.table(), h.round(), note.kind(),
                        reflection ? lessons.map(Script.Question::id).orElse(null) : note.questionId(),
                        q.map(x -> x.text().in(lang)).orElse(null), note.text(), note.at(),
                        note.by().shown(people, pseudonymise), keys.key(note.by().participantId()), note.versions()));
            }
            for (RoundHistory.Asked a : h.questions()) {
                Optional<Script.Question> q = deck.script().question(a.questionId());
                int number = deck.script().questions().indexOf(q.orElse(null)) + 1;
                questions.row(Arrays.asList(s.id(), h.table(), h.round(), a.questionId(), number > 0 ? number : null,
                        q.map(x -> x.text().in(lang)).orElse(null), a.at(), a.by().shown(people, pseudonymise),
                        keys.key(a.by().participantId())));
            }
            for (RoundHistory.Annotated a : h.annotations()) {
                String cardId = a.placementId() == null ? null : h.placement(a.placementId()).map(RoundHistory.Placed::cardId).orElse(null);
                annotations.row(Arrays.asList(s.id(), h.table(), h.round(), a.annotationId(), a.placementId(), cardId,
                        cardId == null ? null : label(deck, cardId, lang), a.text(), a.at(), a.by().shown(people, pseudonymise),
                        keys.key(a.by().participantId())));
            }
            for (RoundHistory.Linked l : h.links()) {
                String from = h.placement(l.fromPlacementId()).map(RoundHistory.Placed::cardId).orElse(null);
                String to = h.placement(l.toPlacementId()).map(RoundHistory.Placed::cardId).orElse(null);
                boolean onBoard = h.onFinalBoard(l);
                links.row(Arrays.asList(s.id(), h.table(), h.round(), l.linkId(), l.fromPlacementId(), from,
                        from == null ? null : label(deck, from, lang), l.toPlacementId(), to,
                        to == null ? null : label(deck, to, lang), l.label(), l.linkedAt(), l.by().shown(people, pseudonymise),
                        onBoard, onBoard ? null : l.removedAt(), keys.key(l.by().participantId())));
            }
            Optional<Profile> profile = r.profileId() == null ? Optional.empty() : deck.profile(r.profileId());
            String respondent = r.respondentId() == null ? null
                    : new RoundHistory.Who(r.respondentId(), r.respondentSeat(), "respondent").shown(people, pseudonymise);
            profiles.row(Arrays.asList(s.id(), h.table(), h.round(), r.respondentSeat().wire(), respondent,
                    r.profileId(), profile.map(p -> p.label().in(lang)).orElse(null),
                    String.join(";", r.outcomes()),
                    r.outcomes().stream().map(o -> outcomeLabel(deck, o, lang)).collect(Collectors.joining(";")),
                    r.startedAt(), r.endedAt(), r.whistled(), keys.key(r.respondentId())));
            for (int i = 0; i < r.outcomes().size(); i++) {
                String o = r.outcomes().get(i);
                outcomes.row(Arrays.asList(s.id(), h.table(), h.round(), r.respondentSeat().wire(), keys.key(r.respondentId()),
                        o, outcomeLabel(deck, o, lang), i + 1));
            }
        }

        CsvTable discussion = new CsvTable(DISCUSSION);
        for (int t = 1; t <= w.tableCount(); t++) {
            Map<String, String> answers = w.table(t).discussion();
            for (DiscussionPrompt prompt : deck.discussion()) {
                String answer = answers.get(prompt.id());
                if (answer != null) {
                    discussion.row(Arrays.asList(s.id(), t, prompt.id(), prompt.text().in(lang), answer));
                }
            }
        }

        CsvTable cards = new CsvTable(CARDS);
        int statement = 0;
        for (Card card : deck.cards()) {
            cards.row(Arrays.asList(card.id(), ++statement, card.category(),
                    deck.category(card.category()).map(x -> x.label().in(lang)).orElse(null), card.label().in(lang), card.copies()));
        }
        FileSpec matrixSpec = QMatrix.spec(rounds);
        CsvTable matrix = new CsvTable(matrixSpec);
        QMatrix.write(matrix, deck, rounds);

        Map<String, CsvTable> tables = new LinkedHashMap<>();
        for (CsvTable table : List.of(participants, eventRows, placements, explanations, notes, questions, annotations,
                links, profiles, outcomes, discussion, cards, matrix)) {
            tables.put(table.spec().name(), table);
        }
        return tables;
    }

    /** The zip's files: the data files, the statements, the codebook describing the data files, and the loaders. */
    static Map<String, byte[]> render(Map<String, CsvTable> tables, byte[] statements) {
        CsvTable codebook = new CsvTable(CODEBOOK);
        List<FileSpec> described = new ArrayList<>();
        tables.values().forEach(t -> described.add(t.spec()));
        described.add(CODEBOOK);
        for (FileSpec file : described) {
            for (Column column : file.columns()) {
                codebook.row(List.of(file.name(), column.name(), column.type(), column.meaning()));
            }
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        tables.forEach((name, table) -> files.put(name, table.bytes()));
        files.put(QMatrix.STATEMENTS, statements);
        files.put(CODEBOOK.name(), codebook.bytes());
        for (String loader : LOADERS) {
            files.put(loader, resource("export/" + loader));
        }
        return files;
    }

    /** participants.csv's columns: the fixed ones, then {@code attr_<id>} for each respondent attribute of the deck. */
    static FileSpec participantsSpec(Deck deck, String lang) {
        List<Column> columns = new ArrayList<>(PARTICIPANTS.columns());
        for (RespondentAttribute a : deck.respondentAttributes()) {
            String values = a.choices().isEmpty() ? "a free text"
                    : "one of " + a.choices().stream().map(x -> x.id() + " (" + x.label().in(lang) + ")").collect(Collectors.joining(", "));
            columns.add(c("attr_" + a.id(), "text", "respondent attribute of the deck, " + a.label().in(lang)
                    + ": " + values + "; empty when not recorded (optional, with consent)"));
        }
        return new FileSpec(PARTICIPANTS.name(), PARTICIPANTS.meaning(), List.copyOf(columns));
    }

    private static byte[] resource(String path) {
        try (java.io.InputStream in = CsvExport.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path + " failed", e);
        }
    }

    private static String outcomeLabel(Deck deck, String outcomeId, String lang) {
        return deck.outcome(outcomeId).map(Outcome::label).map(t -> t.in(lang)).orElse(outcomeId);
    }


    private static String label(Deck deck, String cardId, String lang) {
        return deck.card(cardId).map(Card::label).map(t -> t.in(lang)).orElse(null);
    }

    /** The notes in the order of the script's questions (the state keeps them in no order). */
    static Map<String, String> notesInScriptOrder(Deck deck, Map<String, String> notes) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (Script.Question q : deck.script().questions()) {
            if (notes.containsKey(q.id())) {
                ordered.put(q.id(), notes.get(q.id()));
            }
        }
        new java.util.TreeMap<>(notes).forEach(ordered::putIfAbsent);
        return ordered;
    }

    /** The notes in the order of the script's questions, then any of questions the script lacks, then the reflection. */
    static List<RoundHistory.Written> inScriptOrder(Deck deck, List<RoundHistory.Written> written) {
        List<RoundHistory.Written> ordered = new ArrayList<>();
        for (Script.Question q : deck.script().questions()) {
            written.stream().filter(n -> n.kind().equals("note") && q.id().equals(n.questionId())).forEach(ordered::add);
        }
        written.stream().filter(n -> n.kind().equals("note") && !ordered.contains(n))
                .sorted(java.util.Comparator.comparing(RoundHistory.Written::questionId)).forEach(ordered::add);
        written.stream().filter(n -> n.kind().equals("reflection")).forEach(ordered::add);
        return ordered;
    }
}
