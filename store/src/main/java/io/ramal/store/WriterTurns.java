package io.ramal.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
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
 */
final class WriterTurns implements DataSource {
    private static final Set<String> WRITES = Set.of("execute", "executeUpdate", "executeLargeUpdate", "executeBatch",
            "executeLargeBatch");

    private final DataSource pool;
    private final ReentrantLock turn = new ReentrantLock(true);
    private final long patienceMillis;

    /**
     * @param patienceMillis how long a writer waits for its turn before it fails as SQLite's own
     *                       busy timeout would (so a cycle of waits still ends, as it did before)
     */
    WriterTurns(DataSource pool, long patienceMillis) {
        this.pool = pool;
        this.patienceMillis = patienceMillis;
    }

    /** Waits for the turn, or fails like a busy SQLite after the patience. */
    private void take() throws SQLException {
        try {
            if (!turn.tryLock(patienceMillis, TimeUnit.MILLISECONDS)) {
                throw new SQLException("database is locked: no writer's turn within " + patienceMillis + " ms",
                        "SQLITE_BUSY");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the writer's turn", e);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(pool.getConnection(username, password));
    }

    /** Whether some connection of this process holds the writer's turn now (for tests). */
    boolean taken() {
        return turn.isLocked();
    }

    private Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Holder(connection));
    }

    /** One connection: whether it is inside a transaction that holds the turn. */
    private final class Holder implements InvocationHandler {
        private final Connection connection;
        private boolean holding;

        Holder(Connection connection) {
            this.connection = connection;
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

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
