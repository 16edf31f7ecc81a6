package org.qaflow.support;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.util.Comparator;

/**
 * The order test classes are handed to the two threads of junit-platform.properties. One thread works from the front
 * of the list and the other from the back (JUnit joins the classes it forked in reverse order), so the browser classes
 * go first and the API classes last: the two groups that must each run one class at a time then run beside each other
 * from the start, and the classes with applications of their own fill in between.
 */
public class SuiteOrder implements ClassOrderer {

    /** Held by every class on the application of {@link ApiTestBase}. */
    public static final String API_APPLICATION = "qaflow.api-application";
    /** Held by every class on the application and chromium of the browser tests (web.BrowserTestBase). */
    public static final String BROWSER_APPLICATION = "qaflow.browser-application";

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(SuiteOrder::group)
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    private static int group(ClassDescriptor descriptor) {
        for (ResourceLock lock : descriptor.getTestClass().getAnnotationsByType(ResourceLock.class)) {
            if (lock.value().equals(BROWSER_APPLICATION)) {
                return 0;
            }
            if (lock.value().equals(API_APPLICATION)) {
                return 2;
            }
        }
        return 1;
    }
}
