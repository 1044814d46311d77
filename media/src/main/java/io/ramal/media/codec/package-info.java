/**
 * G.711 (ITU-T G.711) µ-law and A-law: table-driven, bit-exact with the ITU reference code
 * (G.191 STL), and transcoding between the two laws through linear PCM.
 */
package io.ramal.media.codec;
