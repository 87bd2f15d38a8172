package nl.factorspel.sessions.export;

import nl.factorspel.decks.Card;
import nl.factorspel.decks.Category;
import nl.factorspel.decks.Deck;
import nl.factorspel.decks.DiscussionPrompt;
import nl.factorspel.decks.Outcome;
import nl.factorspel.decks.Profile;
import nl.factorspel.decks.Script;
import nl.factorspel.sessions.plenary.PlenarySummary;
import nl.factorspel.sessions.workshop.Participant;
import nl.factorspel.sessions.workshop.RoundRecord;
import nl.factorspel.sessions.workshop.Workshop;
import nl.factorspel.sessions.workshop.WorkshopState;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
            c("removed_by_undo", "boolean", "true when its placer took it back with undo, false when removed otherwise; empty when it stayed")));

    static final FileSpec NOTES = new FileSpec("notes.csv",
            "the reporter's notes per question and the observer's reflection, one row per text", List.of(
            WORKSHOP_ID, TABLE, ROUND,
            c("kind", "text", "note (the reporter's record of a question) or reflection (the observer's answer to question 7)"),
            c("question_id", "text", "the script question the text answers; for a reflection, question 7"),
            c("question_text", "text", "the question in the workshop's language"),
            c("note", "text", "the text as last written")));

    static final FileSpec ANNOTATIONS = new FileSpec("annotations.csv",
            "the observer's annotations, one row each", List.of(
            WORKSHOP_ID, TABLE, ROUND,
            c("annotation_id", "text", "the annotation's id, unique within the table"),
            c("placement_id", "text", "the card it is about; empty when it is about the whole board"),
            c("card_id", "text", "that card's id in the deck; empty for the whole board"),
            c("card_label", "text", "that card's text in the workshop's language"),
            c("text", "text", "the annotation"),
            c("annotated_at", "timestamp", "when it was written (ISO-8601, UTC)"),
            c("annotated_by", "text", "who wrote it: name, or when pseudonymised the seat they sat in then")));

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
            c("removed_at", "timestamp", "when it was removed, by itself or with one of its cards; empty when it stayed")));

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
            c("whistled", "boolean", "true when the clock ran out (the whistle blew) during the round")));

    static final FileSpec DISCUSSION = new FileSpec("discussion.csv",
            "the table talk after the game (Deel 3): one row per prompt a table answered", List.of(
            WORKSHOP_ID, TABLE,
            c("prompt_id", "text", "the discussion prompt's id in the deck"),
            c("prompt_text", "text", "the prompt in the workshop's language"),
            c("answer", "text", "the table's answer as last written")));

    static final FileSpec CODEBOOK = new FileSpec("codebook.csv", "this description of every column", List.of(
            c("file", "text", "the CSV file"),
            c("column", "text", "the column's name in that file's header"),
            c("type", "text", "text, integer, decimal (dot as decimal separator), boolean (true/false) or timestamp (ISO-8601, UTC)"),
            c("meaning", "text", "what the column holds")));

    static final List<FileSpec> FILES = List.of(PLACEMENTS, NOTES, ANNOTATIONS, LINKS, PROFILES, DISCUSSION, CODEBOOK);

    private CsvExport() {
    }

    /** The zip of every CSV file; with {@code pseudonymise} no participant's name appears, only seats. */
    public static byte[] zip(Workshop w, boolean pseudonymise) {
        Map<String, byte[]> files = files(w, pseudonymise);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                // A fixed time keeps the zip a pure function of the events.
                entry.setTime(w.state().createdAt().toEpochMilli());
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
        WorkshopState s = w.state();
        Deck deck = s.deck();
        String lang = s.language();
        Map<String, Participant> people = s.participants();
        List<RoundHistory> rounds = RoundHistory.of(w);

        CsvWriter placements = header(PLACEMENTS);
        CsvWriter notes = header(NOTES);
        CsvWriter annotations = header(ANNOTATIONS);
        CsvWriter links = header(LINKS);
        CsvWriter profiles = header(PROFILES);
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
                        onBoard ? null : p.removedAt(), onBoard || p.removedAt() == null ? null : p.undone()));
            }
            for (Map.Entry<String, String> note : notesInScriptOrder(deck, r.notes()).entrySet()) {
                notes.row(Arrays.asList(s.id(), h.table(), h.round(), "note", note.getKey(),
                        deck.script().question(note.getKey()).map(q -> q.text().in(lang)).orElse(null), note.getValue()));
            }
            if (r.reflection() != null) {
                notes.row(Arrays.asList(s.id(), h.table(), h.round(), "reflection",
                        lessons.map(Script.Question::id).orElse(null), lessons.map(q -> q.text().in(lang)).orElse(null),
                        r.reflection()));
            }
            for (RoundHistory.Annotated a : h.annotations()) {
                String cardId = a.placementId() == null ? null : h.placement(a.placementId()).map(RoundHistory.Placed::cardId).orElse(null);
                annotations.row(Arrays.asList(s.id(), h.table(), h.round(), a.annotationId(), a.placementId(), cardId,
                        cardId == null ? null : label(deck, cardId, lang), a.text(), a.at(), a.by().shown(people, pseudonymise)));
            }
            for (RoundHistory.Linked l : h.links()) {
                String from = h.placement(l.fromPlacementId()).map(RoundHistory.Placed::cardId).orElse(null);
                String to = h.placement(l.toPlacementId()).map(RoundHistory.Placed::cardId).orElse(null);
                boolean onBoard = h.onFinalBoard(l);
                links.row(Arrays.asList(s.id(), h.table(), h.round(), l.linkId(), l.fromPlacementId(), from,
                        from == null ? null : label(deck, from, lang), l.toPlacementId(), to,
                        to == null ? null : label(deck, to, lang), l.label(), l.linkedAt(), l.by().shown(people, pseudonymise),
                        onBoard, onBoard ? null : l.removedAt()));
            }
            Optional<Profile> profile = r.profileId() == null ? Optional.empty() : deck.profile(r.profileId());
            String respondent = r.respondentId() == null ? null
                    : new RoundHistory.Who(r.respondentId(), r.respondentSeat(), "respondent").shown(people, pseudonymise);
            profiles.row(Arrays.asList(s.id(), h.table(), h.round(), r.respondentSeat().wire(), respondent,
                    r.profileId(), profile.map(p -> p.label().in(lang)).orElse(null),
                    String.join(";", r.outcomes()),
                    r.outcomes().stream().map(o -> deck.outcome(o).map(Outcome::label).map(t -> t.in(lang)).orElse(o))
                            .collect(Collectors.joining(";")),
                    r.startedAt(), r.endedAt(), r.whistled()));
        }

        CsvWriter discussion = header(DISCUSSION);
        for (int t = 1; t <= w.tableCount(); t++) {
            Map<String, String> answers = w.table(t).discussion();
            for (DiscussionPrompt prompt : deck.discussion()) {
                String answer = answers.get(prompt.id());
                if (answer != null) {
                    discussion.row(Arrays.asList(s.id(), t, prompt.id(), prompt.text().in(lang), answer));
                }
            }
        }

        CsvWriter codebook = header(CODEBOOK);
        for (FileSpec file : FILES) {
            for (Column column : file.columns()) {
                codebook.row(List.of(file.name(), column.name(), column.type(), column.meaning()));
            }
        }

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(PLACEMENTS.name(), placements.bytes());
        files.put(NOTES.name(), notes.bytes());
        files.put(ANNOTATIONS.name(), annotations.bytes());
        files.put(LINKS.name(), links.bytes());
        files.put(PROFILES.name(), profiles.bytes());
        files.put(DISCUSSION.name(), discussion.bytes());
        files.put(CODEBOOK.name(), codebook.bytes());
        return files;
    }

    private static CsvWriter header(FileSpec file) {
        return new CsvWriter().row(file.columns().stream().map(Column::name).toList());
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
        new TreeMap<>(notes).forEach(ordered::putIfAbsent);
        return ordered;
    }
}
