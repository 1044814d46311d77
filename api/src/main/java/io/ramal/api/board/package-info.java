/**
 * The live board of a tenant ({@code GET /api/v1/board}): every extension with what it is doing and the
 * agent logged in there, valid at a stated event seq so a client can follow it on the event stream.
 */
package io.ramal.api.board;
