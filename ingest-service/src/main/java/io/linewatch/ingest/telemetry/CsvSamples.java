package io.linewatch.ingest.telemetry;

import io.linewatch.common.event.Decimals;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * {@code text/csv}: a header {@code machineId,ts,<sensor>,...}, then one sample per line. Cells are
 * plain (no quoting: ids and sensor names cannot contain commas); an empty value cell means that
 * sensor has no reading in that row. Reads line by line, so the body is never held whole.
 */
final class CsvSamples {

    static final int MAX_LINE = 1 << 20;

    private CsvSamples() {}

    static void parse(Reader body, RowSink sink) throws IOException {
        BoundedLineReader lines = new BoundedLineReader(body, MAX_LINE);
        String header = lines.readLine();
        while (header != null && header.isBlank()) {
            header = lines.readLine();
        }
        if (header == null) {
            return;
        }
        if (header.charAt(0) == '\uFEFF') {
            header = header.substring(1); // spreadsheet exports start with a byte-order mark
        }
        String[] sensors = header(header);
        String[] cells = new String[sensors.length];
        long index = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isEmpty()) {
                continue;
            }
            RowDraft row = new RowDraft(index++, sensors.length - 2);
            if (line == BoundedLineReader.TOO_LONG) {
                row.reject("row", Reason.MALFORMED, "line longer than " + MAX_LINE + " characters");
            } else {
                int count = split(line, cells);
                if (count != sensors.length) {
                    row.reject(
                            "row",
                            Reason.MALFORMED,
                            "expected " + sensors.length + " cells as in the header, found "
                                    + (count > sensors.length ? "more" : String.valueOf(count)));
                } else {
                    fill(row, sensors, cells);
                }
            }
            if (!sink.accept(row)) {
                return;
            }
        }
    }

    private static void fill(RowDraft row, String[] sensors, String[] cells) {
        row.machineId = cells[0].isEmpty() ? null : cells[0];
        if (!cells[1].isEmpty()) {
            row.tsPresent = true;
            row.ts = Timestamps.parse(cells[1]);
        }
        for (int i = 2; i < cells.length; i++) {
            String cell = cells[i];
            if (cell.isEmpty()) {
                continue;
            }
            byte[] text = cell.getBytes(StandardCharsets.ISO_8859_1);
            double value = Decimals.parse(text, 0, text.length);
            if (!Double.isNaN(value)) { // a plain decimal: exactly what Double.parseDouble gives, faster
                row.putValue(sensors[i], value);
                continue;
            }
            try {
                value = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                row.rejectNonNumber(sensors[i], cell);
                continue;
            }
            if (Character.isLetter(cell.charAt(cell.length() - 1)) && Double.isFinite(value)) {
                // parseDouble accepts Java suffixes such as "1.5d"; CSV numbers have none.
                row.rejectNonNumber(sensors[i], cell);
                continue;
            }
            row.putValue(sensors[i], value);
        }
    }

    /** Splits on commas into cells; returns the cell count (more than cells.length if too many). */
    private static int split(String line, String[] cells) {
        int count = 0;
        int start = 0;
        while (true) {
            int comma = line.indexOf(',', start);
            int end = comma < 0 ? line.length() : comma;
            if (count < cells.length) {
                cells[count] = line.substring(start, end).trim();
            }
            count++;
            if (comma < 0) {
                return count;
            }
            start = comma + 1;
        }
    }

    private static String[] header(String header) {
        String[] names = header.split(",", -1);
        List<String> problems = new ArrayList<>();
        if (names.length < 3) {
            problems.add("needs machineId, ts and at least one sensor column");
        } else {
            if (!names[0].trim().equalsIgnoreCase("machineId")) {
                problems.add("first column must be 'machineId'");
            }
            if (!names[1].trim().equalsIgnoreCase("ts")) {
                problems.add("second column must be 'ts'");
            }
        }
        HashSet<String> seen = new HashSet<>();
        for (int i = 0; i < names.length; i++) {
            names[i] = names[i].trim();
            if (i >= 2 && (names[i].isEmpty() || !seen.add(names[i]))) {
                problems.add("sensor column " + (i + 1) + " is empty or repeated");
            }
        }
        if (!problems.isEmpty()) {
            throw new MalformedBodyException(0, "CSV header '" + RowDraft.abbreviate(header) + "': " + problems);
        }
        return names;
    }
}
