package io.ramal.store;

import io.ramal.cti.agent.SecondLogin;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code agent_policies} table: a tenant's own agent session policy, if it set one. */
public final class AgentPolicies {

    private final Sql sql;

    public AgentPolicies(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public Optional<AgentPolicySetting> find(String tenantId) {
        return sql.first("SELECT second_login, vanish_grace_ms, vanish_action, vanish_reason_id FROM agent_policies"
                + " WHERE tenant_id = ?", row -> new AgentPolicySetting(
                        SecondLogin.fromWire(row.getString("second_login")).orElseThrow(),
                        Duration.ofMillis(row.getLong("vanish_grace_ms")),
                        AgentPolicySetting.Vanish.fromWire(row.getString("vanish_action")).orElseThrow(),
                        Sql.optionalString(row, "vanish_reason_id")), tenantId);
    }

    public void save(String tenantId, AgentPolicySetting setting) {
        sql.update("INSERT INTO agent_policies (tenant_id, second_login, vanish_grace_ms, vanish_action,"
                + " vanish_reason_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET"
                + " second_login = excluded.second_login, vanish_grace_ms = excluded.vanish_grace_ms,"
                + " vanish_action = excluded.vanish_action, vanish_reason_id = excluded.vanish_reason_id",
                tenantId, setting.secondLogin().wire(), setting.vanishGrace().toMillis(), setting.vanish().wire(),
                setting.vanishReasonId());
    }
}
