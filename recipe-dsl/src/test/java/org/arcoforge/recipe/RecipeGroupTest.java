package org.arcoforge.recipe;

import static org.arcoforge.recipe.YamlTexts.BASE;
import static org.arcoforge.recipe.YamlTexts.failsAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** group: (read one NetCDF-4/HDF5 group as the dataset) in YAML, the Java builder and the fingerprint. */
class RecipeGroupTest {
    private static Recipe parse(String yaml) {
        return RecipeYaml.parse(yaml, YamlTexts.SOURCE, null);
    }

    @Test
    void groupIsReadFromYamlAndLeftOutMeansTheRoot() {
        assertThat(parse(BASE + "group: /Grid\n").group()).isEqualTo("/Grid");
        assertThat(parse(BASE).group()).isNull();
    }

    @Test
    void javaBuilderSetsTheGroupAndToBuilderKeepsIt() {
        Recipe r = Recipe.builder(parse(BASE).filePattern()).group("/Grid").build();
        assertThat(r.group()).isEqualTo("/Grid");
        assertThat(r.toBuilder().build().group()).isEqualTo("/Grid");
        assertThat(r.pruned(2).group()).isEqualTo("/Grid");
    }

    @Test
    void fingerprintChangesWithTheGroupButNotWithItsSpelling() {
        String plain = parse(BASE).fingerprint();
        String grid = parse(BASE + "group: /Grid\n").fingerprint();
        assertThat(grid).isNotEqualTo(plain);
        assertThat(parse(BASE + "group: Grid/\n").fingerprint()).isEqualTo(grid);
        assertThat(parse(BASE + "group: /Other\n").fingerprint()).isNotEqualTo(grid);
        // recipes without group: keep the fingerprint they had
        assertThat(parse(BASE).canonicalForm()).doesNotContain("group");
    }

    @Test
    void groupWithNetcdf3FileTypeIsRefusedAtItsLine() {
        failsAt(BASE + "file_type: netcdf3\ngroup: /Grid\n", "group:", false)
                .contains("group: /Grid needs NetCDF-4/HDF5 inputs, but file_type is netcdf3");
        assertThatThrownBy(() -> Recipe.builder(parse(BASE).filePattern()).fileType(FileType.NETCDF3).group("/Grid")
                .build()).isInstanceOf(RecipeException.class).hasMessageContaining("NetCDF-3 files have no groups");
    }

    @Test
    void emptyOrNonTextGroupIsRefused() {
        failsAt(BASE + "group:\n", "group:", false).contains("group is empty");
        failsAt(BASE + "group: [Grid]\n", "[Grid]", true).contains("group must be text");
        assertThatThrownBy(() -> Recipe.builder(parse(BASE).filePattern()).group(" ").build())
                .hasMessageContaining("group must be a group path such as /Grid");
    }

    @Test
    void groupsAllIsReadAndChangesTheFingerprint() {
        Recipe all = parse(BASE + "groups: all\n");
        assertThat(all.allGroups()).isTrue();
        assertThat(parse(BASE).allGroups()).isFalse();
        assertThat(all.fingerprint()).isNotEqualTo(parse(BASE).fingerprint());
        assertThat(all.toBuilder().build().allGroups()).isTrue();
        assertThat(List.copyOf(RecipeYaml.TOP_LEVEL_FIELDS)).contains("group", "groups");
    }

    @Test
    void groupsOtherThanAllOrWithGroupOrNetcdf3IsRefused() {
        failsAt(BASE + "groups: some\n", "some", true).contains("groups must be all");
        failsAt(BASE + "group: /Grid\ngroups: all\n", "groups:", false)
                .contains("cannot be combined with group: /Grid");
        failsAt(BASE + "file_type: netcdf3\ngroups: all\n", "groups:", false)
                .contains("groups: all needs NetCDF-4/HDF5 inputs");
        assertThatThrownBy(() -> Recipe.builder(parse(BASE).filePattern()).allGroups(true).group("/Grid").build())
                .hasMessageContaining("cannot be combined");
    }
}
