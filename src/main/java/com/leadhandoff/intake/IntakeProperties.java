package com.leadhandoff.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * defaultRegion: the ISO country whose numbering applies to phone numbers given without +country code.
 * maxBodyBytes: the largest request body the lead API reads.
 */
@ConfigurationProperties("lead-handoff.intake")
public record IntakeProperties(String defaultRegion, @DefaultValue("65536") int maxBodyBytes) {}
