package io.ramal.it.harness;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A SIP user and its digest password, as configured on the server under test.
 *
 * <p>Both end up unquoted in SIPp injection files and baresip account lines, so they are limited
 * to characters safe there: the user to {@code [A-Za-z0-9._+-]}, the password to printable ASCII
 * without space, {@code ;}, {@code ,}, {@code "}, {@code [}, {@code ]}, {@code <} and {@code >}.
 */
public record SipAccount(String user, String password) {

  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
  private static final Pattern PASSWORD = Pattern.compile("[!#-+\\--:=?-Z\\\\^-~]{1,128}");

  public SipAccount {
    checkUser(user);
    checkPassword(password);
  }

  /** {@code user} if it is a valid user part, else an exception. */
  static String checkUser(String user) {
    Objects.requireNonNull(user, "user");
    if (!USER.matcher(user).matches()) {
      throw new IllegalArgumentException("user must match " + USER + ": " + user);
    }
    return user;
  }

  /** {@code password} if SIPp and baresip can carry it, else an exception. */
  static String checkPassword(String password) {
    Objects.requireNonNull(password, "password");
    if (!PASSWORD.matcher(password).matches()) {
      throw new IllegalArgumentException("password has characters SIPp or baresip cannot carry");
    }
    return password;
  }

  @Override
  public String toString() {
    return "SipAccount[" + user + "]";
  }
}
