package org.arcoforge.format.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Input URLs as fsspec reads them, never with a password. */
class ReferenceUrlsTest {
    @Test
    void localPathsBecomeFileUrlsWithThreeSlashes() {
        assertThat(ReferenceUrls.of("/data/a.nc")).isEqualTo("file:///data/a.nc");
        assertThat(ReferenceUrls.of("file:/data/a.nc")).isEqualTo("file:///data/a.nc");
        assertThat(ReferenceUrls.of("file:///data/a.nc")).isEqualTo("file:///data/a.nc");
    }

    @Test
    void s3aBecomesS3AndUserInfoIsDropped() {
        assertThat(ReferenceUrls.of("s3a://bucket/oisst/a.nc")).isEqualTo("s3://bucket/oisst/a.nc");
        assertThat(ReferenceUrls.of("https://user:secret@host.example:8443/x/a.nc?v=1"))
                .isEqualTo("https://host.example:8443/x/a.nc?v=1").doesNotContain("secret");
        assertThat(ReferenceUrls.of("hdfs://nn:8020/x/a.nc")).isEqualTo("hdfs://nn:8020/x/a.nc");
        assertThat(ReferenceUrls.of("gs://b/a.nc")).isEqualTo("gs://b/a.nc");
    }
}
