package org.invariantlab.plugins.dynamics;

import org.pf4j.Extension;

/** The rational Calogero–Moser system of 3 particles ({@link CalogeroMoser}): 3 conserved quantities in involution. */
@Extension
public final class CalogeroMoser3System extends CalogeroMoser {

    /** Built by PF4J (or the host's injector). */
    public CalogeroMoser3System() {
        super(3);
    }
}
