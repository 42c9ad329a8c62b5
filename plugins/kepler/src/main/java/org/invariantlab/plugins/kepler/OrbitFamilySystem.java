package org.invariantlab.plugins.kepler;

import java.util.List;
import org.invariantlab.api.DescribedExtension;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;

/**
 * What the two Kepler systems share: the state {@code (x, y, vx, vy)} of {@link KeplerDynamics}, a fixed list
 * of parameters, and a model that draws one orbit per group from an {@link OrbitFamily} ({@link KeplerModel}).
 * A subclass names itself and its parameters and turns resolved parameters into its family of orbits; a
 * refusal while doing so is prefixed with the system's id (see {@link KeplerParameters#build}).
 */
abstract class OrbitFamilySystem extends DescribedExtension implements PhysicalSystem {


    /**
     * @param id          the extension id
     * @param description one line for listings
     * @param parameters  the declared parameters, in listing order
     */
    OrbitFamilySystem(String id, String description, List<ParameterSpec> parameters) {
        super(id, description, parameters);
    }




    @Override
    public final StateSpace stateSpace() {
        return KeplerDynamics.STATE_SPACE;
    }

    @Override
    public final SystemModel configure(Parameters p) {
        return new KeplerModel(KeplerParameters.build(id(), () -> family(p)));
    }

    /**
     * The family of orbits for resolved parameters.
     *
     * @throws org.invariantlab.api.param.InvalidParameterException if the values are inconsistent, naming the
     *         parameter
     */
    abstract OrbitFamily family(Parameters p);
}
