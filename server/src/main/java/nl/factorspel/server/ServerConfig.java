package nl.factorspel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.factorspel.sessions.workshop.Limits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All configuration in one place. Each setting has a name used three ways: a key in the JSON config
 * file ({@code port}), an environment variable ({@code FACTORSPEL_PORT}) and a flag ({@code --port}).
 * Later sources win: defaults, then the file, then the environment, then flags.
 */
public record ServerConfig(
        String host, int port, Path dataDir, Path decksDir, Path webroot, String publicUrl,
        int maxFrameBytes, int commandsPerSecond, int commandBurst, int motionPerSecond, int joinsPerMinute,
        int maxWorkshops, int retentionDays, int tokenLifetimeSeconds, boolean createRequiresToken,
        String operatorToken, Limits limits, boolean cluster, String clusterHost, int clusterPort,
        List<String> clusterMembers, int clusterBackups, int clusterBusPort, List<String> trustedProxies,
        int creationsPerHour, boolean websocketCompression, int eventLoops) {

    /** Every setting: name, default, and what it means (the documentation in docs/configuration.md mirrors this). */
    public static final Map<String, String[]> SETTINGS = new LinkedHashMap<>();

    static {
        s("host", "0.0.0.0", "address to listen on");
        s("port", "8080", "HTTP port (0 picks a free one)");
        s("data", "./data", "folder for the journal of every workshop");
        s("decks", "", "extra folder of deck files (*.json) loaded beside the bundled decks; uploads are saved here (default: <data>/decks)");
        s("webroot", "", "serve the web client from this folder instead of the jar (for developing the client)");
        s("public-url", "", "the URL people open, for join links and QR codes (default: http://<this machine's address>:<port>)");
        s("max-frame-bytes", "16384", "largest bridge frame accepted");
        s("commands-per-second", "20", "sustained commands per second per connection");
        s("command-burst", "40", "commands one connection may send at once before it is slowed");
        s("motion-per-second", "20", "drag-motion messages per second per connection; more are dropped");
        s("joins-per-minute", "20", "join attempts per client address per minute (protects the join code from guessing; see trusted-proxies)");
        s("max-workshops", "200", "workshops one server holds");
        s("retention-days", "30", "workshops not written to for this many days are deleted");
        s("token-lifetime-seconds", "2592000", "how long a token works after its workshop was created (30 days)");
        s("create-requires-token", "false", "only the operator token may create or import workshops and upload decks");
        s("operator-token", "", "the operator's token: opens workshops when creation is restricted, lists and deletes workshops at /api/admin/workshops");
        s("max-tables", "200", "tables per workshop");
        s("max-participants-per-table", "6", "people per table (five seats and a shared laptop)");
        s("max-explanation", "2000", "characters in a card's explanation");
        s("max-note", "10000", "characters in a reporter's note");
        s("max-annotation", "1000", "characters in an annotation");
        s("cluster", "false", "join a Hazelcast cluster (see docs/cluster.md)");
        s("cluster-host", "127.0.0.1", "this member's cluster address");
        s("cluster-port", "5701", "this member's cluster port");
        s("cluster-members", "", "comma-separated host:port of every member, the same list on each (TCP-IP join)");
        s("cluster-backups", "1", "synchronous backups of each workshop's state");
        s("cluster-bus-port", "0", "this member's event-bus port for the other members (0 picks a free one)");
        s("trusted-proxies", "", "comma-separated addresses or CIDR networks of reverse proxies whose X-Forwarded-For names the client (see docs/cluster.md)");
        s("creations-per-hour", "20", "workshops one client address may create or import per hour (the operator token is not limited)");
        s("event-loops", "0", "event loops that serve HTTP and websockets (0: one per core)");
        s("websocket-compression", "false", "accept permessage-deflate on websockets (costs about 300 KiB of memory per connection and latency; see docs/benchmarks.md)");
    }

    private static void s(String name, String value, String meaning) {
        SETTINGS.put(name, new String[]{value, meaning});
    }

    /** Reads the settings from a config file (if named), the environment and the command line. */
    public static ServerConfig load(String[] args, Map<String, String> env) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        SETTINGS.forEach((k, v) -> values.put(k, v[0]));
        Map<String, String> flags = flags(args);
        String configFile = flags.getOrDefault("config", env.get("FACTORSPEL_CONFIG"));
        if (configFile != null && !configFile.isBlank()) {
            JsonNode file = new ObjectMapper().readTree(Files.readString(Path.of(configFile)));
            file.fields().forEachRemaining(e -> put(values, e.getKey(), e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString()));
        }
        for (String name : SETTINGS.keySet()) {
            String fromEnv = env.get("FACTORSPEL_" + name.toUpperCase().replace('-', '_'));
            if (fromEnv != null) {
                values.put(name, fromEnv);
            }
        }
        flags.forEach((k, v) -> {
            if (!k.equals("config")) {
                put(values, k, v);
            }
        });
        return from(values);
    }

    private static void put(Map<String, String> values, String name, String value) {
        if (!SETTINGS.containsKey(name)) {
            throw new IllegalArgumentException("unknown setting \"" + name + "\"; known: " + String.join(", ", SETTINGS.keySet()));
        }
        values.put(name, value);
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument \"" + a + "\"");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (name.equals("cluster") || name.equals("create-requires-token")) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            flags.put(name, value);
        }
        return flags;
    }

    static ServerConfig from(Map<String, String> v) {
        Path data = Path.of(v.get("data"));
        Limits d = Limits.DEFAULT;
        Limits limits = new Limits(d.maxName(), d.maxTitle(), i(v, "max-explanation"), i(v, "max-note"),
                i(v, "max-annotation"), d.maxReflection(), d.maxBroadcast(), d.maxLinkLabel(), d.maxDiscussionAnswer(),
                d.maxLinksPerRound(), d.maxAnnotationsPerRound(), i(v, "max-tables"), i(v, "max-participants-per-table"));
        List<String> members = list(v.get("cluster-members"));
        List<String> proxies = list(v.get("trusted-proxies"));
        new ClientAddress(proxies); // a malformed entry stops the start here, naming the setting
        return new ServerConfig(v.get("host"), i(v, "port"), data,
                v.get("decks").isBlank() ? data.resolve("decks") : Path.of(v.get("decks")),
                v.get("webroot").isBlank() ? null : Path.of(v.get("webroot")),
                v.get("public-url").isBlank() ? null : v.get("public-url").replaceAll("/+$", ""),
                i(v, "max-frame-bytes"), i(v, "commands-per-second"), i(v, "command-burst"), i(v, "motion-per-second"),
                i(v, "joins-per-minute"), i(v, "max-workshops"), i(v, "retention-days"), i(v, "token-lifetime-seconds"),
                Boolean.parseBoolean(v.get("create-requires-token")),
                v.get("operator-token").isBlank() ? null : v.get("operator-token"), limits,
                Boolean.parseBoolean(v.get("cluster")), v.get("cluster-host"), i(v, "cluster-port"), members,
                i(v, "cluster-backups"), i(v, "cluster-bus-port"), proxies, i(v, "creations-per-hour"),
                Boolean.parseBoolean(v.get("websocket-compression")), i(v, "event-loops"));
    }

    /** A comma-separated setting as its non-blank items. */
    private static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return List.copyOf(items);
    }

    private static int i(Map<String, String> v, String name) {
        try {
            return Integer.parseInt(v.get(name).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting \"" + name + "\" must be a whole number, not \"" + v.get(name) + "\"");
        }
    }

    /** Defaults for tests: a random port and the given data folder. */
    public static ServerConfig forTests(Path dataDir) {
        Map<String, String> values = new LinkedHashMap<>();
        SETTINGS.forEach((k, v) -> values.put(k, v[0]));
        values.put("port", "0");
        values.put("host", "127.0.0.1");
        values.put("data", dataDir.toString());
        values.put("creations-per-hour", "100000"); // tests open many workshops from one address; GateHttpTest sets it low
        return from(values);
    }

    /** A copy with some settings changed, by name, for tests. */
    public ServerConfig with(Map<String, String> changes) {
        Map<String, String> values = new LinkedHashMap<>();
        SETTINGS.forEach((k, v) -> values.put(k, v[0]));
        values.put("host", host);
        values.put("port", Integer.toString(port));
        values.put("data", dataDir.toString());
        values.put("decks", decksDir.toString());
        values.put("max-frame-bytes", Integer.toString(maxFrameBytes));
        values.put("commands-per-second", Integer.toString(commandsPerSecond));
        values.put("command-burst", Integer.toString(commandBurst));
        values.put("joins-per-minute", Integer.toString(joinsPerMinute));
        values.put("motion-per-second", Integer.toString(motionPerSecond));
        values.put("max-workshops", Integer.toString(maxWorkshops));
        values.put("token-lifetime-seconds", Integer.toString(tokenLifetimeSeconds));
        values.put("creations-per-hour", Integer.toString(creationsPerHour));
        values.put("trusted-proxies", String.join(",", trustedProxies));
        values.put("websocket-compression", Boolean.toString(websocketCompression));
        values.put("event-loops", Integer.toString(eventLoops));
        changes.forEach((k, val) -> put(values, k, val));
        return from(values);
    }

    public Duration tokenLifetime() {
        return Duration.ofSeconds(tokenLifetimeSeconds);
    }
}
