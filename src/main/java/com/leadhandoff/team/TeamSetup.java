package com.leadhandoff.team;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the teams, their permissions and the shared Tasklist filters on start, once: what
 * exists already (including permissions an admin changed) is left as it is.
 */
@Component
public class TeamSetup {

  static final String PROCESS_KEY = "lead-handoff";
  static final String NOTIFY_KEY = "notify-people";

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;

  public TeamSetup(IdentityService identityService, AuthorizationService authorizationService,
      FilterService filterService, TaskService taskService) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskService = taskService;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(1)
  public void setUp() {
    for (Team team : Team.values()) {
      if (identityService.createGroupQuery().groupId(team.groupId()).count() > 0) {
        continue;
      }
      var group = identityService.newGroup(team.groupId());
      group.setName(team.displayName());
      group.setType(Groups.GROUP_TYPE_WORKFLOW);
      identityService.saveGroup(group);
      grantTeam(team);
    }
    createFilters();
    letCockpitTeamsWatchNotifications();
    letOpsLeadsDeployTables();
  }

  /**
   * Ops leads deploy rule tables (Camunda Modeler's deploy button, or the routing API): the engine
   * needs CREATE on deployments; what they may deploy (DMN only) and what passes (the deploy guard)
   * is decided by routing.RuleDeployments. Added on every start where missing, so existing installs
   * get it; to stop someone deploying, take them out of ops-leads.
   */
  private void letOpsLeadsDeployTables() {
    String group = Team.OPS_LEADS.groupId();
    var existing = authorizationService.createAuthorizationQuery().groupIdIn(group).resourceType(Resources.DEPLOYMENT).resourceId(ANY).list();
    var authorization = existing.isEmpty() ? authorizationService.createNewAuthorization(AUTH_TYPE_GRANT) : existing.get(0);
    if (authorization.isPermissionGranted(Permissions.CREATE)) {
      return;
    }
    if (existing.isEmpty()) {
      authorization.setGroupId(group);
      authorization.setResource(Resources.DEPLOYMENT);
      authorization.setResourceId(ANY);
      authorization.addPermission(Permissions.READ);
    }
    authorization.addPermission(Permissions.CREATE);
    authorizationService.saveAuthorization(authorization);
  }

  /**
   * Managers and ops leads see the "Notify people" instances in Cockpit, and managers may retry a
   * delivery that ran out of retries. Added on every start where missing, so existing installs get it.
   */
  private void letCockpitTeamsWatchNotifications() {
    for (Team team : Team.values()) {
      if (!team.watchesCockpit() || authorizationService.createAuthorizationQuery().groupIdIn(team.groupId())
          .resourceType(Resources.PROCESS_DEFINITION).resourceId(NOTIFY_KEY).count() > 0) {
        continue;
      }
      var authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(team.groupId());
      authorization.setResource(Resources.PROCESS_DEFINITION);
      authorization.setResourceId(NOTIFY_KEY);
      for (Permission permission : List.of(Permissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
          ProcessDefinitionPermissions.READ_HISTORY)) {
        authorization.addPermission(permission);
      }
      if (team == Team.MANAGERS) {
        authorization.addPermission(ProcessDefinitionPermissions.RETRY_JOB);
        authorization.addPermission(ProcessDefinitionPermissions.UPDATE_INSTANCE);
      }
      authorizationService.saveAuthorization(authorization);
    }
  }

  /** Camunda keeps one authorization per group and resource, so permissions are collected first. */
  private void grantTeam(Team team) {
    Map<Grant, List<Permission>> grants = new LinkedHashMap<>();
    grant(grants, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(grants, Resources.PROCESS_DEFINITION, PROCESS_KEY, Permissions.READ);
    grant(grants, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
    if (team.watchesCockpit()) {
      grant(grants, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
      grant(grants, Resources.PROCESS_DEFINITION, PROCESS_KEY, ProcessDefinitionPermissions.READ_INSTANCE,
          ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_TASK);
      grant(grants, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
      grant(grants, Resources.TASK, ANY, Permissions.READ);
      grant(grants, Resources.DECISION_DEFINITION, ANY, Permissions.READ_HISTORY);
      grant(grants, Resources.DEPLOYMENT, ANY, Permissions.READ);
    }
    if (team == Team.MANAGERS) {
      grant(grants, Resources.TASK, ANY, Permissions.UPDATE);
    }
    grants.forEach((target, permissions) -> {
      var authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(team.groupId());
      authorization.setResource(target.resource());
      authorization.setResourceId(target.resourceId());
      permissions.forEach(authorization::addPermission);
      authorizationService.saveAuthorization(authorization);
    });
  }

  private static void grant(Map<Grant, List<Permission>> grants, Resource resource, String resourceId,
      Permission... permissions) {
    grants.computeIfAbsent(new Grant(resource, resourceId), target -> new ArrayList<>()).addAll(List.of(permissions));
  }

  private record Grant(Resource resource, String resourceId) {}

  private void createFilters() {
    createFilter("Team queue", -20, "Your teams' leads, whoever holds them, most urgent first",
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks());
    createFilter("My leads", -10, "Leads you have claimed or accepted",
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
    createFilter("Emergencies", 0, "Every emergency you may see, claimed or not",
        taskService.createTaskQuery().processVariableValueEquals("leadClass", "EMERGENCY"));
    createFilter("Escalated", 10, "Overdue, declined or escalated leads",
        taskService.createTaskQuery().processVariableValueEquals("escalated", true));
  }

  private void createFilter(String name, int order, String description, TaskQuery query) {
    if (filterService.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    query.orderByTaskPriority().desc().orderByDueDate().asc();
    var filter = filterService.newTaskFilter(name)
        .setQuery(query)
        .setProperties(Map.of(
            "description", description,
            "priority", order,
            "refresh", true,
            "variables", List.of(
                Map.of("name", "leadClass", "label", "Class"),
                Map.of("name", "phone", "label", "Phone"),
                Map.of("name", "slaState", "label", "SLA"),
                Map.of("name", "routingReason", "label", "Why"))));
    filterService.saveFilter(filter);
    var everyone = authorizationService.createNewAuthorization(AUTH_TYPE_GLOBAL);
    everyone.setResource(Resources.FILTER);
    everyone.setResourceId(filter.getId());
    everyone.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(everyone);
  }
}
