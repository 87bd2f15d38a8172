package nl.factorspel.sessions.workshop;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/protocol.md and docs/events.md say what the catalogue says: their tables fail here when they drift. */
class DocsAgreeWithCatalogueTest {

    private static final Pattern CODE = Pattern.compile("`([a-zA-Z]+)`");

    @Test
    void theProtocolDocListsEveryClientCommandInItsStreamsTableWithItsEvents() throws Exception {
        String doc = Files.readString(Path.of("../docs/protocol.md"));
        for (Catalogue.Stream stream : Catalogue.Stream.values()) {
            String heading = stream == Catalogue.Stream.TABLE ? "### Table commands" : "### Workshop commands";
            Map<String, String> rows = rows(section(doc, heading));
            Set<String> expected = new TreeSet<>();
            for (Catalogue.CommandSpec c : Catalogue.commands()) {
                if (c.fromClient() && c.stream() == stream) {
                    expected.add(c.name());
                    String row = rows.get(c.name());
                    if (row == null) {
                        continue;
                    }
                    for (Class<? extends Event> e : c.events()) {
                        String name = Catalogue.event(e).name();
                        assertTrue(row.contains(name), "docs/protocol.md: the row of " + c.name() + " does not name its event " + name);
                    }
                }
            }
            assertEquals(expected, new TreeSet<>(rows.keySet()), "docs/protocol.md, " + heading + ": the commands of the catalogue");
        }
    }

    @Test
    void theEventsDocsPermissionMatrixIsTheCatalogues() throws Exception {
        String doc = Files.readString(Path.of("../docs/events.md"));
        String matrix = section(doc, "| action (commands) |");
        List<String> lines = matrix.lines().filter(l -> l.startsWith("|")).toList();
        List<String> header = cells(lines.get(0));
        Set<String> covered = new TreeSet<>();
        for (String line : lines.subList(2, lines.size())) {
            List<String> cells = cells(line);
            List<String> commands = codes(cells.get(0));
            if (commands.isEmpty()) {
                continue;
            }
            covered.addAll(commands);
            Action action = null;
            for (String name : commands) {
                Catalogue.CommandSpec spec = Catalogue.command(name).orElseGet(() -> Catalogue.commands().stream()
                        .filter(c -> c.type().getSimpleName().equals(name)).findFirst().orElseThrow(
                                () -> new AssertionError("docs/events.md names " + name + ", which the catalogue does not know")));
                if (action == null) {
                    action = spec.action();
                }
                assertEquals(action, spec.action(), "docs/events.md puts " + name + " in the row of " + action);
            }
            if (cells.size() < header.size() || action == Action.BLOW_WHISTLE) {
                continue;
            }
            for (int col = 1; col < header.size(); col++) {
                Role role = roleOf(header.get(col));
                String said = cells.get(col).toLowerCase();
                boolean allowed = Permissions.rolesFor(action).contains(role);
                assertEquals(allowed, !said.equals("no"), "docs/events.md: " + header.get(col) + " for " + commands + " says " + said);
                if (role == Role.RESPONDENT && allowed) {
                    assertEquals(Permissions.respondentOfRoundOnly().contains(action), said.contains("own round"),
                            "docs/events.md: respondents and " + commands);
                }
            }
        }
        Set<String> expected = new TreeSet<>();
        Catalogue.commands().stream().filter(c -> c.action() != null && c.action() != Action.BLOW_WHISTLE).forEach(c -> expected.add(c.name()));
        covered.removeIf(name -> Catalogue.command(name).isEmpty());
        assertTrue(covered.containsAll(expected), "docs/events.md's matrix lacks " + difference(expected, covered));
    }

    private static Role roleOf(String header) {
        return header.equals("shared laptop") ? Role.SHARED : Role.of(header);
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    /** The text from a heading (or a line start) to the next heading. */
    private static String section(String doc, String start) {
        int from = doc.indexOf(start);
        assertTrue(from >= 0, "the docs have no " + start);
        int end = doc.indexOf("\n#", from + start.length());
        return doc.substring(from, end < 0 ? doc.length() : end);
    }

    /** A table's rows by the command in their first cell. */
    private static Map<String, String> rows(String section) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : section.lines().filter(l -> l.startsWith("| `")).toList()) {
            List<String> codes = codes(cells(line).get(0));
            rows.put(codes.get(0), line);
        }
        return rows;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String c : line.substring(1, line.length() - (line.endsWith("|") ? 1 : 0)).split("\\|", -1)) {
            cells.add(c.strip());
        }
        return cells;
    }

    private static List<String> codes(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
