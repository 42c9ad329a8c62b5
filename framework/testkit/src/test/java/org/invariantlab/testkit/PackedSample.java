package org.invariantlab.testkit;

import java.util.function.Supplier;

/** A class with a nested, an inner and an anonymous class, packed by {@link PluginJarBuilderTest}. */
public class PackedSample implements Supplier<String> {

    /** Static nested class. */
    public static final class Nested {
        /** Returns a fixed word. */
        public String word() {
            return "nested";
        }
    }

    /** Inner class. */
    public final class Inner {
        /** Returns the outer value. */
        public String outer() {
            return get();
        }
    }

    @Override
    public String get() {
        Supplier<String> anonymous = new Supplier<>() {
            @Override
            public String get() {
                return "packed";
            }
        };
        return anonymous.get() + "-" + new Nested().word();
    }
}
