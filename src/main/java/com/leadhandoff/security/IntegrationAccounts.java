package com.leadhandoff.security;

import com.leadhandoff.security.ApiSecurityProperties.IntegrationAccount;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the configured integration accounts in group {@code integrations}, and sets their
 * password to the configured one on every start, so rotating a secret is a configuration change.
 * Configuration is the list of record: a member of {@code integrations} no longer configured
 * loses the membership, and with it the API.
 * Members of {@code integrations} get no Camunda authorizations: they can use /api/leads and
 * nothing else (no Tasklist, no task lists over engine-rest, no deployments).
 */
@Component
public class IntegrationAccounts {

  public static final String GROUP = "integrations";
  private static final Logger log = LoggerFactory.getLogger(IntegrationAccounts.class);

  private final ApiSecurityProperties properties;
  private final IdentityService identityService;

  public IntegrationAccounts(ApiSecurityProperties properties, IdentityService identityService) {
    this.properties = properties;
    this.identityService = identityService;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(2)
  public void createAccounts() {
    if (identityService.createGroupQuery().groupId(GROUP).count() == 0) {
      var group = identityService.newGroup(GROUP);
      group.setName("Integrations (source systems using /api/leads)");
      group.setType("SYSTEM");
      identityService.saveGroup(group);
    }
    var configured = properties.integrationAccounts().stream().map(IntegrationAccount::id).toList();
    for (var member : identityService.createUserQuery().memberOfGroup(GROUP).list()) {
      if (!configured.contains(member.getId())) {
        identityService.deleteMembership(member.getId(), GROUP);
        log.info("Removed '{}' from {}: it is no longer a configured integration account", member.getId(), GROUP);
      }
    }
    for (IntegrationAccount account : properties.integrationAccounts()) {
      if (account.id() == null || account.id().isBlank() || account.password() == null || account.password().isBlank()) {
        throw new IllegalStateException("Each lead-handoff.security.integration-accounts entry needs an id and a password");
      }
      var user = identityService.createUserQuery().userId(account.id()).singleResult();
      if (user == null) {
        user = identityService.newUser(account.id());
        user.setFirstName(account.name() == null ? account.id() : account.name());
        user.setLastName("(integration)");
        user.setPassword(account.password());
        identityService.saveUser(user);
        log.info("Created integration account '{}'", account.id());
      } else if (!identityService.checkPassword(account.id(), account.password())) {
        user.setPassword(account.password());
        identityService.saveUser(user);
        log.info("Updated the password of integration account '{}'", account.id());
      }
      if (identityService.createUserQuery().userId(account.id()).memberOfGroup(GROUP).count() == 0) {
        identityService.createMembership(account.id(), GROUP);
      }
    }
  }
}
