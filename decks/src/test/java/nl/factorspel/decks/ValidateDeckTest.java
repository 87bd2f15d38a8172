package nl.factorspel.decks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code validate-deck} command: its exit codes and what it prints. */
class ValidateDeckTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void release() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private Path goodFile() throws IOException {
        return Files.copy(BundledDecksTest.EXAMPLE_DECK, dir.resolve("good.json"));
    }

    private Path badFile() throws IOException {
        String good = Files.readString(BundledDecksTest.EXAMPLE_DECK, StandardCharsets.UTF_8);
        String bad = good.replace("\"copies\": 2", "\"copies\": 0");
        assertTrue(!bad.equals(good), "the example deck no longer has \"copies\": 2 to break");
        return Files.writeString(dir.resolve("bad.json"), bad, StandardCharsets.UTF_8);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void goodFileExitsWithZeroAndSaysWhatItHolds() throws IOException {
        assertEquals(0, ValidateDeck.run(new String[]{goodFile().toString()}));
        assertTrue(printed().contains("valid deck \"example-learning-at-work\" version 1: 2 categories, 4 factors, 8 cards, "
                + "3 questions, 1 profile"), printed());
    }

    @Test
    void badFileExitsWithOneAndPrintsEveryProblem() throws IOException {
        assertEquals(1, ValidateDeck.run(new String[]{badFile().toString()}));
        assertTrue(printed().contains("is not a valid deck (4 problems)"), printed());
        assertTrue(printed().contains("  cards[3].copies: 0 is out of range"), printed());
    }

    @Test
    void oneBadFileAmongGoodOnesExitsWithOne() throws IOException {
        assertEquals(1, ValidateDeck.run(new String[]{goodFile().toString(), badFile().toString()}));
    }

    @Test
    void missingFileExitsWithOne() {
        assertEquals(1, ValidateDeck.run(new String[]{dir.resolve("nothing.json").toString()}));
        assertTrue(printed().contains("cannot be read"), printed());
    }

    @Test
    void noArgumentsPrintsUsageAndExitsWithTwo() {
        assertEquals(2, ValidateDeck.run(new String[0]));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: validate-deck"));
    }
}
