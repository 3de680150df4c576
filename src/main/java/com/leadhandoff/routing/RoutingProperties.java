package com.leadhandoff.routing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * emergencyAcceptMax: the SOP's longest acceptance time for emergencies; the deploy guard refuses
 * a table that gives emergencies longer, or a ladder that reminds later.
 * backtestMaxLeads: the most leads one backtest replays (the oldest of the period first).
 */
@ConfigurationProperties("lead-handoff.routing")
public record RoutingProperties(@DefaultValue("PT5M") Duration emergencyAcceptMax, @DefaultValue("5000") int backtestMaxLeads) {

  public RoutingProperties {
    if (emergencyAcceptMax.isNegative() || emergencyAcceptMax.isZero()) {
      throw new IllegalArgumentException("lead-handoff.routing.emergency-accept-max must be positive, got " + emergencyAcceptMax);
    }
    if (backtestMaxLeads < 1) {
      throw new IllegalArgumentException("lead-handoff.routing.backtest-max-leads must be at least 1, got " + backtestMaxLeads);
    }
  }
}
