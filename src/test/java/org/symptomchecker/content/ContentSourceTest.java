package org.symptomchecker.content;

import io.quarkus.runtime.LaunchMode;
import org.junit.jupiter.api.Test;
import org.symptomchecker.SymptomConfig.Content.Source;

import static org.assertj.core.api.Assertions.assertThat;

/** A packaged service serves releases whatever is configured: the content folders are read as they are in dev (and test) mode only. */
class ContentSourceTest {

    @Test
    void productionAlwaysServesReleases() {
        assertThat(ActiveContent.servesReleases(Source.files, LaunchMode.NORMAL)).isTrue();
        assertThat(ActiveContent.servesReleases(Source.releases, LaunchMode.NORMAL)).isTrue();
    }

    @Test
    void devAndTestModeServeWhatIsConfigured() {
        assertThat(ActiveContent.servesReleases(Source.files, LaunchMode.DEVELOPMENT)).isFalse();
        assertThat(ActiveContent.servesReleases(Source.files, LaunchMode.TEST)).isFalse();
        assertThat(ActiveContent.servesReleases(Source.releases, LaunchMode.DEVELOPMENT)).isTrue();
    }
}
