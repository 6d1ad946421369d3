package com.fxbank.security.limits;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/** The same body cap on actuator's own port: its server is a context of its own, with filters of its own. */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ManagementHttpLimits {

    @Bean
    FilterRegistrationBean<RequestBodyCap> managementRequestBodyCap(HttpLimits limits) {
        return HttpLimitsAutoConfiguration.registration(limits);
    }
}
