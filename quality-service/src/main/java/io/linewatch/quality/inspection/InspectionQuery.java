package io.linewatch.quality.inspection;

import java.time.Instant;

/** Filters of the inspection search; null means "any". Newest first, at most {@code limit}. */
record InspectionQuery(
        String line, String station, String productType, String verdict, Instant from, Instant to, int limit) {}
