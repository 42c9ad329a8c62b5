package org.invariantlab.core.plugin;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import org.invariantlab.core.util.Throwables;
import org.pf4j.Plugin;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Instantiates a plugin's {@code Plugin-Class} like PF4J's {@code DefaultPluginFactory} (a
 * {@code PluginWrapper} constructor if there is one, else the no-argument constructor), but throws a
 * {@link PluginClassException} that says what is wrong instead of logging and returning {@code null},
 * which PF4J would later report as a bare {@code NullPointerException}.
 */
final class PluginClassFactory implements PluginFactory {

    @Override
    public Plugin create(PluginWrapper pluginWrapper) {
        String className = pluginWrapper.getDescriptor().getPluginClass();
        Class<?> pluginClass;
        try {
            pluginClass = pluginWrapper.getPluginClassLoader().loadClass(className);
        } catch (ClassNotFoundException e) {
            throw new PluginClassException("its Plugin-Class '" + className + "' is not in the jar", e);
        } catch (LinkageError e) {
            throw new PluginClassException("its Plugin-Class '" + className + "' cannot be loaded: "
                    + Throwables.oneLine(e), e);
        }
        int modifiers = pluginClass.getModifiers();
        if (!Plugin.class.isAssignableFrom(pluginClass) || Modifier.isAbstract(modifiers)
                || Modifier.isInterface(modifiers)) {
            throw new PluginClassException("its Plugin-Class '" + className
                    + "' is not a concrete subclass of org.pf4j.Plugin", null);
        }
        try {
            Constructor<?> constructor;
            Object[] arguments;
            try {
                constructor = pluginClass.getConstructor(PluginWrapper.class);
                arguments = new Object[] {pluginWrapper};
            } catch (NoSuchMethodException e) {
                constructor = pluginClass.getConstructor();
                arguments = new Object[0];
            }
            return (Plugin) constructor.newInstance(arguments);
        } catch (NoSuchMethodException e) {
            throw new PluginClassException("its Plugin-Class '" + className
                    + "' has no public constructor taking nothing or a PluginWrapper", e);
        } catch (InvocationTargetException | ExceptionInInitializerError e) {
            Throwable cause = Throwables.unwrapReflection(e);
            throw new PluginClassException("the constructor of its Plugin-Class '" + className + "' threw "
                    + Throwables.oneLine(cause), cause);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new PluginClassException("its Plugin-Class '" + className + "' cannot be instantiated: "
                    + Throwables.oneLine(e), e);
        }
    }

    /** The plugin class cannot be instantiated; the message is one line saying why. */
    static final class PluginClassException extends PluginRuntimeException {

        private static final long serialVersionUID = 1L;

        PluginClassException(String message, Throwable cause) {
            super(cause, "{}", message);
        }
    }
}
