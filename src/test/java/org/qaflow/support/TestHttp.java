package org.qaflow.support;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;

/**
 * The HTTP client the API tests call the application with. Apache HttpClient 5 by default sends a request again after
 * a 503 or 429, after the response's Retry-After (qaflow says 10 s): a test would wait for nothing and see the second
 * answer instead of the first.
 */
public final class TestHttp {

    private TestHttp() {
    }

    public static TestRestTemplate client() {
        return new TestRestTemplate(new RestTemplateBuilder().requestFactoryBuilder(ClientHttpRequestFactoryBuilder
                .httpComponents().withHttpClientCustomizer(HttpClientBuilder::disableAutomaticRetries)));
    }
}
