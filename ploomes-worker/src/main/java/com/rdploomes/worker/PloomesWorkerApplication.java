package com.rdploomes.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import com.rdploomes.model.TopologyConfiguration;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(TopologyConfiguration.class)
public class PloomesWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PloomesWorkerApplication.class, args);
    }
}
