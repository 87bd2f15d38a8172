package nl.factorspel.server;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import nl.factorspel.decks.TextRule;
import nl.factorspel.sessions.export.ArchiveExport;
import nl.factorspel.sessions.workshop.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Random text (unpaired surrogates, NUL and other control characters, right-to-left marks, 4-byte emoji,
 * very long strings) through every text field, over HTTP and the bridge, against a real server that is then
 * restarted: every acknowledged text is back exactly, every refused one left no trace, and the workshop
 * loads whole.
 */
@ExtendWith(VertxExtension.class)
class TextFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final Limits LIMITS = Limits.DEFAULT;
    private static final String[] GOOD = {
            "Eve", "tafel", " ", "\t", "\n", "\r\n", "é", "ß", "中文", "\ufffd", "\u00a0",
            "\u200f", "\u202e", "\u200d", "😀", "👩‍👩‍👧", "𝔘",
    };
    private static final String[] BAD = {
            "\ud83d", "\ude00", "\ude00\ud83d", "\u0000", "\u0007", "\u001b", "\u007f", "\u0085",
    };

    /** One try: which field, the text sent, what the server is held to. */
    private record Attempt(int nonce, String field, String value, int limit, boolean stripped, String outcome) {
        String stored() {
            return stripped ? value.strip() : value;
        }

        boolean accepted() {
            return outcome.equals("ok");
        }

        String describe() {
            return field + " #" + nonce + " " + escaped(value.length() > 80 ? value.substring(0, 80) + "..." : value) + " -> " + outcome;
        }
    }

    private final Random random = new Random(SEED);
    private final List<Attempt> attempts = new ArrayList<>();
    private int nonce;

    /** A random text holding its own marker {@code ~n~}, so that any trace of it can be found. */
    private String text(int limit) {
        StringBuilder b = new StringBuilder();
        int pieces = 1 + random.nextInt(6);
        for (int i = 0; i < pieces; i++) {
            b.append(GOOD[random.nextInt(GOOD.length)]);
        }
        b.append('~').append(++nonce).append('~');
        for (int i = 0; i < pieces; i++) {
            b.append(GOOD[random.nextInt(GOOD.length)]);
        }
        if (random.nextInt(5) < 2) {
            b.insert(random.nextInt(b.length() + 1), BAD[random.nextInt(BAD.length)]);
        }
        if (random.nextInt(10) == 0) {
            b.append("x".repeat(random.nextInt(limit * 2 + 1)));
        }
        return b.toString();
    }

    private static String escaped(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }

    private Attempt record(String field, String value, int limit, boolean stripped, String outcome) {
        Attempt a = new Attempt(nonce, field, value, limit, stripped, outcome);
        attempts.add(a);
        // The rule holds whichever way the text came in: broken text is refused as bad_value, naming the field.
        // (A frame over the bridge's size limit is refused as too_large before its text is read.)
        boolean broken = TextRule.problem(value).isPresent();
        assertEquals(broken, outcome.startsWith("bad_value") || (broken && outcome.startsWith("too_large")),
                "seed " + SEED + ": " + a.describe());
        if (broken && outcome.startsWith("bad_value")) {
            assertTrue(outcome.contains("\"" + field.replaceAll("^.*\\.", "") + "\""), "the refusal names the field: " + a.describe());
        } else if (!value.isBlank() && value.length() <= limit / 2) {
            assertTrue(a.accepted(), "seed " + SEED + ": a good text is taken: " + a.describe());
        }
        return a;
    }

    private String bridge(BridgeClient client, JsonObject command) throws Exception {
        try {
            client.command(command);
            return "ok";
        } catch (BridgeSocket.Failure f) {
            assertTrue(f.rejection(), "a refusal, not a failure: " + f.getMessage());
            String json = f.getMessage().substring(f.getMessage().indexOf('{'));
            return f.code + " " + new JsonObject(json).getString("message");
        }
    }

    private static String http(ApiClient.Response r) {
        if (r.status() == 200 || r.status() == 201) {
            return "ok";
        }
        assertTrue(r.status() >= 400 && r.status() < 500, "a JSON refusal, not " + r.status() + ": " + r.body());
        return r.errorCode() + " " + r.json().getJsonObject("error").getString("message");
    }

    @Test
    void everyAcknowledgedTextIsBackExactlyAfterARestartAndNoRefusedTextLeftATrace(Vertx vertx, @TempDir Path data) throws Exception {
        Map<String, String> settings = Map.of("command-burst", "1000", "commands-per-second", "1000");
        String workshopId;
        String facilitator;
        String sharedToken;
        List<String[]> made = new ArrayList<>();
        byte[] archive;
        try (TestServer server = new TestServer(data, settings)) {
            JsonObject w = server.createWorkshop(4);
            workshopId = w.getString("workshopId");
            facilitator = w.getString("facilitatorToken");
            sharedToken = server.join(w.getString("joinCode"), "Tafel een", 1, "shared").getString("token");

            // Over HTTP: workshop titles and the names people join with.
            for (int i = 0; i < 5; i++) {
                String title = text(LIMITS.maxTitle());
                ApiClient.Response r = server.post("/api/workshops", ApiClient.ascii(new JsonObject().put("title", title)
                        .put("deckId", "llo-factoren").put("tables", 1)), null);
                if (record("create.title", title, LIMITS.maxTitle(), true, http(r)).accepted()) {
                    made.add(new String[] {r.json().getString("workshopId"), r.json().getString("facilitatorToken"), title.strip()});
                }
            }
            for (int i = 0; i < 12; i++) {
                String name = text(LIMITS.maxName());
                ApiClient.Response r = server.post("/api/join", ApiClient.ascii(new JsonObject().put("joinCode", w.getString("joinCode"))
                        .put("name", name).put("table", 2 + i % 3).put("role", "shared")), null);
                record("join.name", name, LIMITS.maxName(), true, http(r));
            }

            // Over the bridge: every text of every command.
            BridgeClient fac = BridgeClient.connect(vertx, server.port(), facilitator);
            BridgeClient shared = BridgeClient.connect(vertx, server.port(), sharedToken);
            fac.command(new JsonObject().put("type", "startRound").put("workshopId", workshopId).put("round", 1));
            List<String> cards = List.of("A1", "A2", "A3", "A4", "A5", "A6", "B1", "B2", "B3", "B4");
            for (String card : cards) {
                shared.command(table(workshopId, "placeCard").put("cardId", card).put("side", "stimulating").put("strength", 0.5).put("y", 0.5));
            }
            List<int[]> pairs = new ArrayList<>();
            for (int a = 1; a <= cards.size(); a++) {
                for (int b = a + 1; b <= cards.size(); b++) {
                    pairs.add(new int[] {a, b});
                }
            }
            for (int i = 0; i < 240; i++) {
                switch (i % 8) {
                    case 0 -> {
                        String t = text(LIMITS.maxExplanation());
                        record("explainCard.text", t, LIMITS.maxExplanation(), false,
                                bridge(shared, table(workshopId, "explainCard").put("placementId", "p" + (1 + random.nextInt(cards.size()))).put("text", t)));
                    }
                    case 1 -> {
                        String t = text(LIMITS.maxLinkLabel());
                        int[] pair = pairs.remove(0);
                        String outcome = bridge(shared, table(workshopId, "linkCards").put("fromPlacementId", "p" + pair[0])
                                .put("toPlacementId", "p" + pair[1]).put("label", t));
                        if (!outcome.equals("ok")) {
                            pairs.add(pair);
                        }
                        record("linkCards.label", t, LIMITS.maxLinkLabel(), false, outcome);
                    }
                    case 2 -> {
                        String t = text(LIMITS.maxAnnotation());
                        JsonObject c = table(workshopId, "annotate").put("text", t);
                        if (random.nextBoolean()) {
                            c.put("placementId", "p" + (1 + random.nextInt(cards.size())));
                        }
                        record("annotate.text", t, LIMITS.maxAnnotation(), false, bridge(shared, c));
                    }
                    case 3 -> {
                        String t = text(LIMITS.maxNote());
                        record("writeNote.text", t, LIMITS.maxNote(), false,
                                bridge(shared, table(workshopId, "writeNote").put("questionId", "q" + (1 + random.nextInt(3))).put("text", t)));
                    }
                    case 4 -> {
                        String t = text(LIMITS.maxReflection());
                        record("writeReflection.text", t, LIMITS.maxReflection(), false, bridge(shared, table(workshopId, "writeReflection").put("text", t)));
                    }
                    case 5 -> {
                        String t = text(LIMITS.maxDiscussionAnswer());
                        record("answerDiscussion.text", t, LIMITS.maxDiscussionAnswer(), false,
                                bridge(shared, table(workshopId, "answerDiscussion").put("promptId", "stop").put("text", t)));
                    }
                    case 6 -> {
                        String t = text(LIMITS.maxBroadcast());
                        record("broadcast.text", t, LIMITS.maxBroadcast(), false,
                                bridge(fac, new JsonObject().put("type", "broadcast").put("workshopId", workshopId).put("text", t)));
                    }
                    default -> {
                        String t = text(LIMITS.maxName());
                        record("rename.name", t, LIMITS.maxName(), true,
                                bridge(shared, new JsonObject().put("type", "rename").put("workshopId", workshopId).put("name", t)));
                    }
                }
            }
            fac.close();
            shared.close();
            archive = server.getBytes("/api/workshops/" + workshopId + "/export.json", facilitator);
        }
        long accepted = attempts.stream().filter(Attempt::accepted).count();
        assertTrue(accepted > 50 && accepted < attempts.size(), "the fuzz both stored and refused texts: " + accepted + " of " + attempts.size());

        try (TestServer again = new TestServer(data, settings)) {
            byte[] after = again.getBytes("/api/workshops/" + workshopId + "/export.json", facilitator);
            assertArrayEquals(archive, after, "the workshop is back exactly as it was acknowledged");
            ArchiveExport.read(after); // every stream numbered 1, 2, 3, ... without a gap, and it replays
            String log = new String(after, StandardCharsets.UTF_8);
            java.util.Set<String> texts = new java.util.HashSet<>();
            nl.factorspel.sessions.workshop.WorkshopJson.MAPPER.readTree(after).findParents("type").forEach(event ->
                    event.fields().forEachRemaining(f -> {
                        if (f.getValue().isTextual()) {
                            texts.add(f.getValue().textValue());
                        }
                    }));
            for (Attempt a : attempts) {
                if (a.field().startsWith("create.")) {
                    continue;
                }
                if (a.accepted()) {
                    assertTrue(texts.contains(a.stored()), "seed " + SEED + ": an acknowledged text is back: " + a.describe() + "; stored: "
                            + texts.stream().filter(t -> t.contains("~" + a.nonce() + "~")).map(TextFuzzTest::escaped).toList());
                } else {
                    assertFalse(log.contains("~" + a.nonce() + "~"), "seed " + SEED + ": a refused text left a trace: " + a.describe());
                }
            }
            assertEquals(200, again.get("/api/workshops/" + workshopId, sharedToken).status(), "the participant's token still opens the workshop");
            for (String[] m : made) {
                ApiClient.Response view = again.get("/api/workshops/" + m[0], m[1]);
                assertEquals(200, view.status(), view.body());
                assertEquals(m[2], view.json().getJsonObject("workshop").getString("title"));
            }
            long refusedCreates = attempts.stream().filter(a -> a.field().startsWith("create.") && !a.accepted()).count();
            assertEquals(1 + made.size(), again.server.store().workshopIds().size(),
                    refusedCreates + " refused creates left no workshop behind: " + Arrays.toString(again.server.store().workshopIds().toArray()));
        }
    }

    private static JsonObject table(String workshopId, String type) {
        return new JsonObject().put("type", type).put("workshopId", workshopId).put("table", 1);
    }
}
