package org.invariantlab.plugins.hajeong;

import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.PhysicalSystemContract;

/** The {@link PhysicalSystemContract} for {@code hajeong-s3}. */
class S3ContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new S3System();
    }
}
