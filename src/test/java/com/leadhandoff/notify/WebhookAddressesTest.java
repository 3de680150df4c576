package com.leadhandoff.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Webhooks may not reach the server's own network unless a demo or closed network allows it. */
class WebhookAddressesTest {

  private final WebhookAddresses strict = new WebhookAddresses(new NotificationProperties("from@example.com", "http://x/", Duration.ofSeconds(1), false));
  private final WebhookAddresses lenient = new WebhookAddresses(new NotificationProperties("from@example.com", "http://x/", Duration.ofSeconds(1), true));

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/engine-rest/task", "http://localhost/", "http://169.254.169.254/latest/meta-data",
      "http://10.0.0.5/hook", "http://192.168.1.20/hook", "http://172.16.0.1/hook", "http://[::1]/hook", "http://[fd00::1]/hook",
      "http://100.64.0.1/hook", "http://0.0.0.0/hook"})
  void privateAndLocalAddressesAreRefused(String url) {
    assertThatThrownBy(() -> strict.check(url)).hasMessageContaining("private or local address");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://93.184.215.14/hook", "http:///nohost", "not a url", "https://user:secret@93.184.215.14/hook"})
  void onlyHttpUrlsWithAHostAndNoCredentials(String url) {
    assertThatThrownBy(() -> strict.check(url)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(url);
  }

  @Test
  void publicAddressesAndAllowedLocalOnesPass() {
    assertThat(strict.check("https://93.184.215.14/hooks/dispatch").getHost()).isEqualTo("93.184.215.14");
    assertThat(lenient.check("http://127.0.0.1:8080/demo/webhook?to=csr").getPort()).isEqualTo(8080);
  }
}
