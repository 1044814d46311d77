package io.ramal.api.calls;

import com.fasterxml.jackson.databind.JsonNode;
import io.ramal.api.ApiException;
import io.ramal.cti.CampaignFields;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code "campaign"} of a request: {@code {customer_code, customer_name, campaign, customer_phone,
 * extra_1 .. extra_5}}, each a string (at most {@value #MAX_LENGTH} characters; empty counts as unset) or
 * null; JSON {@code null} for the whole object takes the fields off. Anything else is
 * {@code 400 invalid_campaign}.
 */
final class CampaignBody {
    static final int MAX_LENGTH = 256;
    private static final List<String> NAMED = List.of("customer_code", "customer_name", "campaign", "customer_phone");
    private static final Set<String> KNOWN = Set.of("customer_code", "customer_name", "campaign", "customer_phone",
            "extra_1", "extra_2", "extra_3", "extra_4", "extra_5");

    private CampaignBody() {}

    static CampaignFields parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return CampaignFields.NONE;
        }
        if (!node.isObject()) {
            throw invalid("campaign must be an object (or null to take the fields off)");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!KNOWN.contains(name)) {
                throw invalid("campaign has no field " + name + " (known: customer_code, customer_name, campaign, "
                        + "customer_phone, extra_1 .. extra_5)");
            }
        }
        List<Optional<String>> named = new ArrayList<>();
        for (String name : NAMED) {
            named.add(text(node, name));
        }
        List<Optional<String>> extra = new ArrayList<>();
        for (int i = 1; i <= CampaignFields.EXTRA_FIELDS; i++) {
            extra.add(text(node, "extra_" + i));
        }
        return new CampaignFields(named.get(0), named.get(1), named.get(2), named.get(3), extra);
    }

    private static Optional<String> text(JsonNode campaign, String field) {
        JsonNode value = campaign.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw invalid("campaign." + field + " must be a string or null");
        }
        String text = value.textValue().strip();
        if (text.length() > MAX_LENGTH) {
            throw invalid("campaign." + field + " is longer than " + MAX_LENGTH + " characters");
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "invalid_campaign", message);
    }
}
