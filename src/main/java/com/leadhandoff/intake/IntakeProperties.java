package com.leadhandoff.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** defaultRegion: the ISO country whose numbering applies to phone numbers given without +country code. */
@ConfigurationProperties("lead-handoff.intake")
public record IntakeProperties(String defaultRegion) {}
