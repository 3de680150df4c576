package com.leadhandoff.intake;

import com.leadhandoff.routing.DecisionTables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * How long an incomplete record may wait before the office manager is reminded, from the
 * {@code intake-reminder} table. If that table fails or answers nothing, the office manager is
 * reminded at once rather than never: the lead must not wait on a broken table.
 */
@Component("pickIntakeReminder")
public class PickIntakeReminder implements JavaDelegate {

  static final String REMIND_AT_ONCE = "PT0S";

  @Override
  public void execute(DelegateExecution execution) {
    Object remindAfter = DecisionTables.answer(execution, "intake-reminder")
        .map(answer -> answer.get("remindAfter"))
        .orElse(null);
    execution.setVariable("intakeRemindAfter", remindAfter == null ? REMIND_AT_ONCE : remindAfter);
  }
}
