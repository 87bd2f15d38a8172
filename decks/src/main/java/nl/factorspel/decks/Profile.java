package nl.factorspel.decks;

import java.util.List;

/** A self-direction profile with its traits and the interventions that work and work less. */
public record Profile(String id, Text label, Text selfDirection, List<Text> traits, List<Text> worksWell,
                      List<Text> worksLess) {
}
