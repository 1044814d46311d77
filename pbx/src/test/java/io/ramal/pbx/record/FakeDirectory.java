package io.ramal.pbx.record;

import io.ramal.pbx.directory.Directory;
import io.ramal.pbx.directory.Extension;
import io.ramal.pbx.directory.RecordingPolicy;
import io.ramal.pbx.directory.Trunk;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** One tenant's recording policies, set by the test. */
final class FakeDirectory implements Directory {
  volatile RecordingPolicy tenantPolicy = RecordingPolicy.ON_DEMAND;
  final Map<String, RecordingPolicy> extensionPolicies = new ConcurrentHashMap<>();

  @Override
  public Optional<String> tenantForDomain(String domain) {
    return Optional.of("demo");
  }

  @Override
  public String realmOf(String tenantId) {
    return "demo.local";
  }

  @Override
  public Optional<Extension> extension(String tenantId, String number) {
    return Optional.of(new Extension(tenantId, number, number, "demo.local", Map.of(),
        Optional.ofNullable(extensionPolicies.get(number))));
  }

  @Override
  public List<Trunk> trunks() {
    return List.of();
  }

  @Override
  public Optional<io.ramal.pbx.directory.DidTarget> didTarget(String tenantId, String did) {
    return Optional.empty();
  }

  @Override
  public RecordingPolicy recordingPolicy(String tenantId) {
    return tenantPolicy;
  }
}
