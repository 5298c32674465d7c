package com.rdploomes.simulator.gate;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GateConfiguration {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> ploomesGateValve(PloomesGate gate) {
    return factory -> factory.addContextValves(new GateValve(gate));
  }
}
