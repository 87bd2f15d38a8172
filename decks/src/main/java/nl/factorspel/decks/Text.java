package nl.factorspel.decks;

/** A text a person reads, in Dutch and in English. */
public record Text(String nl, String en) {

    /** The text in the given language ("nl" or "en"); Dutch for anything else, as Dutch is the default. */
    public String in(String language) {
        return "en".equals(language) ? en : nl;
    }
}
