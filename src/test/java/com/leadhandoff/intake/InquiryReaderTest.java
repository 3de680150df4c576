package com.leadhandoff.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How one inquiry body is read: normalised where it can be, refused with every problem where it cannot. */
class InquiryReaderTest {

  private final InquiryReader reader = new InquiryReader(new PhoneNumbers(new IntakeProperties("US", 65536)));
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void textIsTrimmedNormalisedAndEmptyMeansAbsent() throws Exception {
    LeadInquiry inquiry = reader.read(json.readTree("""
        {"source": " Web-Form ", "fullName": "  Jose\\u0301 N\\u0303un\\u0303ez ", "phone": " (512) 555-0142 ",
         "email": " Maria.Lopez@Example.COM ", "serviceType": "Drain Cleaning", "preferredContactWindow": "   ",
         "problem": "Line one\\nline two", "address": {"postalCode": " 78702 ", "city": ""}, "customerType": "Commercial",
         "estimatedValue": 18000.00, "context": {"transcript": "  Caller: hi  ", "empty": " "}}
        """));

    assertThat(inquiry.source()).isEqualTo("web-form");
    assertThat(inquiry.fullName()).isEqualTo("José Ñuñez").hasSize(10);
    assertThat(inquiry.phone()).isEqualTo("+15125550142");
    assertThat(inquiry.email()).isEqualTo("maria.lopez@example.com");
    assertThat(inquiry.serviceType()).isEqualTo("drain-cleaning");
    assertThat(inquiry.preferredContactWindow()).isNull();
    assertThat(inquiry.problem()).isEqualTo("Line one\nline two");
    assertThat(inquiry.address()).isEqualTo(new LeadInquiry.Address(null, null, null, "78702"));
    assertThat(inquiry.customerType()).isEqualTo("commercial");
    assertThat(inquiry.estimatedValue()).isEqualTo(18000L);
    assertThat(inquiry.context()).containsExactly(Map.entry("transcript", "Caller: hi"));
    assertThat(inquiry.contactKeys()).containsExactly("email:maria.lopez@example.com", "phone:+15125550142");
    assertThat(inquiry.variables()).containsEntry("postalCode", "78702").doesNotContainKey("addressLine1").containsEntry("context", "transcript: Caller: hi");
  }

  @Test
  void aMissedCallWithOnlyAPhoneNumberIsEnough() throws Exception {
    LeadInquiry inquiry = reader.read(json.readTree("{\"source\": \"missed-call\", \"phone\": \"5125550117\"}"));
    assertThat(inquiry.phone()).isEqualTo("+15125550117");
    assertThat(inquiry.variables()).containsOnlyKeys("source", "phone");
  }

  @Test
  void everyProblemIsReportedAtOnce() throws Exception {
    assertThatThrownBy(() -> reader.read(json.readTree("""
        {"source": "fax", "phone": "555-12", "email": "a@b", "activeLoss": "yes", "phoneNumber": "x",
         "estimatedValue": -5, "capturedAt": "2026-11-24 10:00", "address": {"street": "1 Main"}, "context": {"n": 1}}
        """)))
        .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
            .extracting(FieldProblem::field)
            .containsExactlyInAnyOrder("source", "phone", "email", "activeLoss", "phoneNumber", "estimatedValue", "capturedAt",
                "address.street", "context.n"));
  }

  @Test
  void noContactChannelIsTheOneThingAnIncompleteLeadMustHave() throws Exception {
    assertThatThrownBy(() -> reader.read(json.readTree("{\"source\": \"call\", \"fullName\": \"Ann Lee\", \"email\": \"  \"}")))
        .isInstanceOfSatisfying(InvalidRequestException.class, invalid -> assertThat(invalid.problems())
            .containsExactly(new FieldProblem("phone", "at least one contact channel is required: send phone, email or both")));
  }
}
