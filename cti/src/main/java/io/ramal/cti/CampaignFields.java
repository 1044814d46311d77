package io.ramal.cti;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a dialer campaign tells about the customer a call is for, as the EPBX {@code onChamada} object
 * carries it for calls of its automatic dialer: {@code codigoCliente}, {@code nomeCliente},
 * {@code codigoCampanha}, {@code telefoneCliente} and {@code infoAdicional1..5}. Every field is optional;
 * a call that came through no campaign has {@link #NONE}.
 *
 * @param extra exactly five entries ({@code extra_1..extra_5}), each possibly empty
 */
public record CampaignFields(
        Optional<String> customerCode,
        Optional<String> customerName,
        Optional<String> campaign,
        Optional<String> customerPhone,
        List<Optional<String>> extra) {

    public static final int EXTRA_FIELDS = 5;
    public static final CampaignFields NONE = new CampaignFields(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), List.of());

    public CampaignFields {
        Objects.requireNonNull(customerCode, "customerCode");
        Objects.requireNonNull(customerName, "customerName");
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(customerPhone, "customerPhone");
        if (extra.size() > EXTRA_FIELDS) {
            throw new IllegalArgumentException("at most " + EXTRA_FIELDS + " extra fields, got " + extra.size());
        }
        List<Optional<String>> five = new ArrayList<>(extra);
        five.forEach(e -> Objects.requireNonNull(e, "extra"));
        while (five.size() < EXTRA_FIELDS) {
            five.add(Optional.empty());
        }
        extra = List.copyOf(five);
    }

    /** Whether no field is set (the call came through no campaign). */
    public boolean isEmpty() {
        return customerCode.isEmpty() && customerName.isEmpty() && campaign.isEmpty() && customerPhone.isEmpty()
                && extra.stream().allMatch(Optional::isEmpty);
    }

    /**
     * {@code {customer_code, customer_name, campaign, customer_phone, extra_1 .. extra_5}}, unset fields
     * null; or empty when no field is set.
     */
    public Optional<Map<String, Object>> toJson() {
        if (isEmpty()) {
            return Optional.empty();
        }
        JsonFields json = JsonFields.create()
                .put("customer_code", customerCode)
                .put("customer_name", customerName)
                .put("campaign", campaign)
                .put("customer_phone", customerPhone);
        for (int i = 0; i < EXTRA_FIELDS; i++) {
            json.put("extra_" + (i + 1), extra.get(i));
        }
        return Optional.of(json.build());
    }
}
