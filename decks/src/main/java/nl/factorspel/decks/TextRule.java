package nl.factorspel.decks;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule for text that comes from outside (names, titles, explanations, notes, annotations, link
 * labels, reflections, answers, broadcasts, deck content, archives): a text may hold any Unicode character,
 * including right-to-left marks and emoji, but no unpaired UTF-16 surrogate (it is not a character, and no
 * file can store it) and no control character other than tab, line feed and carriage return (U+0000 to
 * U+001F, U+007F to U+009F: invisible, and they break CSV, PDF and terminals). Such text is refused, never
 * repaired, so what is stored is exactly what was sent. See {@code docs/protocol.md}.
 */
public final class TextRule {

    private TextRule() {
    }

    /** A text that breaks the rule: where in its JSON document ({@code name}, {@code cards[3].label.nl}) and why. */
    public record Violation(String path, String problem) {
        /** "the field "x" holds ...": for a refusal. */
        public String message() {
            return "the field \"" + path + "\" " + problem;
        }
    }

    /** Why a text breaks the rule, or empty when it may be kept. */
    public static Optional<String> problem(String text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("holds an unpaired UTF-16 surrogate (" + code(c) + ") at character " + i
                        + "; send whole characters in valid Unicode");
            } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
                return Optional.of("holds the control character " + code(c) + " at character " + i
                        + "; only tab, line feed and carriage return are allowed");
            }
        }
        return Optional.empty();
    }

    /** The first text in a JSON document (a value or a field name) that breaks the rule, in document order. */
    public static Optional<Violation> firstViolation(JsonNode node) {
        return firstViolation(node, "");
    }

    private static Optional<Violation> firstViolation(JsonNode node, String path) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return problem(node.textValue()).map(p -> new Violation(path.isEmpty() ? "(the body)" : path, p));
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<Violation> v = firstViolation(node.get(i), path + "[" + i + "]");
                if (v.isPresent()) {
                    return v;
                }
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                Optional<String> inName = problem(field.getKey());
                if (inName.isPresent()) {
                    return Optional.of(new Violation(path.isEmpty() ? "(a field name)" : path, "has a field name that " + inName.get()));
                }
                Optional<Violation> v = firstViolation(field.getValue(), at);
                if (v.isPresent()) {
                    return v;
                }
            }
        }
        return Optional.empty();
    }

    private static String code(char c) {
        return String.format("U+%04X", (int) c);
    }
}
