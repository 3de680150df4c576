package com.leadhandoff;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The running demo application, as a newcomer starts it (default profile: demo users, demo leads,
 * job executor and authorizations on), on a random port with an in-memory database shared by every
 * test class that uses this annotation, and its demo mailbox on a free port so a demo running on
 * the same machine is left alone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:tasklist-browser;DB_CLOSE_DELAY=-1",
    "lead-handoff.demo.mailbox.smtp-port=0",
    "lead-handoff.demo.history=false",
    "lead-handoff.insights.weekly-review-cron=-"})
@ActiveProfiles("default")
public @interface DemoApplicationTest {}
