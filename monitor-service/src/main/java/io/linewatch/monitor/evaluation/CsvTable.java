package io.linewatch.monitor.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A small delimited text file read whole: a header and rows of cells (no quoting; benchmark files have none). */
record CsvTable(List<String> header, List<String[]> rows) {

    static CsvTable read(Path file, char separator) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(file + ": empty file");
        }
        String split = Pattern.quote(String.valueOf(separator));
        List<String> header = List.of(lines.get(0).trim().split(split, -1));
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(split, -1);
            if (cells.length != header.size()) {
                throw new IOException(
                        file + " line " + (i + 1) + ": " + cells.length + " cells, header has " + header.size());
            }
            rows.add(cells);
        }
        return new CsvTable(header, rows);
    }

    int column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + name + "' in " + header);
        }
        return index;
    }
}
