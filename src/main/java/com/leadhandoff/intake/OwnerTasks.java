package com.leadhandoff.intake;

import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/** The task a lead's current owner works on, and the groups it is offered to. */
final class OwnerTasks {

  private OwnerTasks() {}

  /** The lead's open task in the main flow, if it has one (not a review of a joined inquiry). */
  static Task mainTask(TaskService tasks, String processInstanceId) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).list().stream()
        .filter(task -> !task.getTaskDefinitionKey().equals(ReviewJoinedInquiry.TASK))
        .findFirst().orElse(null);
  }

  /** The task's candidate groups, in the order they were added: the owner group first. */
  static List<String> candidateGroups(TaskService tasks, Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(IdentityLink::getGroupId).distinct().toList();
  }
}
