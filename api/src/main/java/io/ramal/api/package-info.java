/** REST and WebSocket API: authentication, event stream, OpenAPI contract. */
package io.ramal.api;
