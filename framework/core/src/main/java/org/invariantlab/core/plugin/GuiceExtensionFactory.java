package org.invariantlab.core.plugin;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.spi.Message;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.invariantlab.core.util.Throwables;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginStateEvent;
import org.pf4j.PluginStateListener;
import org.pf4j.PluginWrapper;

/**
 * A PF4J {@link ExtensionFactory} that builds extensions with Guice, so an extension may declare an
 * {@code @jakarta.inject.Inject} constructor taking whatever the host injector binds.
 *
 * <p>Each plugin gets a child injector of the host injector, which additionally binds the plugin's
 * {@link PluginDescriptor}. Each extension class is bound explicitly in a child of that, so that the
 * extension's binding never lands in the host injector, which outlives the plugin (Guice would put a
 * just-in-time binding there). A plugin's child injector is dropped when the plugin stops, fails, is
 * disabled or unloaded.
 *
 * <p>PF4J creates the factory inside the plugin manager's constructor, before the host injector exists;
 * {@link #setInjector(Injector)} supplies it afterwards. Every failure, including a missing injector, is
 * thrown as a {@link PluginRuntimeException} (the only exception PF4J's {@code getExtensions} tolerates)
 * whose message is one line naming the class and the cause.
 */
public final class GuiceExtensionFactory implements ExtensionFactory, PluginStateListener {

    private final PluginManager pluginManager;
    private final Map<String, Injector> pluginInjectors = new ConcurrentHashMap<>();
    private volatile Injector hostInjector;

    /** @param pluginManager the manager whose plugins' extensions this factory builds */
    public GuiceExtensionFactory(PluginManager pluginManager) {
        this.pluginManager = Objects.requireNonNull(pluginManager, "pluginManager");
    }

    /**
     * Sets the host injector; call once, before any extension is created.
     *
     * @throws IllegalStateException if a different injector was set before
     */
    public void setInjector(Injector injector) {
        Objects.requireNonNull(injector, "injector");
        synchronized (this) {
            if (hostInjector != null && hostInjector != injector) {
                throw new IllegalStateException("the extension factory already has a host injector");
            }
            hostInjector = injector;
        }
    }

    /**
     * Creates one instance of {@code extensionClass} with the injector of the plugin that defined it (the
     * host injector for classes not from a plugin).
     *
     * @throws ExtensionCreationException if the injector is not set yet or Guice cannot build the instance
     */
    @Override
    public <T> T create(Class<T> extensionClass) {
        Objects.requireNonNull(extensionClass, "extensionClass");
        Injector host = hostInjector;
        if (host == null) {
            throw new ExtensionCreationException(extensionClass.getName(),
                    "the extension factory has no Guice injector yet (call setInjector first)", null);
        }
        try {
            PluginWrapper plugin = pluginManager.whichPlugin(extensionClass);
            Injector parent = plugin == null ? host : pluginInjectors.computeIfAbsent(plugin.getPluginId(),
                    id -> host.createChildInjector(b -> b.bind(PluginDescriptor.class).toInstance(plugin.getDescriptor())));
            Injector own = parent.createChildInjector(b -> b.bind(extensionClass));
            return own.getInstance(extensionClass);
        } catch (ProvisionException e) {
            Throwable cause = e.getCause();
            String why = cause != null ? "its constructor threw " + Throwables.oneLine(Throwables.unwrapReflection(cause))
                    : firstMessage(e.getErrorMessages(), e);
            throw failure(extensionClass, why, e);
        } catch (ConfigurationException e) {
            throw failure(extensionClass, firstMessage(e.getErrorMessages(), e), e);
        } catch (CreationException e) {
            throw failure(extensionClass, firstMessage(e.getErrorMessages(), e), e);
        } catch (RuntimeException | LinkageError e) {
            throw failure(extensionClass, Throwables.oneLine(e), e);
        }
    }

    /** Drops the child injector of a plugin that is no longer running. */
    @Override
    public void pluginStateChanged(PluginStateEvent event) {
        PluginState state = event.getPluginState();
        if (state == PluginState.STOPPED || state == PluginState.FAILED || state == PluginState.DISABLED
                || state == PluginState.UNLOADED) {
            pluginInjectors.remove(event.getPlugin().getPluginId());
        }
    }

    private static ExtensionCreationException failure(Class<?> extensionClass, String why, Throwable cause) {
        return new ExtensionCreationException(extensionClass.getName(), why, cause);
    }

    private static String firstMessage(Collection<Message> messages, RuntimeException e) {
        return messages.stream().findFirst()
                .map(m -> Throwables.firstLine(m.getMessage()))
                .filter(s -> !s.isEmpty())
                .orElseGet(() -> Throwables.oneLine(e));
    }

    /**
     * An extension could not be built. The message reads {@code cannot create extension class 'X': why};
     * {@link #reason()} is the {@code why} part, one line.
     */
    public static final class ExtensionCreationException extends PluginRuntimeException {

        private static final long serialVersionUID = 1L;

        private final String className;
        private final String reason;

        ExtensionCreationException(String className, String reason, Throwable cause) {
            super(cause, "{}", "cannot create extension class '" + className + "': " + reason);
            this.className = className;
            this.reason = reason;
        }

        /** Binary name of the extension class. */
        public String className() {
            return className;
        }

        /** Why it could not be built, e.g. {@code its constructor threw IllegalStateException: boom}. */
        public String reason() {
            return reason;
        }
    }
}
