package org.invariantlab.plugins.dynamics;

import org.pf4j.Extension;

/**
 * The periodic Toda lattice of 6 particles with the centre of mass divided out ({@link TodaLattice}): 5
 * conserved quantities, all in involution, on 10 relative variables.
 */
@Extension
public final class Toda6RelativeSystem extends TodaLattice {

    /** Built by PF4J (or the host's injector). */
    public Toda6RelativeSystem() {
        super(6, "-relative");
    }
}
