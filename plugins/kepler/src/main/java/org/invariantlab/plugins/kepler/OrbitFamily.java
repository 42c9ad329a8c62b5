package org.invariantlab.plugins.kepler;

import java.util.SplittableRandom;
import org.invariantlab.api.param.InvalidParameterException;

/**
 * The distribution from which the orbits of a sample are drawn, one orbit per group. Implementations check
 * their ranges in the constructor and refuse inconsistent ones with an {@link InvalidParameterException}
 * naming the parameter (the names are those of {@link KeplerParameters}).
 */
sealed interface OrbitFamily {

    /** Draws one orbit. */
    Orbit draw(SplittableRandom rng);

    /** A value uniform in {@code [lo, hi)}, or {@code lo} when the range is a single point. */
    static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /**
     * Energy {@code E} uniform in {@code [energyMin, energyMax]} and eccentricity {@code e} uniform in
     * {@code [eccentricityMin, eccentricityMax]}, independently; then {@code a = −1/(2E)} and
     * {@code |L| = √((1 − e²)/(−2E))}, with the sign of {@code L} from {@code direction}. Every pair
     * {@code (E, e)} with {@code E < 0} and {@code 0 ≤ e < 1} is a bound orbit, so any rectangle of ranges is
     * consistent. Radii lie in {@code [a_min(1 − e_max), a_max(1 + e_max)]}.
     */
    record EnergyAndEccentricity(double energyMin, double energyMax, double eccentricityMin, double eccentricityMax,
                                 Direction direction, Orientation orientation) implements OrbitFamily {

        public EnergyAndEccentricity {
            KeplerParameters.checkEnergies(energyMin, energyMax);
            if (eccentricityMin > eccentricityMax) {
                throw new InvalidParameterException(KeplerParameters.ECCENTRICITY_MIN, KeplerParameters.ECCENTRICITY_MIN
                        + " = " + eccentricityMin + " exceeds " + KeplerParameters.ECCENTRICITY_MAX + " = " + eccentricityMax);
            }
            if (eccentricityMax > KeplerParameters.MAX_ECCENTRICITY || eccentricityMin < 0) {
                throw new InvalidParameterException(KeplerParameters.ECCENTRICITY_MAX, "eccentricities must lie in [0, "
                        + KeplerParameters.MAX_ECCENTRICITY + "], got " + KeplerParameters.ECCENTRICITY_MIN + " = "
                        + eccentricityMin + ", " + KeplerParameters.ECCENTRICITY_MAX + " = " + eccentricityMax);
            }
        }

        @Override
        public Orbit draw(SplittableRandom rng) {
            double energy = uniform(rng, energyMin, energyMax);
            double eccentricity = uniform(rng, eccentricityMin, eccentricityMax);
            int sense = direction.draw(rng);
            double omega = orientation.draw(rng);
            return Orbit.fromEnergyAndEccentricity(energy, eccentricity, sense, omega);
        }
    }

    /**
     * One angular momentum {@code L ≠ 0} for all orbits, energy {@code E} uniform in
     * {@code [energyMin, energyMax]}; {@code e = √(1 + 2EL²)}. Consistent only if
     * {@code energyMin ≥ −1/(2L²)} (the circular orbit has the lowest energy at given {@code L}) and
     * {@code e(energyMax) ≤} {@link KeplerParameters#MAX_ECCENTRICITY}, i.e.
     * {@code energyMax ≤ −(1 − e_max²)/(2L²)}.
     */
    record FixedAngularMomentum(double angularMomentum, double energyMin, double energyMax, Orientation orientation)
            implements OrbitFamily {

        public FixedAngularMomentum {
            String l = KeplerParameters.ANGULAR_MOMENTUM;
            if (angularMomentum == 0) {
                throw new InvalidParameterException(l, l + " = 0 gives radial orbits that fall into the centre; choose "
                        + l + " != 0 (its sign is the sense of rotation)");
            }
            KeplerParameters.checkEnergies(energyMin, energyMax);
            double l2 = angularMomentum * angularMomentum;
            double circular = -0.5 / l2;
            double emax = KeplerParameters.MAX_ECCENTRICITY;
            double highest = -(1 - emax * emax) / (2 * l2);
            double lowestUsable = Math.max(KeplerParameters.LOWEST_ENERGY, circular);
            double highestUsable = Math.min(KeplerParameters.HIGHEST_ENERGY, highest);
            String forL = " for " + l + " = " + angularMomentum;
            if (!(lowestUsable <= highestUsable)) {
                throw new InvalidParameterException(l, forL.strip() + " no energy in the declared range ["
                        + fmt(KeplerParameters.LOWEST_ENERGY) + ", " + fmt(KeplerParameters.HIGHEST_ENERGY)
                        + "] gives an orbit of eccentricity at most " + emax
                        + (Double.isFinite(highest) ? " (" + KeplerParameters.ENERGY_MAX + " would have to be at most "
                        + fmt(highest) + ")" : "") + "; use |" + l + "| >= "
                        + fmt(smallestUsableL()) + ", e.g. " + l + " = 1");
            }
            String usable = " (usable energies for this " + l + ": [" + fmt(lowestUsable) + ", " + fmt(highestUsable) + "])";
            if (energyMin < circular) {
                throw new InvalidParameterException(KeplerParameters.ENERGY_MIN, KeplerParameters.ENERGY_MIN + " = "
                        + energyMin + " is below the circular-orbit energy -1/(2L^2) = " + fmt(circular) + forL
                        + ": no orbit with this angular momentum has so low an energy" + usable);
            }
            if (energyMax > highest) {
                throw new InvalidParameterException(KeplerParameters.ENERGY_MAX, KeplerParameters.ENERGY_MAX + " = "
                        + energyMax + " gives eccentricity " + fmt(Math.sqrt(1 + 2 * energyMax * l2)) + forL
                        + ", above the supported " + emax + "; with this " + l + ", " + KeplerParameters.ENERGY_MAX
                        + " must be at most " + fmt(highest) + usable);
            }
        }

        /** The smallest |L| for which some energy in the declared range gives an eccentricity ≤ the maximum. */
        static double smallestUsableL() {
            double emax = KeplerParameters.MAX_ECCENTRICITY;
            return Math.sqrt((1 - emax * emax) / (2 * -KeplerParameters.LOWEST_ENERGY));
        }

        private static String fmt(double v) {
            if (!Double.isFinite(v)) {
                return v < 0 ? "-infinity" : "infinity";
            }
            return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toString();
        }

        @Override
        public Orbit draw(SplittableRandom rng) {
            double energy = uniform(rng, energyMin, energyMax);
            double omega = orientation.draw(rng);
            return Orbit.fromEnergyAndAngularMomentum(energy, angularMomentum, omega);
        }
    }
}
