package io.ramal.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * SQLite admits one writer at a time; a writer that finds the lock taken sleeps in SQLite's busy
 * handler (1, 2, 5 … 100 ms at a time) however soon the lock is free again. Under load the event
 * log, the CDR writer, the call log and the claim workers then wait whole sleeps for each other
 * and the tenant's event lane falls behind. This data source makes the writers of this process take
 * their turns in Java instead, first come first served, with no sleeping: a transaction holds the
 * turn from {@code setAutoCommit(false)} until autocommit is set again or the connection closes,
 * and a statement run in autocommit mode holds it while it executes (queries never wait: WAL
 * readers do not block writers). Only for SQLite; PostgreSQL has row locks.
 *
 * <p>Writers whose delay nobody notices (call records, media quality, the recordings index: see
 * {@link #background}) pass a gate of their own before they even take a connection from the pool,
 * so at most one of them holds a connection or waits for the turn at any time. A write on the live
 * event path then waits for the transaction holding the turn and at most one background
 * transaction, not for a queue of them, and the background writers never hold more than one of
 * the pool's few connections.
 */
final class WriterTurns extends PoolFront {
    private static final Set<String> WRITES = Set.of("execute", "executeUpdate", "executeLargeUpdate", "executeBatch",
            "executeLargeBatch");

    private final ReentrantLock turn = new ReentrantLock(true);
    private final Semaphore backgroundGate = new Semaphore(1, true);
    private final long patienceMillis;
    private final DataSource background = new Background();

    /**
     * @param patienceMillis how long a writer waits for its turn before it fails as SQLite's own
     *                       busy timeout would (so a cycle of waits still ends, as it did before)
     */
    WriterTurns(DataSource pool, long patienceMillis) {
        super(pool);
        this.patienceMillis = patienceMillis;
    }

    /**
     * The same database for writers that may wait: a connection is handed out only once the
     * background gate is passed, and the gate is passed again when that connection closes.
     */
    DataSource background() {
        return background;
    }

    /** Waits for the turn, or fails like a busy SQLite after the patience. */
    private void take() throws SQLException {
        try {
            if (!turn.tryLock(patienceMillis, TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the writer's turn", e);
        }
    }

    private SQLException busy() {
        return new SQLException("database is locked: no writer's turn within " + patienceMillis + " ms", "SQLITE_BUSY");
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(pool.getConnection(), false);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(pool.getConnection(username, password), false);
    }

    /** Whether some connection of this process holds the writer's turn now (for tests). */
    boolean taken() {
        return turn.isLocked();
    }

    private Connection wrap(Connection connection, boolean inBackground) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Holder(connection, inBackground));
    }

    /** One connection: whether it is inside a transaction that holds the turn. */
    private final class Holder implements InvocationHandler {
        private final Connection connection;
        private final boolean inBackground;
        private boolean holding;
        private boolean closed;

        Holder(Connection connection, boolean inBackground) {
            this.connection = connection;
            this.inBackground = inBackground;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "setAutoCommit" -> {
                    boolean auto = (Boolean) args[0];
                    if (!auto && !holding) {
                        take();
                        holding = true;
                    }
                    try {
                        return call(connection, method, args);
                    } finally {
                        if (auto) release();
                    }
                }
                case "close" -> {
                    try {
                        return call(connection, method, args);
                    } finally {
                        release();
                        if (inBackground && !closed) backgroundGate.release();
                        closed = true;
                    }
                }
                case "unwrap", "isWrapperFor" -> {
                    return call(connection, method, args);
                }
                default -> {
                    Object result = call(connection, method, args);
                    if (result instanceof Statement statement) {
                        return statement(statement, method.getReturnType());
                    }
                    return result;
                }
            }
        }

        private void release() {
            if (holding) {
                holding = false;
                turn.unlock();
            }
        }

        private Object statement(Statement statement, Class<?> type) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (!holding && WRITES.contains(method.getName())) {
                    take();
                    try {
                        return call(statement, method, args);
                    } finally {
                        turn.unlock();
                    }
                }
                return call(statement, method, args);
            };
            return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {type}, handler);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** {@link #background()}: the same pool and turn, through the background gate. */
    private final class Background extends PoolFront {
        Background() {
            super(WriterTurns.this.pool);
        }

        @Override
        public Connection getConnection() throws SQLException {
            passGate();
            try {
                return wrap(pool.getConnection(), true);
            } catch (SQLException | RuntimeException e) {
                backgroundGate.release();
                throw e;
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            passGate();
            try {
                return wrap(pool.getConnection(username, password), true);
            } catch (SQLException | RuntimeException e) {
                backgroundGate.release();
                throw e;
            }
        }

        private void passGate() throws SQLException {
            try {
                if (!backgroundGate.tryAcquire(patienceMillis, TimeUnit.MILLISECONDS)) {
                    throw busy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the background writers' gate", e);
            }
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return WriterTurns.this.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return WriterTurns.this.isWrapperFor(iface);
        }
    }
}
