package nl.factorspel.server;

import nl.factorspel.decks.ValidateDeck;

import java.util.Arrays;

/**
 * {@code java -jar factorspel.jar [--port N] [--data DIR] ...} starts the server;
 * {@code java -jar factorspel.jar validate-deck FILE...} checks deck files;
 * {@code java -jar factorspel.jar combine A.json B.json -o study.zip} puts workshops' archives together as one study.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        System.setProperty("hazelcast.logging.type", "slf4j");
        System.setProperty("hazelcast.phone.home.enabled", "false");
        if (args.length > 0 && args[0].equals("validate-deck")) {
            System.exit(ValidateDeck.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("salvage")) {
            System.exit(salvage(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("combine")) {
            System.exit(nl.factorspel.sessions.export.CombineArchives.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("usage: java -jar factorspel.jar [--setting value ...] | validate-deck FILE... | salvage WORKSHOP-ID [--data DIR] | combine ARCHIVE.json... -o STUDY.zip [--pseudonymise]");
            System.out.println("settings (also as FACTORSPEL_<NAME> environment variables or keys of a --config JSON file):");
            // A meaning that explains its own default (e.g. --decks) is not followed by a second one.
            ServerConfig.SETTINGS.forEach((name, v) -> System.out.printf("  --%-28s %s%n", name,
                    v[1].contains("(default") ? v[1] : v[1] + " (default: " + (v[0].isEmpty() ? "none" : v[0]) + ")"));
            return;
        }
        // Off the start's path: the management beans take a few hundred milliseconds to load.
        Thread tuning = new Thread(Main::giveMemoryBackAfterGc, "factorspel-heap-tuning");
        tuning.setDaemon(true);
        tuning.start();
        ServerConfig config;
        try {
            config = ServerConfig.load(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("factorspel: " + e.getMessage() + " (see --help)");
            System.exit(2);
            return;
        }
        FactorspelServer server = new FactorspelServer(config).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
        System.out.println();
        System.out.println("  Factorspel runs. Open " + server.url() + " in a browser to create a workshop.");
        System.out.println();
    }

    /**
     * {@code salvage WORKSHOP-ID [--data DIR]}: keeps every record of a workshop's journal before its damage,
     * copies the original files aside, and reports what was dropped (docs/journal.md). The server must be stopped.
     */
    static int salvage(String[] args) {
        if (args.length < 1 || args[0].startsWith("--")) {
            System.err.println("usage: java -jar factorspel.jar salvage WORKSHOP-ID [--data DIR]");
            return 2;
        }
        ServerConfig config;
        try {
            config = ServerConfig.load(Arrays.copyOfRange(args, 1, args.length), System.getenv());
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("factorspel: " + e.getMessage() + " (see --help)");
            return 2;
        }
        try (nl.factorspel.sessions.journal.Journal journal = new nl.factorspel.sessions.journal.Journal(config.dataDir())) {
            System.out.println(nl.factorspel.sessions.store.Salvage.run(journal, args[0]).describe());
            return 0;
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("factorspel salvage: " + e.getMessage());
            return 1;
        }
    }

    /**
     * A server on a facilitator's laptop keeps what its workshops need, not what its busiest minute needed:
     * after a collection the heap shrinks until at most 30 % of it is free (the JVM's default keeps up to
     * 70 % free, which left the resident memory at about three times the live heap; docs/benchmarks.md).
     * These two settings can be changed while the JVM runs; one given on the command line
     * ({@code -XX:MaxHeapFreeRatio=...}) is left as it is.
     */
    static void giveMemoryBackAfterGc() {
        try {
            var hotspot = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (hotspot.getVMOption("MinHeapFreeRatio").getOrigin() == com.sun.management.VMOption.Origin.DEFAULT
                    && hotspot.getVMOption("MaxHeapFreeRatio").getOrigin() == com.sun.management.VMOption.Origin.DEFAULT) {
                hotspot.setVMOption("MinHeapFreeRatio", "10");
                hotspot.setVMOption("MaxHeapFreeRatio", "30");
            }
        } catch (RuntimeException e) {
            // another JVM without these settings: it keeps its own defaults
        }
    }
}
