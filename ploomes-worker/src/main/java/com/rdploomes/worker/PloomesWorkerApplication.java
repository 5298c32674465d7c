package com.rdploomes.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import com.rdploomes.model.TopologyConfiguration;
import com.rdploomes.worker.admin.cli.DeadLettersCli;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TopologyConfiguration.class)
public class PloomesWorkerApplication {

    public static void main(String[] args) {
        // the operators' command line shares the jar and the environment, not the service's start-up
        if (DeadLettersCli.handles(args)) {
            System.exit(DeadLettersCli.run(args));
        }
        SpringApplication.run(PloomesWorkerApplication.class, args);
    }
}
