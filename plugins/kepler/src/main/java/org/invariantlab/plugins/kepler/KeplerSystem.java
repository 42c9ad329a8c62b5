package org.invariantlab.plugins.kepler;

import java.util.List;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.pf4j.Extension;

/**
 * Bound orbits of a unit mass in {@code V = −1/r} ({@code GM = 1}), state {@code (x, y, vx, vy)}; a group is a
 * set of states at random times on one orbit. True invariants: angular momentum {@code L = x·vy − y·vx},
 * energy {@code E = (vx² + vy²)/2 − 1/r} and the Runge–Lenz vector {@code A = (vy·L − x/r, −vx·L − y/r)}, all
 * conserved by {@code h = (vx, vy, −x/r³, −y/r³)} (see {@link KeplerDynamics}).
 *
 * <p>Each orbit draws its energy {@code E} uniformly from {@code [energyMin, energyMax]} and its
 * eccentricity {@code e} uniformly from {@code [eccentricityMin, eccentricityMax]}; then
 * {@code a = −1/(2E)} and {@code |L| = √((1 − e²)/(−2E))}, the sign of {@code L} set by {@code direction}
 * and the periapsis direction by {@code orientation}. Defaults: {@code E ∈ [−1.0, −0.3]},
 * {@code e ∈ [0, 0.8]}, counter-clockwise, periapsis on {@code +x}; then {@code a ∈ [0.5, 1.67]},
 * {@code L ∈ [0.42, 1.29]}, radii in {@code [0.1, 3.0]} and speeds below {@code 4.25}. With the fixed
 * orientation {@code Ay = 0} on every orbit (and {@code Ax = e}); choose {@code orientation=random} to make
 * the Runge–Lenz direction a label too.
 *
 * <p>Reference: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, "Discovering symmetry invariants
 * and conserved quantities by interpreting siamese neural networks", Phys. Rev. Research 2, 033499 (2020),
 * the central-potential experiment.
 */
@Extension
public final class KeplerSystem extends OrbitFamilySystem {

    /** Extension id. */
    public static final String ID = "kepler";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            KeplerParameters.energyMin(-1.0),
            KeplerParameters.energyMax(-0.3),
            KeplerParameters.eccentricityMin(0.0),
            KeplerParameters.eccentricityMax(0.8),
            KeplerParameters.orientation(),
            KeplerParameters.direction());

    /** Built by PF4J (or the host's injector). */
    public KeplerSystem() {
        super(ID, "Bound Kepler orbits in V = -1/r, energy and eccentricity varying: invariants L, E and the"
                + " Runge-Lenz vector", PARAMETERS);
    }

    @Override
    OrbitFamily family(Parameters p) {
        return new OrbitFamily.EnergyAndEccentricity(
                p.getDouble(KeplerParameters.ENERGY_MIN), p.getDouble(KeplerParameters.ENERGY_MAX),
                p.getDouble(KeplerParameters.ECCENTRICITY_MIN), p.getDouble(KeplerParameters.ECCENTRICITY_MAX),
                Direction.of(p.getString(KeplerParameters.DIRECTION)),
                Orientation.of(p.getString(KeplerParameters.ORIENTATION)));
    }
}
