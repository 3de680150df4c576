package com.leadhandoff.routing;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * Deployed versions of the rule tables, read back from the engine's repository as files: the one
 * new leads follow now (the latest), or any earlier one. A deployed version never changes, so
 * parsed files are kept by decision definition id.
 */
@Component
public class DeployedTables {

  private static final int KEPT = 200;

  private final RepositoryService repositoryService;
  private final Map<String, RuleFile> parsed = new ConcurrentHashMap<>();

  public DeployedTables(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  /** The version new leads follow now. */
  public Optional<DecisionDefinition> latest(String key) {
    return Optional.ofNullable(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult());
  }

  public Optional<DecisionDefinition> version(String key, int version) {
    return Optional.ofNullable(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key)
        .decisionDefinitionVersion(version).singleResult());
  }

  public Optional<RuleFile> active(String key) {
    return latest(key).map(this::file);
  }

  /** The whole file the version was deployed in (every decision of its graph). */
  public RuleFile file(DecisionDefinition definition) {
    RuleFile file = parsed.get(definition.getId());
    if (file != null) {
      return file;
    }
    try (InputStream in = repositoryService.getResourceAsStream(definition.getDeploymentId(), definition.getResourceName())) {
      file = RuleFile.parse(definition.getResourceName(), in.readAllBytes());
    } catch (IOException | RuleFile.Unreadable unreadable) {
      throw new IllegalStateException("The deployed " + definition.getKey() + " v" + definition.getVersion() + " cannot be read: "
          + unreadable.getMessage(), unreadable);
    }
    if (parsed.size() > KEPT) {
      parsed.clear();
    }
    parsed.put(definition.getId(), file);
    return file;
  }
}
