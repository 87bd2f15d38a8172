package nl.factorspel.decks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The decks that ship with the server, and the example deck of docs/decks.md. */
class BundledDecksTest {

    /** Tests run with the module folder as working directory. */
    private static final Path RESOURCE_FOLDER = Path.of("src/main/resources/decks");
    static final Path EXAMPLE_DECK = Path.of("../docs/examples/small-deck.json");
    private static final Path DECKS_GUIDE = Path.of("../docs/decks.md");

    static Stream<String> bundledFiles() {
        return DeckLibrary.bundledFiles().stream();
    }

    @ParameterizedTest
    @MethodSource("bundledFiles")
    void everyDeckInTheIndexLoadsWithoutProblems(String file) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(DeckLibrary.BUNDLED_FOLDER + file)) {
            assertNotNull(in, "index.txt lists " + file + " but there is no such resource");
            DeckLoader.load(file, in);
        } catch (InvalidDeckException e) {
            fail(e.getMessage());
        }
    }

    @Test
    void everyJsonFileInTheDeckFolderIsListedInTheIndex() throws IOException {
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Files.list(RESOURCE_FOLDER)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).forEach(onDisk::add);
        }
        Set<String> listed = new TreeSet<>(DeckLibrary.bundledFiles());
        assertEquals(onDisk, listed, "the json files in " + RESOURCE_FOLDER + " and the names in index.txt differ");
    }

    @Test
    void theIndexNamesEachFileOnce() {
        List<String> files = DeckLibrary.bundledFiles();
        assertEquals(files.size(), new HashSet<>(files).size(), "index.txt lists a file twice: " + files);
    }

    @Test
    void atLeastFourBundledDecksEachWithItsOwnId() {
        DeckLibrary library = DeckLibrary.bundled();
        assertTrue(library.all().size() >= 4, "only " + library.all().size() + " bundled decks");
        // The library keeps one deck per id, so two files sharing an id would show as fewer decks.
        assertEquals(DeckLibrary.bundledFiles().size(), library.all().size(), "two bundled files share a deck id");
    }

    @Test
    void lloDeckHasTheCardsScriptAndProfilesOfTheWorkshop() {
        Deck llo = DeckLibrary.bundled().find("llo-factoren").orElseThrow(() -> new AssertionError("no llo-factoren deck"));
        assertEquals(5, llo.categories().size(), "categories");
        assertEquals(25, llo.cards().size(), "factors");
        assertEquals(50, llo.physicalCards(), "physical cards");
        assertEquals(7, llo.script().questions().size(), "questions");
        assertEquals(4, llo.profiles().size(), "profiles: groups A, B, C and the fourth type of l.881-883");
        assertTrue(llo.profiles().stream().allMatch(p -> p.rule() != null), "every profile has its one-line rule");
        assertEquals(List.of("A", "B", "C"), llo.profiles().stream().filter(p -> p.characterisation() != null).map(Profile::id).toList(),
                "the groups have their Typering");
        assertEquals(List.of("onderzoek"), llo.otherScripts().stream().map(Script::id).toList(), "the research version of the interview");
        assertTrue(llo.discussionTitle().nl().startsWith("Aanknopingspunten voor HRD beleid"), "the Deel 3 heading");
        assertEquals(6, llo.outcomes().size(), "outcomes");
        assertEquals(4, llo.discussion().size(), "discussion prompts");
    }

    @Test
    void exampleDeckOfTheGuideIsValid() throws IOException {
        Deck example;
        try {
            example = DeckLoader.load(EXAMPLE_DECK);
        } catch (InvalidDeckException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        assertEquals(2, example.categories().size(), "categories");
        assertEquals(4, example.cards().size(), "factors");
        assertEquals(3, example.script().questions().size(), "questions");
        assertEquals(1, example.profiles().size(), "profiles");
        assertEquals(1, example.outcomes().size(), "outcomes");
        assertEquals(1, example.discussion().size(), "discussion prompts");
    }

    @Test
    void exampleDeckPrintedInTheGuideIsTheExampleFile() throws IOException {
        String guide = Files.readString(DECKS_GUIDE, StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        JsonNode file = json.readTree(Files.readString(EXAMPLE_DECK, StandardCharsets.UTF_8));
        Matcher blocks = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(guide);
        while (blocks.find()) {
            JsonNode block;
            try {
                block = json.readTree(blocks.group(1));
            } catch (IOException partialExample) {
                continue;
            }
            if (block.path("id").asText().equals(file.path("id").asText())) {
                assertEquals(file, block, "the example in docs/decks.md differs from " + EXAMPLE_DECK);
                return;
            }
        }
        fail("docs/decks.md does not print the example deck " + file.path("id"));
    }
}
