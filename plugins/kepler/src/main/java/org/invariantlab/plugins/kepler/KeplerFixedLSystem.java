package org.invariantlab.plugins.kepler;

import java.util.List;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.pf4j.Extension;

/**
 * The fixed-angular-momentum Kepler experiment: bound orbits in {@code V = −1/r} ({@code GM = 1}) that all
 * share one angular momentum {@code L}, with the energy varying from orbit to orbit, so that {@code E} is the
 * label to discover. Same state, dynamics and invariants as {@link KeplerSystem}
 * ({@code L, E, Ax, Ay}; see {@link KeplerDynamics}); {@code L} is constant across groups by construction.
 *
 * <p>Each orbit draws its energy uniformly from {@code [energyMin, energyMax]}; then {@code a = −1/(2E)},
 * {@code e = √(1 + 2EL²)}. The range must satisfy {@code energyMin ≥ −1/(2L²)} (the circular orbit) and keep
 * {@code e ≤ 0.95}. Defaults: {@code L = 1}, {@code E ∈ [−0.45, −0.15]}, periapsis on {@code +x}; then
 * {@code a ∈ [1.11, 3.33]}, {@code e ∈ [0.32, 0.84]}, radii in {@code [0.54, 6.2]} and speeds below
 * {@code 1.85}. With the fixed orientation {@code Ay = 0} and {@code Ax = e} is a function of {@code E}, so
 * {@code E} is the only label; {@code orientation=random} adds the Runge–Lenz direction (with which a network
 * in the reference experiments learned the orientation instead of {@code E}).
 *
 * <p>Reference: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, Phys. Rev. Research 2, 033499
 * (2020), the central-potential experiment at fixed angular momentum.
 */
@Extension
public final class KeplerFixedLSystem extends OrbitFamilySystem {

    /** Extension id. */
    public static final String ID = "kepler-fixed-l";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            KeplerParameters.angularMomentum(1.0),
            KeplerParameters.energyMin(-0.45),
            KeplerParameters.energyMax(-0.15),
            KeplerParameters.orientation());

    /** Built by PF4J (or the host's injector). */
    public KeplerFixedLSystem() {
        super(ID, "Bound Kepler orbits in V = -1/r sharing one angular momentum L, energy varying: the label is E",
                PARAMETERS);
    }

    @Override
    OrbitFamily family(Parameters p) {
        return new OrbitFamily.FixedAngularMomentum(
                p.getDouble(KeplerParameters.ANGULAR_MOMENTUM),
                p.getDouble(KeplerParameters.ENERGY_MIN), p.getDouble(KeplerParameters.ENERGY_MAX),
                Orientation.of(p.getString(KeplerParameters.ORIENTATION)));
    }
}
