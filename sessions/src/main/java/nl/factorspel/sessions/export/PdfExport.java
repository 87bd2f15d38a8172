package nl.factorspel.sessions.export;

import nl.factorspel.decks.Card;
import nl.factorspel.decks.Deck;
import nl.factorspel.decks.DiscussionPrompt;
import nl.factorspel.decks.Outcome;
import nl.factorspel.decks.Profile;
import nl.factorspel.sessions.board.Link;
import nl.factorspel.sessions.board.Placement;
import nl.factorspel.sessions.plenary.PlenarySummary;
import nl.factorspel.sessions.workshop.Participant;
import nl.factorspel.sessions.workshop.RoundRecord;
import nl.factorspel.sessions.workshop.Side;
import nl.factorspel.sessions.workshop.Workshop;
import nl.factorspel.sessions.workshop.WorkshopState;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The workshop's report as an A4 PDF: a cover, the plenary summary as a chart, then for each table and
 * round the board drawn as it was left (the digital "photo") with the explanations, the reporter's notes,
 * the observer's reflection and annotations, the profile and the outcomes. See {@code docs/exports.md}.
 */
public final class PdfExport {

    static final float BOARD_HEIGHT = 290;
    private static final float BODY = 8.5f;

    private PdfExport() {
    }

    /** The whole report in {@code language} ("nl" or "en"); with {@code pseudonymise} seats stand for names. */
    public static byte[] workshop(Workshop w, String language, boolean pseudonymise) {
        ExportLabels labels = new ExportLabels(language);
        WorkshopState s = w.state();
        try (PdfFlow pdf = new PdfFlow(s.title())) {
            PlenarySummary summary = PlenarySummary.of(w);
            cover(pdf, w, summary, labels);
            PlenaryChart.write(pdf, summary, s.deck(), labels);
            List<RoundHistory> histories = RoundHistory.of(w);
            List<String> notPlayed = new java.util.ArrayList<>();
            for (int t = 1; t <= w.tableCount(); t++) {
                int table = t;
                List<RoundHistory> rounds = histories.stream().filter(h -> h.table() == table).toList();
                for (RoundHistory h : rounds) {
                    // A round an empty table was started in gets one line at the end, not a page.
                    if (PlenarySummary.played(h.record(), h.finalBoard())) {
                        roundPages(pdf, w, h, labels, pseudonymise);
                    } else {
                        notPlayed.add(labels.get("table") + " " + h.table() + " · " + labels.get("round") + " " + h.round());
                    }
                }
                if (!rounds.isEmpty()) {
                    discussion(pdf, w, table, labels);
                }
            }
            if (!notPlayed.isEmpty()) {
                pdf.gap(12);
                pdf.paragraph(labels.get("notPlayed") + ": " + String.join("; ", notPlayed), pdf.regular, 9, 0, PdfFlow.GREY);
            }
            return pdf.finish(s.title(), labels.get("page"));
        }
    }

