/**
 * The lead record as the process carries it: variable names shared by the models, the forms and
 * the code, and the human-readable wording of times and durations shown to staff.
 */
package com.leadhandoff.lead;
