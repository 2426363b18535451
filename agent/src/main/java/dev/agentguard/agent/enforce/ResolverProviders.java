package dev.agentguard.agent.enforce;

import java.net.UnknownHostException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * The name-resolver providers of JDK 18+, reached by name (the guard is compiled for 17): which provider
 * the JDK just took, and the resolver that stands in for one the policy refuses.
 */
final class ResolverProviders {
    static final String PROVIDER = "java.net.spi.InetAddressResolverProvider";
    static final String RESOLVER = "java.net.spi.InetAddressResolver";

    private ResolverProviders() {}

    /**
     * The class of the provider {@code InetAddress.loadResolver} took: the first one the service loader of
     * this thread's context loader lists (the lookup the JDK made on this same thread). Its type is read
     * without making another instance. Falls back to the resolver's own class ({@code resolverClass}).
     */
    static String providerName(String resolverClass) {
        // This runs inside the guard's check, where this thread's calls are not checked: a context loader of
        // the application's own class would run its code (getResources, loadClass) there, and did
        // (GuardThreadTest: it read ~/.ssh/id_rsa). Only the JDK's own loaders are asked, and the one read is
        // the one used, as another thread may set this thread's context loader meanwhile. Otherwise the
        // provider is named by its resolver's class, which a policy naming the provider does not grant:
        // fail closed.
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader != null && loader.getClass().getModule() != Object.class.getModule()) {
            return resolverClass;
        }
        try {
            Class<?> type = Class.forName(PROVIDER);
            Iterator<? extends ServiceLoader.Provider<?>> it = ServiceLoader.load(type, loader).stream().iterator();
            if (it.hasNext()) {
                return it.next().type().getName();
            }
        } catch (ReflectiveOperationException | RuntimeException | java.util.ServiceConfigurationError e) {
            // Named by the resolver instead; the policy still decides.
        }
        return resolverClass;
    }

    /** A resolver that refuses every lookup with {@code message}: fail closed, and the reason is visible. */
    static Object refusing(String message) throws ClassNotFoundException {
        Class<?> type = Class.forName(RESOLVER);
        return Proxy.newProxyInstance(ResolverProviders.class.getClassLoader(), new Class<?>[] {type},
                new Refusal(message));
    }

    /** A named class, not a lambda: it runs inside hooked JDK code. */
    private static final class Refusal implements InvocationHandler {
        private final String message;

        Refusal(String message) {
            this.message = message;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws UnknownHostException {
            switch (method.getName()) {
                case "lookupByName":
                    throw new UnknownHostException(args[0] + ": " + message);
                case "lookupByAddress":
                    throw new UnknownHostException(message);
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                default:
                    return "agentguard: a refused name-resolver provider";
            }
        }
    }
}
