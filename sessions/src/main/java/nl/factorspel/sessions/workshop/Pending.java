package nl.factorspel.sessions.workshop;

/** An event decided but not yet numbered: for the workshop stream ({@code table} null) or one table. */
public record Pending(Integer table, Event event) {

    public static Pending workshop(Event.WorkshopEvent event) {
        return new Pending(null, event);
    }

    public static Pending table(int table, Event.TableEvent event) {
        return new Pending(table, event);
    }
}
