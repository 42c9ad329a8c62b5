package org.invariantlab.core.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.ApiVersion;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.training.NetworkHead;
import org.invariantlab.api.training.ExampleSampler;
import org.invariantlab.core.CoreModule;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.registry.ExtensionPointsModule;
import org.invariantlab.core.registry.ExtensionRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltInsModuleTest {

    @TempDir
    Path plugins;

    @Test
    void everyRegistryListsTheBuiltIns() {
        try (InvariantLab lab = InvariantLab.start(plugins)) {
            ExtensionRecord<ExampleSampler> sampler = lab.registry().record(ExampleSampler.class, "permutation");
            assertTrue(sampler.isBuiltIn());
            assertEquals(ExtensionRecord.BUILT_IN, sampler.origin());
            assertEquals(ApiVersion.current(), sampler.originVersion());
            assertSame(PermutationSampler.class, sampler.extension().getClass());
            for (String id : List.of("contrastive", "distance-logistic")) {
                ExtensionRecord<NetworkHead> head = lab.registry().record(NetworkHead.class, id);
                assertTrue(head.isBuiltIn(), id);
                Parameters.resolve(id, head.extension().parameters(), Map.of());
            }
            Map<String, List<String>> builtIns = lab.registry().idsByOrigin(ExtensionRecord.BUILT_IN);
            assertEquals(List.of("permutation"), builtIns.get("ExampleSampler"));
            assertEquals(List.of("contrastive", "distance-logistic"), builtIns.get("NetworkHead"));
            assertEquals(List.of(), lab.problems());
        }
    }

    @Test
    void installingTheModuleTwiceBindsEachExtensionOnce() {
        var injector = Guice.createInjector(new CoreModule(), new BuiltInsModule());
        assertEquals(2, ExtensionPointsModule.builtIns(injector, NetworkHead.class).size());
        assertEquals(1, ExtensionPointsModule.builtIns(injector, ExampleSampler.class).size());
    }
}
