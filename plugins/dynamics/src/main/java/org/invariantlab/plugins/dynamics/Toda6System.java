package org.invariantlab.plugins.dynamics;

import org.pf4j.Extension;

/** The periodic Toda lattice of 6 particles ({@link TodaLattice}): 6 conserved quantities, all in involution. */
@Extension
public final class Toda6System extends TodaLattice {

    /** Built by PF4J (or the host's injector). */
    public Toda6System() {
        super(6);
    }
}
