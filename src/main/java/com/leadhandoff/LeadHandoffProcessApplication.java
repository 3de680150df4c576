package com.leadhandoff;

import com.leadhandoff.routing.PackagedTables;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.spring.boot.starter.SpringBootProcessApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The process application (named by spring.application.name, resources from META-INF/processes.xml):
 * the starter's own, except that packaged rule tables never replace a table deployed since by an
 * ops lead (see {@link PackagedTables}).
 */
@Configuration
public class LeadHandoffProcessApplication extends SpringBootProcessApplication {

  @Autowired
  private PackagedTables packagedTables;

  @Override
  public void createDeployment(String processArchiveName, DeploymentBuilder deploymentBuilder) {
    packagedTables.keepLaterDeployments(deploymentBuilder);
  }
}
