package nl.factorspel.sessions.export;

import nl.factorspel.sessions.workshop.Side;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvExportTest {

    /** The files of a zip, by name. */
    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    /** A strict RFC 4180 reader: CRLF rows, quoted fields with doubled quotes, a UTF-8 BOM first. */
    static List<List<String>> parse(byte[] bytes) {
        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 BOM");
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.length() == 0) {
                i++;
                while (true) {
                    char q = text.charAt(i);
                    if (q == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                    } else if (q == '"') {
                        i++;
                        break;
                    } else {
                        field.append(q);
                        i++;
                    }
                }
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r') {
                assertEquals('\n', text.charAt(i + 1), "rows end in CRLF");
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else {
                assertFalse(c == '\n', "a bare LF outside quotes");
                field.append(c);
                i++;
            }
        }
        assertTrue(row.isEmpty() && field.length() == 0, "the file ends with CRLF");
        return rows;
    }

    /** Rows as maps from column name to cell. */
    static List<Map<String, String>> records(byte[] bytes) {
        List<List<String>> rows = parse(bytes);
        List<String> header = rows.get(0);
        List<Map<String, String>> records = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            assertEquals(header.size(), row.size(), "every row has every column");
            Map<String, String> record = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                record.put(header.get(c), row.get(c));
            }
            records.add(record);
        }
        return records;
    }

    /** The CSV files of an export (statements.txt is plain text for Q-method tools). */
    static Map<String, byte[]> csvFiles(Map<String, byte[]> files) {
        Map<String, byte[]> csv = new LinkedHashMap<>(files);
        csv.keySet().removeIf(name -> !name.endsWith(".csv"));
        return csv;
    }

    private static String expectedCell(String text) {
        return CsvWriter.neutralise(text);
    }

    @Test
    void placementsCsvHoldsExactlyThePlacementsMadeIncludingRemovedOnes() throws IOException {
        ScriptedWorkshop script = ScriptedWorkshop.played(true);
        List<Map<String, String>> rows = records(unzip(CsvExport.zip(script.w, false)).get("placements.csv"));

        List<String> expected = script.laid.stream()
                .sorted((a, b) -> a.table() != b.table() ? a.table() - b.table() : a.round() != b.round() ? a.round() - b.round() : a.order() - b.order())
                .map(l -> String.join("|", Integer.toString(l.table()), Integer.toString(l.round()), l.placementId(), l.cardId(),
                        l.side().wire(), CsvWriter.cell(l.strength()), CsvWriter.cell(l.y()), Integer.toString(l.order()),
                        expectedCell(l.explanation()), l.placedBy(), Boolean.toString(!l.removed()),
                        l.removed() ? Boolean.toString(l.undone()) : ""))
                .toList();
        List<String> actual = rows.stream()
                .map(r -> String.join("|", r.get("table"), r.get("round"), r.get("placement_id"), r.get("card_id"),
                        r.get("side"), r.get("strength"), r.get("y"), r.get("order"), r.get("explanation"), r.get("placed_by"),
                        r.get("on_final_board"), r.get("removed_by_undo")))
                .toList();
        assertEquals(expected, actual);
        assertEquals(12, rows.size());
        for (Map<String, String> r : rows) {
            assertEquals(ScriptedWorkshop.ID, r.get("workshop_id"));
            assertEquals(ScriptedWorkshop.TITLE, r.get("workshop_title"));
            assertEquals(r.get("on_final_board").equals("true"), r.get("removed_at").isEmpty());
            assertEquals(r.get("round").equals("1") ? "respondent1" : "respondent2", r.get("respondent_seat"));
        }
    }

    @Test
    void placementRowsCarryTheCardsCategoryAndLabelsInTheWorkshopLanguage() throws IOException {
        List<Map<String, String>> rows = records(unzip(CsvExport.zip(ScriptedWorkshop.played(true).w, false)).get("placements.csv"));

        Map<String, String> first = rows.get(0);
        assertEquals("A2", first.get("card_id"));
        assertEquals("A", first.get("category_id"));
        assertEquals("Persoonlijke factoren", first.get("category_label"));
        assertEquals("Zelfvertrouwen", first.get("card_label"));
        assertEquals("0.8", first.get("strength"));
        assertEquals("2025-11-24T09:", first.get("placed_at").substring(0, 14));
        assertEquals("Ruud van Dijk", first.get("placed_by"), "the name after the rename");
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaIsNeutralised() throws IOException {
        Map<String, byte[]> files = unzip(CsvExport.zip(ScriptedWorkshop.played(true).w, false));
        List<Map<String, String>> placements = records(files.get("placements.csv"));
        List<Map<String, String>> notes = records(files.get("notes.csv"));

        assertTrue(placements.stream().anyMatch(r -> r.get("explanation").equals("'=HYPERLINK(\"x\")")));
        assertTrue(placements.stream().anyMatch(r -> r.get("explanation").equals("'+31 procent minder budget voor opleiding.")));
        assertTrue(notes.stream().anyMatch(r -> r.get("note").equals("'@werkgevers: maak budget vrij.")));
        assertTrue(notes.stream().anyMatch(r -> r.get("note").equals("'-Tegenstrijdige signalen van de leiding.")));
        for (byte[] file : csvFiles(files).values()) {
            for (List<String> row : parse(file)) {
                for (String cell : row) {
                    // a negative number (matrix.csv) is a number, not a formula
                    assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 && !cell.matches("-\\d+(\\.\\d+)?"),
                            "cell " + cell);
                }
            }
        }
    }

    @Test
    void notesCsvHasEveryNoteAndReflectionWithItsQuestion() throws IOException {
        List<Map<String, String>> notes = records(unzip(CsvExport.zip(ScriptedWorkshop.played(true).w, false)).get("notes.csv"));

        List<String> rows = notes.stream().map(r -> r.get("table") + "/" + r.get("round") + "/" + r.get("kind") + "/" + r.get("question_id"))
                .toList();
        assertEquals(List.of("1/1/note/q3", "1/1/note/q5", "1/1/note/q6", "1/1/reflection/q7", "1/2/note/q6", "1/2/note/q7",
                "2/1/note/q6", "2/1/reflection/q7", "3/1/note/q7"), rows);
        assertTrue(notes.get(2).get("question_text").startsWith("Wat zou je op basis van dit verhaal"));
    }

    @Test
    void linksAnnotationsProfilesAndDiscussionHaveTheirOwnFiles() throws IOException {
        Map<String, byte[]> files = unzip(CsvExport.zip(ScriptedWorkshop.played(true).w, false));

        List<Map<String, String>> links = records(files.get("links.csv"));
        assertEquals(5, links.size());
        Map<String, String> removedWithCard = links.stream().filter(l -> l.get("label").equals("weg met de kaart")).findFirst().orElseThrow();
        assertEquals("E3", removedWithCard.get("from_card_id"));
        assertEquals("Technologie", removedWithCard.get("from_card_label"));
        assertEquals("B2", removedWithCard.get("to_card_id"));
        assertEquals("false", removedWithCard.get("on_final_board"));
        assertFalse(removedWithCard.get("removed_at").isEmpty());

        List<Map<String, String>> annotations = records(files.get("annotations.csv"));
        assertEquals(2, annotations.size());
        assertEquals("A2", annotations.get(0).get("card_id"));
        assertEquals("", annotations.get(1).get("placement_id"));

        List<Map<String, String>> profiles = records(files.get("profiles.csv"));
        assertEquals(6, profiles.size());
        Map<String, String> t1r1 = profiles.get(0);
        assertEquals("A", t1r1.get("profile_id"));
        assertEquals("Zelfsturende groeiers", t1r1.get("profile_label"));
        assertEquals("O1", t1r1.get("outcome_ids"));
        assertEquals("Ruud van Dijk", t1r1.get("respondent"));

        List<Map<String, String>> discussion = records(files.get("discussion.csv"));
        assertEquals(List.of("stop", "keep"), discussion.stream().map(r -> r.get("prompt_id")).toList());
    }

    @Test
    void theCodebookDescribesEveryColumnOfEveryFile() throws IOException {
        Map<String, byte[]> files = unzip(CsvExport.zip(ScriptedWorkshop.played(true).w, false));
        List<Map<String, String>> codebook = records(files.get("codebook.csv"));

        assertEquals(List.of("participants.csv", "events.csv", "placements.csv", "explanations.csv", "notes.csv",
                "questions.csv", "annotations.csv", "links.csv", "profiles.csv", "outcomes.csv", "discussion.csv",
                "cards.csv", "matrix.csv", "statements.txt", "codebook.csv", "load.py", "load.R"), List.copyOf(files.keySet()));
        assertEquals(CsvExport.FILE_NAMES, List.copyOf(files.keySet()));
        for (Map.Entry<String, byte[]> file : csvFiles(files).entrySet()) {
            List<String> header = parse(file.getValue()).get(0);
            List<String> described = codebook.stream().filter(r -> r.get("file").equals(file.getKey())).map(r -> r.get("column")).toList();
            assertEquals(header, described, file.getKey());
        }
        assertTrue(codebook.stream().noneMatch(r -> r.get("meaning").isBlank() || r.get("type").isBlank()));
    }

    @Test
    void pseudonymisedExportNamesSeatsAndNoParticipant() throws IOException {
        ScriptedWorkshop script = ScriptedWorkshop.played(true);
        Map<String, byte[]> files = unzip(CsvExport.zip(script.w, true));

        String all = files.values().stream().map(b -> new String(b, StandardCharsets.UTF_8)).collect(Collectors.joining());
        for (String name : script.names.values()) {
            assertFalse(all.contains(name), name);
        }
        List<Map<String, String>> placements = records(files.get("placements.csv"));
        assertEquals("respondent1", placements.get(0).get("placed_by"));
        assertEquals("interviewer", placements.get(2).get("placed_by"));
        assertEquals("respondent1", records(files.get("profiles.csv")).get(0).get("respondent"));
    }

    @Test
    void theSameWorkshopGivesTheSameZipBytes() {
        ScriptedWorkshop script = ScriptedWorkshop.played(true);

        assertArrayEquals(CsvExport.zip(script.w, false), CsvExport.zip(script.w, false));
    }

    @Test
    void numbersUseADotAndNoExponent() {
        assertEquals("0.0001", CsvWriter.cell(0.0001));
        assertEquals("1", CsvWriter.cell(1.0));
        assertEquals("0.25", CsvWriter.cell(0.25));
        assertEquals("'-x", CsvWriter.cell("-x"));
        assertEquals("", CsvWriter.cell(null));
        assertEquals(Side.HINDERING.wire(), CsvWriter.cell("hindering"));
    }

    @Test
    void aWorkshopWithoutRoundsGivesEveryFileWithItsHeaderOnly() throws IOException {
        Map<String, byte[]> files = unzip(CsvExport.zip(ScriptedWorkshop.created().w, false));

        assertEquals(17, files.size());
        for (Map.Entry<String, byte[]> file : csvFiles(files).entrySet()) {
            if (!Set.of("codebook.csv", "cards.csv", "matrix.csv", "events.csv").contains(file.getKey())) {
                assertEquals(1, parse(file.getValue()).size(), file.getKey());
            }
        }
    }
}
