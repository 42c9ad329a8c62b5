package org.invariantlab.plugins.dynamics;

import org.pf4j.Extension;

/**
 * The periodic Toda lattice of 5 particles with the centre of mass divided out ({@link TodaLattice}): 4
 * conserved quantities, all in involution, on 8 relative variables.
 */
@Extension
public final class Toda5RelativeSystem extends TodaLattice {

    /** Built by PF4J (or the host's injector). */
    public Toda5RelativeSystem() {
        super(5, "-relative");
    }
}
