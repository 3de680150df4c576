package com.leadhandoff.lead;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Typed reads of the lead's process variables; forms submit strings, numbers and booleans. */
public final class LeadVariables {

  private LeadVariables() {}

  public static String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value == null) {
      return null;
    }
    String text = value.toString().strip();
    return text.isEmpty() ? null : text;
  }

  public static boolean isTrue(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }

  public static int number(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value instanceof Number n ? n.intValue() : 0;
  }
}
