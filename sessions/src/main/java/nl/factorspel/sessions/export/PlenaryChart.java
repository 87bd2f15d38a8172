package nl.factorspel.sessions.export;

import nl.factorspel.decks.Category;
import nl.factorspel.decks.Deck;
import nl.factorspel.sessions.plenary.PlenarySummary;
import nl.factorspel.sessions.plenary.PlenarySummary.Factor;

import java.awt.Color;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The plenary summary on paper: a diverging bar chart with one row per factor laid (stimulating to the
 * left of the axis, hindering to the right, coloured by category, most laid on top), then the factors
 * laid first, the links drawn most, the split by profile, and the tables' recommendations and lessons.
 */
final class PlenaryChart {

    private static final float LABEL_WIDTH = 165;
    private static final float ROW = 15;
    private static final float BAR = 10;
    private static final float BODY = 8.5f;

    private PlenaryChart() {
    }

    static void write(PdfFlow pdf, PlenarySummary s, Deck deck, ExportLabels labels) {
        String lang = labels.language();
        pdf.newPage();
        pdf.heading(labels.get("plenary"), 16, 40);
        pdf.gap(4);
        pdf.paragraph(labels.get("plenary.chart"), pdf.regular, 8, 0, PdfFlow.GREY);
        pdf.gap(6);
        legend(pdf, deck, lang);

        List<Factor> laid = s.factors().stream().filter(f -> f.total() > 0).toList();
        if (laid.isEmpty()) {
            pdf.gap(10);
            pdf.paragraph(labels.get("plenary.none"), pdf.regular, 10, 0, PdfFlow.GREY);
        } else {
            bars(pdf, laid, deck, labels);
        }

        List<PlenarySummary.FirstLaid> first = s.laidFirst();
        if (!first.isEmpty()) {
            pdf.gap(8);
            pdf.heading(labels.get("first"), 11, 14);
            for (PlenarySummary.FirstLaid f : first.subList(0, Math.min(10, first.size()))) {
                pdf.paragraph(f.label().in(lang) + " — " + f.count() + labels.get("times"), pdf.regular, BODY, 8, PdfFlow.INK);
            }
        }
        List<PlenarySummary.LinkPair> links = s.links();
        if (!links.isEmpty()) {
            pdf.gap(8);
            pdf.heading(labels.get("links"), 11, 14);
            for (PlenarySummary.LinkPair l : links.subList(0, Math.min(10, links.size()))) {
                String names = l.labels().isEmpty() ? "" : " (" + String.join("; ", l.labels()) + ")";
                pdf.paragraph(l.labelA().in(lang) + " — " + l.labelB().in(lang) + ": " + l.count() + labels.get("times") + names,
                        pdf.regular, BODY, 8, PdfFlow.INK);
            }
        }
        if (s.byProfile().stream().anyMatch(p -> p.tableRounds() > 0)) {
            pdf.gap(8);
            pdf.heading(labels.get("byProfile"), 11, 30);
            for (PlenarySummary.ProfileSplit p : s.byProfile()) {
                if (p.tableRounds() == 0) {
                    continue;
                }
                pdf.paragraph(p.label().in(lang) + " (" + p.tableRounds() + " " + labels.get(p.tableRounds() == 1 ? "roundCount" : "roundsCount") + ")",
                        pdf.bold, BODY, 8, PdfFlow.INK);
                side(pdf, deck.board().stimulating().label().in(lang), p.factors(), f -> f.stimulating().count(), lang);
                side(pdf, deck.board().hindering().label().in(lang), p.factors(), f -> f.hindering().count(), lang);
            }
            if (s.tableRoundsWithoutProfile() > 0) {
                pdf.paragraph(labels.get("noProfile") + ": " + s.tableRoundsWithoutProfile(), pdf.regular, BODY, 8, PdfFlow.GREY);
            }
        }
        if (s.outcomes().stream().anyMatch(o -> o.count() > 0)) {
            pdf.gap(8);
            pdf.heading(labels.get("outcomes"), 11, 14);
            for (PlenarySummary.OutcomeCount o : s.outcomes()) {
                if (o.count() > 0) {
                    pdf.paragraph(o.label().in(lang) + " — " + o.count() + labels.get("times"), pdf.regular, BODY, 8, PdfFlow.INK);
                }
            }
        }
        texts(pdf, s, deck, labels, true);
        texts(pdf, s, deck, labels, false);
    }

    private static void side(PdfFlow pdf, String sideLabel, List<Factor> factors, ToIntFunction<Factor> count, String lang) {
        List<Factor> laid = factors.stream().filter(f -> count.applyAsInt(f) > 0)
                .sorted(Comparator.comparingInt(count).reversed()).toList();
        if (laid.isEmpty()) {
            return;
        }
        StringBuilder line = new StringBuilder(sideLabel).append(": ");
        for (int i = 0; i < laid.size(); i++) {
            line.append(i == 0 ? "" : ", ").append(laid.get(i).label().in(lang)).append(" ").append(count.applyAsInt(laid.get(i)));
        }
        pdf.paragraph(line.toString(), pdf.regular, BODY, 18, PdfFlow.INK);
    }

