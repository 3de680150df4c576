package com.leadhandoff.intake;

/** The request body is larger than the configured limit. */
public class PayloadTooLargeException extends RuntimeException {
  public PayloadTooLargeException(long limit) {
    super("The body is larger than " + limit + " bytes; shorten long texts such as context.transcript");
  }
}
