package com.leadhandoff.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.leadhandoff.insights.Heatmap;
import com.leadhandoff.insights.Period;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The manager's view in Cockpit Community, in real headless Chromium: the heatmap over the lead
 * process shows as many leads at each step as the database holds, the health tab shows the
 * coloured tiles, a lead's "Why" tab shows its routing decision, and last week's review opens.
 * Screenshots go to target/screenshots.
 */
class CockpitInsightsIT extends TasklistBrowserTest {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
  @Autowired Heatmap heatmap;

  @Test
  void aManagerSeesTheHeatmapTheHealthTilesAndWhyALeadWentWhereItWent() throws Exception {
    logIntoCockpitAs("manager");
    String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey("lead-handoff").latestVersion().singleResult().getId();
    browser.get(cockpit() + "#/process-definition/" + definition + "/runtime");

    var wait = waitUpTo30Seconds();
    WebElement captured = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".lh-heat-badge[data-activity='StartEvent_LeadCaptured']")));
    var steps = heatmap.steps(new Period(Instant.now().minus(Duration.ofDays(7)), Instant.now()), null);
    long capturedInDatabase = steps.stream().filter(s -> s.activityId().equals("StartEvent_LeadCaptured")).findFirst().orElseThrow().passed();
    assertThat(Long.parseLong(captured.getAttribute("data-passed"))).as("leads captured, on the diagram and in the database").isEqualTo(capturedInDatabase);
    WebElement routed = browser.findElement(By.cssSelector(".lh-heat-badge[data-activity='BusinessRuleTask_RouteLead']"));
    assertThat(Long.parseLong(routed.getAttribute("data-passed")))
        .isEqualTo(steps.stream().filter(s -> s.activityId().equals("BusinessRuleTask_RouteLead")).findFirst().orElseThrow().passed());
    assertThat(browser.findElements(By.cssSelector(".lh-heat-badge"))).as("a badge on every step leads passed")
        .hasSize((int) steps.stream().filter(s -> !s.activityId().startsWith("SubProcess") && !s.activityId().contains("#")).count());
    BrowserSupport.screenshot(browser, "cockpit-1-heatmap");

    scrollToAndClick(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='Handoff health']"))));
    wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".lh-tile"), 10));
    WebElement emergencies = browser.findElement(By.cssSelector(".lh-tile[data-metric='emergenciesUnownedPast5MinNow']"));
    assertThat(emergencies.getAttribute("data-colour")).isIn("green", "red");
    assertThat(browser.findElements(By.cssSelector(".lh-tile[data-colour]"))).extracting(tile -> tile.getAttribute("data-colour"))
        .allMatch(colour -> java.util.Set.of("green", "watch", "red", "none").contains(colour));
    BrowserSupport.screenshot(browser, "cockpit-2-health");

    String emergency = jdbc.queryForObject(
        "select process_instance_id from lh_lead where source = 'ai-receptionist' and external_id = 'demo-ai-42'", String.class);
    browser.get(cockpit() + "#/process-instance/" + emergency + "/runtime");
    scrollToAndClick(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space()='Why']"))));
    WebElement why = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".lh-why")));
    assertThat(why.getText()).contains("lead-routing v", "Matched: rule", "EMERGENCY", "Who held it");
    BrowserSupport.screenshot(browser, "cockpit-3-why");

    browser.get("http://localhost:" + port + "/api/insights/weekly-review");
    assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText()).startsWith("Lead handoff weekly review ");
    BrowserSupport.screenshot(browser, "cockpit-4-weekly-review");
  }

  void logIntoCockpitAs(String user) throws Exception {
    logInto(cockpit(), user, By.xpath("//*[contains(@class,'dashboard') or contains(., 'Processes')]"));
  }
}
