package io.linewatch.ingest.telemetry;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Parses a sample's {@code ts} to epoch milliseconds without allocating an {@code Instant} for the
 * common shapes: digits (epoch ms) and {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm)}. Anything
 * else falls back to {@link OffsetDateTime#parse}. Parsing into {@code Instant} per sample halves
 * the ingest rate, hence the hand-written path.
 */
final class Timestamps {

    /** Returned for text that is no timestamp. */
    static final long INVALID = Long.MIN_VALUE;

    private Timestamps() {}

    static long parse(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return INVALID;
        }
        if (allDigits(s, n)) {
            return n > 18 ? INVALID : digits(s, 0, n);
        }
        long fast = iso(s, n);
        if (fast != INVALID) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return INVALID;
        }
    }

    private static boolean allDigits(CharSequence s, int n) {
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long iso(CharSequence s, int n) {
        if (n < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return INVALID;
        }
        long year = digits(s, 0, 4);
        long month = digits(s, 5, 7);
        long day = digits(s, 8, 10);
        long hour = digits(s, 11, 13);
        long minute = digits(s, 14, 16);
        long second = digits(s, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
            return INVALID;
        }
        int i = 19;
        long millis = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (i - start < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            if (i == start) {
                return INVALID;
            }
            for (int k = i - start; k < 3; k++) {
                millis *= 10;
            }
        }
        long offsetSeconds;
        if (i == n - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            long h = digits(s, i + 1, i + 3);
            long m = digits(s, i + 4, i + 6);
            if (h < 0 || m < 0 || h > 18 || m > 59) {
                return INVALID;
            }
            offsetSeconds = (h * 3600 + m * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return INVALID;
        }
        if (day > lengthOfMonth(year, month)) {
            return INVALID;
        }
        long epochDay = epochDay(year, month, day);
        long seconds = epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds;
        return seconds * 1000 + millis;
    }

    /** Digits in [from, to) as a number, or -1 if any is not a digit. */
    private static long digits(CharSequence s, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int lengthOfMonth(long year, long month) {
        return switch ((int) month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
    private static long epochDay(long year, long month, long day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
