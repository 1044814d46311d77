/**
 * Call control: the commands integrators may give ({@link io.ramal.cti.control.CallCommand}), the
 * port the PBX implements to carry them out ({@link io.ramal.cti.control.CallControl}) and the
 * results (accepted, or refused with a machine code). The core checks a command against the
 * current state first ({@code Switchboard.check}); outcomes are reported as events, not returned.
 */
package io.ramal.cti.control;
