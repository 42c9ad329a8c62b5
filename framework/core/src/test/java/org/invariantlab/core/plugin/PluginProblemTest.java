package org.invariantlab.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginProblemTest {

    @Test
    void lineIsSourceThenReason() {
        assertEquals("broken.jar: not a valid jar", new PluginProblem("broken.jar", null, "not a valid jar").line());
    }

    @Test
    void reasonMustBeOneLineAndPresent() {
        assertThrows(IllegalArgumentException.class, () -> new PluginProblem("a.jar", null, "two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> new PluginProblem("a.jar", null, " "));
        assertThrows(IllegalArgumentException.class, () -> new PluginProblem("", null, "reason"));
        assertNull(new PluginProblem("a.jar", " ", "reason").pluginId());
    }

    @Test
    void pluginInfoCopiesItsExtensionsKeepingOrder() {
        Map<String, List<String>> ext = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(List.of("b", "a"));
        ext.put("SymbolicInterpreter", ids);
        ext.put("PhysicalSystem", List.of("k"));
        PluginInfo info = new PluginInfo("p", "1.0.0", "STARTED", "p.jar", null, null, ext, null);
        ids.add("c");
        assertEquals(List.of("SymbolicInterpreter", "PhysicalSystem"), List.copyOf(info.extensions().keySet()));
        assertEquals(List.of("b", "a"), info.extensions().get("SymbolicInterpreter"));
        assertEquals("", info.description());
        assertEquals("*", info.requires());
        assertThrows(UnsupportedOperationException.class, () -> info.extensions().put("x", List.of()));
    }
}
