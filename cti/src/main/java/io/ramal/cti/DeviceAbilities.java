package io.ramal.cti;

import java.util.Map;

/**
 * What a device can be made to do from the server, as the PBX learned it from the phone's
 * registration (User-Agent, Allow-Events) or its provisioning. Hold, hangup, DTMF, mute and
 * recording are done by the server and need nothing from the phone.
 *
 * @param remoteAnswer the phone answers a ringing call on request (NOTIFY Event: talk, or an
 *     answer-after hint); without it {@code can_answer} is false and an answer command is
 *     refused with {@code not_supported_by_device}
 * @param autoAnswer the phone honours an auto-answer hint on a call the server places to it
 *     (the first leg of click-to-call)
 */
public record DeviceAbilities(boolean remoteAnswer, boolean autoAnswer) {
    /** A plain phone: nothing beyond SIP basics. */
    public static final DeviceAbilities NONE = new DeviceAbilities(false, false);

    /** A phone (or our webphone) that can be answered remotely and auto-answers. */
    public static final DeviceAbilities FULL = new DeviceAbilities(true, true);

    /** The JSON object: {@code remote_answer}, {@code auto_answer}. */
    public Map<String, Object> toJson() {
        return JsonFields.create().put("remote_answer", remoteAnswer).put("auto_answer", autoAnswer).build();
    }
}
