/**
 * Deadlines and what happens when they pass: the business calendar every due date and timer is
 * computed with, overdue flags on tasks, and the climb from owner to escalation group to managers.
 */
package com.leadhandoff.escalation;
