package com.fxbank.account.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Swagger UI at /swagger-ui.html, the document at /v3/api-docs. */
@Configuration
class OpenApiConfig {

    @Bean
    OpenAPI ledgerApi(LedgerProperties ledger) {
        return new OpenAPI()
                .info(new Info()
                        .title("FxBank " + ledger.id() + " ledger")
                        .version("v1")
                        .description("Accounts and ledger of " + ledger.currencies() + ". Bearer JWT: role CUSTOMER for "
                                + "/api, OPERATOR for /ops, SERVICE (the exchange service) for /internal."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
