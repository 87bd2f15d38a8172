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
                System.out.printf("%s: valid deck \"%s\" version %d: %s, %s, %s, %s, %s%n",
                        file, deck.id(), deck.version(), count(deck.categories().size(), "category", "categories"),
                        count(deck.cards().size(), "factor", "factors"), count(deck.physicalCards(), "card", "cards"),
                        count(deck.script().questions().size(), "question", "questions"),
                        count(deck.profiles().size(), "profile", "profiles"));
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

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
