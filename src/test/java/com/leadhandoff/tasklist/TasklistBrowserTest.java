package com.leadhandoff.tasklist;

import com.leadhandoff.DemoApplicationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The demo application on a random port, one headless Chromium per test class, and Tasklist logins. */
@DemoApplicationTest
abstract class TasklistBrowserTest {

  static ChromeDriver browser;

  @LocalServerPort int port;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = BrowserSupport.startChromium();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  WebDriverWait waitUpTo30Seconds() {
    return new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  String tasklist() {
    return "http://localhost:" + port + "/camunda/app/tasklist/default/";
  }

  String cockpit() {
    return "http://localhost:" + port + "/camunda/app/cockpit/default/";
  }

  /** Logs into Tasklist with the demo password in a fresh browser, so no earlier session lingers. */
  void logInAs(String user) throws Exception {
    logInto(tasklist(), user, By.cssSelector(".task-filters, [cam-tasklist-filters]"));
  }

  /** Logs into one of Camunda's webapps with the demo password in a fresh browser, and waits until it shows this. */
  void logInto(String app, String user, By shown) throws Exception {
    browser.quit();
    browser = BrowserSupport.startChromium();
    browser.get(app);
    var wait = waitUpTo30Seconds();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']"))).sendKeys(user);
    browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type='submit']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(shown));
  }

  static void scrollToAndClick(WebElement element) {
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }
}
