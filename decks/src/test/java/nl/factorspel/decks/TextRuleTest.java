package nl.factorspel.decks;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The one rule for text from outside: whole characters, no control characters but tab and line breaks. */
class TextRuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void wholeCharactersOfAnyScriptRightToLeftMarksEmojiAndLineBreaksAreKept() {
        for (String ok : new String[] {"Eve", "مرحبا\u200f", "😀👩‍👩‍👧 \ud83d\ude00", "regel 1\nregel 2\r\n\tin", "", "\u00a0€\ufeff"}) {
            assertTrue(TextRule.problem(ok).isEmpty(), ok);
        }
    }

    @Test
    void anUnpairedSurrogateOrAControlCharacterIsNamedWithItsPlace() {
        assertTrue(TextRule.problem("Eve \ud83d").orElseThrow().contains("U+D83D"));
        assertTrue(TextRule.problem("\ude00x").orElseThrow().contains("unpaired"));
        assertTrue(TextRule.problem("\ud83d\ud83d\ude00").orElseThrow().contains("character 0"), "a high surrogate followed by a pair");
        assertTrue(TextRule.problem("a\u0000b").orElseThrow().contains("U+0000"));
        assertTrue(TextRule.problem("bel\u0007").orElseThrow().contains("U+0007"));
        assertTrue(TextRule.problem("c1\u0085").orElseThrow().contains("U+0085"));
    }

    @Test
    void theFirstBadTextInADocumentIsFoundWithItsPath() throws Exception {
        var doc = JSON.readTree("{\"title\":\"ok\",\"cards\":[{\"label\":{\"nl\":\"ok\"}},{\"label\":{\"nl\":\"x \\ud83d y\"}}]}");
        TextRule.Violation v = TextRule.firstViolation(doc).orElseThrow();
        assertEquals("cards[1].label.nl", v.path());
        assertTrue(v.message().startsWith("the field \"cards[1].label.nl\" holds an unpaired"), v.message());
        assertTrue(TextRule.firstViolation(JSON.readTree("{\"a\":[1,true,null,\"😀\"]}")).isEmpty());
        assertEquals("name", TextRule.firstViolation(JSON.readTree("{\"name\":\"\\u0000\"}")).orElseThrow().path());
    }

    @Test
    void aDeckWithBadTextIsRefusedWithThePathOfTheText() throws Exception {
        String deck = new String(DeckLibrary.class.getResourceAsStream("/decks/llo-factoren.json").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String bad = deck.replaceFirst("\"title\"\\s*:\\s*\\{\\s*\"nl\"\\s*:\\s*\"", "$0\\\\u0000");
        assertNotEquals(deck, bad);
        InvalidDeckException e = assertThrows(InvalidDeckException.class, () -> DeckLoader.parse("test", bad));
        assertEquals("title.nl", e.problems().get(0).path());
    }
}
