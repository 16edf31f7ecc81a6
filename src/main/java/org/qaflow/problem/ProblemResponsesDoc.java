package org.qaflow.problem;

import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;

/**
 * Puts the errors every API call can answer with into the OpenAPI description, as RFC 7807 problems. The codes that
 * follow from how a call is made are derived from its handler (a body can be too large or malformed, a path names
 * something that may not exist, a role check can refuse); codes a call's own logic gives (a 409 on a task someone
 * else claimed, a 403 for another centre's claim) are declared on the controller method with @Refuses, saying when.
 */
@Configuration
class ProblemResponsesDoc {

    static final String PROBLEM_SCHEMA = "Problem";

    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handler) -> {
            // An uploaded file is a body too: it can be too large or of the wrong type.
            boolean body = has(handler, RequestBody.class) || Arrays.stream(handler.getMethodParameters())
                    .anyMatch(p -> org.springframework.web.multipart.MultipartFile.class.isAssignableFrom(p.getParameterType()));
            boolean pathVariable = has(handler, PathVariable.class);
            boolean input = body || pathVariable || has(handler, RequestParam.class);
            ApiResponses responses = operation.getResponses();
            for (Refuses refusal : AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(),
                    Refuses.class)) {
                responses.addApiResponse(String.valueOf(refusal.status()), new ApiResponse().description(refusal.when()));
            }
            if (input) {
                add(responses, "400", "The request is invalid; the detail says which value and why");
            }
            add(responses, "401", "No or wrong HTTP Basic credentials");
            if (AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PreAuthorize.class)
                    || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PreAuthorize.class)) {
                add(responses, "403", "Your role may not do this");
            }
            if (pathVariable) {
                add(responses, "404", "What the path names does not exist");
            }
            if (body) {
                add(responses, "413", "The request body is larger than qaflow accepts");
                add(responses, "415", "The request body is of a type this call does not take");
            }
            add(responses, "429", "Too many failed logins for this user name; try again later");
            add(responses, "503", "The database is unreachable; nothing was changed, try again (Retry-After)");
            responses.forEach((code, response) -> {
                if (code.charAt(0) >= '4') {
                    response.setContent(new Content().addMediaType(
                            org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
                }
            });
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer problemSchema() {
        return openApi -> openApi.getComponents().addSchemas(PROBLEM_SCHEMA, new ObjectSchema()
                .description("RFC 7807 problem details")
                .addProperty("type", new StringSchema().example("about:blank"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().description("What is wrong, and where")
                        .example("Unit L4X9 is not in the catalogue"))
                .addProperty("instance", new StringSchema().description("The path called")));
    }

    private static boolean has(HandlerMethod handler, Class<? extends java.lang.annotation.Annotation> annotation) {
        return Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(annotation));
    }

    /** Keeps what the controller declared for the same code (@Refuses): it says more about that call. */
    private static void add(ApiResponses responses, String code, String description) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse().description(description));
        }
    }
}
