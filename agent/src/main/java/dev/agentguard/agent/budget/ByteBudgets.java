package dev.agentguard.agent.budget;

import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.budget.Size;
import dev.agentguard.policy.net.BudgetHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Outbound byte budgets (POLICY.md section 11): one total for the JVM's lifetime and one per remote host.
 * A write is charged whole or not at all, so nothing past a budget leaves: when the total and the host's
 * budget cannot both take the write, neither is charged. Lock-free (compare-and-set).
 */
public final class ByteBudgets {
    private final long totalLimit;
    private final AtomicLong totalUsed = new AtomicLong();
    private final HostBudget[] hosts;

    /** One per-host budget: the host (name, address or block) as written, its limit and what it has used. */
    static final class HostBudget {
        final String written;
        final BudgetHost pattern;
        final long limit;
        final AtomicLong used = new AtomicLong();

        HostBudget(String written, BudgetHost pattern, long limit) {
            this.written = written;
            this.pattern = pattern;
            this.limit = limit;
        }
    }

    public ByteBudgets(long totalLimit, Map<String, Long> perHost) {
        this.totalLimit = totalLimit;
        List<HostBudget> list = new ArrayList<>();
        for (Map.Entry<String, Long> e : perHost.entrySet()) {
            try {
                list.add(new HostBudget(e.getKey(), BudgetHost.parse(e.getKey()), e.getValue()));
            } catch (PatternException ex) {
                // The loader validated every key; a key that fails here cannot be matched, so nothing is exempt.
                throw new IllegalStateException("budget host " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
        this.hosts = list.toArray(new HostBudget[0]);
    }

    public boolean limited() {
        return totalLimit >= 0 || hosts.length > 0;
    }

    /**
     * Charges {@code bytes} sent to the peer at {@code address} (may be null), known by {@code names} (the
     * names the guard saw resolve to the address; may be empty). Returns null when charged, or the budget
     * that refused it, in words.
     */
    public String charge(long bytes, String[] names, byte[] address) {
        if (bytes <= 0) {
            return null;
        }
        HostBudget host = find(names, address);
        if (!take(totalUsed, totalLimit, bytes)) {
            return "budgets.outbound_bytes (" + Size.format(totalLimit) + ", " + Size.format(totalUsed.get())
                    + " used)";
        }
        if (host != null && !take(host.used, host.limit, bytes)) {
            totalUsed.addAndGet(-bytes);
            return "budgets.outbound_bytes_per_host[" + host.written + "] (" + Size.format(host.limit) + ", "
                    + Size.format(host.used.get()) + " used)";
        }
        return null;
    }

    /**
     * Takes back {@code bytes} of a charge to the same host that did not leave (a partial non-blocking
     * write). The host is found by its names again; a name learnt in between could credit a host that was
     * not charged, so a host's use never drops below zero.
     */
    public void refund(long bytes, String[] names, byte[] address) {
        if (bytes <= 0) {
            return;
        }
        totalUsed.addAndGet(-bytes);
        HostBudget host = find(names, address);
        if (host != null) {
            // A compare-and-set loop, not accumulateAndGet with a lambda: the guard's check-time code
            // bootstraps no call sites (NoCallSiteBootstrapTest).
            long now;
            do {
                now = host.used.get();
            } while (!host.used.compareAndSet(now, Math.max(0, now - bytes)));
        }
    }

    private HostBudget find(String[] names, byte[] address) {
        for (HostBudget h : hosts) {
            if (h.pattern.matches(names, address)) {
                return h;
            }
        }
        return null;
    }

    /** Adds {@code bytes} to {@code used} unless that would pass {@code limit} (-1: no limit). */
    private static boolean take(AtomicLong used, long limit, long bytes) {
        while (true) {
            long now = used.get();
            long next = now + bytes;
            if (limit >= 0 && next > limit) {
                return false;
            }
            if (used.compareAndSet(now, next)) {
                return true;
            }
        }
    }

    /** Usage for the summary record. */
    public Map<String, Object> usage() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("outbound_bytes", totalUsed.get());
        if (totalLimit >= 0) {
            out.put("outbound_bytes_limit", totalLimit);
        }
        Map<String, Object> perHost = new LinkedHashMap<>();
        for (HostBudget h : hosts) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("used", h.used.get());
            one.put("limit", h.limit);
            perHost.put(h.written, one);
        }
        if (!perHost.isEmpty()) {
            out.put("outbound_bytes_per_host", perHost);
        }
        return out;
    }
}
