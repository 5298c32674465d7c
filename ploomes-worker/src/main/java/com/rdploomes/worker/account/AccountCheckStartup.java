package com.rdploomes.worker.account;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.context.SmartLifecycle;

import com.rdploomes.worker.ploomes.PloomesException;

/**
 * Runs the account checks when the worker starts, before the conversion listener starts, and keeps the
 * listener from consuming until they pass. Why the listener waits: a conversion taken before the checks
 * would either fail on a bad setting (and burn its retry tiers on a problem no retry fixes) or need the
 * checked phone types. The decision for each outcome:
 *
 * <ul>
 * <li>passed: the listener starts as usual;</li>
 * <li>the configuration does not match the account (or Ploomes refuses the key): startup fails with every
 * problem named, so a wrong value never reaches a conversion;</li>
 * <li>Ploomes cannot be reached (timeouts, 5xx, 429): the worker starts anyway, health shows the Ploomes
 * check OUT_OF_SERVICE with the reason, the checks are tried again every retry interval in the background,
 * and the listener starts when they pass; conversions meanwhile wait in the queue, where nothing is lost.
 * A mismatch found by a later try stops the worker ({@link ConfigurationStop}).</li>
 * </ul>
 */
public class AccountCheckStartup implements SmartLifecycle {

    /** The conversion listener's id (intake's ConversionListener). */
    static final String LISTENER_ID = "conversions";

    private static final Logger log = LoggerFactory.getLogger(AccountCheckStartup.class);

    private final PloomesAccountCheck check;
    private final AccountStatus status;
    /**
     * Looked up when needed, not injected: Spring starts a lifecycle bean's dependencies before it, whatever
     * their phase, so a registry injected here would start the listener before the checks.
     */
    private final Supplier<RabbitListenerEndpointRegistry> listeners;
    private final Duration retryInterval;
    private final ConfigurationStop stop;
    private final Clock clock;
    private ScheduledExecutorService retries;
    private volatile boolean running;
    private int attempts;

    public AccountCheckStartup(PloomesAccountCheck check, AccountStatus status,
                               Supplier<RabbitListenerEndpointRegistry> listeners,
                               Duration retryInterval, ConfigurationStop stop, Clock clock) {
        this.check = check;
        this.status = status;
        this.listeners = listeners;
        this.retryInterval = retryInterval;
        this.stop = stop;
        this.clock = clock;
    }

    /** Before the listener registry (which starts in the last phase). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    @Override
    public void start() {
        running = true;
        Outcome outcome = attempt();
        if (outcome == Outcome.MISCONFIGURED) {
            throw new AccountMisconfiguredException(((AccountStatus.State.Misconfigured) status.state()).problems());
        }
        if (outcome == Outcome.UNREACHABLE) {
            MessageListenerContainer listener = listener();
            if (listener != null) {
                // read by the registry when it starts, right after this phase
                listener.setAutoStartup(false);
            }
            retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "ploomes-account-check");
                thread.setDaemon(true);
                return thread;
            });
            scheduleRetry();
        }
    }

    private void scheduleRetry() {
        retries.schedule(this::retry, retryInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retry() {
        if (!running) {
            return;
        }
        switch (attempt()) {
            case PASSED -> {
                MessageListenerContainer listener = listener();
                if (listener != null && !listener.isRunning()) {
                    listener.setAutoStartup(true);
                    listener.start();
                    log.info("Ploomes account checks passed: conversion listener started");
                }
            }
            case MISCONFIGURED -> stop.stop(String.join("; ",
                    ((AccountStatus.State.Misconfigured) status.state()).problems()));
            case UNREACHABLE -> scheduleRetry();
        }
    }

    private Outcome attempt() {
        attempts++;
        try {
            PloomesAccount account = check.run();
            status.set(new AccountStatus.State.Ready(account));
            log.info("Ploomes account checks passed: pipeline {} stage {} owner {} phone types mobile={} landline={} "
                    + "mapped fields {}", account.pipeline(), account.stage(), account.owner(),
                    account.mobilePhoneTypeId(), account.landlinePhoneTypeId(), account.fieldNames().size());
            return Outcome.PASSED;
        } catch (AccountMisconfiguredException e) {
            return misconfigured(e.getMessage(), e.problems());
        } catch (PloomesException e) {
            if (e.status() == 401 || e.status() == 403) {
                String problem = "Ploomes refused PLOOMES_API_KEY (" + e.call() + " answered " + e.status()
                        + "): set the key of an integration user whose profile may read pipelines, users and fields";
                return misconfigured(problem, java.util.List.of(problem));
            }
            if (!e.isTransient()) {
                String problem = "Ploomes at PLOOMES_API_URL refused the startup check: " + e.getMessage();
                return misconfigured(problem, java.util.List.of(problem));
            }
            status.set(new AccountStatus.State.Unreachable(e.getMessage(), attempts,
                    clock.instant().plus(retryInterval)));
            log.warn("Ploomes cannot be reached for the startup checks (attempt {}): {}; conversions wait in the queue, "
                    + "next try in {}", attempts, e.getMessage(), retryInterval);
            return Outcome.UNREACHABLE;
        }
    }

    private Outcome misconfigured(String message, java.util.List<String> problems) {
        status.set(new AccountStatus.State.Misconfigured(problems));
        log.error("the worker's configuration does not match the Ploomes account, so it stops: {}", message);
        return Outcome.MISCONFIGURED;
    }

    private MessageListenerContainer listener() {
        RabbitListenerEndpointRegistry registry = listeners.get();
        MessageListenerContainer listener = registry == null ? null : registry.getListenerContainer(LISTENER_ID);
        if (listener == null) {
            log.warn("no listener '{}' to hold until the Ploomes checks pass", LISTENER_ID);
        }
        return listener;
    }

    @Override
    public void stop() {
        running = false;
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private enum Outcome { PASSED, MISCONFIGURED, UNREACHABLE }
}
