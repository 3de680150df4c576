package com.leadhandoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** DATABASE_URL as hosting platforms and operators write it. */
class DatabaseUrlTest {

  @Test
  void aJdbcUrlIsUsedAsItIs() {
    assertThat(DatabaseUrl.datasource("jdbc:postgresql://db:5432/leadhandoff?sslmode=require"))
        .containsEntry("spring.datasource.url", "jdbc:postgresql://db:5432/leadhandoff?sslmode=require").hasSize(1);
  }

  @Test
  void aPlatformUrlGivesUrlUserAndPassword() {
    assertThat(DatabaseUrl.datasource("postgres://app:s3cret@db.internal:5433/leadhandoff?sslmode=require"))
        .containsEntry("spring.datasource.url", "jdbc:postgresql://db.internal:5433/leadhandoff?sslmode=require")
        .containsEntry("spring.datasource.username", "app")
        .containsEntry("spring.datasource.password", "s3cret");
  }

  @Test
  void passwordsKeepPlusSignsAtSignsAndEncodedCharacters() {
    var settings = DatabaseUrl.datasource("postgresql://app:ab+cd@e^f%2Fg%C3%A9@lead_db/leadhandoff");
    assertThat(settings).containsEntry("spring.datasource.password", "ab+cd@e^f/gé")
        .containsEntry("spring.datasource.url", "jdbc:postgresql://lead_db/leadhandoff");
  }

  @Test
  void aUrlWithoutADatabaseStillMakesAValidJdbcUrl() {
    assertThat(DatabaseUrl.datasource("postgres://app:pw@db:5432")).containsEntry("spring.datasource.url", "jdbc:postgresql://db:5432/");
  }

  @Test
  void somethingElseIsRefusedWithoutShowingThePassword() {
    assertThatThrownBy(() -> DatabaseUrl.datasource("mysql://app:topsecret@db/leadhandoff"))
        .hasMessageContaining("DATABASE_URL must be").hasMessageNotContaining("topsecret");
  }
}