    /** The page (or pages) of one table-round alone: the digital photo of that board with its record. */
    public static byte[] round(Workshop w, int table, int round, String language, boolean pseudonymise) {
        ExportLabels labels = new ExportLabels(language);
        RoundHistory h = RoundHistory.of(w).stream().filter(x -> x.table() == table && x.round() == round).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("table " + table + " has no round " + round));
        try (PdfFlow pdf = new PdfFlow(w.state().title() + " — " + labels.get("table") + " " + table + ", "
                + labels.get("round").toLowerCase() + " " + round)) {
            roundPages(pdf, w, h, labels, pseudonymise);
            return pdf.finish(w.state().title(), labels.get("page"));
        }
    }

    private static void cover(PdfFlow pdf, Workshop w, PlenarySummary summary, ExportLabels labels) {
        WorkshopState s = w.state();
        Deck deck = s.deck();
        pdf.newPage();
        pdf.gap(150);
        pdf.paragraph("Factorspel", pdf.bold, 12, 0, PdfFlow.GREY);
        pdf.gap(6);
        pdf.paragraph(s.title(), pdf.bold, 26, 0, PdfFlow.INK);
        pdf.gap(24);
        int participants = s.participants().size();
        String[][] facts = {
                {labels.get("date"), labels.date(s.createdAt())},
                {labels.get("deck"), deck.title().in(labels.language())},
                {labels.get("tables"), Integer.toString(s.tables())},
                {labels.get("rounds"), s.round() + " / " + deck.script().rounds()},
                {labels.get("participants"), Integer.toString(participants)},
                {labels.get("placements"), Integer.toString(summary.placements())},
        };
        float valueX = 0;
        for (String[] fact : facts) {
            valueX = Math.max(valueX, pdf.width(pdf.safe(fact[0], pdf.bold), pdf.bold, 12) + 16);
        }
        for (String[] fact : facts) {
            List<String> lines = pdf.wrap(fact[1], pdf.regular, 12, pdf.width() - valueX);
            for (int i = 0; i < lines.size(); i++) {
                pdf.ensure(18);
                if (i == 0) {
                    pdf.text(fact[0], pdf.bold, 12, pdf.left(), pdf.y() - 12, PdfFlow.GREY);
                }
                pdf.text(lines.get(i), pdf.regular, 12, pdf.left() + valueX, pdf.y() - 12, PdfFlow.INK);
                pdf.down(18);
            }
        }
        pdf.gap(24);
        pdf.paragraph(labels.get("contents"), pdf.regular, 9, 0, PdfFlow.GREY);
    }

    private static void roundPages(PdfFlow pdf, Workshop w, RoundHistory h, ExportLabels labels, boolean pseudonymise) {
        WorkshopState s = w.state();
        Deck deck = s.deck();
        String lang = labels.language();
        RoundRecord r = h.record();
        Map<String, Participant> people = s.participants();

        pdf.newPage();
        pdf.heading(labels.get("table") + " " + h.table() + " · " + labels.get("round") + " " + h.round(), 15, BOARD_HEIGHT);
        String respondent = r.respondentId() == null ? labels.get("emptySeat")
                : new RoundHistory.Who(r.respondentId(), r.respondentSeat(), "respondent").shown(people, pseudonymise);
        StringBuilder sub = new StringBuilder(labels.get("respondent")).append(": ").append(respondent)
                .append(" (").append(labels.get(r.respondentSeat().wire())).append(")")
                .append(" · ").append(labels.get("started")).append(" ").append(labels.time(r.startedAt()));
        if (r.endedAt() == null) {
            sub.append(" · ").append(labels.get("open"));
        } else {
            sub.append(" · ").append(labels.get("ended")).append(" ").append(labels.time(r.endedAt()));
            if (r.whistled()) {
                sub.append(" ").append(labels.get("whistled"));
            }
        }
        pdf.paragraph(sub.toString(), pdf.regular, 8.5f, 0, PdfFlow.GREY);
        pdf.gap(6);
        pdf.ensure(BOARD_HEIGHT);
        BoardDrawing.draw(pdf, deck, labels, h.finalBoard(), pdf.left(), pdf.y(), pdf.width(), BOARD_HEIGHT);
        pdf.down(BOARD_HEIGHT + 6);

        List<RoundHistory.Placed> onBoard = h.placements().stream().filter(h::onFinalBoard)
                .sorted(Comparator.comparingInt(RoundHistory.Placed::order)).toList();
        if (!onBoard.isEmpty()) {
            section(pdf, labels.get("explanations"));
            for (RoundHistory.Placed p : onBoard) {
                placement(pdf, deck, labels, p, null);
            }
        }
        List<RoundHistory.Placed> removed = h.placements().stream().filter(p -> !h.onFinalBoard(p))
                .sorted(Comparator.comparingInt(RoundHistory.Placed::order)).toList();
        if (!removed.isEmpty()) {
            section(pdf, labels.get("removed"));
            for (RoundHistory.Placed p : removed) {
                placement(pdf, deck, labels, p, p.undone() ? labels.get("undone") : null);
            }
        }
        List<Link> links = h.finalBoard().links();
        if (!links.isEmpty()) {
            section(pdf, labels.get("connections"));
            for (Link l : links) {
                String from = h.finalBoard().placement(l.fromPlacementId()).map(p -> cardName(deck, lang, p)).orElse(l.fromPlacementId());
                String to = h.finalBoard().placement(l.toPlacementId()).map(p -> cardName(deck, lang, p)).orElse(l.toPlacementId());
                String label = l.label() == null || l.label().isBlank() ? "" : ": " + l.label();
                pdf.paragraph(from + " — " + to + label, pdf.regular, BODY, 8, PdfFlow.INK);
            }
        }
        Map<String, String> notes = CsvExport.notesInScriptOrder(deck, r.notes());
        if (!notes.isEmpty()) {
            section(pdf, labels.get("report"));
            for (Map.Entry<String, String> note : notes.entrySet()) {
                String question = deck.script().question(note.getKey()).map(q -> q.text().in(lang)).orElse(note.getKey());
                pdf.ensure(BODY * PdfFlow.LEADING * 2);
                pdf.paragraph(question, pdf.bold, BODY, 8, PdfFlow.INK);
                pdf.paragraph(note.getValue(), pdf.regular, BODY, 18, PdfFlow.INK);
            }
        }
        if (present(r.reflection()) || !h.annotations().isEmpty()) {
            section(pdf, labels.get("observer"));
            if (present(r.reflection())) {
                pdf.paragraph(labels.get("reflection"), pdf.bold, BODY, 8, PdfFlow.INK);
                pdf.paragraph(r.reflection(), pdf.regular, BODY, 18, PdfFlow.INK);
            }
            if (!h.annotations().isEmpty()) {
                pdf.paragraph(labels.get("annotations"), pdf.bold, BODY, 8, PdfFlow.INK);
                for (RoundHistory.Annotated a : h.annotations()) {
                    String about = a.placementId() == null ? labels.get("onBoard")
                            : h.placement(a.placementId()).map(p -> p.order() + ". " + label(deck, lang, p.cardId())).orElse(a.placementId());
                    pdf.paragraph("[" + about + "] " + a.text(), pdf.regular, BODY, 18, PdfFlow.INK);
                }
            }
        }
        Optional<Profile> profile = r.profileId() == null ? Optional.empty() : deck.profile(r.profileId());
        if (profile.isPresent() || !r.outcomes().isEmpty()) {
            section(pdf, labels.get("profile") + " · " + labels.get("outcomes"));
            profile.ifPresent(p -> {
                pdf.paragraph(labels.get("profile") + ": " + p.label().in(lang)
                        + (p.selfDirection() == null ? "" : " (" + p.selfDirection().in(lang) + ")"), pdf.bold, BODY, 8, PdfFlow.INK);
                interventions(pdf, p, labels);
            });
            if (!r.outcomes().isEmpty()) {
                String outcomes = r.outcomes().stream()
                        .map(o -> deck.outcome(o).map(Outcome::label).map(t -> t.in(lang)).orElse(o))
                        .collect(Collectors.joining("; "));
                pdf.paragraph(labels.get("outcomes") + ": " + outcomes, pdf.regular, BODY, 8, PdfFlow.INK);
            }
        }
    }

    private static void placement(PdfFlow pdf, Deck deck, ExportLabels labels, RoundHistory.Placed p, String note) {
        String lang = labels.language();
        String side = p.side() == Side.STIMULATING ? deck.board().stimulating().label().in(lang)
                : deck.board().hindering().label().in(lang);
        String head = p.order() + ". " + label(deck, lang, p.cardId()) + " — " + side + ", " + labels.decimal(p.strength())
                + (note == null ? "" : " (" + note + ")");
        pdf.ensure(BODY * PdfFlow.LEADING * 2);
        pdf.paragraph(head, pdf.bold, BODY, 8, PdfFlow.INK);
        if (p.hasExplanation()) {
            pdf.paragraph(p.explanation(), pdf.regular, BODY, 18, PdfFlow.INK);
        } else {
            pdf.paragraph(labels.get("noExplanation"), pdf.regular, BODY, 18, PdfFlow.GREY);
        }
    }

    /** What works for the chosen profile, the point of "Wat werkt voor wie?": its rule and both lists, in one small paragraph. */
    private static void interventions(PdfFlow pdf, Profile p, ExportLabels labels) {
        String lang = labels.language();
        List<String> parts = new java.util.ArrayList<>();
        if (p.rule() != null) {
            parts.add(p.rule().in(lang));
        }
        for (boolean well : new boolean[]{true, false}) {
            List<nl.factorspel.decks.Text> items = well ? p.worksWell() : p.worksLess();
            if (items != null && !items.isEmpty()) {
                parts.add(labels.get(well ? "profile.worksWell" : "profile.worksLess") + ": "
                        + items.stream().map(t -> t.in(lang)).collect(Collectors.joining("; ")) + ".");
            }
        }
        if (!parts.isEmpty()) {
            pdf.paragraph(String.join(" ", parts), pdf.regular, BODY - 1, 18, PdfFlow.INK);
        }
    }

    private static void discussion(PdfFlow pdf, Workshop w, int table, ExportLabels labels) {
        Deck deck = w.state().deck();
        Map<String, String> answers = w.table(table).discussion();
        List<DiscussionPrompt> answered = deck.discussion().stream().filter(p -> present(answers.get(p.id()))).toList();
        if (answered.isEmpty()) {
            return;
        }
        section(pdf, labels.get("discussion") + " · " + labels.get("table") + " " + table);
        if (deck.discussionTitle() != null) {
            pdf.paragraph(deck.discussionTitle().in(labels.language()), pdf.regular, BODY, 8, PdfFlow.GREY);
        }
        for (DiscussionPrompt p : answered) {
            pdf.ensure(BODY * PdfFlow.LEADING * 2);
            pdf.paragraph(p.text().in(labels.language()), pdf.bold, BODY, 8, PdfFlow.INK);
            pdf.paragraph(answers.get(p.id()), pdf.regular, BODY, 18, PdfFlow.INK);
        }
    }

    private static void section(PdfFlow pdf, String title) {
        pdf.gap(4);
        pdf.heading(title, 10.5f, BODY * PdfFlow.LEADING * 2);
        pdf.gap(1);
    }

    private static String cardName(Deck deck, String lang, Placement p) {
        return p.order() + ". " + label(deck, lang, p.cardId());
    }

    private static String label(Deck deck, String lang, String cardId) {
        return deck.card(cardId).map(Card::label).map(t -> t.in(lang)).orElse(cardId);
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
