package org.invariantlab.core.builtin;

import com.google.inject.AbstractModule;
import org.invariantlab.api.symbolic.SymbolicInterpreter;
import org.invariantlab.core.symbolic.PolynomialInterpreter;
import org.invariantlab.api.training.GradientLoss;
import org.invariantlab.api.training.NetworkHead;
import org.invariantlab.api.training.ExampleSampler;
import org.invariantlab.core.registry.ExtensionPointsModule;

/**
 * Binds the built-in extensions (this package's samplers and heads, and the polynomial interpreter of
 * {@code core.symbolic}) into the extension-point multibinders declared by
 * {@link ExtensionPointsModule}. Installed by {@link org.invariantlab.core.CoreModule}; two instances are
 * equal, so installing it twice binds everything once.
 */
public final class BuiltInsModule extends AbstractModule {

    @Override
    protected void configure() {
        ExtensionPointsModule.addBuiltIn(binder(), ExampleSampler.class).to(PermutationSampler.class);
        ExtensionPointsModule.addBuiltIn(binder(), NetworkHead.class).to(DistanceLogisticHead.class);
        ExtensionPointsModule.addBuiltIn(binder(), NetworkHead.class).to(ContrastiveHead.class);
        ExtensionPointsModule.addBuiltIn(binder(), SymbolicInterpreter.class).to(PolynomialInterpreter.class);
        ExtensionPointsModule.addBuiltIn(binder(), GradientLoss.class).to(GradientOrthogonalityLoss.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BuiltInsModule;
    }

    @Override
    public int hashCode() {
        return BuiltInsModule.class.hashCode();
    }
}
