package io.linewatch.common.web;

import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/** Checks of names that arrive in paths and bodies (ids, model names, aliases, types). */
public final class Names {

    /** 1-100 characters of letters, digits, '.', '_' and '-'. */
    public static final Pattern SIMPLE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private Names() {}

    /**
     * {@code value} when it matches {@link #SIMPLE}, else a 400 {@code validation} problem naming
     * {@code field}.
     */
    public static String require(String field, String value) {
        if (value == null || !SIMPLE.matcher(value).matches()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    ProblemTypes.VALIDATION,
                    field + " must be 1-100 characters of letters, digits, '.', '_' or '-'"
                            + (value == null ? " and is missing" : ", not '" + value + "'"),
                    Map.of("field", field));
        }
        return value;
    }
}
