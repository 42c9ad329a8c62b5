package org.invariantlab.api.param;

/** The value types an extension parameter can have. */
public enum ParameterType {
    /** A finite real number, optionally bounded. */
    REAL,
    /** A whole number, optionally bounded. */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of a fixed list of words. */
    CHOICE
}
