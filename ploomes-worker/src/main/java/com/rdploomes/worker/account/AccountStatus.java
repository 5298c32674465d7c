package com.rdploomes.worker.account;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Where the startup checks stand, shared by the checks (which write it), the conversion steps (which read
 * the account) and the health endpoint (which shows it).
 */
public class AccountStatus implements Supplier<PloomesAccount> {

    /** One state of the checks. */
    public sealed interface State {
        /** Not run yet. */
        record Unchecked() implements State {
        }

        /** Ploomes could not be asked; tried again at {@code nextAttemptAt}. */
        record Unreachable(String reason, int attempts, Instant nextAttemptAt) implements State {
        }

        /** The configuration matches the account. */
        record Ready(PloomesAccount account) implements State {
        }

        /** The configuration does not match the account: the worker stops. */
        record Misconfigured(List<String> problems) implements State {
        }
    }

    private final AtomicReference<State> state = new AtomicReference<>(new State.Unchecked());

    public State state() {
        return state.get();
    }

    void set(State next) {
        state.set(next);
    }

    /**
     * The checked account. Conversions are consumed only after the checks passed, so this never throws while
     * the worker consumes; it does for code that runs too early, which is a bug.
     */
    @Override
    public PloomesAccount get() {
        if (state.get() instanceof State.Ready ready) {
            return ready.account();
        }
        throw new IllegalStateException("the Ploomes account has not been checked yet (" + state.get() + ")");
    }

    /** A status that is ready with this account, for code that checked it elsewhere (tests, tools). */
    public static AccountStatus ready(PloomesAccount account) {
        AccountStatus status = new AccountStatus();
        status.set(new State.Ready(account));
        return status;
    }
}
