package com.leadhandoff.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The newcomer's story, in real headless Chromium against the demo profile: the dispatcher logs
 * into Tasklist, finds the demo emergency at the top of My leads (they are on call, so it was
 * assigned to them), reads its context in the
 * Camunda Form, accepts it, and the lead moves on to "Record first contact" assigned to them.
 */
class DispatcherAcceptsEmergencyIT extends TasklistBrowserTest {

  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  @Test
  void dispatcherAcceptsTheEmergencyDemoLeadThroughItsForm() throws Exception {
    String lead = taskService.createTaskQuery().taskDefinitionKey("UserTask_AcceptLead").taskNameLike("Accept: Maria Lopez%")
        .singleResult().getProcessInstanceId();
    logInAs("dispatcher");
    var wait = waitUpTo30Seconds();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[text()[contains(.,'My leads')]]"))).click();

    WebElement emergency = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'tasks-list')]//li[1]//*[contains(text(),'Accept: Maria Lopez')]")));
    BrowserSupport.screenshot(browser, "tasklist-1-my-leads");
    emergency.click();

    WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-container")));
    wait.until(ExpectedConditions.textToBePresentInElement(form, "Burst pipe under the kitchen sink, water everywhere"));
    assertThat(form.getText())
        .contains("Maria Lopez", "+15125550199", "2207 E 6th St", "emergency: customer reports damage happening now")
        .doesNotContain("Form failure");
    BrowserSupport.screenshot(browser, "tasklist-2-accept-form");

    clickLabel("I accept this lead");
    clickLabel("I have read the context above");
    field("Next action").sendKeys("Call now and send the on-call plumber");
    LocalDateTime inTime = nextQuarterHour();
    commitToFirstContactBy(inTime.plusDays(1));
    scrollToAndClick(browser.findElement(By.xpath("//button[normalize-space()='Complete']")));
    WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(text(),'First contact must happen within 15 minutes')]")));
    assertThat(refusal.getText()).as("the reason reaches the user as written").doesNotContain("ENGINE-", "TaskListener");
    BrowserSupport.screenshot(browser, "tasklist-3-first-contact-too-late");

    // Only the date changes: the time picker's list would keep its earlier choice over newly typed text.
    commitToDate(inTime);
    BrowserSupport.screenshot(browser, "tasklist-4-accept-form-filled");
    // The refusal notice still covers the button; a script click is what the user's click does. Tasklist
    // ignores a click while it is still busy with the refused submission, so the user clicks again.
    try {
      wait.until(driver -> {
        if (taskService.createTaskQuery().processInstanceId(lead).taskDefinitionKey("UserTask_RecordFirstContact").count() == 1) {
          return true;
        }
        browser.findElements(By.xpath("//button[normalize-space()='Complete']")).stream().filter(WebElement::isEnabled).findFirst()
            .ifPresent(button -> browser.executeScript("arguments[0].click();", button));
        return false;
      });
    } finally {
      BrowserSupport.screenshot(browser, "tasklist-5-after-complete");
    }
    var firstContact = taskService.createTaskQuery().processInstanceId(lead).taskDefinitionKey("UserTask_RecordFirstContact").singleResult();
    assertThat(firstContact.getAssignee()).isEqualTo("dispatcher");
    assertThat(runtimeService.getVariable(firstContact.getProcessInstanceId(), "nextAction"))
        .isEqualTo("Call now and send the on-call plumber");
  }

  /** The form's time picker keeps five-minute steps; the next quarter hour is one, at most 15 minutes away, inside the emergency SLA. */
  private static LocalDateTime nextQuarterHour() {
    LocalDateTime now = LocalDateTime.now().plusSeconds(30).withSecond(0).withNano(0);
    return now.plusMinutes((15 - now.getMinute() % 15) % 15);
  }

  private void commitToDate(LocalDateTime time) {
    String date = time.format(DateTimeFormatter.ofPattern("MM/dd/yyyy"));
    datePart().sendKeys(Keys.chord(Keys.CONTROL, "a"), date, Keys.TAB);
    waitUpTo30Seconds().until(driver -> date.equals(datePart().getAttribute("value")));
  }

  /** Types the time and waits until the form holds it: on a busy machine the form updates after the keys. */
  private void commitToFirstContactBy(LocalDateTime time) {
    CharSequence selectAll = Keys.chord(Keys.CONTROL, "a");
    String date = time.format(DateTimeFormatter.ofPattern("MM/dd/yyyy"));
    String clock = time.format(DateTimeFormatter.ofPattern("HH:mm"));
    datePart().sendKeys(selectAll, date, Keys.TAB);
    timePart().sendKeys(selectAll, clock, Keys.TAB);
    waitUpTo30Seconds().withMessage(() -> "the form shows " + datePart().getAttribute("value") + " " + timePart().getAttribute("value")
        + ", not " + date + " " + clock).until(driver -> date.equals(datePart().getAttribute("value")) && clock.equals(timePart().getAttribute("value")));
  }

  private void clickLabel(String text) {
    scrollToAndClick(browser.findElement(By.xpath("//label[contains(normalize-space(.),\"" + text + "\")]")));
  }

  private WebElement field(String label) {
    return browser.findElement(By.xpath("//label[contains(normalize-space(.),\"" + label + "\")]/following::input[1]"));
  }

  private WebElement datePart() {
    List<WebElement> dates = browser.findElements(By.cssSelector(".fjs-form-field-datetime input.fjs-input"));
    return dates.get(0);
  }

  private WebElement timePart() {
    List<WebElement> inputs = browser.findElements(By.cssSelector(".fjs-form-field-datetime input.fjs-input"));
    return inputs.get(1);
  }
}
