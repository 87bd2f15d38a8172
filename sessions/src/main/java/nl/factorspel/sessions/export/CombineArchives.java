package nl.factorspel.sessions.export;

import nl.factorspel.sessions.workshop.Workshop;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar factorspel.jar combine a.json b.json ... -o study.zip [--pseudonymise]}: several
 * workshops' archives ({@code export.json}) into one study (see {@link StudyExport}).
 */
public final class CombineArchives {

    static final String USAGE = "usage: java -jar factorspel.jar combine ARCHIVE.json... -o STUDY.zip [--pseudonymise]";

    private CombineArchives() {
    }

    /** Runs the command; answers the exit code (0 done, 1 an archive is bad, 2 wrong arguments). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> archives = new ArrayList<>();
        Path target = null;
        boolean pseudonymise = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-o") || args[i].equals("--output")) {
                if (i + 1 == args.length) {
                    err.println(USAGE);
                    return 2;
                }
                target = Path.of(args[++i]);
            } else if (args[i].equals("--pseudonymise")) {
                pseudonymise = true;
            } else if (args[i].startsWith("-")) {
                err.println("unknown option " + args[i] + "\n" + USAGE);
                return 2;
            } else {
                archives.add(Path.of(args[i]));
            }
        }
        if (archives.isEmpty() || target == null) {
            err.println(USAGE);
            return 2;
        }
        List<Workshop> workshops = new ArrayList<>();
        for (Path archive : archives) {
            try {
                workshops.add(Workshop.replay(ArchiveExport.read(Files.readAllBytes(archive))));
            } catch (IOException e) {
                err.println(archive + ": cannot be read: " + e.getMessage());
                return 1;
            } catch (InvalidArchiveException e) {
                err.println(archive + ": " + e.getMessage());
                return 1;
            }
        }
        try {
            Files.write(target, StudyExport.zip(workshops, pseudonymise));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println(target + ": cannot be written: " + e.getMessage());
            return 1;
        }
        out.println(target + ": " + workshops.size() + " workshops, "
                + workshops.stream().mapToInt(w -> RoundHistory.of(w).size()).sum() + " interviews");
        return 0;
    }
}
