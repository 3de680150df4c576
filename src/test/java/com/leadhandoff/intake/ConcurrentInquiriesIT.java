package com.leadhandoff.intake;

import com.leadhandoff.DemoApplicationTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.leadhandoff.intake.ApiClient.Answer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fifty source systems posting the same inquiry at the same instant, over real HTTP with the job
 * executor running: the database, not memory, makes sure exactly one lead results.
 */
@DemoApplicationTest
class ConcurrentInquiriesIT {

  private static final int CALLERS = 50;

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired JdbcTemplate jdbc;
  ApiClient api;
  final List<String> leads = new ArrayList<>();

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @AfterEach
  void removeTheLeads() {
    for (String leadId : leads) {
      String processInstanceId = jdbc.queryForObject("select process_instance_id from lh_lead where id = ?", String.class, leadId);
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
          managementService.createJobQuery().processInstanceId(processInstanceId).executable().count() == 0);
      if (runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
        runtimeService.deleteProcessInstance(processInstanceId, "race test clean-up");
      }
    }
  }

  @Test
  void fiftyPostsOfTheSameExternalIdMakeOneLead() throws Exception {
    List<Answer> answers = postAtOnce(i -> inquiry("race-same-id", "737-555-0170"));

    assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.raw().body()).isIn(200, 201));
    assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(1);
    assertThat(answers).extracting(answer -> answer.body().get("id").asText()).containsOnly(onlyLead("+17375550170"));
    assertThat(jdbc.queryForObject("select count(*) from lh_inquiry where external_id = 'race-same-id'", Integer.class)).isEqualTo(1);
  }

  @Test
  void fiftyPostsFromTheSamePhoneWithDifferentIdsMakeOneLeadAndJoinIt() throws Exception {
    List<Answer> answers = postAtOnce(i -> inquiry("race-phone-" + i, "(737) 555-0171"));

    assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.raw().body()).isIn(200, 201));
    assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(1);
    assertThat(answers).filteredOn(answer -> "JOINED_EXISTING".equals(answer.body().get("status").asText())).hasSize(CALLERS - 1);
    String lead = onlyLead("+17375550171");
    assertThat(answers).extracting(answer -> answer.body().get("id").asText()).containsOnly(lead);
    assertThat(jdbc.queryForObject("select count(*) from lh_inquiry where lead_id = ?", Integer.class, lead)).isEqualTo(CALLERS);
    String processInstanceId = jdbc.queryForObject("select process_instance_id from lh_lead where id = ?", String.class, lead);
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
        managementService.createJobQuery().processInstanceId(processInstanceId).executable().count() == 0);
    assertThat(jdbc.queryForObject("select count(*) from lh_timeline where process_instance_id = ? and kind = 'JOINED'", Integer.class,
        processInstanceId)).as("every joined inquiry reached the lead").isEqualTo(CALLERS - 1);
  }

  private static Map<String, Object> inquiry(String externalId, String phone) {
    Map<String, Object> body = new HashMap<>();
    body.put("source", "web-form");
    body.put("externalId", externalId);
    body.put("fullName", "Rae Quinn");
    body.put("phone", phone);
    body.put("problem", "Garbage disposal is jammed");
    return body;
  }

  /** The one lead holding this phone number, remembered for clean-up. */
  private String onlyLead(String e164) {
    List<String> ids = jdbc.queryForList("select distinct i.lead_id from lh_inquiry i where i.payload like ?", String.class, "%" + e164 + "%");
    assertThat(ids).hasSize(1);
    leads.addAll(ids);
    return ids.get(0);
  }

  private List<Answer> postAtOnce(IntFunction<Map<String, Object>> body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Answer>> futures = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        Map<String, Object> payload = body.apply(i);
        futures.add(pool.submit(() -> {
          start.await();
          return api.postJson("/api/leads", payload, "website");
        }));
      }
      start.countDown();
      List<Answer> answers = new ArrayList<>();
      for (Future<Answer> future : futures) {
        answers.add(future.get());
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
