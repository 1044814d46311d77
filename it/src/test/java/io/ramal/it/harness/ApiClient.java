package io.ramal.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Ramal's REST API as a client sees it: JSON in and out, on 127.0.0.1 only. */
public final class ApiClient {
  /** An answer: the status and the JSON body (a missing node when the body is empty). */
  public record Answer(int status, JsonNode json) {
    public String code() {
      return json.path("code").asText();
    }
  }

  /** A raw answer: status, headers and the body's bytes (audio downloads). */
  public record Download(int status, java.net.http.HttpHeaders headers, byte[] body) {
    public java.util.Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + new String(body, java.nio.charset.StandardCharsets.UTF_8), e);
      }
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;

  public ApiClient(int port) {
    this.port = port;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** A password grant; fails the test unless the server issues an access token. */
  public String accessToken(String username, String password) {
    Answer answer = call("POST", "/api/v1/auth/token", Optional.empty(),
        Map.of("grant_type", "password", "username", username, "password", password));
    if (answer.status() != 200) {
      throw new AssertionError("login of " + username + " failed: " + answer.status() + " " + answer.json());
    }
    return answer.json().get("access_token").asText();
  }

  public Answer get(String path, String token) {
    return call("GET", path, Optional.of(token), null);
  }

  public Answer call(String method, String path, Optional<String> token, Object body) {
    return call(method, path, token, body, Map.of());
  }

  public Answer call(String method, String path, Optional<String> token, Object body, Map<String, String> headers) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      if (body != null) request.header("Content-Type", "application/json");
      token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
      headers.forEach(request::header);
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
      return new Answer(response.statusCode(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A request whose body is raw bytes of {@code contentType} (an upload); the answer read as JSON. */
  public Answer send(String method, String path, String token, byte[] body, String contentType) {
    try {
      // Like curl, large bodies wait for "100 Continue": a refusal (413, 401) then arrives before
      // the body is sent, instead of the server closing a connection the client is still writing to.
      HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
          .expectContinue(body.length > 1024 * 1024)
          .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType)
          .header("Authorization", "Bearer " + token).build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
      return new Answer(response.statusCode(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A GET whose answer is kept as bytes, with the headers given (Range, Accept, If-None-Match...). */
  public Download download(String path, String token, Map<String, String> headers) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET()
          .header("Authorization", "Bearer " + token);
      headers.forEach(request::header);
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Download(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
