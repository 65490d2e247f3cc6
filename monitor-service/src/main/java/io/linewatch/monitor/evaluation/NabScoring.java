package io.linewatch.monitor.evaluation;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * NAB's scoring (v1.1 sweeper): inside a labelled window the first detection earns
 * {@code A_tp x scaledSigmoid(position) / scaledSigmoid(-1)} (earlier is better, the window start
 * earns the full A_tp); a window without detection costs {@code A_fn}; a detection outside any
 * window costs {@code A_fp x scaledSigmoid(distance past the previous window)} (-A_fp before the
 * first window); detections in the probation period are not counted. One threshold for the whole
 * corpus is chosen to maximise the total, and the total is normalised so that flagging nothing
 * scores 0 and a perfect detector 100.
 */
public final class NabScoring {

    /** NAB's standard application profile. */
    public static final Profile STANDARD = new Profile(1.0, 0.11, 1.0);

    private NabScoring() {}

    /** Cost weights of a NAB application profile. */
    public record Profile(double truePositive, double falsePositive, double falseNegative) {}

    /** One file's detector output: a score in [0, 1] per row, its labelled windows and probation length. */
    public record ScoredFile(
            LocalDateTime[] timestamps, double[] scores, List<LocalDateTime[]> windows, int probation) {}

    /** The corpus result at the best threshold. */
    public record Result(
            double normalizedScore, double rawScore, double nullScore, double perfectScore, double threshold) {}

    static double scaledSigmoid(double relativePosition) {
        if (relativePosition > 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
    }

    /** NAB's probation length: 15% of the file, at most 750 rows (15% of 5,000). */
    public static int probation(int rows) {
        return (int) Math.min(Math.floor(0.15 * rows), 0.15 * 5000);
    }

    public static Result score(List<ScoredFile> files, Profile profile) {
        List<Point> points = new ArrayList<>();
        int windows = 0;
        for (int f = 0; f < files.size(); f++) {
            points.addAll(points(files.get(f), f, windows, profile));
            windows += files.get(f).windows().size();
        }
        double nullScore = -profile.falseNegative() * windows;
        double perfect = profile.truePositive() * windows;
        points.sort(Comparator.comparingDouble(Point::score).reversed());
        double[] bestInWindow = new double[windows];
        boolean[] hit = new boolean[windows];
        double falsePositives = 0;
        double windowPart = nullScore;
        double best = nullScore;
        double bestThreshold = 1.1;
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            if (p.window() < 0) {
                falsePositives += p.weighted();
            } else if (!hit[p.window()]) {
                hit[p.window()] = true;
                bestInWindow[p.window()] = p.weighted();
                windowPart += profile.falseNegative() + p.weighted();
            } else if (p.weighted() > bestInWindow[p.window()]) {
                windowPart += p.weighted() - bestInWindow[p.window()];
                bestInWindow[p.window()] = p.weighted();
            }
            boolean lastOfThreshold =
                    i == points.size() - 1 || points.get(i + 1).score() != p.score();
            if (lastOfThreshold && falsePositives + windowPart > best) {
                best = falsePositives + windowPart;
                bestThreshold = p.score();
            }
        }
        double normalized = perfect == nullScore ? 0 : 100 * (best - nullScore) / (perfect - nullScore);
        return new Result(normalized, best, nullScore, perfect, bestThreshold);
    }

    static List<Point> points(ScoredFile file, int fileIndex, int windowOffset, Profile profile) {
        LocalDateTime[] t = file.timestamps();
        int n = t.length;
        int[] windowOf = new int[n];
        java.util.Arrays.fill(windowOf, -1);
        int[][] ranges = new int[file.windows().size()][];
        for (int w = 0; w < ranges.length; w++) {
            LocalDateTime start = file.windows().get(w)[0];
            LocalDateTime end = file.windows().get(w)[1];
            int first = -1;
            int last = -1;
            for (int i = 0; i < n; i++) {
                if (!t[i].isBefore(start) && !t[i].isAfter(end)) {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                    windowOf[i] = w;
                }
            }
            ranges[w] = new int[] {first, last};
        }
        double maxTp = scaledSigmoid(-1.0);
        List<Point> points = new ArrayList<>();
        int prevRight = -1;
        double prevWidth = 0;
        for (int i = 0; i < n; i++) {
            int w = windowOf[i];
            double weighted;
            if (w >= 0) {
                int right = ranges[w][1];
                double width = right - ranges[w][0] + 1;
                weighted = scaledSigmoid(-(right - i + 1) / width) * profile.truePositive() / maxTp;
                if (i == right) {
                    prevRight = right;
                    prevWidth = width;
                }
            } else if (prevRight < 0) {
                weighted = -profile.falsePositive();
            } else {
                double past = Math.abs(prevRight - i) / Math.max(1.0, prevWidth - 1);
                weighted = scaledSigmoid(past) * profile.falsePositive();
            }
            if (i >= file.probation()) {
                points.add(new Point(file.scores()[i], weighted, w < 0 ? -1 : windowOffset + w));
            }
        }
        return points;
    }

    /** A row's score, what detecting it would be worth, and its window (corpus-wide index, -1 outside). */
    record Point(double score, double weighted, int window) {}
}
