package io.ramal.server.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.server.config.ApiConfig;
import io.ramal.server.config.Config;
import io.ramal.store.Database;
import io.ramal.store.DigestHa1;
import io.ramal.store.Extensions;
import io.ramal.store.testing.ScratchDatabase;
import java.time.InstantSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProvisioningTest {
  private final ScratchDatabase scratch = ScratchDatabase.sqlite();
  private final Database database = scratch.open();
  private final DataSource ds = database.dataSource();
  private final Extensions extensions = new Extensions(ds);
  private final io.ramal.store.Trunks trunks = new io.ramal.store.Trunks(ds,
      io.ramal.store.SecretSeal.generate(new java.security.SecureRandom()), InstantSource.system());

  @AfterEach
  void close() {
    database.close();
    scratch.close();
  }

  private void changePasswordOf1001() {
    var e = extensions.find("demo", "1001").orElseThrow();
    extensions.save(e.tenantId(), e.number(), "Changed by the API", e.realm(), "api-chosen-secret");
  }

  @Test
  void theDemoSeedsItsTenantOnceSoApiChangesSurviveARestart() {
    Config demo = Config.demo();
    Provisioning.apply(demo, ds, trunks, InstantSource.system());
    changePasswordOf1001();

    Provisioning.apply(demo, ds, trunks, InstantSource.system());

    var e = extensions.find("demo", "1001").orElseThrow();
    assertThat(e.displayName()).isEqualTo("Changed by the API");
    assertThat(e.ha1()).isEqualTo(DigestHa1.of("1001", e.realm(), "api-chosen-secret"));
  }

  @Test
  void aServedConfigIsAppliedAtEveryStart() {
    Config served = Config.demo().withApi(ApiConfig.DEFAULTS);
    Provisioning.apply(served, ds, trunks, InstantSource.system());
    changePasswordOf1001();

    Provisioning.apply(served, ds, trunks, InstantSource.system());

    var e = extensions.find("demo", "1001").orElseThrow();
    assertThat(e.displayName()).isNotEqualTo("Changed by the API");
    assertThat(e.ha1()).isNotEqualTo(DigestHa1.of("1001", e.realm(), "api-chosen-secret"));
  }
}
