package dev.agentguard.agent.install.weave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.agent.hooks.Hook;
import dev.agentguard.agent.hooks.HookTable;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every advice of every hook row, on every JDK, uses only the forms the guard's weaver supports; every row
 * for this JDK weaves into this JDK's class; and each form the weaver does not support is refused with the
 * advice and the form named, here at build time rather than at some JVM's start.
 */
class AdviceSupportTest {
    @Test
    void everyHookAdviceIsSupported() {
        Set<Class<?>> advice = new java.util.LinkedHashSet<>();
        for (Hook row : HookTable.rows()) {
            advice.add(row.advice());
        }
        assertThat(advice).hasSizeGreaterThan(50);
        for (Class<?> type : advice) {
            try {
                AdviceClass read = AdviceClass.of(type);
                assertThat(read.enter() != null || read.exit() != null).as(type.getName()).isTrue();
            } catch (WeaveException e) {
                throw new AssertionError(type.getName() + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void everyRowForThisJdkIsWovenIntoItsClass() throws Exception {
        Map<String, Map<String, AdviceClass>> byClass = new LinkedHashMap<>();
        int rows = 0;
        for (Hook row : HookTable.rowsFor(Runtime.version().feature())) {
            byClass.computeIfAbsent(row.className(), k -> new HashMap<>())
                    .put(row.method() + row.descriptor(), AdviceClass.of(row.advice()));
            rows++;
        }
        int woven = 0;
        for (Map.Entry<String, Map<String, AdviceClass>> e : byClass.entrySet()) {
            byte[] original;
            try (InputStream in = ClassLoader.getSystemResourceAsStream(e.getKey().replace('.', '/') + ".class")) {
                original = in.readAllBytes();
            }
            ClassWeaver.Result result = ClassWeaver.weave(original, null, e.getValue());
            assertThat(result.woven()).as(e.getKey()).containsExactlyInAnyOrderElementsOf(e.getValue().keySet());
            assertThat(result.classFile()).as(e.getKey()).isNotEqualTo(original);
            woven += result.woven().size();
        }
        assertThat(woven).isEqualTo(rows);
    }

    static Stream<Arguments> unsupported() {
        return Stream.of(
                Arguments.of(UnsupportedAdvice.NotInlined.class, "@OnMethodEnter(inline = false) is not supported"),
                Arguments.of(UnsupportedAdvice.Suppressing.class, "@OnMethodExit(suppress = Ljava/lang/Throwable;) is not supported"),
                Arguments.of(UnsupportedAdvice.AllArgumentsWritable.class, "@AllArguments(readOnly = false) is not supported"),
                Arguments.of(UnsupportedAdvice.LocalVariable.class, "@Local is not supported"),
                Arguments.of(UnsupportedAdvice.WritesReadOnly.class, "writes its read-only parameter ARGUMENT"),
                Arguments.of(UnsupportedAdvice.CallsItsOwnClass.class, "calls helper of its own class"),
                Arguments.of(UnsupportedAdvice.TypeOrigin.class, "@Origin(\"#t\") is not supported"),
                Arguments.of(UnsupportedAdvice.Unannotated.class, "parameter 0 has no advice annotation"),
                Arguments.of(UnsupportedAdvice.ThrownWithoutOnThrowable.class, "@Thrown needs onThrowable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupported")
    void anUnsupportedFormIsRefusedByName(Class<?> advice, String message) {
        assertThatThrownBy(() -> AdviceClass.of(advice))
                .isInstanceOf(WeaveException.class)
                .hasMessageContaining("advice " + advice.getName())
                .hasMessageContaining(message);
    }
}
