package com.leadhandoff.ownership;

import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.routing.DecisionTables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * No answer: the {@code contact-retry} table says whether to try again and when. If that table
 * fails or matches nothing, the owner keeps the lead and tries again within the class's
 * first-contact window; a broken table never closes a lead as unreachable.
 */
@Component("decideContactRetry")
public class DecideContactRetry implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    var answer = DecisionTables.answer(execution, "contact-retry");
    boolean retry = answer.map(a -> Boolean.TRUE.equals(a.get("retry"))).orElse(true);
    Object retryAfter = answer.map(a -> a.get("retryAfter")).orElse(null);
    execution.setVariable("retryContact", retry);
    execution.setVariable("retryAfter", retry && retryAfter == null ? text(execution, "contactWithin") : retryAfter);
  }
}
