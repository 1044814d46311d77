package io.ramal.sip.transaction;

import io.ramal.sip.transport.Outbound;

/** What every transaction of one layer shares: the way out, time, timer bases and the observer. */
record TransactionContext(Outbound out, Scheduler scheduler, TimerSettings timers, TransactionObserver observer) {}
