/**
 * The file-path part of the policy: compiled path globs ({@link dev.agentguard.policy.file.PathGlob}),
 * the two forms of a path that are checked ({@link dev.agentguard.policy.file.PathForms}) and the
 * compiled {@code files:} section with the JVM baseline and the always-protected paths
 * ({@link dev.agentguard.policy.file.FileRules}).
 *
 * <p>Everything here is pure Java with no instrumentation, so that the rules can be tested, explained
 * on the command line and reused by the agent alike. Matching a path allocates nothing; only a denial
 * builds a reason string.
 */
package dev.agentguard.policy.file;
