package io.linewatch.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads what the kernel accounts per process; a process that has gone reads as absent. */
public final class ProcStat {

    /** Kernel clock ticks per second of utime/stime; 100 on every Linux build this runs on. */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcStat() {}

    /** utime + stime of {@code pid} in ticks (plus its reaped children's when {@code withChildren}); -1 if gone. */
    public static long cpuTicks(long pid, boolean withChildren) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        return stat == null ? -1 : cpuTicks(stat, withChildren);
    }

    /** Parses a {@code /proc/<pid>/stat} line: fields after the command name, which may hold spaces and ')'. */
    static long cpuTicks(String stat, boolean withChildren) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state); utime, stime, cutime, cstime are fields 14..17.
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (withChildren) {
            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
        return ticks;
    }

    /** Resident set size in kB, or -1 if the process is gone. */
    public static long rssKb(long pid) {
        String status = read(Path.of("/proc", Long.toString(pid), "status"));
        if (status == null) {
            return -1;
        }
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** Busy and total jiffies of the whole machine from {@code /proc/stat}'s first line. */
    public static long[] machineTicks() {
        String stat = read(Path.of("/proc/stat"));
        String[] f = stat.substring(0, stat.indexOf('\n')).trim().split("\\s+");
        long total = 0;
        long idle = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            long v = Long.parseLong(f[i]);
            total += v;
            if (i == 4 || i == 5) {
                idle += v;
            }
        }
        return new long[] {total - idle, total};
    }

    /** Every process whose command name is {@code comm} (e.g. all PostgreSQL backends). */
    public static List<Long> pidsNamed(String comm) {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String name = p.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    String c = read(p.resolve("comm"));
                    if (c != null && c.trim().equals(comm)) {
                        pids.add(Long.parseLong(name));
                    }
                }
            }
        } catch (IOException e) {
            return pids;
        }
        return pids;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
