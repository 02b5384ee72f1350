package org.symptomchecker.console.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which paths belong to the console API and pages, with the tricks a path can play. */
class ConsolePathsTest {

    @Test
    void theApiIsItsRootAndWhatIsBelowIt() {
        assertThat(ConsolePaths.isApi("/api/v1/admin/content")).isTrue();
        assertThat(ConsolePaths.isApi("/api/v1/admin/content/users")).isTrue();
        assertThat(ConsolePaths.isApi("/api/v1/admin/contents")).isFalse();
        assertThat(ConsolePaths.isApi("/api/v1/admin/corpus/status")).isFalse();
        assertThat(ConsolePaths.isApi("/api/v1/chat")).isFalse();
    }

    @Test
    void doubledSlashesAndDotSegmentsDoNotHideTheApi() {
        assertThat(ConsolePaths.isApi("//api/v1//admin/content/users")).isTrue();
        assertThat(ConsolePaths.isApi("/api/v1/admin/./content/users")).isTrue();
        assertThat(ConsolePaths.isApi("/api/v1/admin/corpus/../content/users")).isTrue();
        assertThat(ConsolePaths.isApi("/api/v1/admin/content/../corpus")).isFalse();
    }

    @Test
    void pagesAreUnderConsole() {
        assertThat(ConsolePaths.isPage("/console")).isTrue();
        assertThat(ConsolePaths.isPage("/console/logout")).isTrue();
        assertThat(ConsolePaths.isPage("/consoles")).isFalse();
    }
}
