package io.ramal.pbx.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ParkingLotTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-21T10:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private final ParkingLot lot = new ParkingLot(new ParkSettings(701, 703, Duration.ofSeconds(60)), clock);

  @Test
  void callsTakeTheLowestFreeSlotAndGiveItBack() {
    assertEquals("701", lot.reserve("t1", "c1", "1002", "1001", 0).orElseThrow().number());
    assertEquals("702", lot.reserve("t1", "c2", "1003", "1001", 1).orElseThrow().number());
    assertTrue(lot.release("t1", "701", "c1"));
    assertEquals("701", lot.reserve("t1", "c3", "1004", "1001", 0).orElseThrow().number());
    assertEquals(List.of("701", "702"), lot.list("t1").stream().map(ParkingLot.Slot::number).toList());
  }

  @Test
  void aFullLotRefusesAndACallParksOnce() {
    lot.reserve("t1", "c1", "1002", "1001", 0);
    assertTrue(lot.reserve("t1", "c1", "1002", "1001", 0).isEmpty(), "the same call twice");
    lot.reserve("t1", "c2", "1002", "1001", 0);
    lot.reserve("t1", "c3", "1002", "1001", 0);
    assertTrue(lot.reserve("t1", "c4", "1002", "1001", 0).isEmpty());
  }

  @Test
  void tenantsHaveTheirOwnSlots() {
    lot.reserve("t1", "c1", "1002", "1001", 0);
    assertEquals("701", lot.reserve("t2", "c9", "2002", "2001", 0).orElseThrow().number());
    assertEquals("c1", lot.find("t1", "701").orElseThrow().callId());
    assertEquals("c9", lot.find("t2", "701").orElseThrow().callId());
    assertTrue(lot.find("t3", "701").isEmpty());
  }

  @Test
  void onlyTheParkedCallReleasesItsSlot() {
    lot.reserve("t1", "c1", "1002", "1001", 0);
    assertFalse(lot.release("t1", "701", "other"));
    assertFalse(lot.release("t2", "701", "c1"));
    assertTrue(lot.find("t1", "701").isPresent());
  }

  @Test
  void theDeadlineIsTheParkTimeoutAfterParking() {
    ParkingLot.Slot slot = lot.reserve("t1", "c1", "1002", "1001", 2).orElseThrow();
    assertEquals(Instant.parse("2026-11-21T10:01:00Z"), slot.deadline());
    assertEquals(2, slot.shard());
    now.set(now.get().plusSeconds(59));
    assertFalse(ParkingLot.expired(slot, now.get()));
    now.set(now.get().plusSeconds(1));
    assertTrue(ParkingLot.expired(slot, now.get()));
  }

  @Test
  void slotNumbersAreTheConfiguredRangeOnly() {
    ParkSettings s = ParkSettings.DEFAULTS;
    assertTrue(s.isSlot("701"));
    assertTrue(s.isSlot("720"));
    assertFalse(s.isSlot("700"));
    assertFalse(s.isSlot("721"));
    assertFalse(s.isSlot("0701"));
    assertFalse(s.isSlot("7a1"));
    assertFalse(s.isSlot(""));
  }
}
