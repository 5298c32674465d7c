package com.rdploomes.worker.admin.http;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import com.rdploomes.worker.admin.AdminSettings;
import com.rdploomes.worker.admin.deadletters.DeadLetters;

@Configuration(proxyBeanMethods = false)
@Conditional(AdminTokenConfigured.class)
class AdminWebConfiguration {

    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AdminSettings settings) {
        FilterRegistrationBean<AdminTokenFilter> registration = new FilterRegistrationBean<>(new AdminTokenFilter(settings.token()));
        registration.addUrlPatterns("/admin", "/admin/*");
        registration.setName("adminToken");
        return registration;
    }

    @Bean
    ReplayJobs replayJobs(DeadLetters deadLetters) {
        return new ReplayJobs(deadLetters);
    }
}
