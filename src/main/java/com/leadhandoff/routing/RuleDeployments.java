package com.leadhandoff.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessApplicationDeployment;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Stands between people and the engine's repository, whichever way they deploy (Camunda Modeler's
 * deploy button through engine-rest, the routing API, a redeploy of an old deployment):
 * <ul>
 * <li>someone who is not a Camunda admin may deploy DMN files only (BPMN and scripts can carry code);</li>
 * <li>rule tables are checked by the {@link DeployGuard} and refused with its report;</li>
 * <li>every new decision version is recorded with who deployed it and what the guard found.</li>
 * </ul>
 * Deployments without a logged-in user are the application's own (its packaged models, checked
 * by the build) and pass unchecked.
 */
@Component
public class RuleDeployments extends AbstractProcessEnginePlugin {

  private static final ThreadLocal<Map<String, String>> UPLOADED_CASES = new ThreadLocal<>();
  private static final ThreadLocal<String> GUARD_SUMMARY = new ThreadLocal<>();

  private final ObjectProvider<DeployGuard> guard;
  private final ObjectProvider<RuleVersions> versions;

  public RuleDeployments(ObjectProvider<DeployGuard> guard, ObjectProvider<RuleVersions> versions) {
    this.guard = guard;
    this.versions = versions;
  }

  /** Runs a deployment whose rule tables are checked against these cases (by table key) instead of the saved ones. */
  public static <T> T withCases(Map<String, String> cases, Supplier<T> deployment) {
    UPLOADED_CASES.set(Map.copyOf(cases));
    try {
      return deployment.get();
    } finally {
      UPLOADED_CASES.remove();
    }
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> pre = new ArrayList<>(configuration.getCustomPreDeployers() == null ? List.of() : configuration.getCustomPreDeployers());
    pre.add(this::admit);
    configuration.setCustomPreDeployers(pre);
    List<Deployer> post = new ArrayList<>(configuration.getCustomPostDeployers() == null ? List.of() : configuration.getCustomPostDeployers());
    post.add(this::record);
    configuration.setCustomPostDeployers(post);
  }

  private void admit(DeploymentEntity deployment) {
    GUARD_SUMMARY.remove();
    CommandContext command = Context.getCommandContext();
    String user = command.getAuthenticatedUserId();
    if (!deployment.isNew() || user == null || deployment.getResources() == null) {
      return;
    }
    if (ProcessApplicationDeployment.PROCESS_APPLICATION_DEPLOYMENT_SOURCE.equals(deployment.getSource())) {
      throw new AuthorizationException("The deployment source '" + deployment.getSource() + "' is the application's own; "
          + user + " may not use it. Leave it out or name where the deployment comes from.");
    }
    Map<String, byte[]> dmn = new LinkedHashMap<>();
    List<String> other = new ArrayList<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      if (isDmn(resource.getName())) {
        dmn.put(resource.getName(), resource.getBytes());
      } else {
        other.add(resource.getName());
      }
    }
    if (!other.isEmpty() && !command.getAuthorizationManager().isCamundaAdmin(command.getAuthentication())) {
      throw new AuthorizationException("Only DMN files (.dmn) may be deployed by " + user + "; refused: " + String.join(", ", other)
          + ". Processes, forms and scripts can carry code and are deployed by an administrator.");
    }
    if (dmn.isEmpty()) {
      return;
    }
    Map<String, String> cases = UPLOADED_CASES.get() == null ? Map.of() : UPLOADED_CASES.get();
    DeployGuard.Report report = command.runWithoutAuthorization(() -> guard.getObject().check(dmn, cases));
    if (!report.passed()) {
      List<Problem> problems = report.problems().stream().<Problem>map(GuardProblem::new).toList();
      throw new ParseException("The deploy guard refused " + String.join(", ", dmn.keySet()) + ". " + report.summary(),
          dmn.keySet().iterator().next(), problems, List.of());
    }
    GUARD_SUMMARY.set(report.summary());
  }

  /** The names the engine deploys as DMN (DecisionDefinitionDeployer's suffixes). */
  static boolean isDmn(String resourceName) {
    return resourceName.endsWith(".dmn") || resourceName.endsWith(".dmn11.xml");
  }

  private void record(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return;
    }
    String summary = GUARD_SUMMARY.get();
    GUARD_SUMMARY.remove();
    String user = Context.getCommandContext().getAuthenticatedUserId();
    for (DecisionDefinition decision : deployment.getDeployedDecisionDefinitions() == null ? List.<DecisionDefinition>of()
        : deployment.getDeployedDecisionDefinitions()) {
      versions.getObject().record(decision.getId(), decision.getKey(), decision.getVersion(), deployment.getId(),
          decision.getResourceName(), user, deployment.getDeploymentTime(), deployment.getSource(),
          user == null ? null : summary);
    }
  }

  /** A guard problem as engine-rest reports parse problems: the rule's id is the element. */
  record GuardProblem(DeployGuard.Problem problem) implements Problem {
    @Override
    public String getMessage() {
      return problem.describe();
    }

    @Override
    public int getLine() {
      return 0;
    }

    @Override
    public int getColumn() {
      return 0;
    }

    @Override
    public String getMainElementId() {
      String rule = problem.rule();
      if (rule == null) {
        return problem.table();
      }
      int open = rule.indexOf('(');
      int end = rule.indexOf(':', open);
      return open < 0 ? rule : rule.substring(open + 1, end < 0 ? rule.length() - 1 : end);
    }

    @Override
    public List<String> getElementIds() {
      return List.of(getMainElementId());
    }
  }
}
