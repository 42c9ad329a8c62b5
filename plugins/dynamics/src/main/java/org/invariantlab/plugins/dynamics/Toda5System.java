package org.invariantlab.plugins.dynamics;

import org.pf4j.Extension;

/** The periodic Toda lattice of 5 particles ({@link TodaLattice}): 5 conserved quantities, all in involution. */
@Extension
public final class Toda5System extends TodaLattice {

    /** Built by PF4J (or the host's injector). */
    public Toda5System() {
        super(5);
    }
}
