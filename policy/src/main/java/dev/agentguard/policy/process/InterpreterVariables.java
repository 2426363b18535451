package dev.agentguard.policy.process;

import java.util.Set;

/**
 * Variables that turn a program into an interpreter of its environment: set by the application for a
 * child, they make a granted program load or run code the policy never saw ({@code GIT_CONFIG_*} setting
 * {@code core.fsmonitor} makes {@code git status} run a shell; {@code PAGER}, {@code EDITOR} and
 * {@code GIT_SSH_COMMAND} are commands; {@code BASH_ENV} is a script every non-interactive bash sources;
 * {@code JAVA_TOOL_OPTIONS} adds agents to any JVM).
 *
 * <p>The application may pass one of these to a child only where the exec rule that grants the start
 * names it exactly in its {@code env} list; a glob there, or {@code process.env.pass}, never grants one.
 * The list is wider than the inherited-variable strip list ({@code EnvRules.BUILT_IN_STRIP}): it also
 * holds variables that are harmless when the user set them for the JVM (a user's {@code PAGER}) but are a
 * way out when the application chooses them. Whole families are prefixes ({@code LD_}, {@code GIT_CONFIG}).
 */
public final class InterpreterVariables {
    private InterpreterVariables() {}

    private static final Set<String> NAMES = Set.of(
            // dynamic linker and C library
            "GCONV_PATH", "HOSTALIASES", "LOCPATH", "NLSPATH", "RESOLV_HOST_CONF", "MALLOC_CHECK_",
            // JVMs and the JDK's launchers
            "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH", "JAVA_HOME",
            "MAVEN_OPTS", "MAVEN_ARGS", "GRADLE_OPTS", "JAVA_OPTS",
            // shells
            "BASH_ENV", "ENV", "PROMPT_COMMAND", "SHELLOPTS", "BASHOPTS", "PS4", "IFS", "CDPATH", "ZDOTDIR",
            "SHELL",
            // interpreters
            "NODE_OPTIONS", "NODE_PATH", "PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME", "PYTHONUSERBASE",
            "PYTHONINSPECT", "PYTHONWARNINGS", "PERL5OPT", "PERL5LIB", "PERLLIB", "PERL5DB", "RUBYOPT",
            "RUBYLIB", "GEM_PATH", "GEM_HOME", "BUNDLE_GEMFILE", "PHPRC", "PHP_INI_SCAN_DIR", "R_PROFILE",
            "R_PROFILE_USER", "R_ENVIRON", "R_ENVIRON_USER",
            // build and archive tools: options that name commands (tar --to-command, make --eval, go -toolexec)
            "TAR_OPTIONS", "MAKEFLAGS", "MFLAGS", "GNUMAKEFLAGS", "GOFLAGS", "RUSTC_WRAPPER",
            "RUSTC_WORKSPACE_WRAPPER", "RSYNC_RSH", "RSYNC_CONNECT_PROG", "CVS_RSH", "SVN_SSH", "HGRCPATH",
            // programs that other programs run: pagers, editors, browsers, askpass
            "PAGER", "MANPAGER", "EDITOR", "VISUAL", "BROWSER", "LESSOPEN", "LESSCLOSE", "SSH_ASKPASS",
            "SUDO_ASKPASS", "TERMINAL",
            // git (configuration, and programs it runs)
            "GIT_DIR", "GIT_WORK_TREE", "GIT_EXEC_PATH", "GIT_TEMPLATE_DIR", "GIT_SSH", "GIT_SSH_COMMAND",
            "GIT_ASKPASS", "GIT_EDITOR", "GIT_SEQUENCE_EDITOR", "GIT_PAGER", "GIT_EXTERNAL_DIFF",
            "GIT_PROXY_COMMAND", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_OBJECT_DIRECTORY",
            "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES", "GIT_ALLOW_PROTOCOL",
            "GIT_PROTOCOL_FROM_USER",
            // where programs find their configuration: a home or config directory the application picks
            "HOME", "XDG_CONFIG_HOME", "XDG_CONFIG_DIRS", "XDG_DATA_HOME", "XDG_DATA_DIRS",
            "PATH", "TMPDIR", "CURL_HOME", "WGETRC", "NPM_CONFIG_USERCONFIG", "PIP_CONFIG_FILE",
            "DOCKER_CONFIG", "KUBECONFIG", "GNUPGHOME", "SSH_AUTH_SOCK",
            // the C library's tunables (parsed by the dynamic linker, also of set-user-ID programs)
            "GLIBC_TUNABLES");

    /**
     * Families written as a prefix: every name that starts with one is on the list. {@code GIT_TRACE*} names a
     * file git writes to (there are a dozen: {@code GIT_TRACE_PERFORMANCE}, {@code GIT_TRACE2_PERF}, ...);
     * {@code LUA_} covers the versioned {@code LUA_INIT_5_4}; npm reads {@code npm_config_*} in any case.
     */
    private static final String[] PREFIXES = {
        "LD_", "DYLD_", "GIT_CONFIG", "GIT_TRACE", "NPM_CONFIG_", "npm_config_", "BASH_FUNC_", "PYTHON", "PERL",
        "RUBY", "NODE_", "LUA_",
    };

    /** Whether {@code name} makes a program run code or read configuration from where its value says. */
    public static boolean contains(String name) {
        if (name == null) {
            return false;
        }
        if (NAMES.contains(name)) {
            return true;
        }
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Why, for a denial message: one short phrase. */
    public static String why(String name) {
        return name + " makes a program load or run code, or read its configuration, from where the value says";
    }
}
