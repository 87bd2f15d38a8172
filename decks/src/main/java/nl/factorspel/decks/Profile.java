package nl.factorspel.decks;

import java.util.List;

/**
 * A type of learner with what works and what works less for them. {@code rule} is the one line that
 * says what works for this type ("Bij zoekende mensen helpt richting en perspectief"),
 * {@code characterisation} how the study typed them; a profile has what works, or a rule, or both.
 * Fields a deck leaves out are null (a type the source names only in one line has no lists).
 */
public record Profile(String id, Text label, Text selfDirection, List<Text> traits, List<Text> worksWell,
                      List<Text> worksLess, Text rule, List<Text> characterisation) {
}
