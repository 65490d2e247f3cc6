package io.linewatch.monitor.trainingjob;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a CSV in the format of {@code train --csv}: a header row, one row per sample in time
 * order, every column not skipped is a sensor. Streams the file and stops at {@code maxRows} so a
 * huge file cannot exhaust memory.
 */
record CsvTrainingData(List<String> sensors, double[][] rows) {

    static CsvTrainingData read(Path csv, String separator, List<String> skip, int maxRows) throws IOException {
        String split = Pattern.quote(separator);
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String headerLine = reader.readLine();
            if (headerLine == null) {
                throw new IOException(csv.getFileName() + ": empty file");
            }
            String[] header = headerLine.trim().split(split, -1);
            List<Integer> columns = new ArrayList<>();
            List<String> sensors = new ArrayList<>();
            for (int c = 0; c < header.length; c++) {
                if (!skip.contains(header[c])) {
                    columns.add(c);
                    sensors.add(header[c]);
                }
            }
            if (sensors.isEmpty()) {
                throw new IOException(csv.getFileName() + ": no sensor columns left after skipping " + skip);
            }
            List<double[]> rows = new ArrayList<>();
            int lineNumber = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (rows.size() >= maxRows) {
                    throw new IOException(csv.getFileName() + ": more than " + maxRows + " rows (max-rows)");
                }
                String[] cells = line.trim().split(split, -1);
                if (cells.length != header.length) {
                    throw new IOException(csv.getFileName() + " line " + lineNumber + ": " + cells.length
                            + " cells, header has " + header.length);
                }
                double[] row = new double[columns.size()];
                for (int s = 0; s < row.length; s++) {
                    try {
                        row[s] = Double.parseDouble(cells[columns.get(s)]);
                    } catch (NumberFormatException e) {
                        throw new IOException(csv.getFileName() + " line " + lineNumber + " column " + sensors.get(s)
                                + ": not a number");
                    }
                }
                rows.add(row);
            }
            return new CsvTrainingData(List.copyOf(sensors), rows.toArray(double[][]::new));
        }
    }
}
