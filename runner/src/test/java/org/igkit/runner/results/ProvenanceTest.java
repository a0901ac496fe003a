package org.igkit.runner.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** provenance.json records how a run came about, in a stable, readable layout. */
class ProvenanceTest {

  @TempDir Path tmp;

  private static Provenance sample() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("name", "wg-vs-eg");
    config.put("seed", 42);
    config.put("methods", List.of(Map.of("name", "WG", "aggregator", Map.of("type", "fitness",
        "alpha", 0.5))));
    config.put("output", null);
    return new Provenance("wg-vs-eg", config, 42, Map.of("cell/WG", 7L, "cell/EG", -3L),
        "0.1.0", "fedcba9876543210fedcba9876543210fedcba98", true,
        "0123456789abcdef0123456789abcdef01234567", false, "0.35.1", "2.7.1",
        new Provenance.Jvm("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "17.0.15+6"),
        new Provenance.Os("Linux", "amd64", "6.1"), 16, Map.of("interOp", 1, "intraOp", 1),
        "java", "ab".repeat(32), "cd".repeat(32), "2025-06-01T09:30:00.125Z");
  }

  @Test
  void writesStableSortedPrettyJsonAndReadsItBack() throws IOException {
    Path file = tmp.resolve(ProvenanceWriter.FILE_NAME);
    ProvenanceWriter.write(file, sample());
    String json = Files.readString(file);
    assertThat(json).startsWith("""
        {
          "experiment" : "wg-vs-eg",
          "config" : {
            "methods" : [
              {
                "aggregator" : {
                  "alpha" : 0.5,
                  "type" : "fitness"
                },
                "name" : "WG"
              }
            ],
            "name" : "wg-vs-eg",
            "output" : null,
            "seed" : 42
          },
          "seed" : 42,
          "derivedSeeds" : {
            "cell/EG" : -3,
            "cell/WG" : 7
          },
          "igkitVersion" : "0.1.0",
          "igkitCommit" : "fedcba9876543210fedcba9876543210fedcba98",
          "igkitDirty" : true,
          "experimentGitCommit" : "0123456789abcdef0123456789abcdef01234567",
          "experimentGitDirty" : false,
        """).endsWith("""
          "startTime" : "2025-06-01T09:30:00.125Z"
        }
        """).doesNotContain("\r");
    Provenance back = ProvenanceReader.read(file);
    assertThat(back).isEqualTo(sample());
    // same provenance, same bytes
    assertThat(ProvenanceWriter.toJson(back)).isEqualTo(json);
  }

  @Test
  void theBuilderAddsTheFactsOfThisMachine() throws IOException {
    Path model = tmp.resolve("model.pt");
    Files.writeString(model, "abc");
    Provenance p = Provenance.builder()
        .setExperiment("e")
        .setConfig(Map.of("k", "v"))
        .setSeed(5)
        .optDerivedSeeds(Map.of("x", 1L))
        .optDjlVersion("0.35.1")
        .optLibtorchVersion("2.7.1")
        .optThreads(Map.of("intraOp", 2))
        .optModelFile(model)
        .optDataFingerprint("f")
        .optWorkingDirectory(tmp)
        .optStartTime(Instant.parse("2025-01-02T03:04:05.678912Z"))
        .build();
    assertThat(p.modelSha256())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(p.startTime()).isEqualTo("2025-01-02T03:04:05.678Z");
    assertThat(p.experimentGitCommit()).isEqualTo(GitInfo.UNKNOWN); // a temp folder is no repository
    assertThat(p.experimentGitDirty()).isNull();
    assertThat(p.backend()).isEqualTo("java");
    assertThat(p.igkitVersion()).isNotBlank();
    assertThat(p.jvm().version()).isEqualTo(System.getProperty("java.version"));
    assertThat(p.os().arch()).isEqualTo(System.getProperty("os.arch"));
    assertThat(p.availableProcessors()).isPositive();
    assertThatThrownBy(() -> Provenance.builder().setSeed(1).build())
        .hasMessage("provenance is missing setExperiment, setConfig");
  }

  /**
   * The commit recorded for igkit is the one igkit was built from (this checkout's, as the build
   * wrote it), whatever folder the experiment file lies in — here a temporary folder outside any
   * repository.
   */
  @Test
  void provenanceRecordsIgkitsOwnCommitNotTheExperimentFolders() throws Exception {
    String head = GitInfo.of(Path.of("").toAbsolutePath()).commit();
    Provenance p = Provenance.builder().setExperiment("e").setConfig(Map.of()).setSeed(1)
        .optWorkingDirectory(tmp).build();
    assertThat(p.experimentGitCommit()).isEqualTo(GitInfo.UNKNOWN);
    assertThat(BuildInfo.current().commit()).isEqualTo(head);
    assertThat(p.igkitCommit()).as("igkit's own commit, built into it").isEqualTo(head);
    assertThat(p.igkitVersion()).isEqualTo(BuildInfo.current().version()).isNotEqualTo(Provenance.DEV_VERSION);
  }

  @Test
  void gitCommitIsFoundInARepositoryAndNeverFails() throws Exception {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo);
    boolean haveGit = run(repo, "git", "init", "-q") == 0
        && run(repo, "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q",
            "--allow-empty", "-m", "x") == 0;
    GitInfo info = GitInfo.of(repo);
    if (haveGit) {
      assertThat(info.commit()).matches("[0-9a-f]{40}");
      assertThat(info.dirty()).isFalse();
    } else {
      assertThat(info.commit()).isEqualTo(GitInfo.UNKNOWN);
    }
    assertThat(GitInfo.of(tmp.resolve("does-not-exist")).commit()).isEqualTo(GitInfo.UNKNOWN);
  }

  private static int run(Path dir, String... command) {
    try {
      return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    } catch (IOException | InterruptedException e) {
      return -1;
    }
  }

  @Test
  void malformedFilesAreNamedWithLineAndColumn() throws IOException {
    Path file = tmp.resolve("provenance.json");
    Files.writeString(file, "{\n  \"experiment\" : \"e\",\n  \"seed\" : [\n");
    assertThatThrownBy(() -> ProvenanceReader.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(file + ":3:")
        .hasMessageContaining("not a valid provenance file");
  }

  @Test
  void hashesFilesAndFoldersBySha256() throws IOException {
    assertThat(Hashing.sha256("abc".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    Path empty = tmp.resolve("empty");
    Files.write(empty, new byte[0]);
    assertThat(Hashing.sha256(empty))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    Path folder = tmp.resolve("model");
    Files.createDirectories(folder.resolve("sub"));
    Files.writeString(folder.resolve("a.params"), "abc");
    Files.write(folder.resolve("sub/b"), new byte[0]);
    String manifest = "a.params\0ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n"
        + "sub/b\0e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n";
    assertThat(Hashing.sha256(folder))
        .isEqualTo(Hashing.sha256(manifest.getBytes(StandardCharsets.UTF_8)));
  }
}
