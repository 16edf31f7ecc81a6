package org.qaflow.support;

import org.springframework.boot.ConfigurableBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Applications in the test JVM start one at a time until their logging is set up. Spring Boot sets up logback's one
 * logger context per JVM as an application starts, and two starting at once on the suite's two threads can collide
 * there: a CI run lost all 86 API tests on PostgreSQL to a ConcurrentModificationException in
 * {@code LoggerContext.putProperty}. The rest of a start (the context, the database, the sample data) still runs
 * beside the other thread's work. Registered for the tests only, in META-INF/spring.factories.
 */
public class OneLoggingStartAtATime implements SpringApplicationRunListener, Ordered {

    private static final ReentrantLock LOGGING_SET_UP = new ReentrantLock();

    public OneLoggingStartAtATime(SpringApplication application, String[] args) {
    }

    /** Before Spring Boot's own listener, which prepares logback as the application starts. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void starting(ConfigurableBootstrapContext bootstrapContext) {
        LOGGING_SET_UP.lock();
    }

    /** Logging was set up when the environment was prepared, before this. */
    @Override
    public void contextPrepared(ConfigurableApplicationContext context) {
        release();
    }

    @Override
    public void failed(ConfigurableApplicationContext context, Throwable exception) {
        release();
    }

    private static void release() {
        if (LOGGING_SET_UP.isHeldByCurrentThread()) {
            LOGGING_SET_UP.unlock();
        }
    }
}
