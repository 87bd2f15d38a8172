package nl.factorspel.sessions.export;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * One CSV file as RFC 4180 has it: comma-separated, CRLF line ends, fields quoted when they hold a comma,
 * quote or line break, written as UTF-8 with a byte-order mark so spreadsheet programs read the accents.
 * Text that a spreadsheet would run as a formula is neutralised.
 */
final class CsvWriter {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final StringBuilder out = new StringBuilder();

    /** Writes one row; cells are text, numbers, booleans, instants or null (an empty cell). */
    CsvWriter row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(cell(cells.get(i))));
        }
        out.append("\r\n");
        return this;
    }

    byte[] bytes() {
        byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[BOM.length + text.length];
        System.arraycopy(BOM, 0, all, 0, BOM.length);
        System.arraycopy(text, 0, all, BOM.length, text.length);
        return all;
    }

    /** A cell's text: numbers with a dot and no exponent, booleans as true/false, instants in ISO-8601. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? "" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Instant i) {
            return i.toString();
        }
        return neutralise(value.toString());
    }

    /**
     * Text beginning with {@code = + - @}, a tab or a carriage return could be run as a formula by a
     * spreadsheet (CSV injection); a leading apostrophe makes it plain text. Numbers are never text here.
     */
    static String neutralise(String text) {
        if (text.isEmpty()) {
            return text;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + text : text;
    }

    private static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
