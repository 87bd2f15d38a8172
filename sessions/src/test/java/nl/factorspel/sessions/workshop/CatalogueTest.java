package nl.factorspel.sessions.workshop;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalogue is complete: a command or event that it does not describe fails here, not silently elsewhere. */
class CatalogueTest {

    @Test
    void everyCommandTypeHasAnEntryWithAPermissionRowAndItsEvents() {
        Set<Class<?>> described = Catalogue.commands().stream().map(Catalogue.CommandSpec::type).collect(Collectors.toSet());
        for (Class<? extends Command> type : Catalogue.concrete(Command.class)) {
            assertTrue(described.contains(type), type.getSimpleName() + " is missing from the Catalogue");
            Catalogue.CommandSpec spec = Catalogue.command(type);
            assertFalse(spec.events().isEmpty(), spec.name() + " names the events it produces");
            if (spec.fromClient()) {
                assertTrue(spec.action() != null, spec.name() + " has a row in the permission matrix");
            }
            assertEquals(Command.TableCommand.class.isAssignableFrom(type), spec.stream() == Catalogue.Stream.TABLE, spec.name() + "'s stream");
        }
        assertEquals(Catalogue.concrete(Command.class).size(), Catalogue.commands().size());
    }

    @Test
    void everyEventTypeHasAWireNameAndSomeCommandProducesIt() {
        Set<Class<?>> produced = new HashSet<>();
        Catalogue.commands().forEach(c -> produced.addAll(c.events()));
        for (Class<? extends Event> type : Catalogue.concrete(Event.class)) {
            Catalogue.EventSpec spec = Catalogue.event(type);
            assertEquals(Event.TableEvent.class.isAssignableFrom(type), spec.stream() == Catalogue.Stream.TABLE);
            assertTrue(produced.contains(type), spec.name() + " (" + type.getSimpleName() + ") is produced by no command in the Catalogue");
        }
    }

    @Test
    void theServedCatalogueNamesEveryClientCommandSeatRolePhaseAndTheMatrix() {
        JsonNode json = Catalogue.toJson();
        assertEquals(Catalogue.VERSION, json.get("version").intValue());
        List<String> types = json.get("commands").findValuesAsText("type");
        assertTrue(types.containsAll(List.of("placeCard", "writeNote", "startRound", "showPlenary", "leave")), types.toString());
        assertFalse(types.contains("create") || types.contains("join") || types.contains("expireClock"), "server-issued commands are not offered to clients");
        assertEquals(Seat.values().length, json.get("seats").size());
        assertEquals("respondent", json.get("seats").get(1).get("role").asText());
        assertEquals(Phase.values().length, json.get("phases").size());
        assertEquals(Set.of("facilitator", "interviewer", "respondent", "shared"), toSet(json.get("permissions").get("layCards")));
        assertEquals(Set.of("layCards", "chooseProfile", "recordAttributes"), toSet(json.get("respondentOfRoundOnly")));
        assertEquals("fs.table.{workshopId}.{table}", json.get("addresses").get("table").asText());
        assertEquals(Catalogue.tableAddress("w1", 3), "fs.table.w1.3");
    }

    @Test
    void streamAddressesAreBuiltAndReadInOnePlace() {
        for (int table : new int[] {1, 12, 300}) {
            assertEquals(new Catalogue.Address(Catalogue.StreamKind.TABLE, "w-1", table), Catalogue.address(Catalogue.tableAddress("w-1", table)).orElseThrow());
            assertEquals(new Catalogue.Address(Catalogue.StreamKind.MOTION, "w-1", table), Catalogue.address(Catalogue.motionAddress("w-1", table)).orElseThrow());
        }
        assertEquals(new Catalogue.Address(Catalogue.StreamKind.WORKSHOP, "w_2", null), Catalogue.address(Catalogue.workshopAddress("w_2")).orElseThrow());
        assertEquals(new Catalogue.Address(Catalogue.StreamKind.PRESENCE, "w_2", null), Catalogue.address(Catalogue.presenceAddress("w_2")).orElseThrow());
        assertEquals(Catalogue.tableAddress("w_2", 3), Catalogue.streamAddress("w_2", 3), "an event of table 3 goes out on its stream");
        assertEquals(Catalogue.workshopAddress("w_2"), Catalogue.streamAddress("w_2", null), "an event of no table goes out on the workshop's");
        for (String bad : new String[] {"fs.table.w1", "fs.table.w1.0", "fs.table.w1.01", "fs.table.w1.1.2", "fs.table.w1.x", "fs.workshop.w1.1",
                "fs.workshop.", "fs.command", "xs.table.w1.1", "", "fs.table..1", "fs.other.w1"}) {
            assertTrue(Catalogue.address(bad).isEmpty(), "not a stream address: '" + bad + "'");
        }
    }

    private static Set<String> toSet(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
