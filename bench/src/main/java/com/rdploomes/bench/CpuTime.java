package com.rdploomes.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * CPU time from /proc, to say what a saturated run spent its two cores on: the service's process, the broker's
 * (RabbitMQ's Erlang VM, beam.smp, when it runs on this machine) and the machine as a whole.
 */
record CpuTime(long serviceTicks, long brokerTicks, Machine machine) {

    /** Linux's USER_HZ, the unit of /proc's CPU times, is 100 on every architecture Java runs on. */
    private static final double TICK_SECONDS = 0.01;

    static CpuTime sample(long servicePid, OptionalLong brokerPid) throws IOException {
        return new CpuTime(ticks(servicePid), brokerPid.isPresent() ? ticks(brokerPid.getAsLong()) : 0,
                Machine.sample());
    }

    /**
     * Waits until the machine's cores are less than a quarter busy over a quarter second (the broker done with a
     * purge, say), or the limit passes; polling, because there is nothing to be told by.
     */
    static void awaitQuiet(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Machine last = Machine.sample();
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            Machine now = Machine.sample();
            if (last.busySince(now) < 0.25) {
                return;
            }
            last = now;
        }
    }

    /** The whole machine's busy and total ticks, the first line of /proc/stat. */
    record Machine(long busyTicks, long ticks) {

        static Machine sample() throws IOException {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]); // idle + iowait
            return new Machine(total - idle, total);
        }

        /** The share of the cores busy between this sample and a later one. */
        double busySince(Machine later) {
            return later.ticks == ticks ? 0 : (double) (later.busyTicks - busyTicks) / (later.ticks - ticks);
        }
    }

    /** The RabbitMQ node on this machine, if one runs here. */
    static OptionalLong brokerPid() throws IOException {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("comm")).trim().equals("beam.smp");
                        } catch (IOException gone) {
                            return false;
                        }
                    })
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString())).findFirst();
        }
    }

    /** utime + stime of a process (fields 14 and 15 of /proc/PID/stat, counted after the command's parenthesis). */
    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** What happened between this sample and a later one, for that many requests. */
    Spent until(CpuTime later, long requests) {
        double cores = machine.busySince(later.machine);
        return new Spent(micros(later.serviceTicks - serviceTicks, requests),
                micros(later.brokerTicks - brokerTicks, requests), cores);
    }

    private static double micros(long ticks, long requests) {
        return requests == 0 ? Double.NaN : Math.round(ticks * TICK_SECONDS * 1e6 / requests);
    }

    /** CPU µs a request of the service and of the broker, and the fraction of the machine's cores that was busy. */
    record Spent(double serviceMicrosPerRequest, double brokerMicrosPerRequest, double machineBusy) {
    }
}
