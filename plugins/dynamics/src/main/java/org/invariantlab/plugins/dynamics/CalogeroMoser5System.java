package org.invariantlab.plugins.dynamics;

import org.pf4j.Extension;

/** The rational Calogero–Moser system of 5 particles ({@link CalogeroMoser}): 5 conserved quantities in involution. */
@Extension
public final class CalogeroMoser5System extends CalogeroMoser {

    /** Built by PF4J (or the host's injector). */
    public CalogeroMoser5System() {
        super(5);
    }
}
