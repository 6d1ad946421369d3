package com.fxbank.exchange;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The public API and the orchestrator of every exchange. Configuration is read from
 * {@code exchange-service.yml}, so that the launcher can run it in one JVM beside the ledgers.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ExchangeServiceApplication {

    public static final String CONFIG_NAME = "exchange-service";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(ExchangeServiceApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
