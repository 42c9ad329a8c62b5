package org.invariantlab.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.OscillatorSystem.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each deliberately broken oscillator fails the contract check that guards the broken property. */
class ContractDetectsFaultsTest {

    /** A contract run on a faulty oscillator, with hooks a test may set. */
    private static final class Run extends PhysicalSystemContract {
        private final Fault fault;
        private Map<String, String> overrides = Map.of();
        private Set<String> constant = Set.of();
        private List<InvalidCase> invalid = List.of();

        Run(Fault fault) {
            this.fault = fault;
        }

        @Override
        protected PhysicalSystem system() {
            return new OscillatorSystem(fault);
        }

        @Override
        protected Map<String, String> parameterOverrides() {
            return overrides;
        }

        @Override
        protected Set<String> invariantsConstantAcrossGroups() {
            return constant;
        }

        @Override
        protected List<InvalidCase> invalidParameterSets() {
            return invalid;
        }
    }

    private static void fails(Executable check, String... fragments) {
        AssertionError e = assertThrows(AssertionError.class, check);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
        }
    }

    @Test
    void wrongGradientIsCaught() {
        Run r = new Run(Fault.WRONG_GRADIENT);
        fails(r::gradientsMatchFiniteDifferences, "gradient of H", "central difference");
    }

    @Test
    void nonConservingVectorFieldIsCaught() {
        Run r = new Run(Fault.NOT_CONSERVED);
        fails(r::invariantsAreConservedByTheVectorField, "H is not conserved");
    }

    @Test
    void expressionThatDisagreesWithTheEvaluatorIsCaught() {
        fails(new Run(Fault.EXPRESSION_MISMATCH)::expressionsAreWellFormedAndMatchTheirEvaluators, "disagrees with the evaluator");
        fails(new Run(Fault.UNKNOWN_SYMBOL)::expressionsAreWellFormedAndMatchTheirEvaluators, "'pp'");
    }

    @Test
    void vectorFieldFormulasThatDescribeAnotherFieldAreCaught() {
        fails(new Run(Fault.FIELD_FORMULA_MISMATCH)::vectorFieldExpressionsDescribeTheField, "h_p = dp/dt",
                "disagrees with the evaluator");
    }

    @Test
    void driftWithinAGroupIsCaught() {
        fails(new Run(Fault.DRIFT)::invariantsAreConstantWithinEachGroup, "drifts within a group");
    }

    @Test
    void irreproducibleOrSeedBlindSamplingIsCaught() {
        fails(new Run(Fault.NOT_REPRODUCIBLE)::samplingIsReproducibleAndDependsOnTheSeed, "gave different data");
        fails(new Run(Fault.IGNORES_SEED)::samplingIsReproducibleAndDependsOnTheSeed, "gave identical data");
    }

    @Test
    void constantInvariantIsCaughtUnlessDeclared() {
        Run r = new Run(Fault.NONE);
        r.overrides = Map.of("energyMin", "1.0", "energyMax", "1.0");
        fails(r::invariantsVaryAcrossGroupsUnlessDeclaredConstant, "does not label the groups");
        r.constant = Set.of("H");
        r.invariantsVaryAcrossGroupsUnlessDeclaredConstant();
        // a false claim of constancy is caught too
        Run liar = new Run(Fault.NONE);
        liar.constant = Set.of("H");
        fails(liar::invariantsVaryAcrossGroupsUnlessDeclaredConstant, "declared constant across groups");
        Run typo = new Run(Fault.NONE);
        typo.constant = Set.of("Energy");
        fails(typo::modelDeclaresInvariantsAndStateSpace, "'Energy'");
    }

    @Test
    void refusalsMustNameTheParameter() {
        Run misnamed = new Run(Fault.MISNAMED_REFUSAL);
        misnamed.invalid = List.of(InvalidCase.of("energyMin", "3.0"));
        fails(misnamed::invalidParameterSetsAreRefusedNamingTheParameter, "wrong parameter");
        Run accepted = new Run(Fault.NONE);
        accepted.invalid = List.of(InvalidCase.of("energyMin", "1.0"));
        fails(accepted::invalidParameterSetsAreRefusedNamingTheParameter, "were accepted");
    }

    @Test
    void infiniteFeatureAndTwoLineDescriptionAreCaught() {
        fails(new Run(Fault.INFINITE_FEATURE)::extraFeaturesAreFiniteAndMatchTheirExpressions, "feature absQ = Infinity");
        fails(new Run(Fault.TWO_LINE_DESCRIPTION)::identityIsWellFormed, "one line");
    }
}
