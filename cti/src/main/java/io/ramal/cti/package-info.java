/** Pure CTI domain: devices, calls and parties in CSTA terms; facts and commands in, events out. */
package io.ramal.cti;
