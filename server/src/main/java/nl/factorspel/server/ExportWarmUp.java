package nl.factorspel.server;

import nl.factorspel.decks.Deck;
import nl.factorspel.sessions.export.PdfExport;
import nl.factorspel.sessions.export.PngExport;
import nl.factorspel.sessions.workshop.Actor;
import nl.factorspel.sessions.workshop.Command;
import nl.factorspel.sessions.workshop.Limits;
import nl.factorspel.sessions.workshop.Role;
import nl.factorspel.sessions.workshop.Side;
import nl.factorspel.sessions.workshop.Workshop;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Instant;

/**
 * The first PDF a server draws pays for loading PDFBox, its fonts and the code that draws boards (about a
 * second); drawing one small workshop in memory right after start pays it then, off the event loop, rather
 * than when the facilitator asks for the report at the end of the day. Nothing is stored.
 */
final class ExportWarmUp {

    private static final Logger LOG = LogManager.getLogger(ExportWarmUp.class);

    private ExportWarmUp() {
    }

    static void run(Deck deck) {
        long started = System.nanoTime();
        try {
            Workshop w = new Workshop();
            Instant now = Instant.now();
            Actor shared = new Actor("warm", Role.SHARED);
            w.handle(null, new Command.Create("warmup", "Warm-up", deck, 1, 15, "nl", null, "WARMUP00", "-", "-"),
                    Actor.facilitator(), now, Limits.DEFAULT);
            w.handle(null, new Command.Join("warm", "Tafel", 1, "shared", "-"), shared, now, Limits.DEFAULT);
            w.handle(null, new Command.StartRound(1), Actor.facilitator(), now, Limits.DEFAULT);
            String card = deck.cards().get(0).id();
            w.handle(1, new Command.PlaceCard(card, null, Side.STIMULATING, 0.5, 0.5), shared, now, Limits.DEFAULT);
            w.handle(1, new Command.ExplainCard("p1", "Opwarmen."), shared, now, Limits.DEFAULT);
            PdfExport.workshop(w, "nl", false);
            PngExport.round(w, 1, 1, "nl", false);
            LOG.debug("exports warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("warming up the exports failed; the first export will be slower", e);
        }
    }
}
