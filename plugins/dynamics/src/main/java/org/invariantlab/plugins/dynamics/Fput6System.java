package org.invariantlab.plugins.dynamics;

import org.pf4j.Extension;

/** The periodic α-FPUT chain of 6 particles ({@link FputChain}): energy and momentum only. */
@Extension
public final class Fput6System extends FputChain {

    /** Built by PF4J (or the host's injector). */
    public Fput6System() {
        super(6);
    }
}
