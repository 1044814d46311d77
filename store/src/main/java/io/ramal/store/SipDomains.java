package io.ramal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code sip_domains} table: which tenant a SIP domain belongs to. */
public final class SipDomains {

    private final Sql sql;

    public SipDomains(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Maps the domain to its tenant, moving it if another tenant had it. */
    public void save(SipDomain domain) {
        sql.update("""
                INSERT INTO sip_domains (domain, tenant_id) VALUES (?, ?)
                ON CONFLICT (domain) DO UPDATE SET tenant_id = excluded.tenant_id
                """, domain.domain(), domain.tenantId());
    }

    /** The tenant that owns this domain (compared without case). */
    public Optional<String> tenantOf(String domain) {
        return sql.first("SELECT tenant_id FROM sip_domains WHERE domain = ?",
                row -> row.getString("tenant_id"), SipDomain.normalize(domain));
    }

    /** The tenant that owns this domain, unless that tenant is disabled. */
    public Optional<String> activeTenantOf(String domain) {
        return sql.first("""
                SELECT d.tenant_id FROM sip_domains d JOIN tenants t ON t.id = d.tenant_id
                WHERE d.domain = ? AND t.disabled = 0
                """, row -> row.getString("tenant_id"), SipDomain.normalize(domain));
    }

    /** A tenant's domains, in order. */
    public List<SipDomain> list(String tenantId) {
        return sql.list("SELECT domain, tenant_id FROM sip_domains WHERE tenant_id = ? ORDER BY domain",
                SipDomains::read, tenantId);
    }

    public boolean delete(String domain) {
        return sql.update("DELETE FROM sip_domains WHERE domain = ?", SipDomain.normalize(domain)) > 0;
    }

    private static SipDomain read(ResultSet row) throws SQLException {
        return new SipDomain(row.getString("domain"), row.getString("tenant_id"));
    }
}
