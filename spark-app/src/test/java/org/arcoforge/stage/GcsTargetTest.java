package org.arcoforge.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.arcoforge.recipe.ConcatDim;
import org.arcoforge.recipe.FilePattern;
import org.arcoforge.recipe.Keys;
import org.arcoforge.recipe.Recipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gs:// cannot be exercised against Google Cloud here: check that the connector in the application
 * resolves the scheme and that missing or broken credentials fail at once, with a message that
 * names the target and the settings, and without the key's content.
 */
class GcsTargetTest {
    @TempDir
    Path dir;

    private static JobSpec job(Map<String, String> hadoop) {
        Recipe r = Recipe.builder(FilePattern.template("/data/{time}.nc", ConcatDim.of("time", Keys.range(0, 2))))
                .build();
        return new JobSpec(r, "gs://arcoforge-test-bucket/out.zarr", hadoop, false);
    }

    @Test
    void gsResolvesToTheGcsConnector() throws Exception {
        assertThat(FileSystem.getFileSystemClass("gs", new Configuration()).getName())
                .isEqualTo("com.google.cloud.hadoop.fs.gcs.GoogleHadoopFileSystem");
    }

    @Test
    void missingKeyFileIsNamedWithTheSettingsToUse() {
        Path key = dir.resolve("missing-key.json");
        assertThatThrownBy(() -> TargetStore.open(job(Map.of("fs.gs.auth.service.account.json.keyfile", key.toString()))))
                .isInstanceOf(StageException.class)
                .hasMessageContaining("gs://arcoforge-test-bucket/out.zarr")
                .hasMessageContaining("missing-key.json")
                .hasMessageContaining("fs.gs.auth.service.account.json.keyfile");
    }

    @Test
    void brokenKeyFileFailsWithoutShowingTheKey() throws Exception {
        String secret = "TOPSECRETKEYMATERIAL0123456789";
        Path key = dir.resolve("key.json");
        Files.writeString(key, """
                {"type": "service_account", "project_id": "p", "private_key_id": "k1",
                 "private_key": "-----BEGIN PRIVATE KEY-----\\n%s\\n-----END PRIVATE KEY-----\\n",
                 "client_email": "svc@p.iam.gserviceaccount.com", "client_id": "1",
                 "token_uri": "https://oauth2.googleapis.com/token"}
                """.formatted(secret));
        assertThatThrownBy(() -> TargetStore.open(job(Map.of("fs.gs.auth.service.account.json.keyfile", key.toString()))))
                .isInstanceOf(StageException.class)
                .hasMessageContaining("gs://arcoforge-test-bucket/out.zarr")
                .satisfies(e -> {
                    for (Throwable c = e; c != null; c = c.getCause()) {
                        assertThat(String.valueOf(c.getMessage())).doesNotContain(secret);
                    }
                });
    }
}
