package io.ramal.server.api;

import io.ramal.api.auth.Passwords;
import io.ramal.api.auth.Role;
import io.ramal.api.auth.Roles;
import io.ramal.store.User;
import io.ramal.store.Users;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The first administrator of a tenant that has no users yet: user {@code admin} with a random
 * password, written once to {@code <data_dir>/initial-admin-<tenant>.txt} (readable by the
 * server's account only) and never logged. The operator signs in with it and changes it.
 */
final class InitialAdmins {
  static final String USERNAME = "admin";
  private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

  private InitialAdmins() {}

  /** Creates the missing admins; returns the files written (one per tenant that had no user). */
  static List<Path> ensure(DataSource dataSource, List<String> tenants, Path dataDir, Passwords passwords,
      SecureRandom random, InstantSource clock) {
    Users users = new Users(dataSource);
    List<Path> written = new ArrayList<>();
    for (String tenant : tenants) {
      if (!users.list(tenant).isEmpty()) continue;
      String password = password(random);
      users.insert(User.create(UUID.randomUUID().toString(), tenant, USERNAME, passwords.hash(password),
          Set.of(Roles.wireName(Role.ADMIN)), Optional.empty(), clock.instant()));
      written.add(write(dataDir.resolve("initial-admin-" + tenant + ".txt"), tenant, password));
    }
    return written;
  }

  private static String password(SecureRandom random) {
    char[] chars = new char[20];
    for (int i = 0; i < chars.length; i++) chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    return new String(chars);
  }

  private static Path write(Path file, String tenant, String password) {
    String text = "tenant=" + tenant + "\nusername=" + USERNAME + "\npassword=" + password
        + "\n# Sign in with POST /api/v1/auth/token (username admin@" + tenant + "), change the password,"
        + " then delete this file.\n";
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
