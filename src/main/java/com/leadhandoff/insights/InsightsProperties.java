package com.leadhandoff.insights;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * weeklyReviewCron: when last week's review is generated, kept and mailed (in the business's time
 * zone; Spring cron, "-" switches it off). reviewGroup: whose members receive it by email.
 */
@ConfigurationProperties("lead-handoff.insights")
public record InsightsProperties(@DefaultValue("0 0 6 * * MON") String weeklyReviewCron, @DefaultValue("managers") String reviewGroup) {}
