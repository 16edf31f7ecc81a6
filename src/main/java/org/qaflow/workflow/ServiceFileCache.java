package org.qaflow.workflow;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every process instance the engine creates or loads builds a runtime whose node-instance registry looks up its
 * providers with a ServiceLoader on the thread's context class loader, which searches every jar of the application for
 * the service file: 7 % of all CPU under the load mix (docs/load-test.md). Requests run with a context class loader
 * that finds each service file once and remembers where it is; every class is still loaded by the application's own
 * loader, and every other resource is looked up as before.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ServiceFileCache extends OncePerRequestFilter {

    private final Map<ClassLoader, Loader> loaders = new ConcurrentHashMap<>();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        if (original == null || original instanceof Loader) {
            chain.doFilter(request, response);
            return;
        }
        thread.setContextClassLoader(loaders.computeIfAbsent(original, Loader::new));
        try {
            chain.doFilter(request, response);
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    /** Delegates everything to its parent, remembering where the service files (META-INF/services/) are. */
    static final class Loader extends ClassLoader {

        static {
            registerAsParallelCapable();
        }

        private final Map<String, List<URL>> serviceFiles = new ConcurrentHashMap<>();

        Loader(ClassLoader parent) {
            super("qaflow-service-files", parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (!name.startsWith("META-INF/services/")) {
                return super.getResources(name);
            }
            try {
                return Collections.enumeration(serviceFiles.computeIfAbsent(name, file -> {
                    try {
                        return List.copyOf(Collections.list(getParent().getResources(file)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
