package org.invariantlab.api;

import java.util.List;
import java.util.Objects;
import org.invariantlab.api.param.ParameterSpec;

/**
 * Convenience base of an {@link LabExtension} whose id, description and parameter declarations are fixed
 * values given to the constructor, so that a subclass holds its physics or its loss and nothing else.
 * Implement the extension point alongside, e.g. {@code class MySystem extends DescribedExtension implements
 * PhysicalSystem}. The host checks the id against {@link LabExtension#ID_PATTERN} when it loads the extension.
 */
public abstract class DescribedExtension implements LabExtension {

    private final String id;
    private final String description;
    private final List<ParameterSpec> parameters;

    /**
     * @param id          the extension id
     * @param description one line for listings
     * @param parameters  the declared parameters, in listing order
     */
    protected DescribedExtension(String id, String description, List<ParameterSpec> parameters) {
        this.id = Objects.requireNonNull(id, "id");
        this.description = Objects.requireNonNull(description, "description");
        this.parameters = List.copyOf(parameters);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<ParameterSpec> parameters() {
        return parameters;
    }
}
