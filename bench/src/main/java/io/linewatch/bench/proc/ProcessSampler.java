package io.linewatch.bench.proc;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Samples CPU, RSS and heap of named processes once a second (the caller's clock drives {@link
 * #tick()}). A "process" may be several OS processes (PostgreSQL's postmaster and backends); their
 * CPU is summed, including reaped children's.
 */
public final class ProcessSampler implements AutoCloseable {

    /** Figures of one process group over the measured window. */
    public record Usage(
            String name,
            double avgCores,
            double peakCores,
            long maxRssMb,
            long maxHeapUsedMb,
            long maxHeapCommittedMb) {}

    private static final class Target {
        final String name;
        final Supplier<List<Long>> pids;
        final JstatReader jstat;
        final boolean self;
        long startTicks = -1;
        long lastTicks = -1;
        long lastNanos;
        double peakCores;
        long maxRssKb;
        long maxHeapUsedKb = -1;
        long maxHeapCommittedKb = -1;
        ThreadCpu.Snapshot threadsAtStart;
        ThreadCpu.Snapshot threadsAtEnd;

        Target(String name, Supplier<List<Long>> pids, JstatReader jstat, boolean self) {
            this.name = name;
            this.pids = pids;
            this.jstat = jstat;
            this.self = self;
        }
    }

    private final List<Target> targets = new ArrayList<>();
    private long windowStartNanos;
    private long windowEndNanos;
    private long[] machineStart;
    private long[] machineEnd;
    private boolean inWindow;

    /** A single JVM: CPU from /proc, heap from jstat. */
    public void addJvm(String name, long pid) throws IOException {
        targets.add(new Target(name, () -> List.of(pid), new JstatReader(pid), false));
    }

    /** All processes named {@code comm} (not JVMs), e.g. PostgreSQL's. */
    public void addByName(String name, String comm) {
        targets.add(new Target(name, () -> ProcStat.pidsNamed(comm), null, false));
    }

    /** This JVM: heap from its own MemoryMXBean. */
    public void addSelf(String name) {
        long pid = ProcessHandle.current().pid();
        targets.add(new Target(name, () -> List.of(pid), null, true));
    }

    public synchronized void startWindow() {
        windowStartNanos = System.nanoTime();
        machineStart = ProcStat.machineTicks();
        inWindow = true;
        for (Target t : targets) {
            t.startTicks = ticks(t);
            t.lastTicks = t.startTicks;
            t.lastNanos = windowStartNanos;
            if (t.jstat != null) {
                t.threadsAtStart = ThreadCpu.snapshot(t.pids.get().get(0));
            }
        }
    }

    /** One sample of every target; call about once a second. */
    public synchronized void tick() {
        if (!inWindow) {
            return;
        }
        long now = System.nanoTime();
        for (Target t : targets) {
            long ticks = ticks(t);
            double seconds = (now - t.lastNanos) / 1e9;
            if (ticks >= 0 && t.lastTicks >= 0 && seconds > 0.5) {
                t.peakCores = Math.max(t.peakCores, (ticks - t.lastTicks) / ProcStat.TICKS_PER_SECOND / seconds);
                t.lastTicks = ticks;
                t.lastNanos = now;
            }
            long rss = 0;
            for (long pid : t.pids.get()) {
                rss += Math.max(0, ProcStat.rssKb(pid));
            }
            t.maxRssKb = Math.max(t.maxRssKb, rss);
            long used;
            long committed;
            if (t.self) {
                var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                used = heap.getUsed() / 1024;
                committed = heap.getCommitted() / 1024;
            } else if (t.jstat != null) {
                used = t.jstat.usedKb();
                committed = t.jstat.committedKb();
            } else {
                continue;
            }
            t.maxHeapUsedKb = Math.max(t.maxHeapUsedKb, used);
            t.maxHeapCommittedKb = Math.max(t.maxHeapCommittedKb, committed);
        }
    }

    public synchronized void endWindow() {
        tick();
        windowEndNanos = System.nanoTime();
        machineEnd = ProcStat.machineTicks();
        inWindow = false;
        for (Target t : targets) {
            t.lastTicks = ticks(t);
            if (t.jstat != null) {
                t.threadsAtEnd = ThreadCpu.snapshot(t.pids.get().get(0));
            }
        }
    }

    /** Cores per thread role of each JVM over the window, largest first. */
    public synchronized Map<String, Map<String, Double>> threadRoles() {
        double seconds = (windowEndNanos - windowStartNanos) / 1e9;
        Map<String, Map<String, Double>> roles = new LinkedHashMap<>();
        for (Target t : targets) {
            if (t.threadsAtStart != null && t.threadsAtEnd != null) {
                roles.put(t.name, ThreadCpu.coresByRole(t.threadsAtStart, t.threadsAtEnd, seconds));
            }
        }
        return roles;
    }

    /** Per-process figures of the window, in the order the processes were added. */
    public synchronized Map<String, Usage> usage() {
        double seconds = (windowEndNanos - windowStartNanos) / 1e9;
        Map<String, Usage> usage = new LinkedHashMap<>();
        for (Target t : targets) {
            double avg = t.startTicks < 0 || t.lastTicks < 0
                    ? -1
                    : (t.lastTicks - t.startTicks) / ProcStat.TICKS_PER_SECOND / seconds;
            usage.put(
                    t.name,
                    new Usage(
                            t.name,
                            avg,
                            t.peakCores,
                            t.maxRssKb / 1024,
                            t.maxHeapUsedKb < 0 ? -1 : t.maxHeapUsedKb / 1024,
                            t.maxHeapCommittedKb < 0 ? -1 : t.maxHeapCommittedKb / 1024));
        }
        return usage;
    }

    /** Busy cores of the whole machine over the window (all processes, including other users'). */
    public synchronized double machineBusyCores() {
        double jiffies = machineEnd[1] - machineStart[1];
        int cpus = Runtime.getRuntime().availableProcessors();
        return jiffies <= 0 ? 0 : cpus * (machineEnd[0] - machineStart[0]) / jiffies;
    }

    private static long ticks(Target t) {
        long sum = 0;
        boolean any = false;
        for (long pid : t.pids.get()) {
            long ticks = ProcStat.cpuTicks(pid, true);
            if (ticks >= 0) {
                sum += ticks;
                any = true;
            }
        }
        return any ? sum : -1;
    }

    @Override
    public void close() {
        for (Target t : targets) {
            if (t.jstat != null) {
                t.jstat.close();
            }
        }
    }
}
