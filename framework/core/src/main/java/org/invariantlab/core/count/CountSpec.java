package org.invariantlab.core.count;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.core.job.DataFile;

/**
 * Everything one count needs, as a value: what to count (a system with its parameters, or a file of measured
 * trajectories with its conjugate pairs) and how ({@link CountSettings}, the trajectory check's horizon). The CLI's
 * {@code count} and every counting cell of a comparison grid are one of these, run by {@link CountJob}.
 *
 * @param system       the system id, or null with a file
 * @param parameters   the system's parameters (unresolved), empty with a file
 * @param file         the data file, or null with a system
 * @param canonical    a file's conjugate pairs as {@code Q,..:P,..}, or null
 * @param settings     training and decision settings
 * @param checkHorizon a system's test trajectories span this many times its {@code tMax}; a file's training and
 *                     validation trajectories keep the first {@code 1/H} of their time span while its test
 *                     trajectories are judged over all of it (1 = the same span; NaN = the default of the data: 1 for
 *                     a system, {@value #FILE_CHECK_HORIZON} for a file)
 * @param features     extra library terms for reading the counted quantities, name to formula
 */
public record CountSpec(String system, Map<String, String> parameters, DataFile file, String canonical,
                        CountSettings settings, double checkHorizon,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                        Map<String, String> features) {

    /**
     * A file's default horizon: the networks train on the first half of each training trajectory, and the trajectory
     * check sees each test trajectory over twice that span, later states included — a quantity conserved only over
     * windows as long as the training ones (a near-invariant of regular orbits in a mixed phase space) shows its change.
     */
    public static final double FILE_CHECK_HORIZON = 2;

    public CountSpec {
        if ((system == null || system.isBlank()) == (file == null)) {
            throw new InvalidInputException("give --system ID or --data FILE (one of them): what to count the conserved "
                    + "quantities of");
        }
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if (file != null && !parameters.isEmpty()) {
            throw new InvalidInputException("--param sets a system's parameters; a data file has none (remove --param)");
        }
        if (file == null && canonical != null) {
            throw new InvalidInputException("--canonical names a data file's conjugate variables; a system declares "
                    + "its own (remove --canonical)");
        }
        if (settings == null) {
            throw new InvalidInputException("a count needs its settings");
        }
        if (Double.isNaN(checkHorizon)) {
            checkHorizon = file != null ? FILE_CHECK_HORIZON : 1;
        }
        if (!(checkHorizon >= 1) || !Double.isFinite(checkHorizon)) {
            throw new InvalidInputException("--check-horizon needs a factor of at least 1, got " + checkHorizon);
        }
        features = features == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(features));
        features.forEach((name, expression) -> org.invariantlab.core.symbolic.SafeExpression.check(expression,
                "feature '" + InvalidInputException.excerpt(name + "=" + expression) + "'"));
    }

    /** A count without extra features. */
    public CountSpec(String system, Map<String, String> parameters, DataFile file, String canonical,
                     CountSettings settings, double checkHorizon) {
        this(system, parameters, file, canonical, settings, checkHorizon, Map.of());
    }

    /** A count of system {@code id} at the default settings. */
    public static CountSpec of(String id) {
        return new CountSpec(id, Map.of(), null, null, CountSettings.defaults(), 1);
    }

    /** The same count with other settings. */
    public CountSpec withSettings(CountSettings s) {
        return new CountSpec(system, parameters, file, canonical, s, checkHorizon, features);
    }

    /** The name of what is counted: the system id or {@code file:NAME}. */
    public String dataName() {
        return file != null ? "file:" + java.nio.file.Path.of(file.path()).getFileName() : system;
    }
}
