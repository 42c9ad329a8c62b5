package org.invariantlab.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.invariantlab.api.LabExtension;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.training.GradientLoss;
import org.invariantlab.api.training.ExampleSampler;
import org.invariantlab.core.plugin.fixtures.NoPenaltyLoss;
import org.junit.jupiter.api.Test;

class ExtensionRegistryTest {

    /** A physical system with a chosen id and description. */
    private record NamedSystem(String id, String description) implements PhysicalSystem {
        @Override
        public StateSpace stateSpace() {
            return StateSpace.of("x");
        }

        @Override
        public SystemModel configure(Parameters parameters) {
            throw new UnsupportedOperationException("registry test fixture");
        }
    }

    private static ExtensionRegistry registryOf(String... ids) {
        ExtensionRegistry.Builder b = ExtensionRegistry.builder();
        for (String id : ids) {
            assertEquals(Optional.empty(), b.offer(PhysicalSystem.class, new NamedSystem(id, "system " + id), "p", "1.0.0"));
        }
        return b.build();
    }

    @Test
    void recordsAreSortedByIdAndLookedUpById() {
        ExtensionRegistry r = registryOf("lorentz", "em", "kepler");
        assertEquals(List.of("em", "kepler", "lorentz"), r.ids(PhysicalSystem.class));
        assertEquals(List.of("em", "kepler", "lorentz"),
                r.all(PhysicalSystem.class).stream().map(ExtensionRecord::id).toList());
        assertEquals("system kepler", r.get(PhysicalSystem.class, "kepler").description());
        assertSame(r.get(PhysicalSystem.class, "em"), r.find(PhysicalSystem.class, "em").orElseThrow().extension());
        assertTrue(r.find(PhysicalSystem.class, "nope").isEmpty());
        assertEquals(List.of(), r.all(ExampleSampler.class));
        assertEquals(3, r.size());
        assertEquals(Map.of("PhysicalSystem", List.of("em", "kepler", "lorentz")), r.idsByOrigin("p"));
        assertEquals(Map.of(), r.idsByOrigin("other"));
    }

    @Test
    void unknownIdListsAvailableIdsAndSuggestsTheClosest() {
        ExtensionRegistry r = registryOf("kepler", "kepler-fixed-l", "lorentz", "em");
        UnknownExtensionException e = assertThrows(UnknownExtensionException.class,
                () -> r.get(PhysicalSystem.class, "kepleer"));
        assertEquals("unknown physical system 'kepleer'; did you mean 'kepler'? Available: em, kepler, kepler-fixed-l,"
                + " lorentz", e.getMessage());
        assertEquals(Optional.of("kepler"), e.suggestion());
        assertEquals(List.of("em", "kepler", "kepler-fixed-l", "lorentz"), e.available());
        assertEquals("kepleer", e.id());
        assertSame(PhysicalSystem.class, e.spi());

        e = assertThrows(UnknownExtensionException.class, () -> r.get(PhysicalSystem.class, "harmonic-oscillator"));
        assertEquals("unknown physical system 'harmonic-oscillator'; available: em, kepler, kepler-fixed-l, lorentz",
                e.getMessage());
        assertEquals(Optional.of("lorentz"), assertThrows(UnknownExtensionException.class,
                () -> r.record(PhysicalSystem.class, "lor")).suggestion(), "a prefix counts as close");
    }

    @Test
    void unknownIdWhenNothingIsInstalled() {
        UnknownExtensionException e = assertThrows(UnknownExtensionException.class,
                () -> ExtensionRegistry.empty().get(ExampleSampler.class, "ha-jeong"));
        assertEquals("unknown example sampler 'ha-jeong'; none is installed (add a plugin jar that provides one to the"
                + " plugins directory)", e.getMessage());
    }

