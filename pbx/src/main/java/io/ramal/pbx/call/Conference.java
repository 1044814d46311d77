package io.ramal.pbx.call;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The conference state of one call: the participants beyond its two sides (each with the key the
 * call's media knows it by) and the one being called in, if any. The call's shard owns it.
 */
final class Conference {
  /** A participant beyond the two sides: its leg and the number it is known by. */
  record Participant(String key, Leg leg, String party) {}

  private final Map<String, Participant> extras = new LinkedHashMap<>();
  private int keys;
  /** A participant being called in (null: none). */
  LegDialer joining;

  String nextKey() {
    return "p" + ++keys;
  }

  void add(Participant p) {
    extras.put(p.key(), p);
  }

  Optional<Participant> remove(String key) {
    return Optional.ofNullable(extras.remove(key));
  }

  Optional<Participant> byParty(String party) {
    return extras.values().stream().filter(p -> p.party().equals(party)).findFirst();
  }

  Optional<Participant> byLeg(Leg leg) {
    return extras.values().stream().filter(p -> p.leg() == leg).findFirst();
  }

  /** The participant that has been in the conference longest (it takes a side that is left). */
  Optional<Participant> eldest() {
    return extras.values().stream().findFirst();
  }

  Iterable<Participant> participants() {
    return java.util.List.copyOf(extras.values());
  }

  int size() {
    return extras.size();
  }

  /** Nothing is left of it: no participant beyond the sides, none being called. */
  boolean over() {
    return extras.isEmpty() && joining == null;
  }
}
