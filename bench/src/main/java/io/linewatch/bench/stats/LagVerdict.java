package io.linewatch.bench.stats;

import java.util.List;

/**
 * Whether the storing consumer kept up. The lag (records produced but not yet committed by the
 * group) is sampled once a second; it stayed bounded when its least-squares trend over the
 * measured window grows by less than {@value #MAX_GROWTH} of the accepted record rate and it never
 * exceeded {@value #MAX_SECONDS_BEHIND} seconds of accepted records. A consumer that falls behind
 * shows a slope close to the difference of the two rates; a consumer held at ingest's own lag
 * limit by 429s shows a flat but large lag (data reaches PostgreSQL tens of seconds late): both
 * fail, because neither is "keeping up".
 *
 * @param slopePerSecond lag growth in records per second (negative when it shrank)
 * @param maxLag largest lag sampled in the window, in records
 * @param bounded the verdict
 */
public record LagVerdict(double slopePerSecond, long maxLag, long lastLag, boolean bounded) {

    public static final double MAX_GROWTH = 0.02;
    public static final double MAX_SECONDS_BEHIND = 5.0;

    public record Point(double seconds, long lag) {}

    /** Not bounded without at least two samples and some accepted load: an idle run proves nothing. */
    public static LagVerdict of(List<Point> points, double acceptedRecordsPerSecond) {
        if (points.size() < 2 || acceptedRecordsPerSecond <= 0) {
            return new LagVerdict(0, points.isEmpty() ? 0 : points.get(0).lag(), lastOf(points), false);
        }
        double slope = slope(points);
        long max = points.stream().mapToLong(Point::lag).max().orElse(0);
        boolean flat = slope <= MAX_GROWTH * acceptedRecordsPerSecond;
        boolean small = max <= MAX_SECONDS_BEHIND * acceptedRecordsPerSecond;
        return new LagVerdict(slope, max, lastOf(points), flat && small);
    }

    /** Least-squares slope of lag over time. */
    public static double slope(List<Point> points) {
        int n = points.size();
        double mx = 0;
        double my = 0;
        for (Point p : points) {
            mx += p.seconds();
            my += p.lag();
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (Point p : points) {
            sxy += (p.seconds() - mx) * (p.lag() - my);
            sxx += (p.seconds() - mx) * (p.seconds() - mx);
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }

    private static long lastOf(List<Point> points) {
        return points.isEmpty() ? 0 : points.get(points.size() - 1).lag();
    }
}
