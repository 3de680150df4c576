/**
 * The demo business: staff logins for every team and a handful of realistic leads, created on the
 * first start of the default profile so the app can be explored at once. Never active in production.
 */
package com.leadhandoff.demo;
