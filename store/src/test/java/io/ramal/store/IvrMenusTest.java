package io.ramal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.cti.ivr.IvrMenu;
import io.ramal.cti.ivr.IvrTarget;
import io.ramal.store.testing.Backend;
import io.ramal.store.testing.ScratchDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Voice menus and DIDs leading to them, on both databases (migration V17). */
@ParameterizedClass
@EnumSource(Backend.class)
class IvrMenusTest {

    @Parameter
    Backend backend;

    private static ScratchDatabase scratch;
    private static DataSource dataSource;
    private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    private static final String SHA = "0123456789abcdef".repeat(4);
    private static final IvrMenu MAIN = new IvrMenu("main", Optional.empty(), Map.of(
            '1', new IvrTarget.Extension("1002"), '2', new IvrTarget.Queue("sales"),
            '0', new IvrTarget.ExternalNumber("+551130001000"), '#', new IvrTarget.Menu("billing")),
            Duration.ofSeconds(7), 3, Optional.of(new IvrTarget.Extension("1001")),
            Optional.of(new IvrTarget.Menu("billing")));

    @BeforeParameterizedClassInvocation
    static void openStore(Backend backend) {
        scratch = ScratchDatabase.create(backend);
        dataSource = scratch.open().dataSource();
    }

    @AfterParameterizedClassInvocation
    static void removeStore() {
        scratch.close();
    }

    private final IvrMenus menus = new IvrMenus(dataSource);
    private final Dids dids = new Dids(dataSource);

    @Test
    void aMenuComesBackWithEveryOptionAndSettingAndAChangeReplacesThemButKeepsThePrompt() {
        String tenant = RandomTenant.create(dataSource);
        menus.save(tenant, MAIN, T0);
        menus.save(tenant, IvrMenu.defaults("billing"), T0);

        assertThat(menus.find(tenant, "main")).contains(MAIN);
        assertThat(menus.usePrompt(tenant, "main", Optional.of(SHA))).isTrue();
        IvrMenu changed = new IvrMenu("main", Optional.empty(), Map.of('5', new IvrTarget.Queue("support")),
                Duration.ofSeconds(3), 0, Optional.empty(), Optional.empty());
        menus.save(tenant, changed, T0);

        assertThat(menus.find(tenant, "main")).contains(changed.withPrompt(Optional.of(SHA)));
        assertThat(menus.list(tenant)).extracting(IvrMenu::name).containsExactly("billing", "main");
        assertThat(menus.promptReferences(tenant)).containsExactly(SHA);
        assertThat(menus.usePrompt(tenant, "nosuch", Optional.of(SHA))).isFalse();
    }

    @Test
    void menusAreTheirTenants() {
        String tenant = RandomTenant.create(dataSource);
        String other = RandomTenant.create(dataSource);
        menus.save(tenant, MAIN, T0);

        assertThat(menus.find(other, "main")).isEmpty();
        assertThat(menus.list(other)).isEmpty();
        assertThat(menus.delete(other, "main")).isFalse();
        assertThat(menus.delete(tenant, "main")).isTrue();
        assertThat(menus.find(tenant, "main")).isEmpty();
    }

    @Test
    void aDidLeadsToAMenuWhichCannotBeDeletedUnderIt() {
        String tenant = RandomTenant.create(dataSource);
        menus.save(tenant, MAIN, T0);

        dids.save(new Did(tenant, "4200", new DidTarget.Ivr("main")));

        assertThat(dids.find(tenant, "4200")).map(Did::target).contains(new DidTarget.Ivr("main"));
        assertThat(dids.leadingTo(tenant, "main")).containsExactly("4200");
        assertThatThrownBy(() -> menus.delete(tenant, "main")).isInstanceOf(StoreException.class);
        dids.save(new Did(tenant, "4200", new DidTarget.Queue("sales")));
        assertThat(dids.leadingTo(tenant, "main")).isEmpty();
        assertThat(menus.delete(tenant, "main")).isTrue();
    }

    @Test
    void aDidCannotLeadToAMenuTheTenantDoesNotHave() {
        String tenant = RandomTenant.create(dataSource);
        String other = RandomTenant.create(dataSource);
        menus.save(other, MAIN, T0);

        assertThatThrownBy(() -> dids.save(new Did(tenant, "4200", new DidTarget.Ivr("main"))))
                .isInstanceOf(StoreException.class);
    }
}
