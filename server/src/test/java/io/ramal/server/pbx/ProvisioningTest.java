package io.ramal.server.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import io.ramal.server.config.ApiConfig;
import io.ramal.server.config.Config;
import io.ramal.store.Database;
import io.ramal.store.DigestHa1;
import io.ramal.store.Extensions;
import io.ramal.store.Queues;
import io.ramal.cti.queue.QueueSettings;
import io.ramal.cti.queue.Strategy;
import io.ramal.cti.queue.QueueMember;
import io.ramal.cti.queue.MembershipChange;
import io.ramal.server.config.TenantConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

  @Test
  void configQueuesAreWrittenAtEveryStartAndTheirMembersStay() {
    Config served = Config.demo().withApi(ApiConfig.DEFAULTS);
    TenantConfig demo = served.tenants().getFirst().withQueues(List.of(QueueSettings.defaults("sales")
        .withStrategy(Strategy.ROUND_ROBIN)));
    Config withQueue = new Config(served.http(), served.sip(), served.media(), served.api(), served.store(),
        served.dataDir(), served.log(), List.of(demo));
    Provisioning.apply(withQueue, ds, trunks, InstantSource.system());
    Queues queues = new Queues(ds);
    io.ramal.store.User alice = io.ramal.store.User.create("u-alice", "demo", "alice", "$2a$04$notarealhash",
        java.util.Set.of("agent"), Optional.empty(), Instant.EPOCH);
    new io.ramal.store.Users(ds).insert(alice);
    queues.apply("demo", List.of(new MembershipChange.Saved(new QueueMember("sales", "u-alice", "alice", 0,
        Instant.EPOCH, Optional.empty()))));
    queues.save("demo", QueueSettings.defaults("sales"), Instant.EPOCH);

    Provisioning.apply(withQueue, ds, trunks, InstantSource.system());

    assertThat(queues.find("demo", "sales")).map(QueueSettings::strategy).contains(Strategy.ROUND_ROBIN);
    assertThat(queues.members("demo")).extracting(QueueMember::username).containsExactly("alice");
  }

  @Test
  void configMenusAreWrittenBeforeTheirDidsAndKeepAPromptUploadedThroughTheApi() {
    Config served = Config.demo().withApi(ApiConfig.DEFAULTS);
    TenantConfig demo = served.tenants().getFirst();
    io.ramal.cti.ivr.IvrMenu main = new io.ramal.cti.ivr.IvrMenu("main", Optional.empty(),
        java.util.Map.of('1', new io.ramal.cti.ivr.IvrTarget.Extension("1002")), java.time.Duration.ofSeconds(5), 2,
        Optional.empty(), Optional.empty());
    demo = demo.withIvrs(List.of(main), List.of(new io.ramal.server.config.DidConfig("4200",
        new io.ramal.store.DidTarget.Ivr("main"))));
    Config withMenu = new Config(served.http(), served.sip(), served.media(), served.api(), served.store(),
        served.dataDir(), served.log(), List.of(demo));
    Provisioning.apply(withMenu, ds, trunks, InstantSource.system());
    io.ramal.store.IvrMenus menus = new io.ramal.store.IvrMenus(ds);
    String sha = "ab".repeat(32);
    menus.usePrompt("demo", "main", Optional.of(sha));

    Provisioning.apply(withMenu, ds, trunks, InstantSource.system());

    assertThat(menus.find("demo", "main")).contains(main.withPrompt(Optional.of(sha)));
    assertThat(new io.ramal.store.Dids(ds).find("demo", "4200")).map(io.ramal.store.Did::target)
        .contains(new io.ramal.store.DidTarget.Ivr("main"));
  }
}
