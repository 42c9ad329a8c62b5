package org.invariantlab.core.run;

import org.invariantlab.api.LabExtension;
import org.invariantlab.api.symbolic.SymbolicInterpreter;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.training.NetworkHead;
import org.invariantlab.api.training.ExampleSampler;

/**
 * The extension slots of a run: the one list of them. Each slot of a {@link RunSpec} names an extension of its
 * extension point by id, with parameters ({@link Slot}); resolving, checking, provenance and re-reading iterate over
 * this list, so a new slot is a new constant here and its key in {@link RunSpec}.
 */
public enum SlotKind {

    /** The physical system that produces the data. */
    SYSTEM("system", PhysicalSystem.class),

    /** How groups become training examples. */
    SAMPLER("sampler", ExampleSampler.class),

    /** How latents become a loss. */
    HEAD("head", NetworkHead.class),

    /** How a learned function becomes a formula. */
    INTERPRETER("interpreter", SymbolicInterpreter.class);

    private final String key;
    private final Class<? extends LabExtension> spi;

    SlotKind(String key, Class<? extends LabExtension> spi) {
        this.key = key;
        this.spi = spi;
    }

    /** The spec key of the id ({@code system}); the parameters are under {@code key + "Params"}. */
    public String key() {
        return key;
    }

    /** The extension point. */
    public Class<? extends LabExtension> spi() {
        return spi;
    }
}
