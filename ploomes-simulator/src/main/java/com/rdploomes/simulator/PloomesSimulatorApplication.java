package com.rdploomes.simulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * An in-memory stand-in for the subset of the Ploomes CRM REST API this project uses, with rate
 * limiting, latency and fault injection, so that tests, demos and benchmarks never need a real
 * Ploomes account.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PloomesSimulatorApplication {

  public static void main(String[] args) {
    SpringApplication.run(PloomesSimulatorApplication.class, args);
  }
}
