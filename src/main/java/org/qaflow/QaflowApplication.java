package org.qaflow;

import org.kie.kogito.persistence.springboot.JDBCProcessInstancesFactory;
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

    /** One clock for every timestamp and date rule. */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    public static void main(String[] args) {
        SpringApplication.run(QaflowApplication.class, args);
    }
}
