package nl.factorspel.sessions.export;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The fixed words of the PDF in Dutch and English. Everything the deck says (sides, strength axis,
 * questions, cards, profiles) comes from the deck in the same language.
 */
final class ExportLabels {

    /** Workshops are held in the Netherlands; times in the report are local there. */
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private static final Map<String, String> NL = Map.ofEntries(
            Map.entry("date", "Datum"),
            Map.entry("deck", "Kaartspel"),
            Map.entry("tables", "Tafels"),
            Map.entry("rounds", "Rondes gespeeld"),
            Map.entry("participants", "Deelnemers"),
            Map.entry("placements", "Kaarten op de eindborden"),
            Map.entry("contents", "Inhoud: de plenaire samenvatting, daarna per tafel en ronde het bord en het verslag."),
            Map.entry("plenary", "Plenaire terugkoppeling"),
            Map.entry("plenary.chart", "Hoe vaak elke factor is gelegd, over alle tafels en rondes (gemiddelde sterkte tussen haakjes: 0 = in beperkte mate, 1 = in grote mate)"),
            Map.entry("plenary.none", "Er liggen nog geen kaarten op de borden."),
            Map.entry("first", "Het vaakst als eerste gelegd"),
            Map.entry("links", "Het vaakst gelegde verbanden"),
            Map.entry("byProfile", "Per profiel"),
            Map.entry("roundCount", "ronde"),
            Map.entry("roundsCount", "rondes"),
            Map.entry("times", "×"),
            Map.entry("noProfile", "Rondes zonder gekozen profiel"),
            Map.entry("recommendations", "Aanbevelingen aan werkgevers"),
            Map.entry("lessons", "Wat kunnen we leren van de interviews?"),
            Map.entry("table", "Tafel"),
            Map.entry("round", "Ronde"),
            Map.entry("respondent", "Respondent"),
            Map.entry("emptySeat", "(lege stoel)"),
            Map.entry("respondent1", "respondent 1"),
            Map.entry("respondent2", "respondent 2"),
            Map.entry("notPlayed", "Niet gespeeld (geen kaart, notitie, reflectie of profiel)"),
            Map.entry("started", "begonnen"),
            Map.entry("ended", "geëindigd"),
            Map.entry("open", "wordt nog gespeeld"),
            Map.entry("whistled", "na het fluitsignaal"),
            Map.entry("explanations", "Toelichtingen, in de volgorde van leggen"),
            Map.entry("noExplanation", "(geen toelichting)"),
            Map.entry("removed", "Van het bord gehaald"),
            Map.entry("undone", "teruggenomen"),
            Map.entry("connections", "Verbanden"),
            Map.entry("report", "Verslag van de rapporteur"),
            Map.entry("observer", "De observant"),
            Map.entry("reflection", "Reflectie"),
            Map.entry("annotations", "Aantekeningen"),
            Map.entry("onBoard", "bij het bord"),
            Map.entry("profile", "Profiel"),
            Map.entry("outcomes", "Opbrengsten"),
            Map.entry("discussion", "Tafelgesprek (Deel 3)"),
            Map.entry("page", "pagina"),
            Map.entry("emptyBoard", "Er liggen geen kaarten op dit bord."),
            Map.entry("noRounds", "Nog geen rondes gespeeld."),
            // Print and play (DeckPrint)
            Map.entry("print.cards", "Knip de kaarten langs de snijtekens"),
            Map.entry("print.board", "Het bord: print op A3 en leg de kaarten erop"),
            Map.entry("print.outcome", "Opbrengst"),
            Map.entry("profile.worksWell", "Werkt"),
            Map.entry("profile.worksLess", "Werkt minder"));

    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("date", "Date"),
            Map.entry("deck", "Deck"),
            Map.entry("tables", "Tables"),
            Map.entry("rounds", "Rounds played"),
            Map.entry("participants", "Participants"),
            Map.entry("placements", "Cards on the final boards"),
            Map.entry("contents", "Contents: the plenary summary, then for each table and round the board and the report."),
            Map.entry("plenary", "Plenary feedback"),
            Map.entry("plenary.chart", "How often each factor was laid, over all tables and rounds (mean strength in brackets: 0 = to a limited extent, 1 = to a large extent)"),
            Map.entry("plenary.none", "No cards lie on the boards yet."),
            Map.entry("first", "Most often laid first"),
            Map.entry("links", "Links drawn most often"),
            Map.entry("byProfile", "By profile"),
            Map.entry("roundCount", "round"),
            Map.entry("roundsCount", "rounds"),
            Map.entry("times", "×"),
            Map.entry("noProfile", "Rounds without a profile chosen"),
            Map.entry("recommendations", "Recommendations to employers"),
            Map.entry("lessons", "What can we learn from the interviews?"),
            Map.entry("table", "Table"),
            Map.entry("round", "Round"),
            Map.entry("respondent", "Respondent"),
            Map.entry("emptySeat", "(empty seat)"),
            Map.entry("respondent1", "respondent 1"),
            Map.entry("respondent2", "respondent 2"),
            Map.entry("notPlayed", "Not played (no card, note, reflection or profile)"),
            Map.entry("started", "started"),
            Map.entry("ended", "ended"),
            Map.entry("open", "still being played"),
            Map.entry("whistled", "after the whistle"),
            Map.entry("explanations", "Explanations, in the order the cards were laid"),
            Map.entry("noExplanation", "(no explanation)"),
            Map.entry("removed", "Taken off the board"),
            Map.entry("undone", "taken back"),
            Map.entry("connections", "Links"),
            Map.entry("report", "The reporter's record"),
            Map.entry("observer", "The observer"),
            Map.entry("reflection", "Reflection"),
            Map.entry("annotations", "Annotations"),
            Map.entry("onBoard", "on the board"),
            Map.entry("profile", "Profile"),
            Map.entry("outcomes", "Outcomes"),
            Map.entry("discussion", "Table talk (Part 3)"),
            Map.entry("page", "page"),
            Map.entry("emptyBoard", "No cards lie on this board."),
            Map.entry("noRounds", "No rounds played yet."),
            // Print and play (DeckPrint)
            Map.entry("print.cards", "Cut the cards along the crop marks"),
            Map.entry("print.board", "The board: print on A3 and lay the cards on it"),
            Map.entry("print.outcome", "Outcome"),
            Map.entry("profile.worksWell", "Works"),
            Map.entry("profile.worksLess", "Works less"));

    private final String language;
    private final Map<String, String> words;
    private final Locale locale;

    /** The labels for "nl" or "en"; any other language gets Dutch, the default of the decks. */
    ExportLabels(String language) {
        this.language = "en".equals(language) ? "en" : "nl";
        this.words = "en".equals(this.language) ? EN : NL;
        this.locale = "en".equals(this.language) ? Locale.ENGLISH : Locale.forLanguageTag("nl-NL");
    }

    String language() {
        return language;
    }

    String get(String key) {
        String word = words.get(key);
        if (word == null) {
            throw new IllegalArgumentException("no label " + key);
        }
        return word;
    }

    String date(Instant at) {
        return DateTimeFormatter.ofPattern("d MMMM yyyy", locale).withZone(ZONE).format(at);
    }

    String time(Instant at) {
        return DateTimeFormatter.ofPattern("HH:mm", locale).withZone(ZONE).format(at);
    }

    /** A strength or mean with two decimals, in the language's decimal separator. */
    String decimal(double value) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return f.format(value);
    }
}
