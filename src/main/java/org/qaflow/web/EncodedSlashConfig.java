package org.qaflow.web;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * QANs are written with slashes (610/3769/2). URL-encoded as 610%2F3769%2F2 they must reach the controller as one
 * path segment: Tomcat passes %2F through undecoded and Spring decodes it into the path variable.
 */
@Configuration
public class EncodedSlashConfig {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> passEncodedSlashThrough() {
        return factory -> factory.addConnectorCustomizers(connector ->
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    @Bean
    StrictHttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        // With %2F passed through undecoded, the decoded servlet path still holds "%2F".
        firewall.setAllowUrlEncodedPercent(true);
        return firewall;
    }
}
