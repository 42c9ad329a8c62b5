package org.invariantlab.plugins.dynamics;

import org.pf4j.Extension;

/** The rational Calogero–Moser system of 4 particles ({@link CalogeroMoser}): 4 conserved quantities in involution. */
@Extension
public final class CalogeroMoser4System extends CalogeroMoser {

    /** Built by PF4J (or the host's injector). */
    public CalogeroMoser4System() {
        super(4);
    }
}