    /** Question 6 (recommendations) or question 7 (lessons: the observers' reflections and notes) of every table-round. */
    private static void texts(PdfFlow pdf, PlenarySummary s, Deck deck, ExportLabels labels, boolean recommendations) {
        String lang = labels.language();
        boolean any = s.perTable().stream().flatMap(t -> t.rounds().stream()).anyMatch(r -> recommendations
                ? present(r.recommendations()) : present(r.reflection()) || present(r.lessonsNote()));
        if (!any) {
            return;
        }
        String questionId = recommendations ? s.recommendationsQuestionId() : s.lessonsQuestionId();
        pdf.gap(8);
        pdf.heading(labels.get(recommendations ? "recommendations" : "lessons"), 11, 30);
        deck.script().question(questionId == null ? "" : questionId)
                .ifPresent(q -> pdf.paragraph(q.text().in(lang), pdf.regular, 8, 0, PdfFlow.GREY));
        for (PlenarySummary.TableSummary t : s.perTable()) {
            for (PlenarySummary.RoundSummary r : t.rounds()) {
                List<String> said = recommendations
                        ? (present(r.recommendations()) ? List.of(r.recommendations()) : List.of())
                        : java.util.stream.Stream.of(r.reflection(), r.lessonsNote()).filter(PlenaryChart::present).toList();
                if (said.isEmpty()) {
                    continue;
                }
                pdf.ensure(BODY * 3 * PdfFlow.LEADING);
                pdf.paragraph(labels.get("table") + " " + t.table() + ", " + labels.get("round").toLowerCase() + " " + r.round(),
                        pdf.bold, BODY, 8, PdfFlow.INK);
                for (String text : said) {
                    pdf.paragraph(text, pdf.regular, BODY, 18, PdfFlow.INK);
                }
            }
        }
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private static void legend(PdfFlow pdf, Deck deck, String lang) {
        float x = pdf.left();
        float size = 8;
        pdf.ensure(14);
        float baseline = pdf.y() - size;
        for (Category c : deck.categories()) {
            String label = c.label().in(lang);
            float w = 14 + pdf.width(pdf.safe(label, pdf.regular), pdf.regular, size) + 12;
            if (x + w > pdf.left() + pdf.width()) {
                pdf.down(14);
                pdf.ensure(14);
                baseline = pdf.y() - size;
                x = pdf.left();
            }
            pdf.roundedRect(x, baseline - 1, 10, 8, 1.5f);
            Color colour = PdfFlow.colour(c.colour());
            pdf.fillAndStroke(colour, PdfFlow.darker(colour, 0.6f), 0.5f);
            pdf.text(label, pdf.regular, size, x + 14, baseline, PdfFlow.INK);
            x += w;
        }
        pdf.down(18);
    }

    private static void bars(PdfFlow pdf, List<Factor> laid, Deck deck, ExportLabels labels) {
        String lang = labels.language();
        float x0 = pdf.left() + LABEL_WIDTH + 6;
        float chartWidth = pdf.width() - LABEL_WIDTH - 6;
        float middle = x0 + chartWidth / 2;
        float maxBar = chartWidth / 2 - 52;
        int max = laid.stream().mapToInt(f -> Math.max(f.stimulating().count(), f.hindering().count())).max().orElse(1);
        float scale = maxBar / Math.max(1, max);

        columnHeads(pdf, deck, lang, middle);
        for (Factor f : laid) {
            if (!pdf.fits(ROW)) {
                pdf.newPage();
                columnHeads(pdf, deck, lang, middle);
            }
            float top = pdf.y();
            float barBottom = top - (ROW + BAR) / 2;
            String label = pdf.wrap(f.label().in(lang), pdf.regular, BODY, LABEL_WIDTH, 1).get(0);
            pdf.text(label, pdf.regular, BODY, pdf.left(), barBottom + 1.5f, PdfFlow.INK);
            Color colour = PdfFlow.colour(f.colour());
            if (f.stimulating().count() > 0) {
                float len = f.stimulating().count() * scale;
                pdf.rect(middle - len, barBottom, len, BAR);
                pdf.fillAndStroke(colour, PdfFlow.darker(colour, 0.6f), 0.5f);
                pdf.rightAligned(amount(f.stimulating(), labels), pdf.regular, 7.5f, middle - len - 3, barBottom + 2, PdfFlow.INK);
            }
            if (f.hindering().count() > 0) {
                float len = f.hindering().count() * scale;
                pdf.rect(middle, barBottom, len, BAR);
                pdf.fillAndStroke(colour, PdfFlow.darker(colour, 0.6f), 0.5f);
                pdf.text(amount(f.hindering(), labels), pdf.regular, 7.5f, middle + len + 3, barBottom + 2, PdfFlow.INK);
            }
            pdf.line(middle, top, middle, top - ROW, PdfFlow.INK, 0.8f);
            pdf.down(ROW);
        }
    }

    private static String amount(PlenarySummary.SideCount side, ExportLabels labels) {
        return side.count() + " (" + labels.decimal(side.meanStrength()) + ")";
    }

    private static void columnHeads(PdfFlow pdf, Deck deck, String lang, float middle) {
        pdf.ensure(16 + ROW);
        float baseline = pdf.y() - 9;
        pdf.rightAligned("← " + deck.board().stimulating().label().in(lang), pdf.bold, 9, middle - 6, baseline, PdfFlow.INK);
        pdf.text(deck.board().hindering().label().in(lang) + " →", pdf.bold, 9, middle + 6, baseline, PdfFlow.INK);
        pdf.down(16);
    }
}
