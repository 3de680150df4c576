package com.leadhandoff.ownership;

import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.routing.DecisionTables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * No answer: the {@code contact-retry} table says whether to try again and when. If that table
 * fails, the owner keeps the lead and tries again within the class's first-contact window; a
 * broken table never closes a lead as unreachable.
 */
@Component("decideContactRetry")
public class DecideContactRetry implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    boolean retry;
    String retryAfter;
    try {
      var answer = DecisionTables.evaluateLatest(execution, "contact-retry").getSingleResult();
      retry = Boolean.TRUE.equals(answer.getEntry("retry"));
      retryAfter = answer.getEntry("retryAfter");
    } catch (Exception tableFailed) {
      retry = true;
      retryAfter = null;
    }
    execution.setVariable("retryContact", retry);
    execution.setVariable("retryAfter", retry && retryAfter == null ? text(execution, "contactWithin") : retryAfter);
  }
}
