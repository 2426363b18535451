package dev.agentguard.agent.install.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import org.junit.jupiter.api.Test;

/**
 * The guard's weaver gives {@link Sample} the behaviour its advice asks for (enter, exit, skip, argument
 * and return replacement, the exception seen, suppressed and replaced, the method's own handler first,
 * fields, two-slot values, a constructor), and exactly the behaviour Byte Buddy's {@code Advice} gives the
 * same class with the same advice: both are run through one script and their transcripts compared.
 */
class WovenBehaviourTest {
    /** method name + descriptor -> advice class. */
    private static final Map<String, Class<?>> ADVICE = new LinkedHashMap<>();

    static {
        ADVICE.put("greet(Ljava/lang/String;)Ljava/lang/String;", SampleAdvice.Greet.class);
        ADVICE.put("twice(I)I", SampleAdvice.Twice.class);
        ADVICE.put("fail(Ljava/lang/String;)Ljava/lang/String;", SampleAdvice.Fail.class);
        ADVICE.put("describe()Ljava/lang/String;", SampleAdvice.Describe.class);
        ADVICE.put("wide(JDLjava/lang/String;)J", SampleAdvice.Wide.class);
        ADVICE.put("caught(Ljava/lang/String;)Ljava/lang/String;", SampleAdvice.Caught.class);
        ADVICE.put("<init>(Ljava/lang/String;)V", SampleAdvice.Constructed.class);
        ADVICE.put("bump(I)I", SampleAdvice.Bump.class);
        ADVICE.put("mixed(IJZCDLjava/lang/String;)Ljava/lang/String;", SampleAdvice.Mixed.class);
    }

    @Test
    void wovenSampleBehavesAsTheAdviceSays() throws Exception {
        List<String> t = script(define(ourWeaving()));
        assertThat(t).containsExactly(
                "constructed guard Sample",
                "enter world", "exit WORLD hello WORLD from guard", "= hello WORLD from guard!",
                "twice null 6", "= 6",
                "twice skip 0", "= -1",
                "fail boom java.lang.IllegalStateException: boom null", "! IllegalStateException boom",
                "fail suppress java.lang.IllegalStateException: suppress null", "= suppressed",
                "fail replace java.lang.IllegalStateException: replace null", "! UnsupportedOperationException replaced",
                "fail  null empty", "= empty",
                "describe guard static-label describe Sample", "= guard",
                "wide 3 2.0", "= 133",
                "caught null caught null", "= caught null",
                "caught null fine", "= fine",
                "= 107",
                "mixed Integer:7 Long:8 Boolean:true Character:c Double:1.5 String:s "
                        + "dev.agentguard.agent.install.weave.Sample.mixed(IJZCDLjava/lang/String;)Ljava/lang/String; mixed",
                "= s7");
    }

    @Test
    void ourWeavingMatchesByteBuddysAdvice() throws Exception {
        assertThat(script(define(ourWeaving()))).isEqualTo(script(define(byteBuddyWeaving())));
    }

    @Test
    void everyMethodIsReportedWoven() throws Exception {
        ClassWeaver.Result result = ClassWeaver.weave(sampleBytes(), getClass().getClassLoader(), adviceClasses());
        assertThat(result.woven()).containsExactlyInAnyOrderElementsOf(ADVICE.keySet());
    }

