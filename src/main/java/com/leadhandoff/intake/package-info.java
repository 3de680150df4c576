/**
 * Intake: a lead is captured with whatever the source had, then checked against the SOP's required
 * record fields. Nothing is routed until the record is complete; phone numbers are kept in E.164.
 */
package com.leadhandoff.intake;
