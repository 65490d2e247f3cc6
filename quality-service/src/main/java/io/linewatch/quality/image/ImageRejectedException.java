package io.linewatch.quality.image;

/** An upload or file that is not a usable image; {@link #reason()} says which rule it broke. */
public final class ImageRejectedException extends Exception {

    /** Why an image was refused; stable names that callers map to problem types. */
    public enum Reason {
        EMPTY,
        TOO_LARGE,
        NOT_AN_IMAGE,
        UNSUPPORTED_FORMAT,
        TOO_MANY_PIXELS,
        TRUNCATED
    }

    private final Reason reason;

    public ImageRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ImageRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
