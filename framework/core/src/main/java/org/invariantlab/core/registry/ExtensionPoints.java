package org.invariantlab.core.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.invariantlab.api.LabExtension;
import org.invariantlab.api.count.CountingMethod;
import org.invariantlab.api.symbolic.SymbolicInterpreter;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.training.GradientLoss;
import org.invariantlab.api.training.NetworkHead;
import org.invariantlab.api.training.ExampleSampler;

/**
 * The one place that lists InvariantLab's extension points. Plugin loading, the registry, the Guice
 * module for built-ins and the listing commands all iterate this list, so adding an extension point to
 * the API means adding one line here.
 */
public final class ExtensionPoints {

    private static final List<Class<? extends LabExtension>> ALL = List.of(
            PhysicalSystem.class,
            ExampleSampler.class,
            NetworkHead.class,
            GradientLoss.class,
            SymbolicInterpreter.class,
            CountingMethod.class);

    private static final Map<Class<? extends LabExtension>, String> DISPLAY_NAMES = Map.of(
            PhysicalSystem.class, "physical system",
            ExampleSampler.class, "example sampler",
            NetworkHead.class, "network head",
            GradientLoss.class, "gradient loss",
            SymbolicInterpreter.class, "symbolic interpreter",
            CountingMethod.class, "counting method");

    private ExtensionPoints() {
    }

    /** The extension point interfaces, in the order listings show them. */
    public static List<Class<? extends LabExtension>> all() {
        return ALL;
    }

    /** Whether {@code type} is one of the extension point interfaces. */
    public static boolean isExtensionPoint(Class<?> type) {
        return DISPLAY_NAMES.containsKey(type);
    }

    /**
     * The lower-case name users read, e.g. {@code physical system}.
     *
     * @throws IllegalArgumentException if {@code spi} is not an extension point
     */
    public static String displayName(Class<?> spi) {
        String name = DISPLAY_NAMES.get(spi);
        if (name == null) {
            throw new IllegalArgumentException(spi.getName() + " is not an InvariantLab extension point; known: "
                    + simpleNames());
        }
        return name;
    }

    /**
     * The interface's simple name, e.g. {@code PhysicalSystem}; the key of per-SPI maps such as
     * {@code PluginInfo.extensions()}.
     *
     * @throws IllegalArgumentException if {@code spi} is not an extension point
     */
    public static String simpleName(Class<?> spi) {
        displayName(spi);
        return spi.getSimpleName();
    }

    /** The extension point whose simple name is {@code simpleName}, e.g. {@code PhysicalSystem}. */
    public static Optional<Class<? extends LabExtension>> bySimpleName(String simpleName) {
        return ALL.stream().filter(c -> c.getSimpleName().equals(simpleName)).findFirst();
    }

    /** The simple names of all extension points, comma-separated, for messages. */
    public static String simpleNames() {
        return String.join(", ", ALL.stream().map(Class::getSimpleName).toList());
    }
}
