package org.invariantlab.api;

import java.util.List;
import org.invariantlab.api.param.ParameterSpec;
import org.pf4j.ExtensionPoint;

/**
 * Common marker of the five InvariantLab extension points.
 *
 * <p>Every extension has a stable, lower-case {@link #id()} (for example {@code kepler},
 * {@code permutation}, {@code ha-jeong}) by which specs and the command line name it, and a one-line
 * {@link #description()}. An extension may declare typed parameters; callers resolve user input against
 * them with {@link org.invariantlab.api.param.Parameters#resolve}.
 *
 * <p>Implementations are annotated with PF4J's {@code @Extension} and built by the host's Guice
 * injector, so they may take {@code @jakarta.inject.Inject} constructors. They must be stateless or
 * immutable: the host may call them from several threads.
 */
public interface LabExtension extends ExtensionPoint {

    /** Ids are lower-case words separated by '-' or '.', e.g. {@code kepler-fixed-l}. */
    String ID_PATTERN = "[a-z][a-z0-9]*([.-][a-z0-9]+)*";

    /** Stable identifier, unique per extension point; matches {@link #ID_PATTERN}. */
    String id();

    /** One line saying what this extension is, shown by listing commands. */
    String description();

    /** Parameters this extension accepts, with their defaults; empty by default. */
    default List<ParameterSpec> parameters() {
        return List.of();
    }
}
