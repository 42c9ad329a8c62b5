package org.invariantlab.testkit;

import java.util.List;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.pf4j.Extension;

/**
 * Test fixture: the {@link OscillatorSystem} as a PF4J extension, listed in this module's generated
 * extension index, so that {@link PluginLoadingContractTest} can pack the test classes as a plugin.
 */
@Extension
public final class LoadableOscillatorSystem implements PhysicalSystem {

    /** The extension id. */
    public static final String ID = "loadable-oscillator";

    private final OscillatorSystem oscillator = new OscillatorSystem();

    /** Built by PF4J. */
    public LoadableOscillatorSystem() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "harmonic oscillator, packed as a plugin by the loading contract's tests";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return oscillator.parameters();
    }

    @Override
    public StateSpace stateSpace() {
        return oscillator.stateSpace();
    }

    @Override
    public SystemModel configure(Parameters parameters) {
        return oscillator.configure(parameters);
    }
}
