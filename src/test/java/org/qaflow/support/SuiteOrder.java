package org.qaflow.support;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The order of the test classes (junit-platform.properties runs two at a time). The {@link ApiTestBase} classes run
 * one after another on one thread, in name order. The others are handed to the second thread in this order, and those
 * left when the first thread is done are taken from the back of the list: so the browser classes come first, and
 * run beside the API classes from the start, and the classes with applications of their own fill in after them.
 */
public class SuiteOrder implements ClassOrderer {

    /** Held by every class on the application and chromium of the browser tests (web.BrowserTestBase). */
    public static final String BROWSER_APPLICATION = "qaflow.browser-application";

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing((ClassDescriptor descriptor) -> !browser(descriptor))
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    private static boolean browser(ClassDescriptor descriptor) {
        return Arrays.stream(descriptor.getTestClass().getAnnotationsByType(ResourceLock.class))
                .anyMatch(lock -> lock.value().equals(BROWSER_APPLICATION));
    }
}
