package nl.factorspel.decks;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Optional;

/**
 * Everything a table needs to play: cards, board and script. Validated on load, never half-loaded.
 * {@code scripts} are other versions of the interview a facilitator may choose instead of
 * {@code script}, {@code discussionTitle} the heading of the table talk; both null when the deck has none.
 */
public record Deck(String id, int version, String language, Text title, Text description, String source,
                   List<Category> categories, List<Card> cards, Board board, Script script,
                   List<Outcome> outcomes, List<Profile> profiles, List<DiscussionPrompt> discussion,
                   List<Script> scripts, Text discussionTitle,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RespondentAttribute> respondentAttributes) {

    public Deck {
        // decks (and workshops' journals) from before respondent attributes existed have none
        respondentAttributes = respondentAttributes == null ? List.of() : List.copyOf(respondentAttributes);
    }

    public Optional<RespondentAttribute> respondentAttribute(String attributeId) {
        return respondentAttributes.stream().filter(a -> a.id().equals(attributeId)).findFirst();
    }

    public Optional<Card> card(String cardId) {
        return cards.stream().filter(c -> c.id().equals(cardId)).findFirst();
    }

    public Optional<Category> category(String categoryId) {
        return categories.stream().filter(c -> c.id().equals(categoryId)).findFirst();
    }

    public Optional<Profile> profile(String profileId) {
        return profiles.stream().filter(p -> p.id().equals(profileId)).findFirst();
    }

    public Optional<Outcome> outcome(String outcomeId) {
        return outcomes.stream().filter(o -> o.id().equals(outcomeId)).findFirst();
    }

    public Optional<DiscussionPrompt> prompt(String promptId) {
        return discussion.stream().filter(p -> p.id().equals(promptId)).findFirst();
    }

    /** The other scripts of the deck, none when it has only its own. */
    public List<Script> otherScripts() {
        return scripts == null ? List.of() : scripts;
    }

    /**
     * The deck as a workshop plays it with the script of that id instead of its own (the workshop keeps
     * exactly this deck); empty when the deck has no such script. A null id is the deck's own script.
     */
    public Optional<Deck> withScript(String scriptId) {
        if (scriptId == null || scriptId.equals(script.id())) {
            return Optional.of(this);
        }
        return otherScripts().stream().filter(s -> scriptId.equals(s.id())).findFirst()
                .map(s -> new Deck(id, version, language, title, description, source, categories, cards, board, s,
                        outcomes, profiles, discussion, scripts, discussionTitle, respondentAttributes));
    }

    /** Physical cards in the deck, copies counted. */
    public int physicalCards() {
        return cards.stream().mapToInt(Card::copies).sum();
    }
}
