package nl.factorspel.decks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broken decks: each test breaks the example deck of docs/decks.md in a known way and checks that
 * the loader refuses it with exactly the expected JSON paths and a message that says what is wrong.
 */
class DeckValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A fresh copy of the valid example deck for each test, to break. */
    private ObjectNode deck;

    @BeforeEach
    void readExample() throws IOException {
        deck = (ObjectNode) JSON.readTree(Files.readString(BundledDecksTest.EXAMPLE_DECK, StandardCharsets.UTF_8));
    }

    // --- helpers ---

    private ObjectNode card(int i) {
        return (ObjectNode) deck.withArray("cards").get(i);
    }

    private ObjectNode category(int i) {
        return (ObjectNode) deck.withArray("categories").get(i);
    }

    private ObjectNode question(int i) {
        return (ObjectNode) ((ArrayNode) deck.get("script").get("questions")).get(i);
    }

    private static List<DeckProblem> problemsOf(String json) {
        InvalidDeckException e = assertThrows(InvalidDeckException.class, () -> DeckLoader.parse("test deck", json),
                "the deck was accepted");
        return e.problems();
    }

    private List<DeckProblem> problems() {
        return problemsOf(deck.toString());
    }

    private static List<String> paths(List<DeckProblem> problems) {
        return problems.stream().map(DeckProblem::path).toList();
    }

    /** Asserts the deck has exactly one problem, at {@code path}, and returns its message. */
    private String onlyProblemAt(String path) {
        List<DeckProblem> problems = problems();
        assertEquals(List.of(path), paths(problems), problems.toString());
        return problems.get(0).message();
    }

    private static void assertMentions(String message, String... words) {
        for (String word : words) {
            assertTrue(message.contains(word), "\"" + message + "\" does not mention " + word);
        }
    }

    // --- the tests ---

    @Test
    void unbrokenExampleLoads() throws InvalidDeckException {
        Deck loaded = DeckLoader.parse("example", deck.toString());
        assertEquals("example-learning-at-work", loaded.id());
    }

    @Test
    void respondentAttributesLoadWithOrWithoutChoicesAndADeckWithoutThemHasNone() throws Exception {
        assertTrue(DeckLoader.parse("example", deck.toString()).respondentAttributes().isEmpty());
        assertFalse(new ObjectMapper().writeValueAsString(DeckLoader.parse("example", deck.toString())).contains("respondentAttributes"),
                "a deck without attributes is written as before");
        deck.set("respondentAttributes", JSON.readTree("""
                [{"id": "age", "label": {"nl": "Leeftijd", "en": "Age"},
                  "choices": [{"id": "30-40", "label": {"nl": "30-40 jaar", "en": "30-40 years"}}]},
                 {"id": "town", "label": {"nl": "Gemeente", "en": "Municipality"}}]"""));
        Deck loaded = DeckLoader.parse("example", deck.toString());
        RespondentAttribute age = loaded.respondentAttribute("age").orElseThrow();
        assertTrue(age.allows("30-40"));
        assertFalse(age.allows("31"));
        assertEquals("30-40 years", age.shown("30-40", "en"));
        RespondentAttribute town = loaded.respondentAttribute("town").orElseThrow();
        assertTrue(town.allows("Vlissingen"));
        assertFalse(town.allows("x".repeat(RespondentAttribute.MAX_VALUE + 1)));
        assertFalse(town.allows(" "));
    }

    @Test
    void aRespondentAttributeWithAnUnknownFieldOrAChoiceWithoutLabelIsReportedAtItsPath() throws Exception {
        deck.set("respondentAttributes", JSON.readTree("""
                [{"id": "age", "label": {"nl": "Leeftijd", "en": "Age"}, "choices": [{"id": "a"}]},
                 {"id": "b", "label": {"nl": "B", "en": "B"}, "kind": "x"}]"""));
        assertEquals(List.of("respondentAttributes[0].choices[0].label", "respondentAttributes[1].kind"), paths(problems()));
    }

    @Test
    void cardWithUnknownCategoryIsReportedAtItsPath() {
        card(2).put("category", "X");
        String message = onlyProblemAt("cards[2].category");
        assertMentions(message, "\"X\"", "is not one of the categories P, W");
    }

    @Test
    void duplicateCardIdIsReportedAtTheLaterCard() {
        card(3).put("id", "P1");
        String message = onlyProblemAt("cards[3].id");
        assertMentions(message, "\"P1\"", "earlier");
    }

    @Test
    void duplicateQuestionIdIsReportedAtTheLaterQuestion() {
        question(2).put("id", "q1");
        onlyProblemAt("script.questions[2].id");
    }

    @Test
    void missingEnglishTranslationIsReportedAtItsLanguage() {
        ((ObjectNode) card(1).get("label")).remove("en");
        String message = onlyProblemAt("cards[1].label.en");
        assertMentions(message, "English", "missing");
    }

    @Test
    void missingDutchTranslationOfANestedTextIsReportedAtItsLanguage() {
        ((ObjectNode) question(0).withArray("steps").get(1)).remove("nl");
        String message = onlyProblemAt("script.questions[0].steps[1].nl");
        assertMentions(message, "Dutch", "missing");
    }

    @Test
    void textWithOnlyOneLanguageAsAPlainStringIsReported() {
        card(0).put("label", "Curiosity");
        String message = onlyProblemAt("cards[0].label");
        assertMentions(message, "\"nl\"", "\"en\"");
    }

    @Test
    void emptyLabelIsReported() {
        ((ObjectNode) card(0).get("label")).put("nl", "   ");
        String message = onlyProblemAt("cards[0].label.nl");
        assertMentions(message, "empty");
    }

    @Test
    void cardLabelTooLongForACardIsReportedWithTheLimit() {
        ((ObjectNode) card(0).get("label")).put("en", "x".repeat(DeckLoader.MAX_CARD_LABEL + 1));
        String message = onlyProblemAt("cards[0].label.en");
        assertMentions(message, String.valueOf(DeckLoader.MAX_CARD_LABEL + 1), "at most " + DeckLoader.MAX_CARD_LABEL);
    }

    @Test
    void cardLabelOfExactlyTheLimitFits() throws InvalidDeckException {
        ((ObjectNode) card(0).get("label")).put("en", "x".repeat(DeckLoader.MAX_CARD_LABEL));
        DeckLoader.parse("test deck", deck.toString());
    }

    @Test
    void colourThatIsNotHexIsReportedAndItsCardsAreNotBlamed() {
        category(1).put("colour", "red");
        String message = onlyProblemAt("categories[1].colour");
        assertMentions(message, "\"red\"", "#RRGGBB");
    }

    @Test
    void colourTooDarkForBlackTextIsReportedWithItsContrast() {
        category(0).put("colour", "#000080");
        String message = onlyProblemAt("categories[0].colour");
        assertMentions(message, "\"#000080\"", "too dark", "1.3", "4.5");
    }

    @Test
    void contrastRuleFollowsWcag() {
        assertEquals(21.0, DeckLoader.contrastWithBlack("#FFFFFF"), 0.01);
        assertEquals(1.0, DeckLoader.contrastWithBlack("#000000"), 0.01);
        assertEquals(4.54, DeckLoader.contrastWithBlack("#767676"), 0.1);
    }

    @Test
    void lowerCaseColourIsAcceptedAndStoredInCapitals() throws InvalidDeckException {
        category(0).put("colour", "#f6d8ae");
        assertEquals("#F6D8AE", DeckLoader.parse("test deck", deck.toString()).categories().get(0).colour());
    }

    @Test
    void zeroCopiesIsReported() {
        card(0).put("copies", 0);
        String message = onlyProblemAt("cards[0].copies");
        assertMentions(message, "0", "from 1 to 9");
    }

    @Test
    void copiesThatIsNotAWholeNumberIsReported() {
        card(0).put("copies", "2");
        String message = onlyProblemAt("cards[0].copies");
        assertMentions(message, "whole number");
    }

    @Test
    void questionWithUnknownSideIsReported() {
        question(1).put("side", "left");
        String message = onlyProblemAt("script.questions[1].side");
        assertMentions(message, "\"left\"", "stimulating", "hindering");
    }

    @Test
    void questionAskedByUnknownRoleIsReported() {
        question(2).put("askedBy", "audience");
        String message = onlyProblemAt("script.questions[2].askedBy");
        assertMentions(message, "\"audience\"", "interviewer", "observer");
    }

    @Test
    void unknownTopLevelFieldIsReported() {
        deck.put("colour", "#FFFFFF");
        String message = onlyProblemAt("colour");
        assertMentions(message, "unknown field \"colour\"", "categories");
    }

    @Test
    void unknownNestedFieldsAreReportedAtEveryDepth() {
        card(0).put("colour", "#FFFFFF");
        ((ObjectNode) deck.get("board").get("stimulating")).put("icon", "plus");
        ((ObjectNode) category(1).get("label")).put("de", "Der Arbeitsplatz");
        List<DeckProblem> problems = problems();
        assertEquals(List.of("categories[1].label.de", "cards[0].colour", "board.stimulating.icon"), paths(problems),
                problems.toString());
        assertMentions(problems.get(0).message(), "unknown field \"de\"", "en, nl");
    }

    @Test
    void missingBoardIsReported() {
        deck.remove("board");
        String message = onlyProblemAt("board");
        assertMentions(message, "missing");
    }

    @Test
    void deckIdWithCapitalsAndSpacesIsReported() {
        deck.put("id", "My Deck");
        onlyProblemAt("id");
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        String json = "{\n  \"id\": \"broken\",\n  \"version\": 1\n  \"language\": \"en\"\n}";
        List<DeckProblem> problems = problemsOf(json);
        assertEquals(List.of(""), paths(problems));
        assertMentions(problems.get(0).message(), "not well-formed JSON", "line 4, column 3");
    }

    @Test
    void fieldWrittenTwiceIsReportedWithItsLine() {
        String json = deck.toPrettyString().replaceFirst("\"version\" : 1,", "\"version\" : 1,\n  \"version\" : 2,");
        List<DeckProblem> problems = problemsOf(json);
        assertEquals(List.of(""), paths(problems));
        assertMentions(problems.get(0).message(), "Duplicate field 'version'", "line 4");
    }

    @Test
    void textAfterTheDeckIsReported() {
        List<DeckProblem> problems = problemsOf(deck.toString() + "\n{}");
        assertEquals(List.of(""), paths(problems));
        assertMentions(problems.get(0).message(), "more text after the end of the deck", "line 2");
    }

    @Test
    void rootThatIsNotAnObjectIsRejected() {
        for (String json : List.of("[]", "\"a deck\"", "42", "", "  ")) {
            List<DeckProblem> problems = problemsOf(json);
            assertEquals(List.of(""), paths(problems), "for " + json);
            assertMentions(problems.get(0).message(), "must be a JSON object");
        }
    }

    @Test
    void deckLargerThanTheLimitIsRejectedBeforeParsing() {
        String json = "{\"source\": \"" + "x".repeat(DeckLoader.MAX_DECK_BYTES) + "\"}";
        List<DeckProblem> problems = problemsOf(json);
        assertEquals(List.of(""), paths(problems));
        assertMentions(problems.get(0).message(), "larger than " + DeckLoader.MAX_DECK_BYTES);
    }

    @Test
    void severalProblemsAreAllReportedAtOnce() {
        deck.put("language", "de");
        category(0).put("colour", "red");
        card(0).put("copies", 0);
        ((ObjectNode) card(1).get("label")).remove("en");
        card(2).put("category", "X");
        card(3).put("id", "P1");
        ((ObjectNode) card(3).get("label")).put("nl", "");
        question(1).put("side", "left");
        ((ObjectNode) deck.withArray("profiles").get(0)).put("colour", "#FFFFFF");
        deck.withArray("discussion").addObject().put("id", "keep");

        InvalidDeckException e = assertThrows(InvalidDeckException.class, () -> DeckLoader.parse("test deck", deck.toString()));
        assertEquals(List.of(
                "language",
                "categories[0].colour",
                "cards[0].copies",
                "cards[1].label.en",
                "cards[2].category",
                "cards[3].id",
                "cards[3].label.nl",
                "script.questions[1].side",
                "profiles[0].colour",
                "discussion[1].id",
                "discussion[1].text"), paths(e.problems()), e.getMessage());
        assertEquals(11, e.problems().size());
        assertMentions(e.getMessage(), "test deck is not a valid deck (11 problems)", "  cards[2].category: \"X\"");
    }

    @Test
    void aProfileNeedsWhatWorksOrItsRule() {
        ObjectNode profile = (ObjectNode) deck.withArray("profiles").get(0);
        profile.remove("worksWell");
        assertMentions(onlyProblemAt("profiles[0].worksWell"), "what works", "rule");
    }

    @Test
    void aProfileMayBeOnlyItsRuleWithItsCharacterisation() throws InvalidDeckException {
        ObjectNode profile = (ObjectNode) deck.withArray("profiles").get(0);
        for (String field : List.of("selfDirection", "traits", "worksWell", "worksLess")) {
            profile.remove(field);
        }
        profile.putObject("rule").put("nl", "Bij ontdekkers werkt ruimte.").put("en", "With explorers, room works.");
        profile.putArray("characterisation").addObject().put("nl", "Nieuwsgierig").put("en", "Curious");
        Profile read = DeckLoader.parse("example", deck.toString()).profiles().get(0);
        assertEquals("With explorers, room works.", read.rule().en());
        assertEquals("Curious", read.characterisation().get(0).en());
        assertEquals(null, read.worksWell(), "a list the deck leaves out stays absent");
    }

    @Test
    void aProfilesRuleAndCharacterisationAreCheckedLikeEveryText() {
        ObjectNode profile = (ObjectNode) deck.withArray("profiles").get(0);
        profile.putObject("rule").put("nl", "x".repeat(201)).put("en", "ok");
        profile.putArray("characterisation").addObject().put("nl", "Nieuwsgierig");
        List<DeckProblem> problems = problems();
        assertEquals(List.of("profiles[0].rule.nl", "profiles[0].characterisation[0].en"), paths(problems), problems.toString());
    }

    /** A second script, as the research version of an interview: the example's script with an id and a label. */
    private ObjectNode otherScript() {
        ObjectNode other = deck.get("script").deepCopy();
        other.put("id", "research");
        other.putObject("label").put("nl", "Onderzoeksversie").put("en", "Research version");
        deck.putArray("scripts").add(other);
        return other;
    }

    @Test
    void anotherScriptIsChosenByItsIdAndReplacesTheDecksOwn() throws InvalidDeckException {
        otherScript().put("rounds", 1);
        Deck loaded = DeckLoader.parse("example", deck.toString());
        assertEquals(1, loaded.otherScripts().size());
        Deck played = loaded.withScript("research").orElseThrow();
        assertEquals(1, played.script().rounds(), "the chosen script is the one played");
        assertEquals("Research version", played.script().label().en());
        assertEquals(loaded, loaded.withScript(null).orElseThrow(), "no choice is the deck's own script");
        assertTrue(loaded.withScript("nope").isEmpty(), "a script the deck does not have");
    }

    @Test
    void anotherScriptNeedsAnIdAndALabelAndIsCheckedLikeTheScript() {
        ObjectNode other = otherScript();
        other.remove("id");
        other.remove("label");
        other.put("roundMinutes", 0);
        List<DeckProblem> problems = problems();
        assertEquals(List.of("scripts[0].id", "scripts[0].label", "scripts[0].roundMinutes"), paths(problems), problems.toString());
    }

    @Test
    void theDecksOwnScriptMayNotShareAnIdWithAnotherScript() {
        otherScript();
        ((ObjectNode) deck.get("script")).put("id", "research");
        assertMentions(onlyProblemAt("script.id"), "research", "other scripts");
    }

    @Test
    void theTableTalkHasAnOptionalHeadingInBothLanguages() throws InvalidDeckException {
        assertEquals(null, DeckLoader.parse("example", deck.toString()).discussionTitle());
        deck.putObject("discussionTitle").put("nl", "Aanknopingspunten");
        assertMentions(onlyProblemAt("discussionTitle.en"), "English");
    }
}
