package org.invariantlab.plugins.hajeong;

import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} for {@code hajeong-s2}. */
class S2ContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new S2System();
    }
}
