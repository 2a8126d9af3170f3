package io.github.scllm.shim.harness;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Reaches the shim's package-level entry points and the protected lifecycle methods of node models, the way the
 * framework does, without widening the public API of the shim classes.
 */
final class ShimAccess {

    private ShimAccess() {
    }

    static Method findMethod(final Class<?> start, final String name, final Class<?>... types) {
        for (Class<?> c = start; c != null; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(name, types);
                m.setAccessible(true);
                return m;
            } catch (NoSuchMethodException e) {
                // look in the superclass
            }
        }
        throw new IllegalStateException("No method " + name + " in " + start.getName() + " or its superclasses.");
    }

    /**
     * Invokes a method and rethrows what it threw, unwrapped.
     */
    static Object call(final Object target, final Method m, final Object... args) throws Exception {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            if (t instanceof Exception ex) {
                throw ex;
            }
            if (t instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(t);
        }
    }

    /** Like {@link #call} for methods that throw no checked exceptions. */
    static Object callUnchecked(final Object target, final Method m, final Object... args) {
        try {
            return call(target, m, args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Unexpected checked exception from " + m.getName(), e);
        }
    }

    static <T> T construct(final Class<T> cls, final Class<?>[] types, final Object... args) {
        try {
            Constructor<T> c = cls.getDeclaredConstructor(types);
            c.setAccessible(true);
            return c.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot construct " + cls.getName() + ": " + e.getMessage(), e);
        }
    }
}
