package org.invariantlab.plugins.dynamics;

import org.pf4j.Extension;

/**
 * The periodic Toda lattice of 3 particles with the centre of mass divided out ({@link TodaLattice}): 2
 * conserved quantities, all in involution, on 4 relative variables.
 */
@Extension
public final class Toda3RelativeSystem extends TodaLattice {

    /** Built by PF4J (or the host's injector). */
    public Toda3RelativeSystem() {
        super(3, "-relative");
    }
}
