package com.leadhandoff.ownership;

import static com.leadhandoff.lead.LeadVariables.text;

import com.leadhandoff.lead.LeadText;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Names every lead task so a list in Tasklist reads like a queue of people:
 * "Accept: Maria Lopez · Burst pipe under the kitchen sink · EMERGENCY".
 */
@Component("labelLeadTask")
public class LabelLeadTask implements TaskListener {

  private static final Map<String, String> VERBS = Map.of(
      "UserTask_CompleteIntakeRecord", "Complete intake",
      "UserTask_RouteByHand", "Route",
      "UserTask_ReviewPoorFit", "Review",
      "UserTask_AcceptLead", "Accept",
      "UserTask_RecordFirstContact", "Contact",
      "UserTask_ReviewJoinedInquiry", "New inquiry");

  @Override
  public void notify(DelegateTask task) {
    String verb = VERBS.getOrDefault(task.getTaskDefinitionKey(), task.getName());
    if ("UserTask_AcceptLead".equals(task.getTaskDefinitionKey()) && task.getVariable("escalationLevel") instanceof Number level && level.intValue() > 1) {
      verb = "Take over";
    }
    String who = Stream.of(text(task, "fullName"), text(task, "phone"), text(task, "email"))
        .filter(Objects::nonNull).findFirst().orElse("unknown caller");
    String what = Stream.of(LeadText.summary(text(task, "problem")), text(task, "serviceType"))
        .filter(Objects::nonNull).findFirst().orElse(null);
    String leadClass = "UserTask_CompleteIntakeRecord".equals(task.getTaskDefinitionKey()) ? null : text(task, "leadClass");
    task.setName(verb + ": " + Stream.of(who, what, leadClass).filter(Objects::nonNull).collect(Collectors.joining(" · ")));
  }
}
