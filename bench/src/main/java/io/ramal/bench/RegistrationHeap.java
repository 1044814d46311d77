package io.ramal.bench;

import io.ramal.pbx.registrar.AddressOfRecord;
import io.ramal.pbx.registrar.LocationService;
import io.ramal.pbx.registrar.RegisterOutcome;
import io.ramal.pbx.registrar.Registrar;
import io.ramal.pbx.registrar.RegistrationPolicy;
import io.ramal.sip.message.ParseResult;
import io.ramal.sip.message.SipRequest;
import io.ramal.sip.message.SipParser;
import io.ramal.sip.transport.Peer;
import io.ramal.sip.transport.Transport;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;

/**
 * Heap kept per registration: registers {@code N} phones (default 10,000, one binding each)
 * through {@link Registrar#register} with parsed REGISTER requests, and prints the growth of the
 * used heap after full collections divided by {@code N}. The requests themselves become garbage;
 * what stays is what the location service holds.
 *
 * <p>usage: {@code java -cp benchmarks.jar io.ramal.bench.RegistrationHeap [N]}
 */
public final class RegistrationHeap {
  private static final String TENANT = "demo";

  private RegistrationHeap() {}

  public static void main(String[] args) throws InterruptedException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-21T12:00:00Z"));
    LocationService location = new LocationService(clock);
    Registrar registrar = new Registrar(location, RegistrationPolicy.DEFAULTS, clock);

    // Warm the code paths (class loading, JIT) on a throwaway service before measuring.
    LocationService scratch = new LocationService(clock);
    Registrar warm = new Registrar(scratch, RegistrationPolicy.DEFAULTS, clock);
    for (int i = 0; i < 2_000; i++) register(warm, new PhoneRegister(count + i));
    scratch = null;
    warm = null;

    long before = UsedHeap.afterFullCollections();
    for (int i = 0; i < count; i++) register(registrar, new PhoneRegister(i));
    long after = UsedHeap.afterFullCollections();

    if (location.size() != count) throw new IllegalStateException("expected " + count + " bindings, found " + location.size());
    long perRegistration = (after - before) / count;
    System.out.printf(Locale.ROOT, "registrations: %d%n", count);
    System.out.printf(Locale.ROOT, "used heap before: %,d bytes, after: %,d bytes%n", before, after);
    System.out.printf(Locale.ROOT, "bytes per registration: %d%n", perRegistration);
    System.out.printf(Locale.ROOT, "target <= 2048: %s%n", perRegistration <= 2048 ? "met" : "NOT met");
    // Keep the service reachable until after the second measurement.
    java.lang.ref.Reference.reachabilityFence(location);
  }

  static RegisterOutcome register(Registrar registrar, PhoneRegister phone) {
    if (!(SipParser.parse(phone.bytes()) instanceof ParseResult.Parsed(SipRequest request))) {
      throw new IllegalStateException("REGISTER of phone " + phone.index() + " does not parse");
    }
    RegisterOutcome outcome = registrar.register(request, new AddressOfRecord(TENANT, phone.user()),
        Peer.of(Transport.UDP, phone.source()));
    if (!(outcome instanceof RegisterOutcome.Accepted)) {
      throw new IllegalStateException("REGISTER of phone " + phone.index() + " refused: " + outcome);
    }
    return outcome;
  }
}
