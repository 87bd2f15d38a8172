package nl.factorspel.decks;

import java.io.IOException;
import java.nio.file.Path;

/** {@code validate-deck FILE...}: checks deck files from the shell; exit 0 when all are valid. */
public final class ValidateDeck {

    private ValidateDeck() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Validates each file, prints one verdict per file, and returns the exit code. */
    public static int run(String[] files) {
        if (files.length == 0) {
            System.err.println("usage: validate-deck FILE.json [FILE.json ...]");
            return 2;
        }
        int bad = 0;
        for (String file : files) {
            try {
                Deck deck = DeckLoader.load(Path.of(file));
                System.out.printf("%s: valid deck \"%s\" version %d: %d categories, %d factors, %d cards, %d questions, %d profiles%n",
                        file, deck.id(), deck.version(), deck.categories().size(), deck.cards().size(),
                        deck.physicalCards(), deck.script().questions().size(), deck.profiles().size());
            } catch (InvalidDeckException e) {
                bad++;
                System.out.println(e.getMessage());
            } catch (IOException e) {
                bad++;
                System.out.println(file + ": cannot be read: " + e.getMessage());
            }
        }
        return bad == 0 ? 0 : 1;
    }
}
