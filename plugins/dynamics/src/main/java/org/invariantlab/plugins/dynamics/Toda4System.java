package org.invariantlab.plugins.dynamics;

import org.pf4j.Extension;

/** The periodic Toda lattice of 4 particles ({@link TodaLattice}): 4 conserved quantities, all in involution. */
@Extension
public final class Toda4System extends TodaLattice {

    /** Built by PF4J (or the host's injector). */
    public Toda4System() {
        super(4);
    }
}
