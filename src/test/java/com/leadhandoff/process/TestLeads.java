package com.leadhandoff.process;

import java.util.HashMap;
import java.util.Map;

/** The leads the process tests tell their stories with, as the variables a source would send. */
public final class TestLeads {

  private TestLeads() {}

  public static Map<String, Object> standardLead() {
    Map<String, Object> lead = new HashMap<>();
    lead.put("source", "web-form");
    lead.put("fullName", "Priya Natarajan");
    lead.put("phone", "512.555.0142");
    lead.put("email", "priya.n@example.com");
    lead.put("addressLine1", "4410 Avenue B");
    lead.put("postalCode", "78751");
    lead.put("serviceType", "drain-cleaning");
    lead.put("problem", "Kitchen sink drains slowly, getting worse for a week");
    lead.put("capturedBy", "website");
    lead.put("consentToContact", true);
    return lead;
  }

  public static Map<String, Object> emergencyLead() {
    Map<String, Object> lead = new HashMap<>(standardLead());
    lead.put("source", "ai-receptionist");
    lead.put("fullName", "Maria Lopez");
    lead.put("phone", "+1 (512) 555-0199");
    lead.put("serviceType", "plumbing");
    lead.put("problem", "Burst pipe under the kitchen sink, water everywhere");
    lead.put("activeLoss", true);
    return lead;
  }

  public static Map<String, Object> premiumLead() {
    Map<String, Object> lead = new HashMap<>(standardLead());
    lead.put("fullName", "Tom Becker");
    lead.put("customerType", "commercial");
    lead.put("serviceType", "plumbing");
    lead.put("problem", "Quote to re-pipe the office kitchen");
    return lead;
  }

  public static Map<String, Object> roofingLead() {
    Map<String, Object> lead = new HashMap<>(standardLead());
    lead.put("fullName", "Greg Olsen");
    lead.put("serviceType", "roofing");
    lead.put("problem", "Need a new roof after the hail storm");
    return lead;
  }
}
