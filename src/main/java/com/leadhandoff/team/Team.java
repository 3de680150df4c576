package com.leadhandoff.team;

/** The groups leads are routed and escalated to; ids are what the DMN tables and the model name. */
public enum Team {
  INTAKE("intake", "Intake (CSR / booking)"),
  DISPATCH("dispatch", "Dispatch / on-call"),
  DISPATCH_LEADS("dispatch-leads", "Dispatch leads"),
  SALES("sales", "Sales / estimators"),
  SALES_LEADS("sales-leads", "Sales leads"),
  OFFICE("office", "Office managers"),
  OPS_LEADS("ops-leads", "Ops leads"),
  MANAGERS("managers", "Managers / GM");

  private final String groupId;
  private final String displayName;

  Team(String groupId, String displayName) {
    this.groupId = groupId;
    this.displayName = displayName;
  }

  public String groupId() {
    return groupId;
  }

  public String displayName() {
    return displayName;
  }

  /** Teams that watch the whole flow in Cockpit rather than only their own tasks. */
  public boolean watchesCockpit() {
    return this == MANAGERS || this == OPS_LEADS;
  }
}
