package io.ramal.it.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ramal.it.harness.CalleeBehavior;
import io.ramal.it.harness.FreePorts;
import io.ramal.it.harness.SipAccount;
import io.ramal.it.harness.Sipp;
import io.ramal.it.harness.SippPeers;
import io.ramal.it.server.TestServer;
import io.ramal.server.config.StoreConfig;
import io.ramal.store.CallDirection;
import io.ramal.store.CallDisposition;
import io.ramal.store.CallRecord;
import io.ramal.store.testing.PostgresFixture;
import io.ramal.store.testing.PostgresSchema;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The whole server on PostgreSQL instead of the embedded SQLite file: it migrates an empty
 * schema, provisions the demo tenant, phones register and call, the CDR lands in PostgreSQL, and
 * a restart on the same schema keeps it (provisioning again changes nothing).
 */
class PostgresStoreCallsTest {
  private static final Duration RUN = Duration.ofSeconds(30);

  @Test
  void aCallThroughAServerOnPostgresLeavesItsCdrThereAcrossARestart() throws SQLException {
    try (PostgresSchema schema = PostgresFixture.freshSchema()) {
      StoreConfig store = new StoreConfig(Optional.of(
          schema.jdbcUrl() + "&user=" + PostgresFixture.server().user()));
      int sipPort = FreePorts.udpAndTcp();
      try (TestServer server = TestServer.start(sipPort, TestServer.localTrunk(FreePorts.udpAndTcp()),
          Duration.ofSeconds(3), store)) {
        InetSocketAddress sip = server.sipAddress();
        try (Sipp callee = SippPeers.registeredCallee(sip, new SipAccount("1002", "demo1002"), CalleeBehavior.answer())
            .start()) {
          callee.awaitRegistered(RUN);
          SippPeers.caller(sip, new SipAccount("1001", "demo1001"), "1002").callDuration(Duration.ofMillis(300)).run(RUN)
              .requireSuccess();
          callee.awaitExit(RUN).requireSuccess();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !server.callRecords().isEmpty());
        assertThat(cdrRowsIn(store)).isEqualTo(1);
      }
      try (TestServer restarted = TestServer.start(FreePorts.udpAndTcp(), TestServer.localTrunk(FreePorts.udpAndTcp()),
          Duration.ofSeconds(3), store)) {
        List<CallRecord> records = restarted.callRecords();
        assertThat(records).hasSize(1);
        CallRecord r = records.get(0);
        assertThat(r.caller()).isEqualTo("1001");
        assertThat(r.callee()).isEqualTo("1002");
        assertThat(r.direction()).isEqualTo(CallDirection.INTERNAL);
        assertThat(r.disposition()).isEqualTo(CallDisposition.ANSWERED);
      }
    }
  }

  /** Counted over a connection of our own, so the row is known to be in PostgreSQL itself. */
  private static int cdrRowsIn(StoreConfig store) throws SQLException {
    try (Connection c = DriverManager.getConnection(store.url().orElseThrow());
        ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM cdrs")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
