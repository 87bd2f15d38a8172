package nl.factorspel.sessions.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.factorspel.sessions.workshop.Recorded;
import nl.factorspel.sessions.workshop.Workshop;
import nl.factorspel.sessions.workshop.WorkshopJson;
import nl.factorspel.sessions.workshop.WorkshopViews;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchiveExportTest {

    private static ObjectNode json(byte[] archive) throws Exception {
        return (ObjectNode) WorkshopJson.MAPPER.readTree(archive);
    }

    /** Changes an archive's events and signs them again, as someone would who knows the format. */
    private static byte[] resigned(byte[] archive, Consumer<ArrayNode> change) throws Exception {
        ObjectNode root = json(archive);
        ArrayNode events = (ArrayNode) root.get("events");
        change.accept(events);
        root.put("sha256", ArchiveExport.sha256(events));
        return WorkshopJson.MAPPER.writeValueAsBytes(root);
    }

    private static String refusal(byte[] archive) {
        return assertThrows(InvalidArchiveException.class, () -> ArchiveExport.read(archive)).getMessage();
    }

    @Test
    void anArchiveReadBackReplaysToTheSameWorkshop() throws Exception {
        Workshop original = ScriptedWorkshop.played(true).w;

        List<Recorded> events = ArchiveExport.read(ArchiveExport.write(original));
        Workshop restored = Workshop.replay(events);

        assertEquals(original.allEvents(), events);
        assertEquals(WorkshopJson.MAPPER.valueToTree(original.state()), (JsonNode) WorkshopJson.MAPPER.valueToTree(restored.state()));
        for (int t = 1; t <= original.tableCount(); t++) {
            assertEquals(WorkshopViews.table(original, t), WorkshopViews.table(restored, t));
        }
        assertArrayEquals(CsvExport.zip(original, false), CsvExport.zip(restored, false));
        assertArrayEquals(ArchiveExport.write(original), ArchiveExport.write(restored));
    }

    @Test
    void theArchiveHoldsFormatVersionDeckEveryEventAndTheHashOfTheEvents() throws Exception {
        Workshop w = ScriptedWorkshop.played(true).w;
        ObjectNode root = json(ArchiveExport.write(w));

        assertEquals("factorspel-archive", root.get("format").textValue());
        assertEquals(1, root.get("version").intValue());
        assertEquals(ScriptedWorkshop.ID, root.get("workshopId").textValue());
        assertEquals("llo-factoren", root.get("deck").get("id").textValue());
        assertEquals(w.allEvents().size(), root.get("events").size());
        assertEquals("workshopCreated", root.get("events").get(0).get("type").textValue());
        assertEquals("hash-t1-int", root.get("events").get(1).get("tokenHash").textValue(), "token hashes are kept");
        assertEquals(ArchiveExport.sha256((ArrayNode) root.get("events")), root.get("sha256").textValue());
        assertTrue(root.get("sha256").textValue().matches("[0-9a-f]{64}"));
    }

    @Test
    void aChangedArchiveIsRefused() throws Exception {
        byte[] archive = ArchiveExport.write(ScriptedWorkshop.played(true).w);
        String text = new String(archive, StandardCharsets.UTF_8);
        byte[] tampered = text.replace("Vertrouwen is de sleutel", "Geld is de sleutel").getBytes(StandardCharsets.UTF_8);

        assertTrue(refusal(tampered).contains("sha256"));
    }

    @Test
    void anArchiveWithAMissingEventIsRefused() throws Exception {
        byte[] archive = ArchiveExport.write(ScriptedWorkshop.played(true).w);

        String message = refusal(resigned(archive, events -> events.remove(40)));

        assertTrue(message.contains("incomplete"), message);
        assertTrue(message.contains("was due"), message);
    }

    @Test
    void anArchiveThatDoesNotBeginWithWorkshopCreatedIsRefused() throws Exception {
        byte[] archive = ArchiveExport.write(ScriptedWorkshop.played(true).w);

        assertTrue(refusal(resigned(archive, events -> events.remove(0))).contains("workshopCreated"));
    }

    @Test
    void anArchiveWhoseEventsDoNotReplayIsRefused() throws Exception {
        byte[] archive = ArchiveExport.write(ScriptedWorkshop.played(true).w);

        byte[] broken = resigned(archive, events -> {
            for (JsonNode e : events) {
                if (e.get("type").textValue().equals("participantRenamed")) {
                    ((ObjectNode) e).put("participantId", "nobody");
                }
            }
        });

        assertTrue(refusal(broken).contains("do not replay"));
    }

    @Test
    void anEventOfAnUnknownTypeIsRefused() throws Exception {
        byte[] archive = ArchiveExport.write(ScriptedWorkshop.played(true).w);

        byte[] broken = resigned(archive, events -> ((ObjectNode) events.get(3)).put("type", "cardsShuffled"));

        assertTrue(refusal(broken).contains("event 4 cannot be read"));
    }

    @Test
    void otherFormatsVersionsAndMalformedJsonAreRefused() throws Exception {
        byte[] archive = ArchiveExport.write(ScriptedWorkshop.played(true).w);
        ObjectNode otherVersion = json(archive).put("version", 2);
        ObjectNode otherFormat = json(archive).put("format", "something-else");

        assertTrue(refusal(WorkshopJson.MAPPER.writeValueAsBytes(otherVersion)).contains("version 2"));
        assertTrue(refusal(WorkshopJson.MAPPER.writeValueAsBytes(otherFormat)).contains("not a Factorspel archive"));
        assertTrue(refusal("{\"format\":\"factorspel-archive\",".getBytes(StandardCharsets.UTF_8)).contains("not valid JSON"));
        assertTrue(refusal("[1,2]".getBytes(StandardCharsets.UTF_8)).contains("not a JSON object"));
        assertTrue(refusal(java.util.Arrays.copyOf(archive, archive.length / 2)).contains("not valid JSON"));
    }

    @Test
    void anArchiveWhoseDeckDiffersFromItsEventsIsRefused() throws Exception {
        ObjectNode root = json(ArchiveExport.write(ScriptedWorkshop.played(true).w));
        ((ObjectNode) root.get("deck")).put("version", 99);

        assertTrue(refusal(WorkshopJson.MAPPER.writeValueAsBytes(root)).contains("deck"));
    }

    @Test
    void aWorkshopWithoutRoundsRoundTrips() throws Exception {
        Workshop created = ScriptedWorkshop.created().w;

        List<Recorded> events = ArchiveExport.read(ArchiveExport.write(created));

        assertEquals(created.allEvents(), events);
    }

    @Test
    void aPseudonymisedArchiveNamesNoOneHoldsNoTokenHashAndStillReadsBackAndReplays() throws Exception {
        ScriptedWorkshop script = ScriptedWorkshop.played(true);
        byte[] archive = ArchiveExport.write(script.w, true);
        String text = new String(archive, java.nio.charset.StandardCharsets.UTF_8);
        for (String name : script.names.values()) {
            org.junit.jupiter.api.Assertions.assertFalse(text.contains(name), name);
        }
        org.junit.jupiter.api.Assertions.assertFalse(text.contains("hash-t1-int") || text.contains("facilitator-hash")
                || text.contains("projector-hash"), "no token hash");

        Workshop back = Workshop.replay(ArchiveExport.read(archive));
        org.junit.jupiter.api.Assertions.assertEquals("P02", back.state().participants().get("t1-r1").name(), "renamed to the key too");
        org.junit.jupiter.api.Assertions.assertEquals(script.w.table(1).round(1), back.table(1).round(1));
        // the research files are the same as the pseudonymised export of the original
        java.util.Map<String, byte[]> original = CsvExportTest.unzip(CsvExport.zip(script.w, true));
        java.util.Map<String, byte[]> imported = CsvExportTest.unzip(CsvExport.zip(back, true));
        for (String file : original.keySet()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(original.get(file), imported.get(file), file);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(archive, ArchiveExport.write(back, true), "pseudonymising twice changes nothing");
    }
}
