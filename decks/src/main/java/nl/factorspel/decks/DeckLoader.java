package nl.factorspel.decks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a deck from JSON and validates it. Every problem is reported at once with its JSON path;
 * a deck with any problem is never returned.
 */
public final class DeckLoader {

    /** Largest deck file accepted, in bytes. */
    public static final int MAX_DECK_BYTES = 1024 * 1024;
    public static final int MAX_CARDS = 300;
    public static final int MAX_CATEGORY_LABEL = 40;
    public static final int MAX_CARD_LABEL = 60;
    public static final int MAX_DESCRIPTION = 400;
    public static final int MAX_SIDE_LABEL = 40;
    public static final int MAX_SIDE_QUESTION = 200;
    public static final int MAX_QUESTION = 500;
    public static final int MAX_STEP = 200;
    public static final int MAX_LIST_ITEM = 200;
    public static final int MAX_PROMPT = 300;
    public static final int MAX_TITLE = 120;
    public static final int MAX_DECK_DESCRIPTION = 2000;
    public static final int MAX_SOURCE = 1000;
    /** Black card text must reach this contrast ratio on the category colour (WCAG AA). */
    public static final double MIN_CONTRAST_WITH_BLACK = 4.5;

    private static final Pattern DECK_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern ITEM_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern COLOUR = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final Set<String> SIDES = Set.of("stimulating", "hindering");
    private static final Set<String> ASKERS = Set.of("interviewer", "observer");

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
        // A field written twice would otherwise silently lose one of its values.
        JSON.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private DeckLoader() {
    }

