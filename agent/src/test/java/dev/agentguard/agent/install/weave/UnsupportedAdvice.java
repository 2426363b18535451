package dev.agentguard.agent.install.weave;

import net.bytebuddy.asm.Advice;

/** Advice in forms the guard's weaver refuses; {@link AdviceSupportTest} checks each is refused by name. */
final class UnsupportedAdvice {
    private UnsupportedAdvice() {}

    static final class NotInlined {
        @Advice.OnMethodEnter(inline = false)
        static void enter(@Advice.Argument(0) String s) {
            Recorder.add(s);
        }
    }

    static final class Suppressing {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return String s) {
            Recorder.add(s);
        }
    }

    static final class AllArgumentsWritable {
        @Advice.OnMethodEnter
        static void enter(@Advice.AllArguments(readOnly = false) Object[] args) {
            Recorder.add(String.valueOf(args.length));
        }
    }

    static final class LocalVariable {
        @Advice.OnMethodEnter
        static void enter(@Advice.Local("x") String x) {
            Recorder.add(x);
        }
    }

    static final class WritesReadOnly {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String s) {
            s = "changed";
            Recorder.add(s);
        }
    }

    static final class CallsItsOwnClass {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(0) String s) {
            helper(s);
        }

        static void helper(String s) {
            Recorder.add(s);
        }
    }

    static final class TypeOrigin {
        @Advice.OnMethodEnter
        static void enter(@Advice.Origin("#t") String type) {
            Recorder.add(type);
        }
    }

    static final class Unannotated {
        @Advice.OnMethodEnter
        static void enter(String s) {
            Recorder.add(s);
        }
    }

    static final class ThrownWithoutOnThrowable {
        @Advice.OnMethodExit
        static void exit(@Advice.Thrown Throwable t) {
            Recorder.add(String.valueOf(t));
        }
    }
}
