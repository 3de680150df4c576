package com.leadhandoff.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Guards the lead API (HTTP Basic against Camunda's users, members of the API groups only) and
 * the engine's task queries (no expressions), and describes the API's authentication in OpenAPI.
 */
@Configuration
public class ApiSecurity {

  @Bean
  public FilterRegistrationBean<ApiAuthentication> apiAuthentication(IdentityService identityService, ApiSecurityProperties properties) {
    var registration = new FilterRegistrationBean<>(new ApiAuthentication(identityService, properties.apiGroups(), properties.routingGroups(), properties.insightsGroups()));
    registration.setName("api-authentication");
    registration.addUrlPatterns("/api/*");
    return registration;
  }

  @Bean
  public FilterRegistrationBean<TaskQueryExpressionGuard> taskQueryExpressionGuard() {
    var registration = new FilterRegistrationBean<>(new TaskQueryExpressionGuard());
    registration.setName("task-query-expression-guard");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  public OpenAPI leadHandoffOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Lead Handoff intake API").version("1")
            .description("Capture leads from websites, phone systems, AI receptionists and booking widgets. See docs/api.md."))
        .components(new Components().addSecuritySchemes("basic",
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("An integration account (group integrations), or a staff login of the intake, office or managers groups")));
  }
}
