package com.leadhandoff.cluster;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gives this node's job executor a stable name ({@code lead-handoff.node-id}, by default host name
 * and port), and on start releases the jobs its previous run had locked. A node killed with jobs
 * in hand would otherwise leave them, and the timers among them, locked until the lock expires;
 * with this, a restarted node takes them up again at once. Every node of a cluster needs its own
 * id: two nodes with one id would release each other's jobs.
 */
@Component
public class NodeIdentity extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(NodeIdentity.class);

  private final String nodeId;
  private final DataSource dataSource;

  public NodeIdentity(@Value("${lead-handoff.node-id}") String nodeId, DataSource dataSource) {
    this.nodeId = nodeId;
    this.dataSource = dataSource;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.getJobExecutor().setLockOwner(nodeId);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    int released = new JdbcTemplate(dataSource).update(
        "update ACT_RU_JOB set LOCK_OWNER_ = null, LOCK_EXP_TIME_ = null where LOCK_OWNER_ = ?", nodeId);
    if (released > 0) {
      log.info("Node {} released {} jobs its previous run had locked", nodeId, released);
    }
  }

  public String nodeId() {
    return nodeId;
  }
}
