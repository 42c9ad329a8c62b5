package org.invariantlab.plugins.dynamics;

import org.pf4j.Extension;

/**
 * The periodic Toda lattice of 4 particles with the centre of mass divided out ({@link TodaLattice}): 3
 * conserved quantities, all in involution, on 6 relative variables.
 */
@Extension
public final class Toda4RelativeSystem extends TodaLattice {

    /** Built by PF4J (or the host's injector). */
    public Toda4RelativeSystem() {
        super(4, "-relative");
    }
}
