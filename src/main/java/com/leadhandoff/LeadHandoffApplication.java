package com.leadhandoff;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LeadHandoffApplication {

  public static void main(String[] args) {
    SpringApplication.run(LeadHandoffApplication.class, args);
  }
}
