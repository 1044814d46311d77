/**
 * Voice menus in the PBX: {@link io.ramal.pbx.ivr.MenuWalk}, a caller's walk through a tenant's menus as
 * a pure state machine (keys, prompt ends and timeouts in; prompts to play, waits and routes out; no
 * clock, no media), and the prompts' audio ({@link io.ramal.pbx.ivr.Prompts}).
 */
package io.ramal.pbx.ivr;
