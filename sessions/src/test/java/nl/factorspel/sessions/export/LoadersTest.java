package nl.factorspel.sessions.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loader in the zip reads every file of a real export with the right types, with Python's csv module only. */
class LoadersTest {

    /** What the check prints: per file, rows and the Python types of one row's cells; then joined facts. */
    private static final String CHECK = String.join("\n",
            "import json, sys, load",
            "data = load.joined(load.load(sys.argv[1]))",
            "out = {}",
            "for name, table in data.items():",
            "    if name == 'statements':",
            "        out[name] = [len(table), 'str']",
            "        continue",
            "    types = {}",
            "    for row in table:",
            "        for k, v in row.items():",
            "            if v is not None: types[k] = type(v).__name__",
            "    out[name] = [len(table), types]",
            "p = data['placements_joined'][0]",
            "out['first'] = [p['card_id'], p['statement'], p['profile_id'], p['placer_name'], p['placed_at'].isoformat(), p['on_final_board']]",
            "print(json.dumps(out, sort_keys=True))");

    @Test
    void loadPyReadsEveryFileOfTheZipWithItsTypesAndJoinsThem(@TempDir Path dir) throws Exception {
        ScriptedWorkshop script = ScriptedWorkshop.played(true);
        byte[] zip = CsvExport.zip(script.w, false);
        Map<String, byte[]> files = CsvExportTest.unzip(zip);
        Path zipFile = dir.resolve("export.zip");
        Files.write(zipFile, zip);
        Files.write(dir.resolve("load.py"), files.get("load.py"));
        Files.writeString(dir.resolve("check.py"), CHECK);

        String out = python(dir, "check.py", zipFile.toString());
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        for (String name : CsvExport.FILE_NAMES) {
            if (name.endsWith(".csv")) {
                String key = name.substring(0, name.length() - 4);
                int rows = CsvExportTest.records(files.get(name)).size();
                assertEquals(rows, json.get(key).get(0).intValue(), name);
            }
        }
        assertEquals(ScriptedWorkshop.deck().cards().size(), json.get("statements").get(0).intValue());
        com.fasterxml.jackson.databind.JsonNode placements = json.get("placements").get(1);
        assertEquals("int", placements.get("table").textValue());
        assertEquals("float", placements.get("strength").textValue());
        assertEquals("bool", placements.get("on_final_board").textValue());
        assertEquals("datetime", placements.get("placed_at").textValue());
        assertEquals("str", placements.get("explanation").textValue());
        assertEquals("float", json.get("matrix").get(1).get("t1r1").textValue());
        assertEquals("int", json.get("events").get(1).get("seq").textValue());
        assertEquals(json.get("placements").get(0), json.get("placements_joined").get(0));
        com.fasterxml.jackson.databind.JsonNode first = json.get("first");
        assertEquals(List.of("A2", "A", "Ruud van Dijk", "2025-11-24T09:", "true"), List.of(first.get(0).asText(),
                first.get(2).asText(), first.get(3).asText(), first.get(4).asText().substring(0, 14), first.get(5).asText()));
        assertEquals(ScriptedWorkshop.deck().cards().stream().map(c -> c.id()).toList().indexOf("A2") + 1,
                first.get(1).intValue(), "the statement number of the card");

        String usage = python(dir, "load.py", zipFile.toString());
        assertTrue(usage.contains("placements_joined: 12 rows"), usage);
    }

    @Test
    void loadPyJoinsWithinEachWorkshopOfAStudy(@TempDir Path dir) throws Exception {
        byte[] zip = StudyExport.zip(java.util.List.of(ScriptedWorkshop.played(true, "ws-a").w,
                ScriptedWorkshop.played(true, "ws-b").w), false);
        Path zipFile = dir.resolve("study.zip");
        Files.write(zipFile, zip);
        Files.write(dir.resolve("load.py"), CsvExportTest.unzip(zip).get("load.py"));
        Files.writeString(dir.resolve("check.py"), String.join("\n",
                "import sys, load",
                "d = load.joined(load.load(sys.argv[1]))",
                "rows = d['placements_joined']",
                "print(len(rows), len({(r['workshop_id'], r['placer_participant_key']) for r in rows}),",
                "      sorted({r['placer_name'] for r in rows if r['placed_by_key'] == 'P02'}),",
                "      sum(1 for r in rows if r['statement'] is None))"));
        assertEquals("24 14 ['Ruud van Dijk'] 0", python(dir, "check.py", zipFile.toString()).strip(),
                "every placement joined once, with its own workshop's placer and card");
    }

    private static String python(Path dir, String script, String arg) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", script, arg).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 finished");
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
