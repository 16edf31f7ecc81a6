package org.qaflow.problem;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An error an API call's own logic answers with, and when, for its OpenAPI description (ProblemResponsesDoc). Not
 * swagger's @ApiResponse: a method carrying one of those loses its generated success response.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(Refuses.List.class)
public @interface Refuses {

    /** The HTTP status, e.g. 409. */
    int status();

    /** When it happens, as the caller would put it. */
    String when();

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {
        Refuses[] value();
    }
}
