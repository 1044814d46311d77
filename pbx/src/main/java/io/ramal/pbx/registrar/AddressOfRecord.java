package io.ramal.pbx.registrar;

/** An address of record: an extension number within a tenant. */
public record AddressOfRecord(String tenantId, String user) {}
