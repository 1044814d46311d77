package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class DidsTest {

    @Parameter
    Backend backend;

    private static ScratchDatabase scratch;
    private static DataSource dataSource;

    @BeforeParameterizedClassInvocation
    static void openStore(Backend backend) {
        scratch = ScratchDatabase.create(backend);
        dataSource = scratch.open().dataSource();
    }

    @AfterParameterizedClassInvocation
    static void removeStore() {
        scratch.close();
    }

    private final Dids dids = new Dids(dataSource);
    private final Extensions extensions = new Extensions(dataSource);

    @Test
    void routesANumberToAnExtensionOfTheSameTenant() {
        String tenant = RandomTenant.create(dataSource);
        extensions.save(tenant, "1001", "Reception", "pbx.example", "secret");

        dids.save(Did.toExtension(tenant, "+4930123456", "1001"));

        assertThat(dids.find(tenant, "+4930123456")).contains(Did.toExtension(tenant, "+4930123456", "1001"));
        assertThat(dids.list(tenant)).hasSize(1);
    }

    @Test
    void refusesTargetThatIsNotAnExtensionOfTheTenant() {
        String tenant = RandomTenant.create(dataSource);
        String other = RandomTenant.create(dataSource);
        extensions.save(other, "1001", "Elsewhere", "pbx.example", "secret");

        assertThatThrownBy(() -> dids.save(Did.toExtension(tenant, "4000", "1001"))).isInstanceOf(StoreException.class);
    }

    @Test
    void keepsAnExtensionThatADidStillRings() {
        String tenant = RandomTenant.create(dataSource);
        extensions.save(tenant, "1001", "Reception", "pbx.example", "secret");
        dids.save(Did.toExtension(tenant, "4000", "1001"));

        assertThatThrownBy(() -> extensions.delete(tenant, "1001")).isInstanceOf(StoreException.class);
        assertThat(extensions.find(tenant, "1001")).isPresent();
    }

    @Test
    void savingAgainRetargetsTheNumber() {
        String tenant = RandomTenant.create(dataSource);
        extensions.save(tenant, "1001", "A", "pbx.example", "a");
        extensions.save(tenant, "1002", "B", "pbx.example", "b");
        dids.save(Did.toExtension(tenant, "4000", "1001"));

        dids.save(Did.toExtension(tenant, "4000", "1002"));

        assertThat(dids.find(tenant, "4000")).contains(Did.toExtension(tenant, "4000", "1002"));
    }

    @Test
    void numbersBelongToOneTenant() {
        String tenant = RandomTenant.create(dataSource);
        String other = RandomTenant.create(dataSource);
        extensions.save(tenant, "1001", "A", "pbx.example", "a");
        dids.save(Did.toExtension(tenant, "4000", "1001"));

        assertThat(dids.find(other, "4000")).isEmpty();
        assertThat(dids.delete(other, "4000")).isFalse();
        assertThat(dids.delete(tenant, "4000")).isTrue();
    }

    @Test
    void aDidLeadsToAQueueAndBackToAnExtension() {
        String tenant = RandomTenant.create(dataSource);
        extensions.save(tenant, "1001", "A", "pbx.example", "a");

        dids.save(new Did(tenant, "4000", new DidTarget.Queue("sales")));
        assertThat(dids.find(tenant, "4000")).map(Did::target).contains(new DidTarget.Queue("sales"));

        dids.save(Did.toExtension(tenant, "4000", "1001"));
        assertThat(dids.list(tenant)).extracting(Did::target).containsExactly(new DidTarget.Extension("1001"));
    }
}
