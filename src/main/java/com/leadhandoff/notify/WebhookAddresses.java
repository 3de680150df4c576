package com.leadhandoff.notify;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Which webhook addresses the server may call. Anyone who sets a channel chooses where lead data is
 * posted, so http(s) only, and no loopback, link-local, private or multicast addresses unless
 * {@code lead-handoff.notifications.allow-private-webhooks} is on: otherwise a webhook could reach
 * the engine's own REST API, a cloud metadata service or internal systems. Checked when a channel
 * is set and again before each call, after the host name is resolved.
 */
@Component
public class WebhookAddresses {

  private final NotificationProperties properties;

  public WebhookAddresses(NotificationProperties properties) {
    this.properties = properties;
  }

  /** The URL as it will be called, or an IllegalArgumentException saying why it may not be. */
  public URI check(String url) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("'" + url + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getUserInfo() != null) {
      throw new IllegalArgumentException("'" + url + "' is not an http or https URL with a host");
    }
    if (!properties.allowPrivateWebhooks()) {
      InetAddress[] addresses;
      try {
        addresses = InetAddress.getAllByName(uri.getHost());
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("the host of '" + url + "' cannot be resolved");
      }
      for (InetAddress address : addresses) {
        if (isPrivate(address)) {
          throw new IllegalArgumentException("'" + url + "' points at a private or local address (" + address.getHostAddress() + ")");
        }
      }
    }
    return uri;
  }

  static boolean isPrivate(InetAddress address) {
    if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress() || address.isAnyLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    boolean uniqueLocalV6 = address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc;
    boolean sharedV4 = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
    return uniqueLocalV6 || sharedV4;
  }
}
