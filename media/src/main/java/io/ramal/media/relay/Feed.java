package io.ramal.media.relay;

/**
 * What a leg sends: the audio relayed from the bridged leg, the PCM frames written to its {@link
 * RtpEndpoint#outbound()} sink (player, music on hold, conference mix), or nothing. Whatever the
 * feed, the leg's receiver sees one continuous stream.
 */
public enum Feed {
    RELAY,
    FRAMES,
    NONE
}
