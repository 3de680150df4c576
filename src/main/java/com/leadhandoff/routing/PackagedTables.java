package com.leadhandoff.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.repository.DeploymentBuilderImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ProcessApplicationDeployment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The restart rule: the tables in force are the ones ops leads deployed last. When the
 * application starts, its packaged copy of a DMN file (dmn/ in the jar) is deployed only if the
 * versions in force of all its decisions came from the application itself: deployed without a
 * logged-in person (as recorded by {@link RuleDeployments}) from the process application. If anyone deployed a
 * version of one of them since, the packaged copy is left out, whatever it contains, and the
 * log and {@code GET /api/routing/versions} say so: a release never silently rolls back an ops
 * change. To adopt a release's table over an ops change, deploy the file through the routing API
 * or Modeler, like any edit; it is then checked by the guard.
 */
@Component
public class PackagedTables {

  private static final Logger log = LoggerFactory.getLogger(PackagedTables.class);

  /** A packaged file left out at start, and why. */
  public record Skipped(String resource, String reason, Instant at) {}

  private final RepositoryService repositoryService;
  private final RuleVersions versions;
  private final List<Skipped> skipped = new CopyOnWriteArrayList<>();

  public PackagedTables(RepositoryService repositoryService, RuleVersions versions) {
    this.repositoryService = repositoryService;
    this.versions = versions;
  }

  public List<Skipped> skipped() {
    return List.copyOf(skipped);
  }

  /** Takes out of the application's deployment every DMN file that would replace a table deployed since by someone else. */
  public void keepLaterDeployments(DeploymentBuilder deployment) {
    var resources = ((DeploymentBuilderImpl) deployment).getDeployment().getResources();
    if (resources == null) {
      return;
    }
    for (Iterator<String> names = resources.keySet().iterator(); names.hasNext(); ) {
      String name = names.next();
      if (!name.endsWith(".dmn")) {
        continue;
      }
      String newer = laterDeployment(name, resources.get(name).getBytes());
      if (newer != null) {
        names.remove();
        String file = name.replaceFirst("^BOOT-INF/classes/", "");
        String reason = "not deployed: " + newer + ". The application's copy would replace it; deploy the file through the routing API "
            + "or Modeler to adopt it";
        skipped.add(new Skipped(file, reason, Instant.now()));
        log.warn("Packaged {} {}", file, reason);
      }
    }
  }

  /** Which decision of the file has a version in force that someone other than the application deployed, or null. */
  private String laterDeployment(String name, byte[] xml) {
    List<String> keys;
    try {
      keys = RuleFile.parse(name, xml).decisions().stream().map(d -> d.getId()).toList();
    } catch (RuleFile.Unreadable unreadable) {
      return null;
    }
    List<String> newer = new ArrayList<>();
    for (String key : keys) {
      DecisionDefinition latest = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult();
      if (latest == null) {
        continue;
      }
      Deployment from = repositoryService.createDeploymentQuery().deploymentId(latest.getDeploymentId()).singleResult();
      RuleVersions.Recorded recorded = versions.of(key).get(latest.getId());
      boolean byAPerson = recorded != null && recorded.deployedBy() != null;
      if (from != null && (byAPerson || !ProcessApplicationDeployment.PROCESS_APPLICATION_DEPLOYMENT_SOURCE.equals(from.getSource()))) {
        newer.add(key + " v" + latest.getVersion() + " (deployed " + from.getDeploymentTime().toInstant()
            + (byAPerson ? " by " + recorded.deployedBy() : "") + " from " + (from.getSource() == null ? "an unnamed source" : from.getSource())
            + ") is in force");
      }
    }
    return newer.isEmpty() ? null : String.join(", ", newer);
  }
}
