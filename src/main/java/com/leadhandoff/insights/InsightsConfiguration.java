package com.leadhandoff.insights;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The weekly review runs on Spring's scheduler. */
@Configuration
@EnableScheduling
public class InsightsConfiguration {}
