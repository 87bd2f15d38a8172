package nl.factorspel.sessions.export;

import nl.factorspel.sessions.workshop.Workshop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static nl.factorspel.sessions.export.CsvExportTest.parse;
import static nl.factorspel.sessions.export.CsvExportTest.records;
import static nl.factorspel.sessions.export.CsvExportTest.unzip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several workshops as one study: the same files with every workshop's rows and a workshop column. */
class StudyExportTest {

    static final Workshop A = ScriptedWorkshop.played(true, "ws-a").w;
    static final Workshop B = ScriptedWorkshop.played(false, "ws-b").w;

    @Test
    void everyFileHoldsTheRowsOfEveryWorkshopWithItsIdAndTheCodebookDescribesThem() throws Exception {
        Map<String, byte[]> study = unzip(StudyExport.zip(List.of(A, B), false));
        Map<String, byte[]> a = unzip(CsvExport.zip(A, false));
        Map<String, byte[]> b = unzip(CsvExport.zip(B, false));
        assertEquals(List.copyOf(a.keySet()), List.copyOf(study.keySet()), "the same files");
        List<Map<String, String>> codebook = records(study.get("codebook.csv"));
        for (String file : CsvExportTest.csvFiles(study).keySet()) {
            List<String> header = parse(study.get(file)).get(0);
            assertEquals(header, codebook.stream().filter(r -> r.get("file").equals(file)).map(r -> r.get("column")).toList(), file);
            if (file.equals("matrix.csv") || file.equals("codebook.csv")) {
                continue;
            }
            assertEquals("workshop_id", header.get(0), file);
            List<Map<String, String>> rows = records(study.get(file));
            List<Map<String, String>> ra = records(a.get(file));
            List<Map<String, String>> rb = records(b.get(file));
            assertEquals(ra.size() + rb.size(), rows.size(), file);
            assertTrue(rows.subList(0, ra.size()).stream().allMatch(r -> r.get("workshop_id").equals("ws-a")), file);
            assertTrue(rows.subList(ra.size(), rows.size()).stream().allMatch(r -> r.get("workshop_id").equals("ws-b")), file);
            for (int i = 0; i < ra.size(); i++) {
                for (Map.Entry<String, String> cell : ra.get(i).entrySet()) {
                    assertEquals(cell.getValue(), rows.get(i).get(cell.getKey()), file + " row " + i + " " + cell.getKey());
                }
            }
        }
    }

    @Test
    void theMatrixHasEveryInterviewOfEveryWorkshopAsAColumn() {
        Map<String, byte[]> study;
        try {
            study = unzip(StudyExport.zip(List.of(A, B), false));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        List<List<String>> matrix = parse(study.get("matrix.csv"));
        assertEquals(List.of("card_id", "ws-a_t1r1", "ws-a_t1r2", "ws-a_t2r1", "ws-a_t2r2", "ws-a_t3r1", "ws-a_t3r2",
                "ws-b_t1r1", "ws-b_t1r2", "ws-b_t2r1", "ws-b_t2r2", "ws-b_t3r1", "ws-b_t3r2"), matrix.get(0));
        List<String> a2 = matrix.stream().filter(r -> r.get(0).equals("A2")).findFirst().orElseThrow();
        assertEquals(List.of("0.8", "0.6", "0.4", "0", "0.2", "0"), a2.subList(1, 7));
        assertEquals(a2.subList(1, 7), a2.subList(7, 13), "the same script in both workshops");
        assertEquals(ScriptedWorkshop.deck().cards().size() + 1, matrix.size());
    }

    @Test
    void aWorkshopTwiceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StudyExport.zip(List.of(A, A), false));
    }

    @Test
    void theCommandLineCombinesArchivesIntoAStudyZip(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.write(a, ArchiveExport.write(A));
        Files.write(b, ArchiveExport.write(B, true));
        Path study = dir.resolve("study.zip");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = CombineArchives.run(new String[]{a.toString(), b.toString(), "-o", study.toString(), "--pseudonymise"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("2 workshops, 12 interviews"), out.toString(StandardCharsets.UTF_8));
        assertEquals(StudyExport.zip(List.of(A, B), true).length, Files.size(study));
        List<Map<String, String>> people = records(unzip(Files.readAllBytes(study)).get("participants.csv"));
        assertEquals(30, people.size());
        assertTrue(people.stream().allMatch(p -> p.get("name").isEmpty()), "pseudonymised");

        assertEquals(2, CombineArchives.run(new String[]{a.toString()}, System.out, new PrintStream(new ByteArrayOutputStream())));
        Files.writeString(dir.resolve("bad.json"), "{}");
        assertEquals(1, CombineArchives.run(new String[]{a.toString(), dir.resolve("bad.json").toString(), "-o", study.toString()},
                System.out, new PrintStream(new ByteArrayOutputStream())));
        assertEquals(1, CombineArchives.run(new String[]{a.toString(), a.toString(), "-o", study.toString()},
                System.out, new PrintStream(new ByteArrayOutputStream())), "the same workshop twice");
    }
}
