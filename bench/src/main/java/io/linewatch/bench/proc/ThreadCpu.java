package io.linewatch.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU of one process split by thread role, from {@code /proc/<pid>/task/<tid>/stat}: the kernel
 * knows each JVM thread by the first 15 characters of its name ("http-nio-8081-e" for Tomcat's
 * request threads, "kafka-producer-" for the producer's I/O thread, "GC Thread#0" ...), which is
 * enough to tell where a service's CPU goes without a profiler in the measured run.
 */
public final class ThreadCpu {

    private ThreadCpu() {}

    /** Ticks per thread id, with each thread's name. */
    public record Snapshot(Map<Long, String> names, Map<Long, Long> ticks) {}

    public static Snapshot snapshot(long pid) {
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    long tid = Long.parseLong(task.getFileName().toString());
                    names.put(tid, stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
                    ticks.put(tid, ProcStat.cpuTicks(stat, false));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading: its CPU is simply not counted
                }
            }
        } catch (IOException e) {
            return new Snapshot(Map.of(), Map.of());
        }
        return new Snapshot(names, ticks);
    }

    /** Cores used per thread role between two snapshots, largest first. */
    public static Map<String, Double> coresByRole(Snapshot start, Snapshot end, double seconds) {
        Map<String, Double> byRole = new HashMap<>();
        end.ticks().forEach((tid, ticks) -> {
            long delta = ticks - start.ticks().getOrDefault(tid, 0L);
            byRole.merge(role(end.names().get(tid)), delta / ProcStat.TICKS_PER_SECOND / seconds, Double::sum);
        });
        Map<String, Double> sorted = new LinkedHashMap<>();
        byRole.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** A thread's role: its name without the instance number ("GC Thread#1" -> "GC Thread"). */
    static String role(String name) {
        String role = name.replaceAll("[#\\-_ ]*[0-9]+$", "").replaceAll("[#\\-_ ]+$", "");
        return role.isEmpty() ? name : role;
    }
}
