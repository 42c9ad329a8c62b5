package org.invariantlab.plugins.dynamics;

import org.pf4j.Extension;

/** The periodic Toda lattice of 3 particles ({@link TodaLattice}): 3 conserved quantities, all in involution. */
@Extension
public final class Toda3System extends TodaLattice {

    /** Built by PF4J (or the host's injector). */
    public Toda3System() {
        super(3);
    }
}