    @Test
    void offerRefusesDuplicatesInvalidIdsBlankDescriptionsAndFailingAccessors() {
        ExtensionRegistry.Builder b = ExtensionRegistry.builder();
        assertEquals(Optional.empty(), b.offer(PhysicalSystem.class, new NamedSystem("kepler", "first"),
                ExtensionRecord.BUILT_IN, "0.2.0"));
        assertEquals(Optional.of("extension id 'kepler' (PhysicalSystem) from plugin 'b' already provided by the built-in"
                + " extensions; ignoring the one from 'b'"), b.offer(PhysicalSystem.class, new NamedSystem("kepler", "2nd"),
                "b", "1.0.0"));
        assertEquals(Optional.of("extension class '" + NamedSystem.class.getName() + "' (PhysicalSystem) from plugin 'b'"
                + " has id 'Kepler', which is not a valid id (lower-case words joined by '-' or '.', e.g. kepler-fixed-l);"
                + " it is ignored"), b.offer(PhysicalSystem.class, new NamedSystem("Kepler", "x"), "b", "1.0.0"));
        assertEquals(Optional.of("extension class '" + NamedSystem.class.getName() + "' (PhysicalSystem) from plugin 'b'"
                + " has id null, which is not a valid id (lower-case words joined by '-' or '.', e.g. kepler-fixed-l);"
                + " it is ignored"), b.offer(PhysicalSystem.class, new NamedSystem(null, "x"), "b", "1.0.0"));
        assertEquals(Optional.of("extension 'em' (PhysicalSystem) from plugin 'b' has a blank description; it is ignored"),
                b.offer(PhysicalSystem.class, new NamedSystem("em", "  "), "b", "1.0.0"));
        PhysicalSystem failing = new PhysicalSystem() {
            @Override
            public String id() {
                throw new IllegalStateException("no id yet");
            }

            @Override
            public String description() {
                return "fails";
            }

            @Override
            public StateSpace stateSpace() {
                return StateSpace.of("x");
            }

            @Override
            public SystemModel configure(Parameters parameters) {
                throw new UnsupportedOperationException("registry test fixture");
            }
        };
        assertTrue(b.offer(PhysicalSystem.class, failing, "b", "1.0.0").orElseThrow()
                .endsWith("(PhysicalSystem) from plugin 'b' fails in id() or description(): IllegalStateException: no id"
                        + " yet; it is ignored"));
        ExtensionRegistry r = b.build();
        assertEquals(List.of("kepler"), r.ids(PhysicalSystem.class));
        assertTrue(r.record(PhysicalSystem.class, "kepler").isBuiltIn());
    }

    @Test
    void sameIdUnderDifferentExtensionPointsIsFine() {
        ExtensionRegistry.Builder b = ExtensionRegistry.builder();
        assertEquals(Optional.empty(), b.offer(PhysicalSystem.class, new NamedSystem("no-penalty", "s"), "p", "1"));
        assertEquals(Optional.empty(), b.offer(GradientLoss.class, new NoPenaltyLoss(), "p", "1"));
        assertEquals(2, b.build().size());
    }

    @Test
    void anythingButAnExtensionPointIsRejected() {
        ExtensionRegistry r = registryOf("kepler");
        assertThrows(IllegalArgumentException.class, () -> r.all(LabExtension.class));
        assertThrows(IllegalArgumentException.class, () -> ExtensionPoints.displayName(String.class));
        assertThrows(IllegalArgumentException.class, () -> new ExtensionRecord<>(PhysicalSystem.class, "Bad", "d",
                new NamedSystem("Bad", "d"), "p", "1"));
    }

    @Test
    void extensionPointsAreListedOnce() {
        assertEquals(6, ExtensionPoints.all().size());
        assertEquals("PhysicalSystem, ExampleSampler, NetworkHead, GradientLoss, SymbolicInterpreter, CountingMethod",
                ExtensionPoints.simpleNames());
        assertEquals("gradient loss", ExtensionPoints.displayName(GradientLoss.class));
        assertEquals(Optional.of(ExampleSampler.class), ExtensionPoints.bySimpleName("ExampleSampler"));
        assertTrue(ExtensionPoints.bySimpleName("Nope").isEmpty());
    }

    @Test
    void levenshteinDistance() {
        assertEquals(0, ExtensionRegistry.levenshtein("kepler", "kepler"));
        assertEquals(1, ExtensionRegistry.levenshtein("kepleer", "kepler"));
        assertEquals(3, ExtensionRegistry.levenshtein("kitten", "sitting"));
        assertEquals(6, ExtensionRegistry.levenshtein("", "kepler"));
    }
}
