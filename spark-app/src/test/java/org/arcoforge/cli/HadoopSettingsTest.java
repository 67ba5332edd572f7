package org.arcoforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class HadoopSettingsTest {
    @Test
    void sparkHadoopSettingsAreUsedAndHadoopOptionsWin() {
        SparkConf conf = new SparkConf(false)
                .set("spark.hadoop.fs.s3a.endpoint", "http://from-spark-submit")
                .set("spark.hadoop.fs.s3a.path.style.access", "true")
                .set("spark.executor.memory", "1g");
        assertThat(ArcoForge.hadoopSettings(conf, Map.of("fs.s3a.endpoint", "http://from-cli")))
                .containsOnly(Map.entry("fs.s3a.endpoint", "http://from-cli"),
                        Map.entry("fs.s3a.path.style.access", "true"));
    }
}
