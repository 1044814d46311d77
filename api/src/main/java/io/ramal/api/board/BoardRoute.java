package io.ramal.api.board;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.ramal.api.agents.AgentDesk;
import io.ramal.api.agents.AgentTarget;
import io.ramal.api.auth.Permission;
import io.ramal.api.auth.Principal;
import io.ramal.api.calls.TenantBoards;
import io.ramal.api.events.EventJournal;
import io.ramal.api.http.BearerAuthentication;
import io.ramal.api.http.Json;
import io.ramal.api.queues.QueueDesk;
import io.ramal.cti.CallSnapshot;
import io.ramal.cti.DeviceSnapshot;
import io.ramal.cti.DeviceState;
import io.ramal.cti.DeviceStateSnapshot;
import io.ramal.cti.PartySnapshot;
import io.ramal.cti.TenantSnapshot;
import io.ramal.cti.agent.AgentView;
import io.ramal.cti.core.Switchboard;
import io.ramal.cti.queue.QueueMember;
import io.ramal.store.Extension;
import io.ramal.store.Extensions;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/v1/board}: the supervisor's live board (the Meetip "999" monitoring channel as one
 * answer): every extension of the tenant with its state ({@code device.state_changed}), registration and
 * calls, and the agent logged in there with its state, pause reason and queues. Read on the tenant's CTI
 * lane with the event log's seq at that moment, so {@code seq} says exactly which events it reflects: a
 * client subscribes with {@code resume_from: seq} and applies {@code device.*}, {@code agent.*} and
 * {@code queue.member_*} events to stay current.
 *
 * <p>Supervisors, admins, integrations and API keys with {@code calls:read} see every extension; an agent
 * sees its own rows only (its own extension and the one it is logged in at).
 */
public final class BoardRoute {

    public static final String PATH = "/api/v1/board";

    private final BearerAuthentication authentication;
    private final Extensions extensions;
    private final TenantBoards boards;
    private final EventJournal journal;
    private final AgentDesk agents;
    private final QueueDesk queues;
    private final InstantSource clock;

    public BoardRoute(BearerAuthentication authentication, Extensions extensions, TenantBoards boards,
            EventJournal journal, AgentDesk agents, QueueDesk queues, InstantSource clock) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.extensions = Objects.requireNonNull(extensions, "extensions");
        this.boards = Objects.requireNonNull(boards, "boards");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.queues = Objects.requireNonNull(queues, "queues");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void addTo(RoutesConfig routes) {
        routes.get(PATH, this::board);
    }

    private void board(Context ctx) {
        Principal caller = authentication.require(ctx, Permission.CALLS_READ);
        String tenant = caller.tenantId();
        List<Extension> all = extensions.list(tenant);
        Map<String, Object> body = boards.onTenant(tenant, board -> {
            long seq = journal.head(tenant).lastSeq();
            Instant now = clock.instant();
            TenantSnapshot snapshot = board.snapshot();
            Map<String, AgentView> byDevice = new LinkedHashMap<>();
            agents.agents(tenant).forEach(a -> a.device().ifPresent(d -> byDevice.put(d, a)));
            Set<String> visible = visibleTo(caller, byDevice);
            List<Object> rows = new ArrayList<>();
            for (Extension extension : all) {
                if (visible == null || visible.contains(extension.number())) {
                    rows.add(row(tenant, board, snapshot, extension, Optional.ofNullable(byDevice.get(
                            extension.number())), now));
                }
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("seq", seq);
            answer.put("at", now.toString());
            answer.put("extensions", rows);
            return answer;
        });
        Json.write(ctx, 200, body);
    }

    /** The extensions the caller may see: all (null), or an agent's own and the one it is logged in at. */
    private static Set<String> visibleTo(Principal caller, Map<String, AgentView> byDevice) {
        if (AgentTarget.actsOnAnyone(caller)) {
            return null;
        }
        Set<String> own = new HashSet<>();
        caller.extension().ifPresent(own::add);
        byDevice.forEach((device, agent) -> {
            if (agent.agentId().equals(caller.userId())) {
                own.add(device);
            }
        });
        return own;
    }

    private Map<String, Object> row(String tenant, Switchboard board, TenantSnapshot snapshot, Extension extension,
            Optional<AgentView> agent, Instant now) {
        String number = extension.number();
        Optional<DeviceSnapshot> device = snapshot.device(number);
        Optional<DeviceStateSnapshot> state = board.deviceStates().state(number);
        List<String> calls = new ArrayList<>();
        for (CallSnapshot call : snapshot.calls()) {
            if (call.parties().stream().anyMatch(p -> isDevice(p, number))) {
                calls.add(call.callId());
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("number", number);
        row.put("name", extension.displayName());
        row.put("state", state.map(DeviceStateSnapshot::state).orElse(DeviceState.OFFLINE).wire());
        row.put("since", state.map(s -> s.since().toString()).orElse(null));
        row.put("registered", device.map(DeviceSnapshot::registered).orElse(false));
        row.put("contacts", device.map(DeviceSnapshot::contacts).orElse(0));
        row.put("calls", calls);
        row.put("agent", agent.map(a -> agentRow(tenant, board, a, now)).orElse(null));
        return row;
    }

    /** The agent as its {@code agent.*} events show it, with its queues and where it stands in each. */
    private Map<String, Object> agentRow(String tenant, Switchboard board, AgentView agent, Instant now) {
        Map<String, Object> row = new LinkedHashMap<>(agent.toJson());
        List<Object> memberships = queues.peek(tenant, board, (acd, states) -> {
            List<Object> list = new ArrayList<>();
            for (QueueMember member : acd.memberships(agent.agentId())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("queue", member.queue());
                m.put("priority", member.priority());
                m.put("paused", member.paused());
                m.put("pause_reason", member.pause().flatMap(QueueMember.Pause::reason).orElse(null));
                m.put("status", acd.status(member, now, states).wire());
                list.add(m);
            }
            return list;
        });
        row.put("queues", memberships);
        return row;
    }

    private static boolean isDevice(PartySnapshot party, String number) {
        return !party.endpoint().external() && party.device().equals(number);
    }
}
