package nl.factorspel.sessions.export;

import nl.factorspel.sessions.export.CsvExport.Column;
import nl.factorspel.sessions.export.CsvExport.FileSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One CSV file of the export before it is written: its columns and its rows of cells. Kept as cells so
 * that a study can put the same file of many workshops together by column name.
 */
final class CsvTable {

    private final FileSpec spec;
    private final List<List<Object>> rows = new ArrayList<>();

    CsvTable(FileSpec spec) {
        this.spec = spec;
    }

    FileSpec spec() {
        return spec;
    }

    List<List<Object>> rows() {
        return rows;
    }

    /** Adds a row; its cells are in column order. */
    CsvTable row(List<?> cells) {
        if (cells.size() != spec.columns().size()) {
            throw new IllegalArgumentException(spec.name() + " has " + spec.columns().size() + " columns, the row " + cells.size());
        }
        rows.add(new ArrayList<>(cells));
        return this;
    }

    /** The cell of a row under a column name; null when the file has no such column. */
    Object cell(List<Object> row, String column) {
        for (int i = 0; i < spec.columns().size(); i++) {
            if (spec.columns().get(i).name().equals(column)) {
                return row.get(i);
            }
        }
        return null;
    }

    byte[] bytes() {
        CsvWriter out = new CsvWriter().row(spec.columns().stream().map(Column::name).toList());
        rows.forEach(out::row);
        return out.bytes();
    }

    static List<Object> cells(Object... values) {
        return Arrays.asList(values);
    }
}
