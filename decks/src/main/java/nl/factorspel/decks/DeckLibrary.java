package nl.factorspel.decks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decks a server offers: the bundled set, the decks in a configurable folder, and uploads.
 * Only decks that passed validation ever get in.
 */
public final class DeckLibrary {

    /** The classpath folder of the bundled decks; {@code index.txt} there names each file. */
    public static final String BUNDLED_FOLDER = "decks/";

    private final Map<String, Deck> decks = new ConcurrentHashMap<>();
    private final List<String> loadProblems = new ArrayList<>();

    /** The bundled decks alone. A broken bundled deck is a bug in the build, so it fails loudly. */
    public static DeckLibrary bundled() {
        DeckLibrary library = new DeckLibrary();
        for (String file : bundledFiles()) {
            try (InputStream in = resource(file)) {
                library.add(DeckLoader.load(BUNDLED_FOLDER + file, in));
            } catch (IOException | InvalidDeckException e) {
                throw new IllegalStateException("bundled deck " + file + " does not load: " + e.getMessage(), e);
            }
        }
        return library;
    }

    /** The file names of the bundled decks, as listed in the index. */
    public static List<String> bundledFiles() {
        try (InputStream in = resource("index.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("the bundled deck index cannot be read", e);
        }
    }

    private static InputStream resource(String file) throws IOException {
        InputStream in = DeckLibrary.class.getClassLoader().getResourceAsStream(BUNDLED_FOLDER + file);
        if (in == null) {
            throw new IOException("missing resource " + BUNDLED_FOLDER + file);
        }
        return in;
    }

    /**
     * Adds every {@code *.json} deck in a folder. A broken file is skipped and reported in
     * {@link #loadProblems()}, so one bad file never keeps the good ones away.
     */
    public void addFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
            for (Path file : files) {
                try {
                    add(DeckLoader.load(file));
                } catch (InvalidDeckException e) {
                    loadProblems.add(e.getMessage());
                }
            }
        }
    }

    /** Adds a validated deck, replacing an older version with the same id. */
    public void add(Deck deck) {
        decks.merge(deck.id(), deck, (old, now) -> now.version() >= old.version() ? now : old);
    }

    public Optional<Deck> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(decks.get(id));
    }

    /** Every deck, ordered by id. */
    public List<Deck> all() {
        return decks.values().stream().sorted(Comparator.comparing(Deck::id)).toList();
    }

    public Collection<String> loadProblems() {
        return List.copyOf(loadProblems);
    }
}