    @Test
    void aMissingFieldIsNamedAndNothingIsWoven() throws Exception {
        Map<String, AdviceClass> methods = Map.of("twice(I)I", AdviceClass.of(SampleAdvice.MissingField.class));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ClassWeaver.weave(sampleBytes(), getClass().getClassLoader(), methods))
                .isInstanceOf(WeaveException.class)
                .hasMessageContaining("dev.agentguard.agent.install.weave.Sample.twice(I)I")
                .hasMessageContaining("@FieldValue(\"nosuch\"): no such field");
    }

    /** Calls every woven method; records what the advice saw and what each call returned or threw. */
    private static List<String> script(Class<?> sample) throws Exception {
        Recorder.take();
        List<String> t = new ArrayList<>();
        Object s = sample.getConstructor(String.class).newInstance("guard");
        t.addAll(Recorder.take());
        call(t, s, "greet", new Class<?>[] {String.class}, "world");
        call(t, s, "twice", new Class<?>[] {int.class}, 3);
        call(t, s, "twice", new Class<?>[] {int.class}, -3);
        call(t, s, "fail", new Class<?>[] {String.class}, "boom");
        call(t, s, "fail", new Class<?>[] {String.class}, "suppress");
        call(t, s, "fail", new Class<?>[] {String.class}, "replace");
        call(t, s, "fail", new Class<?>[] {String.class}, "");
        call(t, s, "describe", new Class<?>[0]);
        call(t, s, "wide", new Class<?>[] {long.class, double.class, String.class}, 3L, 4.0, "x");
        call(t, s, "caught", new Class<?>[] {String.class}, (Object) null);
        call(t, s, "caught", new Class<?>[] {String.class}, "fine");
        call(t, null, "bump", new Class<?>[] {int.class}, 5);
        call(t, s, "mixed", new Class<?>[] {int.class, long.class, boolean.class, char.class, double.class,
                String.class}, 7, 8L, true, 'c', 1.5, "s");
        return t;
    }

    private static void call(List<String> t, Object target, String name, Class<?>[] types, Object... args)
            throws Exception {
        Class<?> type = target == null ? Class.forName(Sample.class.getName(), false, loaderOfLastDefined)
                : target.getClass();
        Method m = type.getMethod(name, types);
        try {
            Object r = m.invoke(target, args);
            t.addAll(Recorder.take());
            t.add("= " + r);
        } catch (InvocationTargetException e) {
            t.addAll(Recorder.take());
            t.add("! " + e.getCause().getClass().getSimpleName() + " " + e.getCause().getMessage());
        }
    }

    private static ClassLoader loaderOfLastDefined;

    /** Defines {@code bytes} as {@link Sample} in a loader of its own, which finds everything else in ours. */
    private static Class<?> define(byte[] bytes) throws Exception {
        ClassLoader parent = WovenBehaviourTest.class.getClassLoader();
        ClassLoader loader = new ClassLoader(parent) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                if (n.equals(Sample.class.getName())) {
                    synchronized (getClassLoadingLock(n)) {
                        Class<?> c = findLoadedClass(n);
                        return c != null ? c : defineClass(n, bytes, 0, bytes.length);
                    }
                }
                return super.loadClass(n, resolve);
            }
        };
        loaderOfLastDefined = loader;
        return Class.forName(Sample.class.getName(), true, loader);
    }

    private static Map<String, AdviceClass> adviceClasses() throws WeaveException {
        Map<String, AdviceClass> methods = new LinkedHashMap<>();
        for (Map.Entry<String, Class<?>> e : ADVICE.entrySet()) {
            methods.put(e.getKey(), AdviceClass.of(e.getValue()));
        }
        return methods;
    }

    private static byte[] ourWeaving() throws Exception {
        return ClassWeaver.weave(sampleBytes(), WovenBehaviourTest.class.getClassLoader(), adviceClasses())
                .classFile();
    }

    /** The same advice woven as the guard wove it before its own weaver: Byte Buddy's {@code Advice}. */
    private static byte[] byteBuddyWeaving() {
        ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(WovenBehaviourTest.class.getClassLoader());
        AsmVisitorWrapper.ForDeclaredMethods visitor = new AsmVisitorWrapper.ForDeclaredMethods();
        for (Map.Entry<String, Class<?>> e : ADVICE.entrySet()) {
            String key = e.getKey();
            String name = key.substring(0, key.indexOf('('));
            String descriptor = key.substring(key.indexOf('('));
            ElementMatcher.Junction<MethodDescription> method = name.equals("<init>")
                    ? ElementMatchers.<MethodDescription>isConstructor()
                    : ElementMatchers.<MethodDescription>named(name);
            visitor = visitor.invokable(method.and(ElementMatchers.hasDescriptor(descriptor)),
                    Advice.to(e.getValue(), locator));
        }
        return new ByteBuddy().redefine(Sample.class, locator).visit(visitor).make().getBytes();
    }

    private static byte[] sampleBytes() throws Exception {
        try (InputStream in = Sample.class.getResourceAsStream("Sample.class")) {
            return in.readAllBytes();
        }
    }
}
