package com.leadhandoff.cluster;

import com.leadhandoff.DatabaseKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * This node's name in the cluster. With {@code NODE_ID} set, the job executor locks jobs under that
 * name, and on start the node frees the jobs its previous run had locked, so a node killed with
 * jobs in hand takes them up again at once instead of after the lock time. Two live nodes with one
 * id would free each other's jobs, so on PostgreSQL the node holds an advisory lock on its id for
 * as long as it runs and refuses to start when another node holds it. Without {@code NODE_ID} the
 * name is host, port and a random part: unique, but a restart cannot recognise its old locks. The
 * name is also recorded with every job in Camunda's job log, so one can see which node did what.
 */
@Component
public class NodeIdentity extends AbstractProcessEnginePlugin implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(NodeIdentity.class);

  private final String nodeId;
  private final boolean stable;
  private final DataSource dataSource;
  private Connection advisoryLock;

  public NodeIdentity(@Value("${lead-handoff.node-id:}") String configured, @Value("${server.port:8080}") int port, DataSource dataSource) {
    this.stable = configured != null && !configured.isBlank();
    this.nodeId = stable ? configured.strip() : hostName() + "-" + port + "-" + UUID.randomUUID().toString().substring(0, 8);
    this.dataSource = dataSource;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    configuration.getJobExecutor().setLockOwner(nodeId);
    configuration.setHostname(nodeId);
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    if (!stable) {
      return;
    }
    claimIdOnPostgres();
    int released = new JdbcTemplate(dataSource).update(
        "update ACT_RU_JOB set LOCK_OWNER_ = null, LOCK_EXP_TIME_ = null where LOCK_OWNER_ = ?", nodeId);
    if (released > 0) {
      log.info("Node {} released {} jobs its previous run had locked", nodeId, released);
    }
  }

  /** A session-level advisory lock on the id, held on its own connection until this node stops. */
  private void claimIdOnPostgres() {
    try {
      Connection connection = dataSource.getConnection();
      if (!DatabaseKind.postgres(connection)) {
        connection.close();
        return;
      }
      try (var statement = connection.prepareStatement("select pg_try_advisory_lock(hashtext(?))")) {
        statement.setString(1, "lead-handoff-node:" + nodeId);
        try (var rows = statement.executeQuery()) {
          rows.next();
          if (!rows.getBoolean(1)) {
            connection.close();
            throw new IllegalStateException("Another running node uses NODE_ID '" + nodeId + "': give every node its own NODE_ID");
          }
        }
      }
      advisoryLock = connection;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot check that NODE_ID '" + nodeId + "' is unique", e);
    }
  }

  @Override
  public void destroy() throws SQLException {
    if (advisoryLock != null) {
      advisoryLock.close();
    }
  }

  public String nodeId() {
    return nodeId;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "node";
    }
  }
}
