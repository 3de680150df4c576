package com.leadhandoff.intake;

import java.util.List;

/** A request that is malformed: every bad field is listed, and nothing has been saved. */
public class InvalidRequestException extends RuntimeException {

  private final List<FieldProblem> problems;

  public InvalidRequestException(List<FieldProblem> problems) {
    super(problems.size() == 1 ? "1 field is invalid" : problems.size() + " fields are invalid");
    this.problems = List.copyOf(problems);
  }

  public InvalidRequestException(String field, String message) {
    this(List.of(new FieldProblem(field, message)));
  }

  public List<FieldProblem> problems() {
    return problems;
  }
}
