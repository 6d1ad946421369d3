package com.fxbank.exchange.config;

import java.time.Clock;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock, recovery's scheduler, and the OpenAPI document (Swagger UI at /swagger-ui.html). */
@Configuration
@EnableScheduling
class ServiceConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OpenAPI exchangeApi() {
        return new OpenAPI()
                .info(new Info().title("FxBank exchange service").version("v1")
                        .description("Quotes and exchanges between KRW and foreign currencies. Bearer JWT: role CUSTOMER "
                                + "for /api, OPERATOR for /ops."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
