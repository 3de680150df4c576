/** Who may call what: HTTP Basic authentication against the Camunda identity service for the REST API. */
package com.leadhandoff.security;
