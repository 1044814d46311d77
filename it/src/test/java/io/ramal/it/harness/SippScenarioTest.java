package io.ramal.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SippScenarioTest {

  @Test
  void fillsTemplatePlaceholdersAndLeavesSippKeywords() {
    String text = SippScenario.uacExpectStatus(486).render();

    assertThat(text).contains("<recv response=\"486\">").contains("[service]").doesNotContain("${");
  }

  @Test
  void refusesATemplateWithAMissingValue() {
    assertThatThrownBy(() -> SippScenario.resource("uas-reject.xml").with("status", "486").render())
        .hasMessageContaining("${reason}");
  }

  @Test
  void refusesValuesThatCouldBreakTheXml() {
    assertThatThrownBy(() -> SippScenario.resource("uas-reject.xml").with("reason", "<bad>"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SippScenario.uacExpectStatus(200)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copiesResourceScenariosIntoTheWorkDirectory(@TempDir Path dir) {
    List<String> command = new ArrayList<>();

    SippScenario.uasReject(603, "Decline").addArguments(command, "-oocsf", dir);

    assertThat(command).containsExactly("-oocsf", dir.resolve("oocsf-uas-reject.xml").toString());
    assertThat(dir.resolve("oocsf-uas-reject.xml")).content().contains("SIP/2.0 603 Decline");
  }

  @Test
  void selectsBuiltInScenariosByName(@TempDir Path dir) {
    List<String> command = new ArrayList<>();

    SippScenario.builtIn("uas").addArguments(command, "-sf", dir);

    assertThat(command).containsExactly("-sn", "uas");
  }

  @Test
  void computesTheDigestUriFromTheRequestUri() {
    assertThat(SippScenario.uacDigest().digestUri("1002", "acme.test")).contains("1002@acme.test");
    assertThat(SippScenario.registerDigest().digestUri("x", "acme.test")).contains("acme.test");
    assertThat(SippScenario.uasAnswer().digestUri("x", "acme.test")).isEmpty();
  }
}