    /** Reads and validates a deck file. */
    public static Deck load(Path file) throws InvalidDeckException, IOException {
        if (Files.size(file) > MAX_DECK_BYTES) {
            throw new InvalidDeckException(file.toString(),
                    List.of(new DeckProblem("", "the file is larger than " + MAX_DECK_BYTES + " bytes")));
        }
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Reads and validates a deck from a stream (a bundled resource). */
    public static Deck load(String origin, InputStream in) throws InvalidDeckException, IOException {
        byte[] bytes = in.readNBytes(MAX_DECK_BYTES + 1);
        if (bytes.length > MAX_DECK_BYTES) {
            throw new InvalidDeckException(origin,
                    List.of(new DeckProblem("", "the file is larger than " + MAX_DECK_BYTES + " bytes")));
        }
        return parse(origin, new String(bytes, StandardCharsets.UTF_8));
    }

    /** Parses and validates deck JSON; {@code origin} names it in the error message. */
    public static Deck parse(String origin, String json) throws InvalidDeckException {
        if (json.length() > MAX_DECK_BYTES) {
            throw new InvalidDeckException(origin,
                    List.of(new DeckProblem("", "the deck is larger than " + MAX_DECK_BYTES + " bytes")));
        }
        JsonNode root;
        try (JsonParser parser = JSON.createParser(json)) {
            root = JSON.readTree(parser);
            if (root == null) {
                root = JSON.missingNode();
            } else if (parser.nextToken() != null) {
                throw new InvalidDeckException(origin, List.of(new DeckProblem("",
                        "there is more text after the end of the deck" + where(parser.currentTokenLocation()))));
            }
        } catch (JsonProcessingException e) {
            throw new InvalidDeckException(origin, List.of(new DeckProblem("",
                    "this is not well-formed JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does no I/O
        }
        Optional<TextRule.Violation> badText = TextRule.firstViolation(root);
        if (badText.isPresent()) {
            throw new InvalidDeckException(origin, List.of(new DeckProblem(badText.get().path(), badText.get().problem())));
        }
        Reader reader = new Reader();
        Deck deck = reader.deck(root);
        if (!reader.problems.isEmpty() || deck == null) {
            throw new InvalidDeckException(origin, reader.problems);
        }
        return deck;
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The WCAG contrast ratio of black text on the given #RRGGBB colour. */
    public static double contrastWithBlack(String colour) {
        int rgb = Integer.parseInt(colour.substring(1), 16);
        double l = 0.2126 * linear((rgb >> 16) & 0xff) + 0.7152 * linear((rgb >> 8) & 0xff) + 0.0722 * linear(rgb & 0xff);
        return (l + 0.05) / 0.05;
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    /** Walks the tree once, collecting every problem instead of stopping at the first. */
    private static final class Reader {
        final List<DeckProblem> problems = new ArrayList<>();

        void problem(String path, String message) {
            problems.add(new DeckProblem(path, message));
        }

        Deck deck(JsonNode root) {
            if (!root.isObject()) {
                problem("", "a deck must be a JSON object");
                return null;
            }
            allowOnly(root, "", Set.of("id", "version", "language", "title", "description", "source", "categories",
                    "cards", "board", "script", "outcomes", "profiles", "discussion", "respondentAttributes", "scripts", "discussionTitle"));
            String id = string(root, "", "id", 64);
            if (id != null && !DECK_ID.matcher(id).matches()) {
                problem("id", "\"" + id + "\" must be lowercase letters, digits and hyphens (at most 64)");
            }
            Integer version = integer(root, "", "version", 1, 1_000_000);
            String language = string(root, "", "language", 2);
            if (language != null && !language.equals("nl") && !language.equals("en")) {
                problem("language", "\"" + language + "\" must be \"nl\" or \"en\"");
            }
            Text title = text(root, "", "title", MAX_TITLE);
            Text description = text(root, "", "description", MAX_DECK_DESCRIPTION);
            String source = string(root, "", "source", MAX_SOURCE);

            List<Category> categories = list(root, "", "categories", true, this::category);
            // The ids as written, so a category with its own problem (say a bad colour) is still known to its cards.
            Set<String> categoryIds = new LinkedHashSet<>();
            JsonNode categoryNodes = root.get("categories");
            if (categoryNodes != null && categoryNodes.isArray()) {
                categoryNodes.forEach(c -> {
                    if (c.isObject() && c.path("id").isTextual()) {
                        categoryIds.add(c.path("id").textValue());
                    }
                });
            }

            List<Card> cards = list(root, "", "cards", true, (node, path) -> card(node, path, categoryIds));
            if (cards.size() > MAX_CARDS) {
                problem("cards", "a deck has at most " + MAX_CARDS + " cards, this one has " + cards.size());
            }

            Board board = object(root, "", "board", true, this::board);
            Script script = object(root, "", "script", true, (n, p) -> script(n, p, false));
            List<Script> scripts = root.has("scripts") ? list(root, "", "scripts", true, (n, p) -> script(n, p, true)) : null;
            if (script != null && script.id() != null && scripts != null && scripts.stream().anyMatch(s -> script.id().equals(s.id()))) {
                problem("script.id", "\"" + script.id() + "\" is also the id of one of the other scripts");
            }
            List<Outcome> outcomes = list(root, "", "outcomes", false, this::outcome);
            List<Profile> profiles = list(root, "", "profiles", false, this::profile);
            List<DiscussionPrompt> discussion = list(root, "", "discussion", false, this::prompt);
            List<RespondentAttribute> attributes = list(root, "", "respondentAttributes", false, this::attribute);
            Text discussionTitle = optionalText(root, "", "discussionTitle", MAX_TITLE);
            if (!problems.isEmpty()) {
                return null;
            }
            return new Deck(id, version, language, title, description, source, categories, cards, board, script,
                    outcomes, profiles, discussion, scripts, discussionTitle, attributes);
        }

        Category category(JsonNode node, String path) {
            allowOnly(node, path, Set.of("id", "label", "colour"));
            String id = itemId(node, path);
            Text label = text(node, path, "label", MAX_CATEGORY_LABEL);
            String colour = string(node, path, "colour", 7);
            if (colour != null) {
                if (!COLOUR.matcher(colour).matches()) {
                    problem(join(path, "colour"), "\"" + colour + "\" is not a colour of the form #RRGGBB");
                    colour = null;
                } else if (contrastWithBlack(colour) < MIN_CONTRAST_WITH_BLACK) {
                    problem(join(path, "colour"), String.format(Locale.ROOT,
                            "\"%s\" is too dark: black card text reaches a contrast of %.1f, at least %.1f is needed to read it on screen and in print",
                            colour, contrastWithBlack(colour), MIN_CONTRAST_WITH_BLACK));
                    colour = null;
                }
            }
            return id == null || label == null || colour == null ? null : new Category(id, label, colour.toUpperCase(Locale.ROOT));
        }

        Card card(JsonNode node, String path, Set<String> categoryIds) {
            allowOnly(node, path, Set.of("id", "category", "label", "description", "copies"));
            String id = itemId(node, path);
            String category = string(node, path, "category", 32);
            if (category != null && !categoryIds.isEmpty() && !categoryIds.contains(category)) {
                problem(join(path, "category"), "\"" + category + "\" is not one of the categories "
                        + String.join(", ", categoryIds));
            }
            Text label = text(node, path, "label", MAX_CARD_LABEL);
            Text description = optionalText(node, path, "description", MAX_DESCRIPTION);
            Integer copies = integer(node, path, "copies", 1, 9);
            return id == null || category == null || label == null || copies == null ? null
                    : new Card(id, category, label, description, copies);
        }

        Board board(JsonNode node, String path) {
            allowOnly(node, path, Set.of("stimulating", "hindering", "strength"));
            Board.Side stimulating = object(node, path, "stimulating", true, this::side);
            Board.Side hindering = object(node, path, "hindering", true, this::side);
            Board.Strength strength = object(node, path, "strength", true, (n, p) -> {
                allowOnly(n, p, Set.of("limited", "large"));
                Text limited = text(n, p, "limited", MAX_SIDE_LABEL);
                Text large = text(n, p, "large", MAX_SIDE_LABEL);
                return limited == null || large == null ? null : new Board.Strength(limited, large);
            });
            return stimulating == null || hindering == null || strength == null ? null
                    : new Board(stimulating, hindering, strength);
        }

        Board.Side side(JsonNode node, String path) {
            allowOnly(node, path, Set.of("label", "question"));
            Text label = text(node, path, "label", MAX_SIDE_LABEL);
            Text question = text(node, path, "question", MAX_SIDE_QUESTION);
            return label == null || question == null ? null : new Board.Side(label, question);
        }

        /** A script; one of the deck's other scripts ({@code named}) needs the id and label it is chosen by. */
        Script script(JsonNode node, String path, boolean named) {
            allowOnly(node, path, Set.of("id", "label", "rounds", "roundMinutes", "questions"));
            String id = named || node.has("id") ? itemId(node, path) : null;
            Text label = named || node.has("label") ? text(node, path, "label", MAX_CARD_LABEL) : null;
            Integer rounds = integer(node, path, "rounds", 1, 6);
            Integer minutes = integer(node, path, "roundMinutes", 1, 120);
            List<Script.Question> questions = list(node, path, "questions", true, this::question);
            return rounds == null || minutes == null ? null : new Script(id, label, rounds, minutes, questions);
        }

        Script.Question question(JsonNode node, String path) {
            allowOnly(node, path, Set.of("id", "askedBy", "side", "text", "steps"));
            String id = itemId(node, path);
            String askedBy = string(node, path, "askedBy", 32);
            if (askedBy != null && !ASKERS.contains(askedBy)) {
                problem(join(path, "askedBy"), "\"" + askedBy + "\" must be \"interviewer\" or \"observer\"");
            }
            String side = null;
            if (node.has("side")) {
                side = string(node, path, "side", 32);
                if (side != null && !SIDES.contains(side)) {
                    problem(join(path, "side"), "\"" + side + "\" is not a side of the board: use \"stimulating\" or \"hindering\"");
                }
            }
            Text text = text(node, path, "text", MAX_QUESTION);
            List<Text> steps = textList(node, path, "steps", false, MAX_STEP);
            return id == null || askedBy == null || text == null ? null : new Script.Question(id, askedBy, side, text, steps);
        }

        Outcome outcome(JsonNode node, String path) {
            allowOnly(node, path, Set.of("id", "label", "description"));
            String id = itemId(node, path);
            Text label = text(node, path, "label", MAX_CARD_LABEL);
            Text description = optionalText(node, path, "description", MAX_DESCRIPTION);
            return id == null || label == null ? null : new Outcome(id, label, description);
        }

        Profile profile(JsonNode node, String path) {
            allowOnly(node, path, Set.of("id", "label", "selfDirection", "traits", "worksWell", "worksLess", "rule",
                    "characterisation"));
            String id = itemId(node, path);
            Text label = text(node, path, "label", MAX_CARD_LABEL);
            Text selfDirection = optionalText(node, path, "selfDirection", MAX_LIST_ITEM);
            List<Text> traits = optionalTextList(node, path, "traits", MAX_LIST_ITEM);
            List<Text> worksWell = optionalTextList(node, path, "worksWell", MAX_LIST_ITEM);
            List<Text> worksLess = optionalTextList(node, path, "worksLess", MAX_LIST_ITEM);
            Text rule = optionalText(node, path, "rule", MAX_LIST_ITEM);
            List<Text> characterisation = optionalTextList(node, path, "characterisation", MAX_LIST_ITEM);
            if (!node.has("worksWell") && !node.has("rule")) {
                problem(join(path, "worksWell"), "is missing: a profile says what works for it (worksWell), or gives its rule");
            }
            return id == null || label == null ? null
                    : new Profile(id, label, selfDirection, traits, worksWell, worksLess, rule, characterisation);
        }

        /** A list of texts the deck may leave out: null when absent, so a deck without it reads as before. */
        List<Text> optionalTextList(JsonNode node, String path, String field, int maxLength) {
            if (!node.has(field)) {
                return null;
            }
            return textList(node, path, field, true, maxLength);
        }

        DiscussionPrompt prompt(JsonNode node, String path) {
            allowOnly(node, path, Set.of("id", "text"));
            String id = itemId(node, path);
            Text text = text(node, path, "text", MAX_PROMPT);
            return id == null || text == null ? null : new DiscussionPrompt(id, text);
        }

        RespondentAttribute attribute(JsonNode node, String path) {
            allowOnly(node, path, Set.of("id", "label", "choices"));
            String id = itemId(node, path);
            Text label = text(node, path, "label", MAX_CATEGORY_LABEL);
            List<RespondentAttribute.Choice> choices = list(node, path, "choices", false, (c, at) -> {
                allowOnly(c, at, Set.of("id", "label"));
                String choiceId = itemId(c, at);
                Text choiceLabel = text(c, at, "label", MAX_CATEGORY_LABEL);
                return choiceId == null || choiceLabel == null ? null : new RespondentAttribute.Choice(choiceId, choiceLabel);
            });
            return id == null || label == null ? null : new RespondentAttribute(id, label, choices);
        }

        // --- the building blocks, each reporting with the full path ---

        void allowOnly(JsonNode node, String path, Set<String> fields) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!fields.contains(name)) {
                    problem(join(path, name), "unknown field \"" + name + "\" (allowed here: "
                            + String.join(", ", fields.stream().sorted().toList()) + ")");
                }
            }
        }

        String itemId(JsonNode node, String path) {
            String id = string(node, path, "id", 32);
            if (id != null && !ITEM_ID.matcher(id).matches()) {
                problem(join(path, "id"), "\"" + id + "\" must be letters, digits, _ or - (at most 32)");
                return null;
            }
            return id;
        }

        String string(JsonNode node, String path, String field, int maxLength) {
            JsonNode value = node.get(field);
            String at = join(path, field);
            if (value == null || value.isNull()) {
                problem(at, "is missing");
                return null;
            }
            if (!value.isTextual()) {
                problem(at, "must be a string");
                return null;
            }
            String s = value.textValue();
            if (s.isBlank()) {
                problem(at, "is empty");
                return null;
            }
            if (s.length() > maxLength) {
                problem(at, "is " + s.length() + " characters long, at most " + maxLength + " fit");
                return null;
            }
            return s;
        }

        Integer integer(JsonNode node, String path, String field, int min, int max) {
            JsonNode value = node.get(field);
            String at = join(path, field);
            if (value == null || value.isNull()) {
                problem(at, "is missing");
                return null;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                problem(at, "must be a whole number");
                return null;
            }
            int i = value.intValue();
            if (i < min || i > max) {
                problem(at, i + " is out of range: it must be from " + min + " to " + max);
                return null;
            }
            return i;
        }

        Text optionalText(JsonNode node, String path, String field, int maxLength) {
            return node.has(field) ? text(node, path, field, maxLength) : null;
        }

        Text text(JsonNode node, String path, String field, int maxLength) {
            JsonNode value = node.get(field);
            String at = join(path, field);
            if (value == null || value.isNull()) {
                problem(at, "is missing");
                return null;
            }
            return textValue(value, at, maxLength);
        }

        Text textValue(JsonNode value, String at, int maxLength) {
            if (!value.isObject()) {
                problem(at, "must be an object with a Dutch (\"nl\") and an English (\"en\") text");
                return null;
            }
            allowOnly(value, at, Set.of("nl", "en"));
            String nl = translation(value, at, "nl", "Dutch", maxLength);
            String en = translation(value, at, "en", "English", maxLength);
            return nl == null || en == null ? null : new Text(nl, en);
        }

        String translation(JsonNode value, String at, String language, String name, int maxLength) {
            JsonNode t = value.get(language);
            String path = at + "." + language;
            if (t == null || t.isNull()) {
                problem(path, "the " + name + " translation is missing");
                return null;
            }
            if (!t.isTextual()) {
                problem(path, "must be a string");
                return null;
            }
            if (t.textValue().isBlank()) {
                problem(path, "the " + name + " text is empty");
                return null;
            }
            if (t.textValue().length() > maxLength) {
                problem(path, "is " + t.textValue().length() + " characters long, at most " + maxLength + " fit");
                return null;
            }
            return t.textValue();
        }

        List<Text> textList(JsonNode node, String path, String field, boolean required, int maxLength) {
            return list(node, path, field, required, (n, p) -> textValue(n, p, maxLength));
        }

        <T> T object(JsonNode node, String path, String field, boolean required, Item<T> item) {
            JsonNode value = node.get(field);
            String at = join(path, field);
            if (value == null || value.isNull()) {
                if (required) {
                    problem(at, "is missing");
                }
                return null;
            }
            if (!value.isObject()) {
                problem(at, "must be an object");
                return null;
            }
            return item.read(value, at);
        }

        <T> List<T> list(JsonNode node, String path, String field, boolean required, Item<T> item) {
            JsonNode value = node.get(field);
            String at = join(path, field);
            List<T> out = new ArrayList<>();
            if (value == null || value.isNull()) {
                if (required) {
                    problem(at, "is missing");
                }
                return out;
            }
            if (!value.isArray()) {
                problem(at, "must be a list");
                return out;
            }
            if (required && value.isEmpty()) {
                problem(at, "is empty");
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                JsonNode element = value.get(i);
                String elementPath = at + "[" + i + "]";
                if (!element.isObject()) {
                    problem(elementPath, "must be an object");
                    continue;
                }
                JsonNode id = element.get("id");
                if (id != null && id.isTextual() && !ids.add(id.textValue())) {
                    problem(elementPath + ".id", "\"" + id.textValue() + "\" is used by an earlier item of " + at);
                }
                T t = item.read(element, elementPath);
                if (t != null) {
                    out.add(t);
                }
            }
            return out;
        }

        static String join(String path, String field) {
            return path.isEmpty() ? field : path + "." + field;
        }
    }

    /** Reads one object of the deck at a path. */
    @FunctionalInterface
    private interface Item<T> {
        T read(JsonNode node, String path);
    }
}
