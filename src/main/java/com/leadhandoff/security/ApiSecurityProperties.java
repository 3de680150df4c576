package com.leadhandoff.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * apiGroups: the Camunda groups whose members may call /api/leads.
 * routingGroups: the groups whose members may call /api/routing (each endpoint narrows it further).
 * insightsGroups: the groups whose members may call /api/insights.
 * integrationAccounts: the accounts of source systems (website, phone system, AI receptionist),
 * created or updated at start-up in group {@code integrations}. There are none by default: each
 * deployment names its own, with passwords from its environment.
 */
@ConfigurationProperties("lead-handoff.security")
public record ApiSecurityProperties(
    @DefaultValue({"integrations", "intake", "office", "managers", "camunda-admin"}) List<String> apiGroups,
    @DefaultValue({"ops-leads", "managers", "camunda-admin"}) List<String> routingGroups,
    @DefaultValue({"managers", "camunda-admin"}) List<String> insightsGroups,
    @DefaultValue List<IntegrationAccount> integrationAccounts) {

  public record IntegrationAccount(String id, String password, String name) {}
}
