package com.leadhandoff.routing;

import static com.leadhandoff.intake.LeadsApi.CALLER;

import com.leadhandoff.intake.ApiProblems;
import com.leadhandoff.security.ApiAuthentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessApplicationDeployment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The ops leads' side of the rule tables: check a table (guard and acceptance cases) without
 * deploying it, backtest it against the leads of a period, deploy it (with its cases), list the
 * versions with who deployed them, compare two versions rule by rule, download a version and put
 * an earlier one back in force. Deploying is for ops leads and admins; managers may read and
 * backtest.
 */
@RestController
@RequestMapping("/api/routing")
@Tag(name = "Routing tables", description = "Check, backtest, deploy, compare and roll back the DMN rule tables")
@SecurityRequirement(name = "basic")
public class RoutingApi {

  private static final Set<String> DEPLOYERS = Set.of("ops-leads", "camunda-admin");
  private static final Set<String> READERS = Set.of("ops-leads", "managers", "camunda-admin");
  private static final List<String> TABLES = List.of(DeployGuard.ROUTING, DeployGuard.LADDER);
  private static final String SOURCE = "routing API";
  private static final int MAX_FILE_BYTES = 1_048_576;

  private final DeployGuard guard;
  private final Backtest backtest;
  private final DeployedTables deployed;
  private final RuleVersions versions;
  private final RuleCases cases;
  private final PackagedTables packaged;
  private final RepositoryService repositoryService;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final TransactionTemplate transaction;
  private final ZoneId zone;

  public RoutingApi(DeployGuard guard, Backtest backtest, DeployedTables deployed, RuleVersions versions, RuleCases cases,
      PackagedTables packaged, RepositoryService repositoryService, HistoryService historyService, IdentityService identityService,
      TransactionTemplate transaction, com.leadhandoff.escalation.BusinessHoursProperties businessHours) {
    this.guard = guard;
    this.backtest = backtest;
    this.deployed = deployed;
    this.versions = versions;
    this.cases = cases;
    this.packaged = packaged;
    this.repositoryService = repositoryService;
    this.historyService = historyService;
    this.identityService = identityService;
    this.transaction = transaction;
    this.zone = businessHours.zone();
  }

