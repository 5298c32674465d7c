package com.rdploomes.worker.crm;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.rdploomes.worker.ploomes.FakePloomes;

final class FakePloomesFactory {

    private FakePloomesFactory() {
    }

    static FakePloomes start() {
        try {
            return new FakePloomes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
