package nl.factorspel.decks;

import java.util.List;

/**
 * Something the research version records about a respondent to describe its sample (gender, age band,
 * job, municipality): optional, entered at the table with consent. With {@code choices} the value is one
 * of their ids; without, it is a short free text.
 */
public record RespondentAttribute(String id, Text label, List<Choice> choices) {

    /** Longest free-text value. */
    public static final int MAX_VALUE = 80;

    public RespondentAttribute {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** One allowed value. */
    public record Choice(String id, Text label) {
    }

    /** Whether {@code value} may be recorded for this attribute. */
    public boolean allows(String value) {
        if (choices.isEmpty()) {
            return !value.isBlank() && value.length() <= MAX_VALUE;
        }
        return choices.stream().anyMatch(c -> c.id().equals(value));
    }

    /** The value in a language: a choice's label, or the free text as written. */
    public String shown(String value, String language) {
        return choices.stream().filter(c -> c.id().equals(value)).findFirst().map(c -> c.label().in(language)).orElse(value);
    }
}
