package org.qaflow.support;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.util.Comparator;

/**
 * The order test classes are handed to the two threads of junit-platform.properties. JUnit forks the classes in this
 * order and then joins them from the last: one thread works from the back of the list while the other takes classes
 * from the front. So the browser classes go first, in name order, and the API classes last, in reverse name order:
 * the two groups that must each run one class at a time run beside each other from the start, each still in name
 * order (classes sharing an application also share its data: ClaimJourneyTest needs Summit (SUM03) never visited,
 * which ClaimProcessTest then visits), and the classes with applications of their own fill in between.
 */
public class SuiteOrder implements ClassOrderer {

    /** Held by every class on the application of {@link ApiTestBase}. */
    public static final String API_APPLICATION = "qaflow.api-application";
    /** Held by every class on the application and chromium of the browser tests (web.BrowserTestBase). */
    public static final String BROWSER_APPLICATION = "qaflow.browser-application";

    private static final int BROWSER = 0;
    private static final int OWN_APPLICATIONS = 1;
    private static final int API = 2;

    @Override
    public void orderClasses(ClassOrdererContext context) {
        Comparator<ClassDescriptor> byName = Comparator.comparing(descriptor -> descriptor.getTestClass().getName());
        // Within a group the two compared classes have the same group; the API classes in reverse, as the thread
        // taking them from the back then runs them in name order.
        context.getClassDescriptors().sort(Comparator.comparingInt(SuiteOrder::group)
                .thenComparing((a, b) -> group(a) == API ? byName.compare(b, a) : byName.compare(a, b)));
    }

    private static int group(ClassDescriptor descriptor) {
        for (ResourceLock lock : descriptor.getTestClass().getAnnotationsByType(ResourceLock.class)) {
            if (lock.value().equals(BROWSER_APPLICATION)) {
                return BROWSER;
            }
            if (lock.value().equals(API_APPLICATION)) {
                return API;
            }
        }
        return OWN_APPLICATIONS;
    }
}
