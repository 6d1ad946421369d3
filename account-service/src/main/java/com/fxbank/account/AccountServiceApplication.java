package com.fxbank.account;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * One codebase, two deployments: run with the profile {@code krw-account} or {@code fx-account}.
 * Configuration is read from {@code account-service.yml} (not application.yml), so that the launcher can
 * run every FxBank service in one JVM without their settings mixing.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AccountServiceApplication {

    public static final String CONFIG_NAME = "account-service";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(AccountServiceApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
