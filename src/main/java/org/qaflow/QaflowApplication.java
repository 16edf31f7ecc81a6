package org.qaflow;

import org.kie.kogito.persistence.springboot.JDBCProcessInstancesFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * qaflow: rules-driven quality assurance of vocational qualifications.
 * The Kogito and jBPM packages are scanned so the process engine and its JPA task store start with us; the engine's
 * own JDBC process store is replaced by one that joins our transactions (workflow.ProcessStoreConfig).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = {"org.qaflow", "org.kie.kogito.**", "org.jbpm.usertask.jpa.springboot"},
        excludeFilters = {
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = JDBCProcessInstancesFactory.class)})
@EntityScan(basePackages = {"org.qaflow", "org.jbpm.usertask.jpa.model"})
@EnableJpaRepositories(basePackages = "org.qaflow")
@EnableScheduling
public class QaflowApplication {

    /**
     * One clock for every timestamp and date rule. qaflow.clock.offset (an ISO period such as P2Y or P-30D, or a
     * duration such as PT6H) runs it ahead or behind, to see qaflow on another day.
     */
    @Bean
    Clock clock(@Value("${qaflow.clock.offset:}") String offset) {
        Clock system = Clock.systemDefaultZone();
        if (offset.isBlank()) {
            return system;
        }
        try {
            ZonedDateTime now = ZonedDateTime.now(system);
            Duration shift = offset.contains("T") ? Duration.parse(offset)
                    : Duration.between(now, now.plus(Period.parse(offset)));
            return Clock.offset(system, shift);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("qaflow.clock.offset=" + offset + " is neither an ISO period (P2Y, P-30D)"
                    + " nor an ISO duration (PT6H)");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(QaflowApplication.class, args);
    }
}
