/**
 * Teams and what they may see: the Camunda groups the routing table hands leads to, their
 * Tasklist and Cockpit access, and the shared Tasklist filters every member starts with.
 */
package com.leadhandoff.team;
