/**
 * Routing: the DMN decision {@code lead-routing} picks a class, an owner group and the SLAs; this
 * package turns its answer into due dates, and hands leads no rule can place to the office manager.
 */
package com.leadhandoff.routing;
