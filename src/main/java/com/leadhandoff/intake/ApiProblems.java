package com.leadhandoff.intake;

import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the lead API as {@code application/problem+json} (RFC 9457): a type, a title, the
 * status, a detail a developer can act on, and for malformed requests the list of bad fields.
 * Spring MVC's own errors (wrong content type, method, missing parameter) come out the same way.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
  public static final String TYPES = "urn:lead-handoff:problem:";

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<ProblemDetail> invalid(InvalidRequestException invalid) {
    int count = invalid.problems().size();
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is malformed",
        (count == 1 ? "1 problem" : count + " problems") + " found; nothing was saved. Fix every field listed in errors and send it again.");
    problem.setProperty("errors", invalid.problems().stream()
        .map(p -> Map.of("field", p.field(), "message", p.message())).toList());
    return ResponseEntity.badRequest().body(problem);
  }

  @ExceptionHandler(LeadNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(LeadNotFoundException notFound) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "lead-not-found", "No such lead", notFound.getMessage()));
  }

  @ExceptionHandler(LeadClosedException.class)
  ResponseEntity<ProblemDetail> closed(LeadClosedException closed) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, "lead-closed", "The lead is closed", closed.getMessage()));
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException tooLarge) {
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
        .body(problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "The request body is too large", tooLarge.getMessage()));
  }

  /** Anything unexpected: logged with its cause, answered without internals. */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ProblemDetail> unexpected(RuntimeException failure) {
    if (Retries.lostARace(failure)) {
      log.warn("Gave up after {} attempts on a busy lead", Retries.ATTEMPTS, failure);
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
          .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Busy, try again",
              "Many requests for the same lead arrived at once; send the same request again (it is idempotent with an externalId)"));
    }
    log.error("Lead API request failed", failure);
    return ResponseEntity.internalServerError()
        .body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error", "The request failed on our side; it was not saved"));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode,
      WebRequest request) {
    ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
    if (response != null && response.getBody() instanceof ProblemDetail problem && problem.getType().equals(URI.create("about:blank"))) {
      problem.setType(URI.create(TYPES + "http-" + statusCode.value()));
    }
    return response;
  }

  static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPES + type));
    problem.setTitle(title);
    return problem;
  }
}
