package org.invariantlab.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.when;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.invariantlab.core.plugin.fixtures.Greeter;
import org.invariantlab.core.plugin.fixtures.GreetingSystem;
import org.invariantlab.core.plugin.fixtures.ThrowingSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;

@ExtendWith(MockitoExtension.class)
class GuiceExtensionFactoryTest {

    @Mock
    PluginManager pluginManager;

    private static Injector greeterInjector() {
        return Guice.createInjector(b -> b.bind(Greeter.class).toInstance(name -> "Hi " + name));
    }

    @Test
    void withoutInjectorCreationFailsWithAPluginRuntimeException() {
        GuiceExtensionFactory factory = new GuiceExtensionFactory(pluginManager);
        PluginRuntimeException e = assertThrows(PluginRuntimeException.class, () -> factory.create(GreetingSystem.class));
        assertEquals("cannot create extension class '" + GreetingSystem.class.getName() + "': the extension factory has"
                + " no Guice injector yet (call setInjector first)", e.getMessage());
    }

    @Test
    void classesOutsidePluginsAreBuiltByTheHostInjector() {
        when(pluginManager.whichPlugin(GreetingSystem.class)).thenReturn(null);
        GuiceExtensionFactory factory = new GuiceExtensionFactory(pluginManager);
        factory.setInjector(greeterInjector());
        assertEquals("Hi plugin", factory.create(GreetingSystem.class).description());
    }

    @Test
    void constructorExceptionsAreWrappedWithTheirMessage() {
        when(pluginManager.whichPlugin(ThrowingSystem.class)).thenReturn(null);
        GuiceExtensionFactory factory = new GuiceExtensionFactory(pluginManager);
        factory.setInjector(greeterInjector());
        GuiceExtensionFactory.ExtensionCreationException e = assertThrows(
                GuiceExtensionFactory.ExtensionCreationException.class, () -> factory.create(ThrowingSystem.class));
        assertEquals("its constructor threw IllegalStateException: no licence for the orbit data", e.reason());
        assertEquals(ThrowingSystem.class.getName(), e.className());
        assertInstanceOf(PluginRuntimeException.class, e);
    }

    @Test
    void theInjectorCanBeSetOnlyOnce() {
        GuiceExtensionFactory factory = new GuiceExtensionFactory(pluginManager);
        Injector injector = greeterInjector();
        factory.setInjector(injector);
        factory.setInjector(injector);
        assertThrows(IllegalStateException.class, () -> factory.setInjector(greeterInjector()));
    }
}