  @Operation(summary = "Check tables without deploying them",
      description = "Runs the deploy guard on the DMN files (part 'dmn') with the acceptance cases sent (part 'cases', files named TABLE.csv) "
          + "or else the saved ones, and reports every problem. Nothing is deployed or saved.")
  @PostMapping(path = "/check", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public DeployGuard.Report check(@RequestParam("dmn") List<MultipartFile> dmn, @RequestParam(name = "cases", required = false) List<MultipartFile> cases,
      @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireReader(caller);
    return guard.check(dmnFiles(dmn), caseFiles(cases));
  }

  @Operation(summary = "Deploy tables", description = "Deploys the DMN files (part 'dmn') after the deploy guard passes them; new leads follow "
      + "them at once, leads already routed keep their versions. Cases sent (part 'cases', TABLE.csv) are checked and saved for later "
      + "deployments, including Camunda Modeler's. Ops leads and admins only. 422 with the guard's problems if refused.")
  @PostMapping(path = "/deployments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<?> deploy(@RequestParam("dmn") List<MultipartFile> dmn, @RequestParam(name = "cases", required = false) List<MultipartFile> cases,
      @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireDeployer(caller);
    return deploy(dmnFiles(dmn), caseFiles(cases), caller);
  }

  @Operation(summary = "Put an earlier version back in force", description = "Deploys the file of that version again as a new version, "
      + "after the deploy guard passes it with the acceptance cases that were in force for that version; those cases are in force again "
      + "afterwards. Ops leads and admins only.")
  @PostMapping("/versions/{table}/{version}/redeploy")
  public ResponseEntity<?> redeploy(@PathVariable String table, @PathVariable int version, @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireDeployer(caller);
    DecisionDefinition earlier = definition(table, version);
    RuleFile file = deployed.file(earlier);
    Deployment deployment = repositoryService.createDeploymentQuery().deploymentId(earlier.getDeploymentId()).singleResult();
    Map<String, String> thenInForce = new LinkedHashMap<>();
    for (var decision : file.decisions()) {
      cases.asOf(decision.getId(), deployment.getId(), deployment.getDeploymentTime().toInstant())
          .ifPresent(found -> thenInForce.put(decision.getId(), found.csv()));
    }
    return deploy(Map.of(baseName(file.name()), file.xml()), thenInForce, caller);
  }

  @Operation(summary = "Backtest a candidate routing table", description = "Replays the leads routed between from and to (ISO dates in the "
      + "business time zone, or date-times; default the last 7 days) through the candidate (part 'dmn') and reports how many would change "
      + "class, owner group or SLA, with examples. Nothing is deployed.")
  @PostMapping(path = "/backtest", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public Backtest.Report backtest(@RequestParam("dmn") MultipartFile dmn, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireReader(caller);
    com.leadhandoff.insights.Period period;
    try {
      period = com.leadhandoff.insights.Period.parse(from, to, Duration.ofDays(7), zone, Instant.now());
    } catch (IllegalArgumentException wrong) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, wrong.getMessage());
    }
    var files = dmnFiles(List.of(dmn));
    var name = files.keySet().iterator().next();
    try {
      return backtest.run(RuleFile.parse(name, files.get(name)), period.from(), period.to());
    } catch (RuleFile.Unreadable | IllegalArgumentException unusable) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, unusable.getMessage());
    }
  }

  /** One version of a table, as listed. */
  public record Version(int version, String decisionDefinitionId, String deploymentId, String resource, OffsetDateTime deployedAt,
      String deployedBy, String source, String guard, boolean inForce, Long leadsRouted) {}

  public record TableVersions(String table, Integer inForce, List<Version> versions) {}

  public record Versions(List<TableVersions> tables, List<PackagedTables.Skipped> packagedCopiesLeftOut) {}

  @Operation(summary = "Versions of the routing and escalation tables", description = "Newest first, with who deployed each and when, "
      + "what the guard found, and how many leads each routing version placed.")
  @GetMapping("/versions")
  public Versions versions(@RequestParam(required = false) String table, @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireReader(caller);
    List<String> keys = table == null ? TABLES : List.of(known(table));
    List<TableVersions> tables = new ArrayList<>();
    for (String key : keys) {
      var recorded = versions.of(key);
      var definitions = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key).orderByDecisionDefinitionVersion().desc().list();
      Integer inForce = definitions.isEmpty() ? null : definitions.get(0).getVersion();
      List<Version> list = new ArrayList<>();
      for (DecisionDefinition definition : definitions) {
        Deployment deployment = repositoryService.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult();
        RuleVersions.Recorded record = recorded.get(definition.getId());
        boolean fromApplication = deployment != null && ProcessApplicationDeployment.PROCESS_APPLICATION_DEPLOYMENT_SOURCE.equals(deployment.getSource());
        String by = record != null && record.deployedBy() != null ? record.deployedBy()
            : fromApplication ? "the application (packaged dmn/)" : "not recorded";
        Long routed = key.equals(DeployGuard.ROUTING) ? historyService.createHistoricDecisionInstanceQuery()
            .decisionDefinitionId(definition.getId()).activityIdIn(Backtest.ROUTING_STEP).count() : null;
        list.add(new Version(definition.getVersion(), definition.getId(), definition.getDeploymentId(), definition.getResourceName(),
            deployment == null ? null : OffsetDateTime.ofInstant(deployment.getDeploymentTime().toInstant(), zone), by,
            deployment == null ? null : deployment.getSource(), record == null ? null : record.guardSummary(),
            definition.getVersion() == inForce, routed));
      }
      tables.add(new TableVersions(key, inForce, list));
    }
    return new Versions(tables, packaged.skipped());
  }

  @Operation(summary = "Download one version's DMN file", description = "To open it in Camunda Modeler, edit it, or deploy it again.")
  @GetMapping(path = "/versions/{table}/{version}", produces = MediaType.APPLICATION_XML_VALUE)
  public ResponseEntity<byte[]> file(@PathVariable String table, @PathVariable int version,
      @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireReader(caller);
    RuleFile file = deployed.file(definition(table, version));
    String name = baseName(file.name());
    return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"")
        .contentType(MediaType.APPLICATION_XML).body(file.xml());
  }

  public record Diff(String table, int from, int to, List<RuleDiff.Change> changes) {}

  @Operation(summary = "Compare two versions rule by rule", description = "Every decision of the file: columns and rules added, removed, "
      + "edited (cell by cell) or moved.")
  @GetMapping("/versions/{table}/diff")
  public Diff diff(@PathVariable String table, @RequestParam int from, @RequestParam int to,
      @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireReader(caller);
    return new Diff(known(table), from, to, RuleDiff.between(deployed.file(definition(table, from)), deployed.file(definition(table, to))));
  }

  @Operation(summary = "The acceptance cases the guard runs for a table", description = "The ones last saved with a deployment, or the packaged ones.")
  @GetMapping(path = "/cases/{table}", produces = "text/csv")
  public ResponseEntity<String> cases(@PathVariable String table, @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireReader(caller);
    var found = cases.current(known(table)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, table + " has no acceptance cases"));
    return ResponseEntity.ok().header("X-Cases-Origin", found.origin().replaceAll("[^\\x20-\\x7e]", "?"))
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8)).body(found.csv());
  }

  public record SavedCases(String table, int cases, String note) {}

  @Operation(summary = "Save the acceptance cases for a table's next deployment", description = "The CSV body replaces the cases the "
      + "guard runs when the table is next deployed, from Camunda Modeler or the API. They must be readable; they are run at that "
      + "deployment, not now. Ops leads and admins only.")
  @PutMapping(path = "/cases/{table}", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
  public SavedCases saveCases(@PathVariable String table, @RequestBody String csv, @Parameter(hidden = true) @RequestAttribute(CALLER) String caller) {
    requireDeployer(caller);
    String key = known(table);
    if (csv.length() > RuleCases.MAX_CHARS) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The cases are longer than " + RuleCases.MAX_CHARS + " characters");
    }
    int count;
    try {
      count = AcceptanceCases.read(csv).size();
    } catch (IllegalArgumentException unreadable) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Nothing was saved: " + unreadable.getMessage());
    }
    cases.save(key, csv, caller, null);
    return new SavedCases(key, count, "The deploy guard runs these cases at the next deployment of " + key);
  }

  private ResponseEntity<?> deploy(Map<String, byte[]> dmn, Map<String, String> uploadedCases, String caller) {
    List<String> groups = identityService.createGroupQuery().groupMember(caller).list().stream().map(Group::getId).toList();
    identityService.setAuthentication(caller, groups);
    try {
      DeploymentWithDefinitions deployment = transaction.execute(status -> {
        var builder = repositoryService.createDeployment().name(deploymentName(dmn.keySet())).source(SOURCE);
        dmn.forEach((name, xml) -> builder.addInputStream(name, new java.io.ByteArrayInputStream(xml)));
        var result = RuleDeployments.withCases(uploadedCases, builder::deployWithResult);
        uploadedCases.forEach((key, csv) -> cases.save(key, csv, caller, result.getId()));
        return result;
      });
      var created = deployment.getDeployedDecisionDefinitions() == null ? List.<DecisionDefinition>of() : deployment.getDeployedDecisionDefinitions();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("deploymentId", deployment.getId());
      body.put("versions", created.stream().sorted(Comparator.comparing(DecisionDefinition::getKey))
          .map(d -> Map.of("table", d.getKey(), "version", d.getVersion(), "decisionDefinitionId", d.getId())).toList());
      body.put("casesSaved", uploadedCases.keySet());
      return ResponseEntity.created(URI.create("/api/routing/versions")).body(body);
    } catch (ParseException refused) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
          "The deploy guard refused the tables; nothing was deployed or saved. Fix every problem listed and deploy again.");
      problem.setType(URI.create(ApiProblems.TYPES + "tables-refused"));
      problem.setTitle("Tables refused");
      problem.setProperty("problems", refused.getResorceReports().stream().flatMap(r -> r.getErrors().stream())
          .map(p -> p instanceof RuleDeployments.GuardProblem guarded ? guarded.problem() : new DeployGuard.Problem(null, null, p.getMessage()))
          .toList());
      return ResponseEntity.unprocessableEntity().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    } catch (AuthorizationException refused) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, refused.getMessage());
    } catch (org.camunda.bpm.engine.ProcessEngineException unusable) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Nothing was deployed: " + unusable.getMessage());
    } finally {
      identityService.clearAuthentication();
    }
  }

  private static String deploymentName(Set<String> files) {
    String first = files.iterator().next();
    String name = baseName(first).replaceAll("\\.dmn$", "");
    return files.size() == 1 ? name : name + " and " + (files.size() - 1) + " more";
  }

  private void requireReader(String caller) {
    if (!ApiAuthentication.memberOfAny(identityService, caller, READERS)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The routing tables are for ops leads, managers and admins");
    }
  }

  private void requireDeployer(String caller) {
    if (!ApiAuthentication.memberOfAny(identityService, caller, DEPLOYERS)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only ops leads and admins deploy rule tables; " + caller + " may check, "
          + "backtest and read them");
    }
  }

  private DecisionDefinition definition(String table, int version) {
    return deployed.version(known(table), version)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, table + " has no version " + version));
  }

  private static String known(String table) {
    if (!RuleCases.validKey(table)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'" + table + "' is not a table name (letters, digits, - and _)");
    }
    return table;
  }

  /** A file or resource name without its folders (a client may send a path, a packaged resource has dmn/). */
  private static String baseName(String path) {
    return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  }

  private static Map<String, byte[]> dmnFiles(List<MultipartFile> parts) {
    if (parts == null || parts.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Send the DMN file(s) as multipart part 'dmn'");
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (MultipartFile part : parts) {
      String name = baseName(part.getOriginalFilename() == null || part.getOriginalFilename().isBlank() ? "table.dmn" : part.getOriginalFilename());
      if (!name.endsWith(".dmn")) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'" + name + "' is not a .dmn file: only DMN tables are deployed here");
      }
      files.put(name, bytes(part, name));
    }
    return files;
  }

  private static Map<String, String> caseFiles(List<MultipartFile> parts) {
    Map<String, String> files = new LinkedHashMap<>();
    for (MultipartFile part : parts == null ? List.<MultipartFile>of() : parts) {
      String name = baseName(part.getOriginalFilename() == null ? "" : part.getOriginalFilename());
      String key = name.replaceAll("\\.csv$", "");
      if (!name.endsWith(".csv") || !RuleCases.validKey(key)) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Cases file '" + name + "' must be named after its table, such as lead-routing.csv");
      }
      String csv = new String(bytes(part, name), StandardCharsets.UTF_8);
      if (csv.length() > RuleCases.MAX_CHARS) {
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + " is longer than " + RuleCases.MAX_CHARS + " characters");
      }
      files.put(key, csv);
    }
    return files;
  }

  private static byte[] bytes(MultipartFile part, String name) {
    if (part.getSize() > MAX_FILE_BYTES) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + " is larger than 1 MB");
    }
    try {
      return part.getBytes();
    } catch (IOException unreadable) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + " could not be read: " + unreadable.getMessage());
    }
  }


}
