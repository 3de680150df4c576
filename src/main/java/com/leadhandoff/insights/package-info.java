/**
 * Insights for managers: where leads wait (the heatmap over the process diagram), handoff health
 * coloured by {@code dmn/handoff-health.dmn}, why each lead went where it went, and the weekly
 * review. Read from the engine's history and our own tables, aggregated in the database.
 */
package com.leadhandoff.insights;
