package com.rdploomes.worker.admin.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.rdploomes.worker.admin.deadletters.DeadLetterSummary;

/** The list as columns sized to their content, so ids of any length stay readable. */
final class Table {

    private static final String[] HEADINGS = {"CONVERSION ID", "FAILED AT", "REASON", "ATTEMPTS", "HTTP", "E-MAIL", "DETAIL"};
    static final int DETAIL_WIDTH = 70;

    private Table() {
    }

    static void print(PrintWriter out, List<DeadLetterSummary> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADINGS);
        for (DeadLetterSummary row : rows) {
            cells.add(new String[] {
                    row.conversionId(), time(row.failedAt()), row.reason(), Integer.toString(row.attempts()),
                    row.lastHttpStatus() == null || row.lastHttpStatus() == 0 ? "-" : row.lastHttpStatus().toString(),
                    row.email(), shorten(row.detail())});
        }
        int[] widths = new int[HEADINGS.length - 1];
        for (String[] line : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                text.append(String.format("%-" + widths[i] + "s", line[i])).append("  ");
            }
            out.println(text.append(line[widths.length]).toString().stripTrailing());
        }
    }

    static String byReason(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String shorten(String detail) {
        String line = detail == null ? "" : detail.replaceAll("\\s+", " ").trim();
        return line.length() <= DETAIL_WIDTH ? line : line.substring(0, DETAIL_WIDTH - 1) + "…";
    }
}
