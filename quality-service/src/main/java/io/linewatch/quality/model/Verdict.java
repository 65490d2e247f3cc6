package io.linewatch.quality.model;

/** What the line does with a part: pass it, reject it, or let a person decide. */
public enum Verdict {
    PASS,
    FAIL,
    REVIEW
}
