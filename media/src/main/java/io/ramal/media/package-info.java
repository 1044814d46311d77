/** Media plane: RTP relay, G.711, RFC 4733 events, mixer, recorder, player. */
package io.ramal.media;
