package org.qaflow.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What application.properties cannot say about reading JSON: text fields take text only. Jackson otherwise turns
 * {@code "uln": 1234567890} into "1234567890" (and true into "true"), so a ULN that lost its leading zero as a
 * number would pass as another learner's.
 */
@Configuration
public class StrictJson {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer textIsText() {
        return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
