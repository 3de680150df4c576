// Cockpit's configuration for Lead Handoff: the insights plugin (heatmap over the lead process,
// handoff health, why a lead went where it went). See docs/insights.md.
export default {
  customScripts: ['scripts/lead-handoff-insights'],
  disableWelcomeMessage: true
};
