package org.qaflow.workflow;

import org.kie.kogito.persistence.springboot.JDBCProcessInstancesFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import javax.sql.DataSource;
import java.util.List;

/**
 * The JDBC process-instance store of KIE 10.1.0 takes plain connections from the pool, so process state committed
 * on its own, apart from the application's rows (apache/incubator-kie-issues#2203). Handing it a
 * transaction-aware view of the same pool makes it write through the connection of the surrounding Spring
 * transaction: process state and application rows commit, or roll back, together.
 */
@Configuration
public class ProcessStoreConfig {

    @Bean
    JDBCProcessInstancesFactory processInstancesFactory(DataSource dataSource,
                                                        @Value("${kogito.persistence.optimistic.lock:true}") Boolean lock,
                                                        @Value("${kogito.persistence.headers.enabled:false}") Boolean headers,
                                                        @Value("${kogito.persistence.headers.excluded:}") List<String> excluded) {
        return new JDBCProcessInstancesFactory(new TransactionAwareDataSourceProxy(dataSource), lock, headers, excluded);
    }
}
