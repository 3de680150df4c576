/**
 * Ownership: who holds the lead at each step. Task names staff can read, the acceptance contract
 * (context read, next action, first contact committed within the SLA), and the first-contact outcome
 * that completes the handoff.
 */
package com.leadhandoff.ownership;
