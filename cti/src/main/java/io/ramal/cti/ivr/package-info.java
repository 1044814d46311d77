/**
 * Voice menus (IVR) of a tenant as values: a menu ({@link io.ramal.cti.ivr.IvrMenu}) plays a prompt and
 * sends the caller where the key pressed says ({@link io.ramal.cti.ivr.IvrTarget}: an extension, a queue,
 * an external number through the tenant's trunk, or another menu). The store keeps them, the API and the
 * config file define them, the PBX walks callers through them.
 */
package io.ramal.cti.ivr;
