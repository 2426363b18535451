package dev.agentguard.agent.install.weave;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Advice for {@link Sample}, one shape each, in the forms the guard's hooks use. */
final class SampleAdvice {
    private SampleAdvice() {}

    /** An argument rewritten before the body, the return value replaced after it. */
    static final class Greet {
        @Advice.OnMethodEnter
        static String enter(@Advice.Argument(value = 0, readOnly = false) String who) {
            Recorder.add("enter", who);
            who = who.toUpperCase();
            return who;
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter String entered, @Advice.Return(readOnly = false) String returned) {
            Recorder.add("exit", entered, returned);
            returned = Recorder.exclaim(returned);
        }
    }

    /** The body skipped on a non-null enter value; the exit advice then sets the return value. */
    static final class Twice {
        @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class)
        static Object enter(@Advice.Argument(0) int x) {
            return x < 0 ? "skip" : null;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object skipped, @Advice.Return(readOnly = false) int returned) {
            Recorder.add("twice", Recorder.text(skipped), Recorder.text(returned));
            if (skipped != null) {
                returned = -1;
            }
        }
    }

    /** The exception seen, suppressed or replaced by the exit advice. */
    static final class Fail {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Argument(0) String message, @Advice.Thrown(readOnly = false) Throwable thrown,
                         @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned) {
            Recorder.add("fail", message, Recorder.text(thrown), Recorder.text(returned));
            if (message.equals("suppress")) {
                thrown = null;
                returned = "suppressed";
            } else if (message.equals("replace")) {
                thrown = new UnsupportedOperationException("replaced");
            }
        }
    }

    /** Fields (an instance one and a static one), the receiver and the method's name. */
    static final class Describe {
        @Advice.OnMethodEnter
        static void enter(@Advice.FieldValue("name") String name, @Advice.FieldValue("LABEL") String label,
                          @Advice.Origin("#m") String method, @Advice.This Object self) {
            Recorder.add("describe", name, label, method, self.getClass().getSimpleName());
        }
    }

    /** Two-slot arguments and locals in both the advice and the method. */
    static final class Wide {
        @Advice.OnMethodEnter
        static long enter(@Advice.Argument(value = 0, readOnly = false) long a, @Advice.Argument(1) double b) {
            long before = a;
            double half = b / 2;
            a = a + 1;
            Recorder.add("wide", Recorder.text(before), Recorder.text(half));
            return before;
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Enter long before, @Advice.Return(readOnly = false) long returned) {
            long times = 10;
            returned = returned * times + before;
        }
    }

    /** The method's own handler catches first; the exit advice sees no exception. */
    static final class Caught {
        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Thrown Throwable thrown, @Advice.Return String returned) {
            Recorder.add("caught", Recorder.text(thrown), returned);
        }
    }

    /** A constructor's exit, with the receiver and its field set. */
    static final class Constructed {
        @Advice.OnMethodExit
        static void exit(@Advice.This Object self, @Advice.Argument(0) String name) {
            Recorder.add("constructed", name, self.getClass().getSimpleName());
        }
    }

    /** An int argument incremented in place (iinc on a writable argument), in a static method. */
    static final class Bump {
        @Advice.OnMethodEnter
        static void enter(@Advice.Argument(value = 0, readOnly = false) int x) {
            x++;
            x += 100;
        }
    }

    /** Names a field {@link Sample} does not have: refused when woven, naming the method. */
    static final class MissingField {
        @Advice.OnMethodEnter
        static void enter(@Advice.FieldValue("nosuch") String value) {
            Recorder.add(value);
        }
    }

    /** Every argument boxed into a new array, and the method named with its type and descriptor. */
    static final class Mixed {
        @Advice.OnMethodEnter
        static void enter(@Advice.AllArguments Object[] args, @Advice.Origin("#t.#m#d") String full,
                          @Advice.Origin("#m") String method) {
            StringBuilder b = new StringBuilder();
            for (Object a : args) {
                b.append(a == null ? "null" : a.getClass().getSimpleName() + ":" + a).append(' ');
            }
            args[0] = "not seen by the method"; // the array is the advice's own: the method's arguments stay
            Recorder.add("mixed", b.toString().trim(), full, method);
        }
    }
}
