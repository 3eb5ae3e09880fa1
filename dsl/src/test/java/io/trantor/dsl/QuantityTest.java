package io.trantor.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
        "100Ki, 102400",
        "1Mi, 1048576",
        "1.5Gi, 1610612736",
        "2Ti, 2199023255552",
        "1Pi, 1125899906842624",
        "1k, 1000",
        "3M, 3000000",
        "3G, 3000000000",
        "1T, 1000000000000",
        "1000000, 1000000",
        "0, 0",
        "1e6, 1000000",
        "1E3, 1000",
        "0.5k, 500",
        ".5Ki, 512",
        "+1Ki, 1024",
    })
    void parsesKubernetesQuantitiesIntoBytes(String text, long bytes) {
        assertThat(Quantity.parse(text).bytes()).isEqualTo(bytes);
    }

    @Test
    void roundsFractionalBytesUpAsKubernetesDoes() {
        assertThat(Quantity.parse("100m").bytes()).isEqualTo(1);
        assertThat(Quantity.parse("1.1").bytes()).isEqualTo(2);
    }

    @Test
    void keepsTheOriginalTextForWritingBack() {
        assertThat(Quantity.parse("1.5Gi").text()).isEqualTo("1.5Gi");
        assertThat(Quantity.parse("1.5Gi")).hasToString("1.5Gi");
        assertThat(Quantity.ofBytes(2048)).isEqualTo(new Quantity("2048", 2048));
    }

    @Test
    void parsesNegativeQuantitiesSoThatValidationCanRejectThemWithAPath() {
        assertThat(Quantity.parse("-1Ki").bytes()).isEqualTo(-1024);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Ki", "abc", "1KB", "1ki", "1 Gi x", "1.2.3", "1e", "1Gi5"})
    void rejectsTextThatIsNotAQuantity(String text) {
        assertThatThrownBy(() -> Quantity.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.isEmpty() ? "\"\"" : text);
    }

    @Test
    void namesTheUnknownSuffixAndTheKnownOnes() {
        assertThatThrownBy(() -> Quantity.parse("1KB"))
                .hasMessage("\"1KB\" has unknown suffix \"KB\"; expected one of Ki Mi Gi Ti Pi Ei, n u m k M G T P E"
                        + " or an exponent like e6");
    }

    @Test
    void rejectsQuantitiesBeyondALong() {
        assertThatThrownBy(() -> Quantity.parse("100Ei")).hasMessageContaining("too large");
        assertThatThrownBy(() -> Quantity.parse("1e999999")).isInstanceOf(IllegalArgumentException.class);
    }
}
